'use strict';

const { exactChunks, pooledChunks, bufferChunks, sessionChunkBytes, resumePoint, MIB } = require('../../../nodes/DropboxSync/helpers/chunks');

async function collect(iterable) {
	const out = [];
	for await (const item of iterable) out.push(item);
	return out;
}

async function* pieces(buffer, sizes) {
	let offset = 0;
	let turn = 0;
	while (offset < buffer.length) {
		const size = sizes[turn++ % sizes.length];
		yield buffer.subarray(offset, offset + size);
		offset += size;
	}
}

describe('exactChunks', () => {
	test('re-cuts any piece sizes into fixed chunks, last one shorter, bytes intact', async () => {
		const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
		for (const sizes of [[1], [7, 300], [1000], [64, 64, 500]]) {
			const chunks = await collect(exactChunks(pieces(data, sizes), 128));
			expect(chunks.map((chunk) => chunk.length)).toEqual([128, 128, 128, 128, 128, 128, 128, 104]);
			expect(Buffer.concat(chunks).equals(data)).toBe(true);
		}
	});

	test('an empty source yields nothing; a bad size throws', async () => {
		expect(await collect(exactChunks(pieces(Buffer.alloc(0), [1]), 4))).toEqual([]);
		await expect(collect(exactChunks(pieces(Buffer.alloc(3), [1]), 0))).rejects.toThrow(RangeError);
	});

	test('bufferChunks slices without copying', () => {
		const data = Buffer.alloc(10, 1);
		const chunks = [...bufferChunks(data, 4)];
		expect(chunks.map((chunk) => chunk.length)).toEqual([4, 4, 2]);
		expect(chunks[0].buffer).toBe(data.buffer);
	});
});

describe('sessionChunkBytes', () => {
	test('rounds to a multiple of 4 MiB between 4 and 148 MiB', () => {
		expect(sessionChunkBytes(8)).toBe(8 * MIB);
		expect(sessionChunkBytes(9)).toBe(8 * MIB);
		expect(sessionChunkBytes(11)).toBe(12 * MIB);
		expect(sessionChunkBytes(1)).toBe(4 * MIB);
		expect(sessionChunkBytes(500)).toBe(148 * MIB);
		expect(sessionChunkBytes(Number.NaN)).toBe(8 * MIB);
	});
});

describe('resumePoint (after incorrect_offset)', () => {
	test('Dropbox has the whole chunk, part of it, or less than its start', () => {
		expect(resumePoint(8, 4, 12)).toEqual({ kind: 'done' });
		expect(resumePoint(8, 4, 10)).toEqual({ kind: 'resend', from: 2 });
		expect(resumePoint(8, 4, 8)).toEqual({ kind: 'resend', from: 0 });
		expect(resumePoint(8, 4, 7)).toEqual({ kind: 'lost' });
		expect(resumePoint(8, 4, 13)).toEqual({ kind: 'lost' });
		expect(resumePoint(8, 4, Number.NaN)).toEqual({ kind: 'lost' });
	});
});

describe('pooledChunks', () => {
	const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

	test('re-cuts any piece sizes into fixed chunks, last one shorter, bytes intact', async () => {
		for (const sizes of [[1], [7, 300], [1000], [64, 64, 500]]) {
			const copies = [];
			for await (const chunk of pooledChunks(pieces(data, sizes), 128, 2)) {
				copies.push(Buffer.from(chunk.data));
				chunk.release();
			}
			expect(copies.map((chunk) => chunk.length)).toEqual([128, 128, 128, 128, 128, 128, 128, 104]);
			expect(Buffer.concat(copies).equals(data)).toBe(true);
		}
	});

	test('released buffers are reused, so at most `slots` buffers exist while chunks are released', async () => {
		const held = [];
		const backing = new Set();
		for await (const chunk of pooledChunks(pieces(data, [50]), 100, 3)) {
			backing.add(chunk.data.buffer);
			held.push(chunk);
			// Hold up to 2 in flight (as Parallel Chunks 2 does), release the oldest.
			if (held.length > 2) held.shift().release();
		}
		expect(backing.size).toBe(3);
	});

	test('a chunk not yet released is never overwritten; holding more than `slots` gets fresh buffers', async () => {
		const held = [];
		for await (const chunk of pooledChunks(pieces(data, [30]), 100, 2)) held.push({ chunk, copy: Buffer.from(chunk.data) });
		expect(held).toHaveLength(10);
		for (const { chunk, copy } of held) expect(chunk.data.equals(copy)).toBe(true);
		expect(new Set(held.map(({ chunk }) => chunk.data.buffer)).size).toBe(10);
	});

	test('releasing twice gives the buffer back once: two chunks held later never share it', async () => {
		const held = [];
		let first = true;
		for await (const chunk of pooledChunks(pieces(data, [100]), 100, 4)) {
			if (first) {
				chunk.release();
				chunk.release();
				first = false;
				continue;
			}
			held.push({ chunk, copy: Buffer.from(chunk.data) });
		}
		expect(new Set(held.map(({ chunk }) => chunk.data.buffer)).size).toBe(held.length);
		for (const { chunk, copy } of held) expect(chunk.data.equals(copy)).toBe(true);
	});

	test('an empty source yields nothing; a bad size throws', async () => {
		expect(await collect(pooledChunks(pieces(Buffer.alloc(0), [1]), 4, 2))).toEqual([]);
		await expect(collect(pooledChunks(pieces(Buffer.alloc(3), [1]), 0, 2))).rejects.toThrow(RangeError);
	});
});
