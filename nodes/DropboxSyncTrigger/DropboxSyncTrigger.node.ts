import type {
	IDataObject,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { authenticationProperty, credentials } from '../DropboxSync/actions/node.description';
import { folderLocator } from '../DropboxSync/actions/common.descriptions';
import { compileGlob } from '../DropboxSync/helpers/glob';
import type { DropboxMetadata } from '../DropboxSync/helpers/metadata';
import { metadataOutput } from '../DropboxSync/helpers/metadata';
import { checkPath } from '../DropboxSync/helpers/paths';
import { searchFolders } from '../DropboxSync/methods/listSearch';
import { hasErrorTag } from '../DropboxSync/transport/errors';
import type { ListFolderPage } from '../DropboxSync/transport/listing';
import { continueListing, listFolderPages } from '../DropboxSync/transport/listing';
import { dropboxRpc } from '../DropboxSync/transport/request';
import type { Change, ChangeEvent, KnownPaths } from './helpers/changeTracker';
import { CHANGE_EVENTS, MAX_KNOWN_PATHS, trackEntries, vanishedSince } from './helpers/changeTracker';

/** What the trigger keeps between polls (n8n saves it with the workflow). */
interface TriggerState extends IDataObject {
	/** The watch settings the cursor belongs to; a change starts over. */
	scope?: string;
	cursor?: string;
	folderLower?: string;
	known?: KnownPaths;
}

/** How many recent items a manual test ("Fetch Test Event") returns. */
const SAMPLE_SIZE = 10;
/** Pages a manual test reads at most to find recent files. */
const SAMPLE_PAGES = 5;
const PAGE_SIZE = 2000;

interface Settings {
	path: string;
	recursive: boolean;
	events: Set<ChangeEvent>;
	glob?: RegExp;
	includeExisting: boolean;
	scope: string;
}

function readSettings(this: IPollFunctions): Settings {
	const locator = this.getNodeParameter('folder') as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'object' ? locator.mode : 'path';
	let raw = typeof locator === 'object' ? String(locator.value ?? '') : String(locator ?? '');
	if (mode === 'id' && raw.trim() !== '' && !/^(id|ns):/.test(raw.trim())) raw = `id:${raw.trim()}`;
	const checked = checkPath(raw, { allowRoot: true, label: 'folder path' });
	if (!checked.ok) throw new NodeOperationError(this.getNode(), checked.problem, { description: checked.fix });
	const events = new Set((this.getNodeParameter('events', []) as ChangeEvent[]).filter((event) => CHANGE_EVENTS.includes(event)));
	if (events.size === 0) throw new NodeOperationError(this.getNode(), 'No events selected', { description: 'Choose at least one event to watch for' });
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const pattern = String(options.pathGlob ?? '').trim();
	let glob: RegExp | undefined;
	if (pattern !== '') {
		const compiled = compileGlob(pattern);
		if (!compiled.ok) throw new NodeOperationError(this.getNode(), compiled.problem, { description: compiled.fix });
		glob = compiled.regex;
	}
	const recursive = this.getNodeParameter('recursive', true) === true;
	return {
		path: checked.path,
		recursive,
		events,
		glob,
		includeExisting: options.includeExisting === true,
		scope: JSON.stringify([checked.path.toLowerCase(), recursive, pattern]),
	};
}

function toItems(changes: Change[], events: Set<ChangeEvent>): INodeExecutionData[] {
	return changes
		.filter((change) => events.has(change.event))
		.map((change) => ({
			json: {
				event: change.event,
				...metadataOutput(change.entry),
				...(change.previousRev ? { previousRev: change.previousRev } : {}),
			},
		}));
}

async function folderLowerOf(this: IPollFunctions, path: string): Promise<string> {
	if (path === '' || path.startsWith('/')) return path.toLowerCase();
	const metadata = await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path }, { subject: { path, kind: 'folder' } });
	return metadata.path_lower ?? path.toLowerCase();
}

/**
 * Lists the folder from scratch, tracking every entry; returns the changes, the listed paths
 * and the final cursor. With `maxEntries` it stops after that many entries (complete: false).
 */
async function listAll(this: IPollFunctions, settings: Settings, known: KnownPaths, folderLower: string, maxEntries = Infinity) {
	const changes: Change[] = [];
	const listed = new Set<string>();
	let cursor = '';
	let complete = true;
	for await (const page of listFolderPages(this, { path: settings.path, recursive: settings.recursive, limit: PAGE_SIZE })) {
		for (const entry of page.entries) if (entry.path_lower) listed.add(entry.path_lower);
		changes.push(...trackEntries(known, page.entries, { folderLower, glob: settings.glob }));
		cursor = page.cursor;
		if (page.has_more && listed.size >= maxEntries) {
			complete = false;
			break;
		}
	}
	return { changes, listed, cursor, complete };
}

