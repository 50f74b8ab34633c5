// External IDs: which asset answers for one, and how many go into one search. Pure.

/** Values per search in the externalId filter (one string_array filter value). */
export const EXTERNAL_ID_BATCH_SIZE = 50;

export interface AssetWithExternalId {
	id: string;
	externalId?: unknown;
	createdAt?: unknown;
}

/**
 * The asset carrying exactly `externalId`, or null. When several carry it (made by someone
 * else), the oldest is used, so reruns keep choosing the same one.
 */
export function pickByExternalId<T extends AssetWithExternalId>(assets: readonly T[], externalId: string): T | null {
	const exact = assets.filter((asset) => asset.externalId === externalId);
	exact.sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')) || a.id.localeCompare(b.id));
	return exact[0] ?? null;
}

/** Non-empty values, trimmed, each once, in first-seen order. */
export function distinctValues(values: readonly string[]): string[] {
	const seen = new Set<string>();
	for (const value of values) {
		const text = value.trim();
		if (text !== '') seen.add(text);
	}
	return [...seen];
}
