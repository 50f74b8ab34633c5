'use strict';
const { Readable } = require('node:stream');
const { readSmallText, SMALL_BODY_LIMIT } = require('../../../nodes/shared/smallBody');

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
