// Collection paths such as `Launch 2027/Germany/Shoes/Social` for Collection > Ensure Path.
import { InputError } from './inputError';

export const PATH_HINT = 'Write the path as names separated by "/", e.g. Launch 2027/Germany/Shoes/Social';

/** Splits a path into level names (trimmed); a leading or trailing "/" is ignored. */
export function splitCollectionPath(path: unknown): string[] {
	const text = typeof path === 'string' ? path.trim().replace(/^\/+|\/+$/g, '') : '';
	if (text === '') throw new InputError('Collection path is empty', PATH_HINT);
	const names = text.split('/').map((name) => name.trim());
	const empty = names.findIndex((name) => name === '');
	if (empty !== -1) {
		throw new InputError(`Collection path '${String(path)}' has an empty level (position ${empty + 1})`, PATH_HINT);
	}
	return names;
}

export interface CollectionLike {
	collectionId: string;
	name?: unknown;
	parentCollectionId?: unknown;
	createdAt?: unknown;
}

/** Name comparison for matching levels: trimmed, case-insensitive. */
export function sameName(a: unknown, b: string): boolean {
	const wanted = b.trim().toLowerCase();
	if (typeof a === 'string') return a.trim().toLowerCase() === wanted;
	// A localized name matches when any culture's text matches.
	if (typeof a === 'object' && a !== null) return Object.values(a).some((text) => sameName(text, b));
	return false;
}

/**
 * The existing child `name` of `parentId` (null = top level) among `candidates`; when siblings
 * share a name (Smint.io allows it) the oldest wins, so reruns pick the same one.
 */
export function pickChild<T extends CollectionLike>(candidates: T[], name: string, parentId: string | null): { match: T | null; duplicates: number } {
	const matches = candidates
		.filter((c) => sameName(c.name, name) && (c.parentCollectionId ?? null) === parentId)
		.sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')) || a.collectionId.localeCompare(b.collectionId));
	return { match: matches[0] ?? null, duplicates: Math.max(0, matches.length - 1) };
}
