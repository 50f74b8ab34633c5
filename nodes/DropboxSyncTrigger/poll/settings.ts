// Reads and checks the trigger's watch parameters (shared by the polling and the webhook trigger).
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compileGlob } from '../../DropboxSync/helpers/glob';
import { checkPath } from '../../DropboxSync/helpers/paths';
import type { DropboxContext } from '../../DropboxSync/transport/connection';
import type { ChangeEvent } from '../helpers/changeTracker';
import { CHANGE_EVENTS } from '../helpers/changeTracker';

export interface WatchSettings {
	path: string;
	recursive: boolean;
	events: Set<ChangeEvent>;
	glob?: RegExp;
	includeExisting: boolean;
	/** Identifies what the saved cursor watches; other settings start over. */
	scope: string;
}

type ParameterReader = (name: string, fallback?: unknown) => unknown;

export function readSettings(ctx: DropboxContext): WatchSettings {
	const parameter = ctx.getNodeParameter.bind(ctx) as ParameterReader;
	const locator = parameter('folder') as { mode?: string; value?: unknown } | string;
	const mode = typeof locator === 'object' ? locator.mode : 'path';
	let raw = typeof locator === 'object' ? String(locator.value ?? '') : String(locator ?? '');
	if (mode === 'id' && raw.trim() !== '' && !/^(id|ns):/.test(raw.trim())) raw = `id:${raw.trim()}`;
	const checked = checkPath(raw, { allowRoot: true, label: 'folder path' });
	if (!checked.ok) throw new NodeOperationError(ctx.getNode(), checked.problem, { description: checked.fix });
	const events = new Set((parameter('events', []) as ChangeEvent[]).filter((event) => CHANGE_EVENTS.includes(event)));
	if (events.size === 0) throw new NodeOperationError(ctx.getNode(), 'No events selected', { description: 'Choose at least one event to watch for' });
	const options = parameter('options', {}) as IDataObject;
	const pattern = String(options.pathGlob ?? '').trim();
	let glob: RegExp | undefined;
	if (pattern !== '') {
		const compiled = compileGlob(pattern);
		if (!compiled.ok) throw new NodeOperationError(ctx.getNode(), compiled.problem, { description: compiled.fix });
		glob = compiled.regex;
	}
	const recursive = parameter('recursive', true) === true;
	return {
		path: checked.path,
		recursive,
		events,
		glob,
		includeExisting: options.includeExisting === true,
		scope: JSON.stringify([checked.path.toLowerCase(), recursive, pattern]),
	};
}
