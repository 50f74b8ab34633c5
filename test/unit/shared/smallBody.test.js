'use strict';
const { Readable } = require('node:stream');
const { readSmallText, readBodyHead, SMALL_BODY_LIMIT } = require('../../../nodes/shared/smallBody');

test('a stream is read as text; strings and buffers pass as text; other values unchanged', async () => {
	expect(await readSmallText(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]))).toBe('{"a":1}');
	expect(await readSmallText('plain')).toBe('plain');
	expect(await readSmallText(Buffer.from('buf'))).toBe('buf');
	const parsed = { error: 'x' };
	expect(await readSmallText(parsed)).toBe(parsed);
	expect(await readSmallText(undefined)).toBeUndefined();
});

test('a runaway body is drained but only the first limit bytes are kept', async () => {
	const piece = Buffer.alloc(16 * 1024, 0x61);
	let served = 0;
	const stream = Readable.from((function* () { for (let i = 0; i < 64; i++) { served++; yield piece; } })());
	const text = await readSmallText(stream);
	expect(served).toBe(64);
	expect(text).toHaveLength(SMALL_BODY_LIMIT);
	expect(await readSmallText(Readable.from([Buffer.from('abcdef')]), 3)).toBe('abc');
});

test('readBodyHead keeps the first limit bytes and closes the stream without reading the rest', async () => {
	const piece = Buffer.alloc(16 * 1024, 0x62);
	let served = 0;
	const stream = Readable.from((function* () { for (let i = 0; i < 1000; i++) { served++; yield piece; } })());
	const text = await readBodyHead(stream, 40 * 1024);
	expect(text).toHaveLength(40 * 1024);
	// A gigabyte error body must not be read to its end: 3 pieces reach the limit.
	expect(served).toBeLessThanOrEqual(4);
	expect(stream.destroyed).toBe(true);
	expect(await readBodyHead('abcdef', 3)).toBe('abc');
	expect(await readBodyHead(Buffer.from('abcdef'), 4)).toBe('abcd');
	const parsed = { error: 'x' };
	expect(await readBodyHead(parsed)).toBe(parsed);
});

test('readBodyHead returns what arrived when the body breaks off', async () => {
	const stream = Readable.from((async function* () {
		yield Buffer.from('AccessDenied: Request has expired');
		throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
	})());
	expect(await readBodyHead(stream)).toBe('AccessDenied: Request has expired');
});
