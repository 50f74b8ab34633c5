// Every limit of Dropbox Sync > File > Upload, stated once: the description shows them, the
// readers clamp to them, helpers/chunks.ts rounds chunk sizes to them.

/** Upload session pieces: multiples of 4 MiB (needed for concurrent sessions, and the block size of content_hash). */
export const CHUNK_STEP_MIB = 4;
export const MIN_CHUNK_MIB = 4;
/** A request may carry at most 150 MiB; the largest multiple of 4 below it. */
export const MAX_CHUNK_MIB = 148;
export const DEFAULT_CHUNK_MIB = 8;

/** Dropbox refuses bodies above 150 MiB in one request. */
export const MAX_SINGLE_REQUEST_MIB = 150;
export const DEFAULT_SINGLE_REQUEST_MIB = 8;

/** Pieces of one file in flight at once (each holds a chunk in memory). */
export const DEFAULT_PARALLEL_CHUNKS = 4;
export const MAX_PARALLEL_CHUNKS = 8;

/** Files sent at once when several items arrive. */
export const DEFAULT_PARALLEL_UPLOADS = 4;
export const MAX_PARALLEL_UPLOADS = 16;

/** A whole count between 1 and `max` from an option value; missing means `fallback`, not a number means 1. */
export function boundedCount(raw: unknown, fallback: number, max: number): number {
	return Math.min(max, Math.max(1, Math.floor(Number(raw ?? fallback)) || 1));
}
