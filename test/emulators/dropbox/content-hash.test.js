'use strict';
// content_hash: checked against Dropbox's published test vector (milky-way-nasa.jpg) through its
// published per-block SHA-256 digests, against an independent implementation written here from
// the definition, at the edge sizes, and on what the emulator returns for uploaded files. (The
// SDK's downloadFile helper, a third implementation, verifies hashes in download.test.js.)

const crypto = require('crypto');
const { ContentHasher, contentHashOf } = require('../../../sandbox/dropbox/content-hash');
const { startEmulator, client } = require('./helpers');

const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;
const sha256 = (data) => crypto.createHash('sha256').update(data).digest();

/** Written from the definition, independent of the emulator's streaming hasher. */
function referenceHash(buffer) {
	const digests = [];
	for (let offset = 0; offset < buffer.length; offset += BLOCK) digests.push(sha256(buffer.subarray(offset, offset + BLOCK)));
	return sha256(Buffer.concat(digests)).toString('hex');
}

function randomBytes(size) {
	return crypto.randomBytes(size);
}

/** Feeds the hasher in uneven pieces, so block boundaries fall inside updates. */
function hashInPieces(buffer, pieceSizes) {
	const hasher = new ContentHasher();
	let offset = 0;
	let i = 0;
	while (offset < buffer.length) {
		const size = pieceSizes[i % pieceSizes.length];
		hasher.update(buffer.subarray(offset, offset + size));
		offset += size;
		i += 1;
	}
	return hasher.digest();
}

describe('content_hash', () => {
	test("Dropbox's published vector: the 3 block digests of milky-way-nasa.jpg combine to the documented hash", () => {
		// Block SHA-256s published with a C++ Dropbox hasher's tests (DBXHash, hashblock_milky_way);
		// per-block content hashes published in rclone-style Go tests (dchash wellKnownSums);
		// the whole-file hash is the one on dropbox.com/developers/reference/content-hash.
		const blockDigests = [
			'2a846fa617c3361fc117e1c5c1e1838c336b6a5cef982c1a2d9bdf68f2f1992a',
			'c68469027410ea393eba6551b9fa1e26db775f00eae70a0c3c129a0011a39cf9',
			'7376192de020925ce6c5ef5a8a0405e931b0a9a8c75517aacd9ca24a8a56818b',
		].map((hex) => Buffer.from(hex, 'hex'));
		const perBlockContentHashes = [
			'5fe03e2b2d4bbc75804fab4423cffe766f1b2d2080ad38c43d505e6e8ffc1344',
			'299b77bc0ba00eba12dbf899ddec86d53312aca8849e7121dab23cbfddff3fed',
			'0e7baa366f72ac449f8904c45151bf6a2fc13dd07be47c7da6cbc3cebb437111',
		];
		expect(sha256(Buffer.concat(blockDigests)).toString('hex')).toBe('485291fa0ee50c016982abbfa943957bcd231aae0492ccbaa22c58e3997b35e0');
		// A single block's content hash is SHA-256 of its digest: the same rule, one block.
		expect(blockDigests.map((d) => sha256(d).toString('hex'))).toEqual(perBlockContentHashes);
	});

	test('a file with the vector layout (9,711,423 bytes, 3 blocks) hashes like the reference', () => {
		const data = randomBytes(9711423, 7);
		const expected = referenceHash(data);
		expect(contentHashOf(data)).toBe(expected);
		expect(hashInPieces(data, [8191, 1, 65536, 4 * MiB + 3])).toBe(expected);
		// The single-block rule from the vector holds for the emulator's hasher too.
		const oneBlock = data.subarray(0, BLOCK);
		expect(contentHashOf(oneBlock)).toBe(sha256(sha256(oneBlock)).toString('hex'));
	});

	test('edge sizes: 0 bytes, "hello", exactly 4 MiB, 4 MiB + 1', () => {
		expect(contentHashOf(Buffer.alloc(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(contentHashOf(Buffer.from('hello'))).toBe('9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50');
		const fourMiB = contentHashOf(Buffer.alloc(BLOCK));
		expect(fourMiB.startsWith('c7e946d1')).toBe(true);
		expect(fourMiB.endsWith('e951be58')).toBe(true);
		const fourMiBPlusOne = contentHashOf(Buffer.alloc(BLOCK + 1));
		expect(fourMiBPlusOne.startsWith('14a4d47f')).toBe(true);
		expect(fourMiBPlusOne.endsWith('0b2accd6')).toBe(true);
		for (const size of [1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK]) {
			const data = randomBytes(size, size);
			expect(hashInPieces(data, [1000003])).toBe(referenceHash(data));
		}
	});

	test('copy() forks the state (used to roll back a failed append)', () => {
		const data = randomBytes(BLOCK + 10, 3);
		const hasher = new ContentHasher().update(data.subarray(0, BLOCK - 5));
		const fork = hasher.copy();
		hasher.update(Buffer.from('garbage'));
		fork.update(data.subarray(BLOCK - 5));
		expect(fork.digest()).toBe(referenceHash(data));
	});

	describe('in the emulator', () => {
		let emulator;
		beforeAll(async () => {
			emulator = await startEmulator({ seed: false });
		});
		afterAll(() => emulator.close());

		test.each([
			['empty', 0],
			['exactly 4 MiB', BLOCK],
			['4 MiB + 1', BLOCK + 1],
		])('an uploaded %s file carries the exact content_hash', async (label, size) => {
			const data = randomBytes(size, size + 11);
			const dbx = client(emulator);
			const { result } = await dbx.filesUpload({ path: `/hash/${label}.bin`, contents: data });
			expect(result.size).toBe(size);
			expect(result.content_hash).toBe(referenceHash(data));
			const meta = await dbx.filesGetMetadata({ path: `/hash/${label}.bin` });
			expect(meta.result.content_hash).toBe(referenceHash(data));
		});
	});
});
