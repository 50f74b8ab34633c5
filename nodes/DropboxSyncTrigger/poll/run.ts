// One catch-up of the Dropbox Sync Trigger on its saved list_folder cursor.
//
// - First run (or new watch settings): start from now (get_latest_cursor), remembering what is
//   already there, or report everything with Include Existing Files.
// - Later runs: list_folder/continue until Dropbox has no more; a `reset` cursor is re-listed and
//   only real changes come out (what was reported is in `known`).
// The state is worked on as a copy and written back only when everything was read, so a failed
// run repeats the same window. Shared by the polling trigger and the webhook trigger.
import type { INodeExecutionData } from 'n8n-workflow';

import type { DropboxMetadata } from '../../DropboxSync/helpers/metadata';
import { metadataOutput } from '../../DropboxSync/helpers/metadata';
import type { DropboxContext } from '../../DropboxSync/transport/connection';
import { hasErrorTag } from '../../DropboxSync/transport/errors';
import type { ListFolderPage } from '../../DropboxSync/transport/listing';
import { continueListing, listFolderPages } from '../../DropboxSync/transport/listing';
import { dropboxRpc } from '../../DropboxSync/transport/request';
import type { Change, ChangeEvent, KnownPaths } from '../helpers/changeTracker';
import { MAX_KNOWN_PATHS, trackEntries, vanishedSince } from '../helpers/changeTracker';
import type { WatchSettings } from './settings';
import type { TriggerState } from './state';

export const PAGE_SIZE = 2000;

export function toItems(changes: Change[], events: Set<ChangeEvent>): INodeExecutionData[] {
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

async function folderLowerOf(ctx: DropboxContext, path: string): Promise<string> {
	if (path === '' || path.startsWith('/')) return path.toLowerCase();
	const metadata = await dropboxRpc<DropboxMetadata>(ctx, 'files/get_metadata', { path }, { subject: { path, kind: 'folder' } });
	return metadata.path_lower ?? path.toLowerCase();
}

/**
 * Lists the folder from scratch, tracking every entry; returns the changes, the listed paths
 * and the final cursor. With `maxEntries` it stops after that many entries (complete: false).
 */
async function listAll(ctx: DropboxContext, settings: WatchSettings, known: KnownPaths, folderLower: string, maxEntries = Infinity) {
	const changes: Change[] = [];
	const listed = new Set<string>();
	let cursor = '';
	let complete = true;
	for await (const page of listFolderPages(ctx, { path: settings.path, recursive: settings.recursive, limit: PAGE_SIZE })) {
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

/**
 * Reads every change since the saved cursor (or sets the cursor up on a first run) and writes
 * the new state into `state`. Returns the items to emit (possibly none).
 */
export async function catchUp(ctx: DropboxContext, settings: WatchSettings, state: TriggerState): Promise<INodeExecutionData[]> {
	// Work on a copy: if the run fails half-way, the saved state stays as it was.
	const known: KnownPaths = state.scope === settings.scope ? { ...(state.known ?? {}) } : {};
	let changes: Change[] = [];
	let cursor: string;
	let folderLower: string;

	if (state.scope !== settings.scope || !state.cursor) {
		// First run (or new settings): start from now, or report what is there.
		folderLower = await folderLowerOf(ctx, settings.path);
		if (settings.includeExisting) {
			({ changes, cursor } = await listAll(ctx, settings, known, folderLower));
		} else {
			({ cursor } = await dropboxRpc<{ cursor: string }>(ctx, 'files/list_folder/get_latest_cursor', {
				path: settings.path,
				recursive: settings.recursive,
			}));
			// Remember what is already there without reporting it, so that a later edit of such a
			// file is an update and a cursor reset does not report it as new (bounded).
			await listAll(ctx, settings, known, folderLower, MAX_KNOWN_PATHS);
		}
	} else {
		folderLower = state.folderLower ?? (await folderLowerOf(ctx, settings.path));
		cursor = state.cursor;
		let reset = false;
		// Thousands of changes come in several pages: read until Dropbox has no more.
		for (let hasMore = true; hasMore; ) {
			let page: ListFolderPage;
			try {
				page = await continueListing(ctx, cursor);
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
			const relisted = await listAll(ctx, settings, known, folderLower);
			changes.push(...relisted.changes, ...vanishedSince(known, relisted.listed, folderLower));
			cursor = relisted.cursor;
		}
	}

	state.scope = settings.scope;
	state.cursor = cursor;
	state.folderLower = folderLower;
	state.known = known;
	return toItems(changes, settings.events);
}
