// Decides what a batch of list_folder entries means: file added, file updated, file deleted,
// folder added, or nothing new. Pure. It keeps a compact, bounded record of what it has
// reported (path_lower -> rev for files, a marker for folders), which is what lets a cursor
// `reset` be re-listed without reporting anything twice and tells an update from an add.

import type { DropboxMetadata } from '../../DropboxSync/helpers/metadata';
import { isInside } from '../../DropboxSync/helpers/paths';

export type ChangeEvent = 'fileAdded' | 'fileUpdated' | 'fileDeleted' | 'folderAdded';

export const CHANGE_EVENTS: ChangeEvent[] = ['fileAdded', 'fileUpdated', 'fileDeleted', 'folderAdded'];

/** Value recorded for a folder (revs are hex, so this cannot clash). */
export const FOLDER_MARK = '/';

/** Most paths remembered; the least recently changed are forgotten first. */
export const MAX_KNOWN_PATHS = 20000;

/** path_lower -> rev (files) or FOLDER_MARK (folders), least recently changed first. */
export type KnownPaths = Record<string, string>;

export interface Change {
	event: ChangeEvent;
	entry: DropboxMetadata;
	/** The rev we knew before an update or deletion. */
	previousRev?: string;
}

export interface TrackOptions {
	/** path_lower of the watched folder ("" for the root): its own entry is not a change. */
	folderLower: string;
	/** Only paths matching this glob are reported (and remembered). */
	glob?: RegExp;
	maxKnown?: number;
}

function keyOf(entry: DropboxMetadata): string | undefined {
	return entry.path_lower ?? entry.path_display?.toLowerCase();
}

function matches(glob: RegExp | undefined, entry: DropboxMetadata): boolean {
	if (!glob) return true;
	const path = entry.path_display ?? entry.path_lower ?? '';
	return glob.test(path.replace(/^\/+/, ''));
}

/** Records a path as most recently changed. */
function remember(known: KnownPaths, key: string, value: string) {
	delete known[key];
	known[key] = value;
}

/** Forgets the oldest entries above the bound. */
export function trimKnown(known: KnownPaths, maxKnown = MAX_KNOWN_PATHS) {
	const keys = Object.keys(known);
	for (let index = 0; index < keys.length - maxKnown; index++) delete known[keys[index]];
}

/**
 * Applies entries in order (as list_folder returns them) to `known`, returning the changes to
 * report. Entries seen before with the same rev (a replayed page, a re-listing after a reset)
 * produce nothing.
 */
export function trackEntries(known: KnownPaths, entries: DropboxMetadata[], options: TrackOptions): Change[] {
	const changes: Change[] = [];
	for (const entry of entries) {
		const key = keyOf(entry);
		if (key === undefined || key === options.folderLower) continue;
		const tag = entry['.tag'] ?? 'file';
		const previous = known[key];
		if (tag === 'deleted') {
			if (previous === FOLDER_MARK) {
				// One deleted entry stands for the folder and everything in it.
				delete known[key];
				for (const [child, rev] of Object.entries(known)) {
					if (!child.startsWith(`${key}/`)) continue;
					delete known[child];
					if (rev !== FOLDER_MARK) {
						const name = child.slice(child.lastIndexOf('/') + 1);
						changes.push({ event: 'fileDeleted', entry: { '.tag': 'deleted', name, path_lower: child, path_display: child }, previousRev: rev });
					}
				}
			} else if (previous !== undefined) {
				delete known[key];
				changes.push({ event: 'fileDeleted', entry, previousRev: previous });
			} else if (matches(options.glob, entry)) {
				// Never seen (it existed before the trigger started): still a deletion to report.
				changes.push({ event: 'fileDeleted', entry });
			}
			continue;
		}
		if (!matches(options.glob, entry)) continue;
		if (tag === 'folder') {
			if (previous === FOLDER_MARK) continue;
			remember(known, key, FOLDER_MARK);
			changes.push({ event: 'folderAdded', entry });
			continue;
		}
		const rev = String(entry.rev ?? '');
		if (previous === rev) continue;
		remember(known, key, rev);
		const isUpdate = previous !== undefined && previous !== FOLDER_MARK;
		changes.push({ event: isUpdate ? 'fileUpdated' : 'fileAdded', entry, ...(isUpdate ? { previousRev: previous } : {}) });
	}
	trimKnown(known, options.maxKnown);
	return changes;
}

/**
 * After re-listing a folder (cursor reset): files we knew under it that the listing no longer
 * has were deleted while the cursor could not tell us.
 */
export function vanishedSince(known: KnownPaths, listedKeys: Set<string>, folderLower: string): Change[] {
	const changes: Change[] = [];
	for (const [key, rev] of Object.entries(known)) {
		if (listedKeys.has(key) || !isInside(key, folderLower)) continue;
		delete known[key];
		if (rev === FOLDER_MARK) continue;
		const name = key.slice(key.lastIndexOf('/') + 1);
		changes.push({ event: 'fileDeleted', entry: { '.tag': 'deleted', name, path_lower: key, path_display: key }, previousRev: rev });
	}
	return changes;
}
