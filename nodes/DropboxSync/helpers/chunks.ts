// Re-cuts a byte stream into pieces of exactly `size` bytes (the last may be shorter). Upload
// sessions need fixed pieces: a chunk stays in memory until Dropbox has it, so a retry or an
// `incorrect_offset` answer can resend it (or the part Dropbox lacks) without a second read.

import { CHUNK_STEP_MIB, DEFAULT_CHUNK_MIB, MAX_CHUNK_MIB, MIN_CHUNK_MIB } from './uploadLimits';

export const MIB = 1024 * 1024;

export async function* exactChunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
	if (!Number.isInteger(size) || size <= 0) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	let pieces: Buffer[] = [];
	let buffered = 0;
	for await (const data of source) {
		let piece = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
		while (piece.length > 0) {
			const take = Math.min(size - buffered, piece.length);
			pieces.push(piece.subarray(0, take));
			buffered += take;
			piece = piece.subarray(take);
			if (buffered === size) {
				yield pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, size);
				pieces = [];
				buffered = 0;
			}
		}
	}
	if (buffered > 0) yield pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, buffered);
}

/** One chunk of a file in a buffer that is reused: call `release()` once Dropbox has it. */
export interface PooledChunk {
	data: Buffer;
	release(): void;
}

/**
 * Re-cuts a byte stream into chunks of exactly `size` bytes (the last may be shorter), copied
 * into at most `slots` buffers that are used again once released. Why: a fresh chunk-sized
 * buffer per chunk outlives its HTTP round trip and is freed only at V8's next full GC, so
 * dead chunks pile up beside the live ones (n8n, 2 GiB in 8 MiB chunks: up to 129 MB of
 * ArrayBuffers for 40 MiB in flight, 1 MB after a forced GC). Reused buffers hold the chunks
 * at exactly `slots` × `size`; only the store's small reads are new (and die sooner).
 * Take at most `slots` chunks without releasing one; a further one gets a fresh buffer
 * (correct, just not bounded).
 */
export async function* pooledChunks(source: AsyncIterable<Uint8Array>, size: number, slots: number): AsyncGenerator<PooledChunk> {
	if (!Number.isInteger(size) || size <= 0) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	const free: Buffer[] = [];
	const acquire = (): Buffer => free.pop() ?? Buffer.allocUnsafeSlow(size);
	const chunkOf = (buffer: Buffer, length: number): PooledChunk => {
		let released = false;
		return {
			data: length === size ? buffer : buffer.subarray(0, length),
			release: () => {
				if (released) return;
				released = true;
				if (free.length < slots) free.push(buffer);
			},
		};
	};
	let current: Buffer | undefined;
	let filled = 0;
	for await (const data of source) {
		let start = 0;
		while (start < data.length) {
			current ??= acquire();
			const take = Math.min(size - filled, data.length - start);
			current.set(data.subarray(start, start + take), filled);
			filled += take;
			start += take;
			if (filled === size) {
				const full = current;
				current = undefined;
				filled = 0;
				yield chunkOf(full, size);
			}
		}
	}
	if (current && filled > 0) yield chunkOf(current, filled);
}

/** Chunks of an in-memory buffer (no copies). */
export function* bufferChunks(buffer: Buffer, size: number): Generator<Buffer> {
	for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
}

/**
 * Rounds a requested chunk size in MiB to what Dropbox accepts: a multiple of 4 MiB (needed
 * for concurrent sessions, and the block size of content_hash) between 4 and 148 MiB (a request
 * may carry at most 150 MiB).
 */
export function sessionChunkBytes(requestedMib: number): number {
	const mib = Number.isFinite(requestedMib) ? requestedMib : DEFAULT_CHUNK_MIB;
	const rounded = Math.min(MAX_CHUNK_MIB, Math.max(MIN_CHUNK_MIB, Math.round(mib / CHUNK_STEP_MIB) * CHUNK_STEP_MIB));
	return rounded * MIB;
}

export type ResumePoint = { kind: 'done' } | { kind: 'resend'; from: number } | { kind: 'lost' };

/**
 * Where to continue after Dropbox answers an append with `incorrect_offset`: the chunk covers
 * [offset, offset + length). Dropbox already has all of it (done), part of it (resend the rest
 * from `from`, an index into the chunk), or less than the chunk's start (lost: the earlier
 * bytes are no longer in memory, the upload must start over).
 */
export function resumePoint(offset: number, length: number, correctOffset: number): ResumePoint {
	if (!Number.isFinite(correctOffset) || correctOffset < offset || correctOffset > offset + length) return { kind: 'lost' };
	if (correctOffset === offset + length) return { kind: 'done' };
	return { kind: 'resend', from: correctOffset - offset };
}