/** A manual test: the most recently modified entries, without touching the saved cursor. */
async function sample(this: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][]> {
	const wantsFiles = settings.events.has('fileAdded') || settings.events.has('fileUpdated') || settings.events.has('fileDeleted');
	const candidates: DropboxMetadata[] = [];
	let pages = 0;
	for await (const page of listFolderPages(this, { path: settings.path, recursive: settings.recursive, limit: PAGE_SIZE })) {
		for (const entry of page.entries) {
			const tag = entry['.tag'] ?? 'file';
			if (tag === 'deleted' || (tag === 'file') !== wantsFiles) continue;
			if (settings.glob && !settings.glob.test((entry.path_display ?? '').replace(/^\/+/, ''))) continue;
			candidates.push(entry);
		}
		if (++pages >= SAMPLE_PAGES) break;
	}
	if (candidates.length === 0) {
		throw new NodeOperationError(this.getNode(), `Nothing in ${settings.path || '/'} matches the trigger's settings yet`, {
			description: 'Add a file to the folder (matching the path glob, if set) and fetch a test event again.',
		});
	}
	const recent = candidates
		.sort((a, b) => String(b.server_modified ?? '').localeCompare(String(a.server_modified ?? '')))
		.slice(0, SAMPLE_SIZE);
	const event: ChangeEvent = wantsFiles ? (settings.events.has('fileAdded') || !settings.events.has('fileUpdated') ? 'fileAdded' : 'fileUpdated') : 'folderAdded';
	return [recent.map((entry) => ({ json: { event, ...metadataOutput(entry), sample: true } }))];
}

export class DropboxSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dropbox Sync Trigger',
		name: 'dropboxSyncTrigger',
		icon: { light: 'file:dropboxSyncTrigger.svg', dark: 'file:dropboxSyncTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watching " + ($parameter["folder"].value || "/")}}',
		description: 'Starts the workflow when files are added, changed or deleted in a Dropbox folder',
		defaults: { name: 'Dropbox Sync Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties: [
			authenticationProperty,
			{ ...folderLocator, description: 'The folder to watch; "/" watches the whole Dropbox' },
			{
				displayName: 'Include Subfolders',
				name: 'recursive',
				type: 'boolean',
				default: true,
				description: 'Whether to watch the subfolders too, at any depth',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'File Added', value: 'fileAdded', description: 'A file appears (uploaded, copied or moved in)' },
					{ name: 'File Deleted', value: 'fileDeleted', description: 'A file is deleted or moved away' },
					{ name: 'File Updated', value: 'fileUpdated', description: 'A file the trigger has seen gets new content' },
					{ name: 'Folder Added', value: 'folderAdded', description: 'A folder is created' },
				],
				default: ['fileAdded', 'fileUpdated'],
				description: 'Which changes start the workflow; each item has an "event" field saying which one it is',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Existing Files',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first run reports everything already in the folder as added; by default the trigger starts from the moment it is activated',
					},
					{
						displayName: 'Path Glob',
						name: 'pathGlob',
						type: 'string',
						default: '',
						placeholder: 'e.g. **/Approved/**',
						description:
							'Only changes whose full path matches: * is any characters in a name, ** any number of folders, {jpg,png} alternatives. Case-insensitive.',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchFolders } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings.call(this);
		if (this.getMode() === 'manual') return await sample.call(this, settings);

		const state = this.getWorkflowStaticData('node') as TriggerState;
		// Work on a copy: if the poll fails half-way, the saved state stays as it was.
		const known: KnownPaths = state.scope === settings.scope ? { ...(state.known ?? {}) } : {};
		let changes: Change[] = [];
		let cursor: string;
		let folderLower: string;

		if (state.scope !== settings.scope || !state.cursor) {
			// First run (or new settings): start from now, or report what is there.
			folderLower = await folderLowerOf.call(this, settings.path);
			if (settings.includeExisting) {
				({ changes, cursor } = await listAll.call(this, settings, known, folderLower));
			} else {
				({ cursor } = await dropboxRpc<{ cursor: string }>(this, 'files/list_folder/get_latest_cursor', {
					path: settings.path,
					recursive: settings.recursive,
				}));
				// Remember what is already there without reporting it, so that a later edit of such a
				// file is an update and a cursor reset does not report it as new (bounded).
				await listAll.call(this, settings, known, folderLower, MAX_KNOWN_PATHS);
			}
		} else {
			folderLower = state.folderLower ?? (await folderLowerOf.call(this, settings.path));
			cursor = state.cursor;
			let reset = false;
			// Thousands of changes come in several pages: read until Dropbox has no more.
			for (let hasMore = true; hasMore; ) {
				let page: ListFolderPage;
				try {
					page = await continueListing(this, cursor);
				} catch (error) {
					if (!hasErrorTag(error, 'reset')) throw error as Error;
					reset = true;
					break;
				}
				changes.push(...trackEntries(known, page.entries, { folderLower, glob: settings.glob }));
				cursor = page.cursor;
				hasMore = page.has_more;
			}
			if (reset) {
				// Dropbox can no longer serve the cursor: list again. What was already reported is in
				// `known`, so only real changes come out; files that disappeared are reported deleted.
				const relisted = await listAll.call(this, settings, known, folderLower);
				changes.push(...relisted.changes, ...vanishedSince(known, relisted.listed, folderLower));
				cursor = relisted.cursor;
			}
		}

		state.scope = settings.scope;
		state.cursor = cursor;
		state.folderLower = folderLower;
		state.known = known;
		const items = toItems(changes, settings.events);
		return items.length > 0 ? [items] : null;
	}
}
