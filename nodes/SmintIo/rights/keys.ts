// Dimension tables, the `*_any` family rule, the key vocabulary and "did you mean" suggestions.
import type { Dimension, LicenseTerm, NormalizedRights } from './types';
import { KNOWN_KEYS } from './vocabulary';

export { KNOWN_KEYS } from './vocabulary';

export const DIMENSIONS: readonly Dimension[] = [
	'usage',
	'size',
	'placement',
	'distribution',
	'geography',
	'industry',
	'language',
];

interface DimensionFields {
	allowed: keyof LicenseTerm;
	restricted: keyof LicenseTerm;
	/** Plural used in messages and in the CLAPI-C field names. */
	plural: string;
	/** CLAPI-C generic metadata list holding this dimension's keys. */
	genericMetadataList: string;
}

export const DIMENSION_FIELDS: Readonly<Record<Dimension, DimensionFields>> = {
	usage: {
		allowed: 'allowedUsages',
		restricted: 'restrictedUsages',
		plural: 'usages',
		genericMetadataList: 'license_usages',
	},
	size: {
		allowed: 'allowedSizes',
		restricted: 'restrictedSizes',
		plural: 'sizes',
		genericMetadataList: 'license_sizes',
	},
	placement: {
		allowed: 'allowedPlacements',
		restricted: 'restrictedPlacements',
		plural: 'placements',
		genericMetadataList: 'license_placements',
	},
	distribution: {
		allowed: 'allowedDistributions',
		restricted: 'restrictedDistributions',
		plural: 'distributions',
		genericMetadataList: 'license_distributions',
	},
	geography: {
		allowed: 'allowedGeographies',
		restricted: 'restrictedGeographies',
		plural: 'geographies',
		genericMetadataList: 'license_geographies',
	},
	industry: {
		allowed: 'allowedIndustries',
		restricted: 'restrictedIndustries',
		plural: 'industries',
		genericMetadataList: 'license_industries',
	},
	language: {
		allowed: 'allowedLanguages',
		restricted: 'restrictedLanguages',
		plural: 'languages',
		genericMetadataList: 'license_languages',
	},
};

export function termList(
	term: LicenseTerm,
	dimension: Dimension,
	side: 'allowed' | 'restricted',
): string[] | null {
	return term[DIMENSION_FIELDS[dimension][side]] as string[] | null;
}

/** Keys are compared trimmed and lower-cased: Smint.io says values may use mixed case. */
export function canonicalKey(key: string): string {
	return key.trim().toLowerCase();
}

/*
 * Family rule. A key ending in `_any` names a family: `P_any` covers every key that starts with
 * `P_` (the prefix up to and including the underscore), at any depth: `advertising_any` covers
 * `advertising_print_any` and `advertising_print_magazine_newspaper`; `europe_any` covers
 * `europe_germany` but not `european_x`. The bare key `any` covers every key of its dimension.
 * A key always covers itself. Coverage never goes upwards: `europe_germany` does not cover
 * `europe_any`.
 */
export function covers(licenceKey: string, requestedKey: string): boolean {
	const a = canonicalKey(licenceKey);
	const k = canonicalKey(requestedKey);
	if (a === k || a === 'any') return true;
	if (!a.endsWith('_any')) return false;
	const prefix = a.slice(0, -'any'.length);
	return k.startsWith(prefix) && k.length > prefix.length;
}

/**
 * Two keys overlap when either covers the other. A restriction applies to a requested key when
 * they overlap: restricting `europe_any` restricts `europe_germany`, and asking for `europe_any`
 * takes in a restricted `europe_germany`.
 */
export function overlaps(a: string, b: string): boolean {
	return covers(a, b) || covers(b, a);
}

/** The `*_any` keys that cover `key`, nearest family first, ending with the bare `any`. */
export function familiesOf(key: string): string[] {
	const parts = canonicalKey(key).split('_');
	const out: string[] = [];
	for (let i = parts.length - 1; i >= 1; i--) {
		const family = `${parts.slice(0, i).join('_')}_any`;
		if (family !== canonicalKey(key)) out.push(family);
	}
	out.push('any');
	return out;
}

