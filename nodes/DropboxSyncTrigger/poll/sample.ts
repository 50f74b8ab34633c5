// A manual test ("Fetch Test Event"): the most recently modified entries, without touching the
// saved cursor. Shared by the polling and the webhook trigger.
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DropboxMetadata } from '../../DropboxSync/helpers/metadata';
import { metadataOutput } from '../../DropboxSync/helpers/metadata';
import type { DropboxContext } from '../../DropboxSync/transport/connection';
import { listFolderPages } from '../../DropboxSync/transport/listing';
import type { ChangeEvent } from '../helpers/changeTracker';
import { PAGE_SIZE } from './run';
import type { WatchSettings } from './settings';

/** How many recent items a manual test returns. */
const SAMPLE_SIZE = 10;
/** Pages a manual test reads at most to find recent files. */
const SAMPLE_PAGES = 5;

export async function sample(ctx: DropboxContext, settings: WatchSettings): Promise<INodeExecutionData[]> {
	const wantsFiles = settings.events.has('fileAdded') || settings.events.has('fileUpdated') || settings.events.has('fileDeleted');
	const candidates: DropboxMetadata[] = [];
	let pages = 0;
	for await (const page of listFolderPages(ctx, { path: settings.path, recursive: settings.recursive, limit: PAGE_SIZE })) {
		for (const entry of page.entries) {
			const tag = entry['.tag'] ?? 'file';
			if (tag === 'deleted' || (tag === 'file') !== wantsFiles) continue;
			if (settings.glob && !settings.glob.test((entry.path_display ?? '').replace(/^\/+/, ''))) continue;
			candidates.push(entry);
		}
		if (++pages >= SAMPLE_PAGES) break;
	}
	if (candidates.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `Nothing in ${settings.path || '/'} matches the trigger's settings yet`, {
			description: 'Add a file to the folder (matching the path glob, if set) and fetch a test event again.',
		});
	}
	const recent = candidates
		.sort((a, b) => String(b.server_modified ?? '').localeCompare(String(a.server_modified ?? '')))
		.slice(0, SAMPLE_SIZE);
	const event: ChangeEvent = wantsFiles ? (settings.events.has('fileAdded') || !settings.events.has('fileUpdated') ? 'fileAdded' : 'fileUpdated') : 'folderAdded';
	return recent.map((entry) => ({ json: { event, ...metadataOutput(entry), sample: true } }));
}
