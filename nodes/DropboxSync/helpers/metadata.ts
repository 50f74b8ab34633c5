// Shapes of Dropbox metadata and the small conversions the operations share. Output keeps
// Dropbox's own field names (snake_case) so people can match them with Dropbox's docs; `type`
// replaces the awkward ".tag" key. Pure (the n8n import is a type).

import type { IDataObject } from 'n8n-workflow';

export interface DropboxMetadata {
	'.tag'?: 'file' | 'folder' | 'deleted';
	name: string;
	path_lower?: string;
	path_display?: string;
	id?: string;
	rev?: string;
	size?: number;
	content_hash?: string;
	server_modified?: string;
	client_modified?: string;
	[key: string]: unknown;
}

export type MetadataOutput = IDataObject & { type: 'file' | 'folder' | 'deleted' };

/** Metadata as an output item's json: ".tag" becomes `type` (FileMetadata results carry no tag). */
export function metadataOutput(metadata: DropboxMetadata, fallbackType: 'file' | 'folder' = 'file'): MetadataOutput {
	const { '.tag': tag, ...rest } = metadata;
	return { type: tag ?? fallbackType, ...(rest as IDataObject) };
}

/** Dropbox timestamps: UTC, whole seconds, "2026-03-01T12:00:00Z". */
export function toDropboxTimestamp(value: string | Date): string | undefined {
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** File extension without the dot, lowercase ("poster.JPG" -> "jpg"; none -> ""). */
export function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** "jpg, .PNG ,tif" -> ["jpg", "png", "tif"]. */
export function parseExtensions(value: string): string[] {
	return value
		.split(/[,\s]+/)
		.map((extension) => extension.trim().replace(/^\*?\./, '').toLowerCase())
		.filter((extension) => extension !== '');
}

/** "a, b ,c" or ["a","b"] -> ["a","b","c"] without empties or duplicates. */
export function parseList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
}

/** Dropbox revs are hex, at least 9 characters. */
export function isRev(value: string): boolean {
	return /^[0-9a-f]{9,}$/i.test(value);
}

/** Dropbox tags: letters, digits and underscores, 1 to 32 characters; stored lowercase. */
export function checkTag(tag: string): { ok: true; tag: string } | { ok: false; problem: string; fix: string } {
	const text = tag.trim();
	if (!/^\w{1,32}$/.test(text)) {
		return {
			ok: false,
			problem: `The tag "${text}" is not valid`,
			fix: 'Dropbox tags use only letters, digits and underscores, 1 to 32 characters (e.g. "approved_2026")',
		};
	}
	return { ok: true, tag: text.toLowerCase() };
}

export interface ListFilters {
	extensions?: string[];
	modifiedAfter?: number;
	glob?: RegExp;
	includeFiles?: boolean;
	includeFolders?: boolean;
	includeDeleted?: boolean;
}

/** Whether a list_folder entry passes the user's filters (applied after Dropbox's paging). */
export function passesFilters(entry: DropboxMetadata, filters: ListFilters): boolean {
	const tag = entry['.tag'] ?? 'file';
	if (tag === 'file' && filters.includeFiles === false) return false;
	if (tag === 'folder' && filters.includeFolders === false) return false;
	if (tag === 'deleted' && !filters.includeDeleted) return false;
	if (filters.extensions && filters.extensions.length > 0) {
		if (tag === 'folder') return false;
		if (!filters.extensions.includes(extensionOf(entry.name))) return false;
	}
	if (filters.modifiedAfter !== undefined) {
		if (tag !== 'file' || !entry.server_modified) return false;
		if (Date.parse(entry.server_modified) <= filters.modifiedAfter) return false;
	}
	if (filters.glob) {
		const path = entry.path_display ?? entry.path_lower ?? entry.name;
		if (!filters.glob.test(path.replace(/^\/+/, ''))) return false;
	}
	return true;
}