/** Every key any term of the licence names for a dimension (allowed or restricted). */
export function licenceKeys(
	rights: NormalizedRights | null | undefined,
	dimension: Dimension,
): string[] {
	const out = new Set<string>();
	for (const term of rights?.licenseTerms ?? []) {
		for (const side of ['allowed', 'restricted'] as const) {
			for (const key of termList(term, dimension, side) ?? []) out.add(canonicalKey(key));
		}
	}
	return [...out];
}

/**
 * The keys accepted for a dimension: the built-in vocabulary, the caller's extra keys, the
 * licence's own keys, and the `*_any` family keys implied by all of these (`language_any`).
 */
export function vocabularyFor(
	dimension: Dimension,
	rights?: NormalizedRights | null,
	extra?: readonly string[],
): Set<string> {
	const base = [...KNOWN_KEYS[dimension], ...(extra ?? []), ...licenceKeys(rights, dimension)].map(
		canonicalKey,
	);
	const out = new Set<string>(base);
	for (const key of base) for (const family of familiesOf(key)) out.add(family);
	return out;
}

/**
 * Builds extra known keys from the CLAPI-C generic metadata response (`license_usages`, …: arrays
 * of `{culture, metadata_element:{key, name}}`, one entry per key and culture).
 */
export function keysFromGenericMetadata(
	genericMetadata: unknown,
): Partial<Record<Dimension, string[]>> {
	const out: Partial<Record<Dimension, string[]>> = {};
	if (!genericMetadata || typeof genericMetadata !== 'object') return out;
	const source = genericMetadata as Record<string, unknown>;
	for (const dimension of DIMENSIONS) {
		const list = source[DIMENSION_FIELDS[dimension].genericMetadataList];
		if (!Array.isArray(list)) continue;
		const keys = new Set<string>();
		for (const entry of list) {
			const key = (entry as { metadata_element?: { key?: unknown } } | null)?.metadata_element?.key;
			if (typeof key === 'string' && key.trim() !== '') keys.add(canonicalKey(key));
		}
		out[dimension] = [...keys];
	}
	return out;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = [];
	for (let i = 0; i < rows; i++) {
		d.push(new Array<number>(cols).fill(0));
		d[i][0] = i;
	}
	for (let j = 0; j < cols; j++) d[0][j] = j;
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, d[i - 2][j - 2] + 1);
			}
			d[i][j] = best;
		}
	}
	return d[rows - 1][cols - 1];
}

/** true when each `_`-part of `short` is a prefix of a later part of `long`, in order (`adv_print`). */
function isAbbreviationOf(short: string, long: string): boolean {
	const wanted = short.split('_').filter((p) => p !== '');
	const parts = long.split('_');
	if (wanted.length === 0) return false;
	let at = 0;
	for (const part of wanted) {
		while (at < parts.length && !parts[at].startsWith(part)) at++;
		if (at === parts.length) return false;
		at++;
	}
	return true;
}

/**
 * The known keys closest to `input`, best first. Abbreviations (`adv_print` for
 * `advertising_print_*`) rank first, then keys by edit distance; keys further away than about
 * half the input's length are left out unless nothing closer exists.
 */
export function suggestKeys(input: string, candidates: Iterable<string>, limit = 5): string[] {
	const key = canonicalKey(input);
	const scored: Array<{ candidate: string; abbreviation: boolean; distance: number }> = [];
	for (const candidate of new Set(candidates)) {
		if (candidate === 'any') continue;
		scored.push({
			candidate,
			abbreviation: isAbbreviationOf(key, candidate),
			distance: editDistance(key, candidate),
		});
	}
	scored.sort(
		(x, y) =>
			Number(y.abbreviation) - Number(x.abbreviation) ||
			x.distance - y.distance ||
			x.candidate.length - y.candidate.length ||
			x.candidate.localeCompare(y.candidate),
	);
	const threshold = Math.max(3, Math.ceil(key.length / 2));
	const close = scored.filter((s) => s.abbreviation || s.distance <= threshold);
	return (close.length > 0 ? close : scored).slice(0, limit).map((s) => s.candidate);
}
