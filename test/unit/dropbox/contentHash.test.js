'use strict';

const crypto = require('node:crypto');
const { DropboxContentHasher, contentHashOf, CONTENT_HASH_BLOCK_SIZE } = require('../../../nodes/DropboxSync/helpers/contentHash');

const MiB = 1024 * 1024;

/** Reference: the definition, written out the slow way. */
function referenceHash(buffer) {
	const digests = [];
	for (let offset = 0; offset < buffer.length; offset += CONTENT_HASH_BLOCK_SIZE) {
		digests.push(crypto.createHash('sha256').update(buffer.subarray(offset, offset + CONTENT_HASH_BLOCK_SIZE)).digest());
	}
	return crypto.createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

describe('Dropbox content_hash', () => {
	test('known vectors (empty input, "hello")', () => {
		expect(contentHashOf(Buffer.alloc(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(contentHashOf(Buffer.from('hello'))).toBe('9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50');
	});

	test('block boundaries: 4 MiB and 4 MiB + 1 of zeros', () => {
		expect(contentHashOf(Buffer.alloc(4 * MiB))).toMatch(/^c7e946d1.*e951be58$/);
		expect(contentHashOf(Buffer.alloc(4 * MiB + 1))).toMatch(/^14a4d47f.*0b2accd6$/);
	});

	test('fed in pieces of any size it equals the one-shot hash and the definition', () => {
		const data = crypto.randomBytes(9 * MiB + 12345);
		const expected = referenceHash(data);
		for (const sizes of [[65536], [4096, 1, 777], [3 * MiB + 7], [4 * MiB], [5 * MiB - 3, 1, 2]]) {
			const hasher = new DropboxContentHasher();
			let offset = 0;
			let turn = 0;
			while (offset < data.length) {
				const size = sizes[turn++ % sizes.length];
				hasher.update(data.subarray(offset, offset + size));
				offset += size;
			}
			expect(hasher.bytes).toBe(data.length);
			expect(hasher.digest()).toBe(expected);
		}
		expect(contentHashOf(data)).toBe(expected);
	});
});
