// Localized fields of Portals objects: dicts keyed by culture (`{"en": "…", "x-default": "…"}`).
// Resolution order (contract + Portals docs): the exact culture, then `x-default`, then English,
// then the first entry. Output keeps the raw dict next to the resolved value.

export type LocalizedDict = Record<string, unknown>;

function isDict(value: unknown): value is LocalizedDict {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value for `culture` from a localized dict; a plain value is returned as is. */
export function resolveCulture<T = unknown>(value: unknown, culture: string): T | null {
	if (!isDict(value)) return (value ?? null) as T | null;
	for (const key of [culture, 'x-default', 'en']) {
		if (key in value && value[key] !== null && value[key] !== undefined) return value[key] as T;
	}
	const first = Object.values(value).find((entry) => entry !== null && entry !== undefined);
	return (first ?? null) as T | null;
}

/**
 * An asset data object for output: `name`, `description` resolved to strings and `tags` to a
 * list for the culture; the raw dicts stay in `localizedName`, `localizedDescription` and
 * `localizedTags`. Every other field is Smint.io's own, unchanged.
 */
export function localizeAsset(asset: Record<string, unknown>, culture: string): Record<string, unknown> {
	const out: Record<string, unknown> = { ...asset };
	if ('name' in asset) {
		out.name = resolveCulture<string>(asset.name, culture);
		out.localizedName = asset.name;
	}
	if ('description' in asset) {
		out.description = resolveCulture<string>(asset.description, culture);
		out.localizedDescription = asset.description;
	}
	if ('localizedTags' in asset) {
		const tags = resolveCulture<unknown>(asset.localizedTags, culture);
		out.tags = Array.isArray(tags) ? tags : [];
	}
	out.culture = culture;
	return out;
}

/** Collections: `name`/`description` may be plain strings or dicts. */
export function localizeCollection(collection: Record<string, unknown>, culture: string): Record<string, unknown> {
	const out: Record<string, unknown> = { ...collection };
	for (const field of ['name', 'description']) {
		if (isDict(collection[field])) {
			out[field] = resolveCulture<string>(collection[field], culture);
			out[`localized${field[0].toUpperCase()}${field.slice(1)}`] = collection[field];
		}
	}
	return out;
}
