'use strict';
// files/upload and upload sessions through the official SDK: WriteMode add / overwrite /
// update(rev), autorename, strict_conflict, the identical-content no-op, content_hash checks,
// the 150 MiB per-request cap, sequential and concurrent sessions with their offset rules,
// finish_batch_v2, session expiry, and the SDK's own uploadFile helper (sequential and
// parallel).

const crypto = require('crypto');
const { uploadFile, bytesUpload } = require('dropbox');
const { contentHashOf } = require('../../../sandbox/dropbox/content-hash');
const { startEmulator, client, expectDropboxError, rawCall } = require('./helpers');

const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;

describe('Dropbox emulator: uploads', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator({ seed: false });
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	describe('files/upload write modes', () => {
		test('add: writes, identical content is a no-op, different content conflicts (with a session to retry), autorename', async () => {
			const first = await dbx.filesUpload({ path: '/modes/add.txt', contents: 'one' });
			expect(first.result).not.toHaveProperty('.tag');
			const again = await dbx.filesUpload({ path: '/modes/ADD.txt', contents: 'one' });
			expect(again.result.rev).toBe(first.result.rev);
			const conflict = await expectDropboxError(dbx.filesUpload({ path: '/modes/add.txt', contents: 'two' }), 409, ['path', 'conflict', 'file']);
			expect(conflict.error.error_summary).toBe('path/conflict/file/..');
			const sessionId = conflict.error.error.upload_session_id;
			expect(sessionId).toEqual(expect.any(String));
			// The rejected bytes can be committed elsewhere from that session.
			const retried = await dbx.filesUploadSessionFinish({ cursor: { session_id: sessionId, offset: 3 }, commit: { path: '/modes/add-retry.txt' }, contents: Buffer.alloc(0) });
			expect(retried.result.content_hash).toBe(contentHashOf(Buffer.from('two')));
			const renamed = await dbx.filesUpload({ path: '/modes/add.txt', contents: 'three', autorename: true });
			expect(renamed.result.name).toBe('add (2).txt');
			const renamedAgain = await dbx.filesUpload({ path: '/modes/add.txt', contents: 'four', autorename: true });
			expect(renamedAgain.result.name).toBe('add (3).txt');
		});

		test('overwrite: new rev, same id; identical content keeps the rev', async () => {
			const first = await dbx.filesUpload({ path: '/modes/over.txt', contents: 'v1', mode: { '.tag': 'overwrite' } });
			const second = await dbx.filesUpload({ path: '/modes/over.txt', contents: 'v2', mode: 'overwrite' });
			expect(second.result.id).toBe(first.result.id);
			expect(second.result.rev).not.toBe(first.result.rev);
			const same = await dbx.filesUpload({ path: '/modes/over.txt', contents: 'v2', mode: 'overwrite' });
			expect(same.result.rev).toBe(second.result.rev);
		});

		test('update(rev): matching rev writes; stale rev conflicts or becomes a conflicted copy', async () => {
			const v1 = await dbx.filesUpload({ path: '/modes/doc.txt', contents: 'v1' });
			const v2 = await dbx.filesUpload({ path: '/modes/doc.txt', contents: 'v2', mode: { '.tag': 'update', update: v1.result.rev } });
			expect(v2.result.id).toBe(v1.result.id);
			await expectDropboxError(
				dbx.filesUpload({ path: '/modes/doc.txt', contents: 'v3', mode: { '.tag': 'update', update: v1.result.rev } }),
				409,
				['path', 'conflict', 'file'],
			);
			const copy = await dbx.filesUpload({ path: '/modes/doc.txt', contents: 'v3', mode: { '.tag': 'update', update: v1.result.rev }, autorename: true });
			expect(copy.result.name).toBe('doc (conflicted copy).txt');
			// Identical content with a stale rev is a no-op, unless strict_conflict.
			const noop = await dbx.filesUpload({ path: '/modes/doc.txt', contents: 'v2', mode: { '.tag': 'update', update: v1.result.rev } });
			expect(noop.result.rev).toBe(v2.result.rev);
			await expectDropboxError(
				dbx.filesUpload({ path: '/modes/doc.txt', contents: 'v2', mode: { '.tag': 'update', update: v2.result.rev }, strict_conflict: true }),
				409,
				['path', 'conflict', 'file'],
			);
			// A rev for a file that is gone: written, unless strict_conflict.
			await expectDropboxError(
				dbx.filesUpload({ path: '/modes/gone.txt', contents: 'x', mode: { '.tag': 'update', update: v1.result.rev }, strict_conflict: true }),
				409,
				['path', 'conflict', 'file'],
			);
			const written = await dbx.filesUpload({ path: '/modes/gone.txt', contents: 'x', mode: { '.tag': 'update', update: v1.result.rev } });
			expect(written.result.size).toBe(1);
		});

		test('a folder at the path is a conflict; a file as an ancestor too', async () => {
			await dbx.filesCreateFolderV2({ path: '/modes/folder' });
			await expectDropboxError(dbx.filesUpload({ path: '/modes/folder', contents: 'x', mode: 'overwrite' }), 409, ['path', 'conflict', 'folder']);
			await expectDropboxError(dbx.filesUpload({ path: '/modes/over.txt/x', contents: 'x' }), 409, ['path', 'conflict', 'file_ancestor']);
		});

		test('content_hash of the body is checked; client_modified is kept; bad arguments are 400', async () => {
			const body = Buffer.from('checked body');
			const ok = await dbx.filesUpload({ path: '/hash/ok.txt', contents: body, content_hash: contentHashOf(body), client_modified: '2020-02-02T02:02:02Z' });
			expect(ok.result.client_modified).toBe('2020-02-02T02:02:02Z');
			await expectDropboxError(dbx.filesUpload({ path: '/hash/bad.txt', contents: body, content_hash: '0'.repeat(64) }), 409, ['content_hash_mismatch']);
			const badTime = await expectDropboxError(dbx.filesUpload({ path: '/hash/t.txt', contents: body, client_modified: '2020-02-02 02:02' }), 400);
			expect(badTime.error).toContain('client_modified');
			await expectDropboxError(dbx.filesUpload({ path: 'no-slash.txt', contents: body }), 400);
		});

		test('a body over 150 MiB is refused with payload_too_large while it streams', async () => {
			const limit = 150 * MiB;
			let sent = 0;
			const piece = Buffer.alloc(MiB);
			const body = new ReadableStream({
				pull(controller) {
					if (sent >= limit + 1) return controller.close();
					const size = Math.min(piece.length, limit + 1 - sent);
					sent += size;
					controller.enqueue(piece.subarray(0, size));
				},
			});
			const response = await rawCall(emulator, 'files/upload', {
				body,
				headers: { 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': JSON.stringify({ path: '/big/too-large.bin' }) },
			});
			expect(response.status).toBe(409);
			expect(response.json.error['.tag']).toBe('payload_too_large');
			await expectDropboxError(dbx.filesGetMetadata({ path: '/big/too-large.bin' }), 409, ['path', 'not_found']);
		}, 60000);
	});

	describe('sequential sessions', () => {
		test('start, append_v2, finish; wrong offsets get incorrect_offset with the correct one', async () => {
			const a = crypto.randomBytes(1000);
			const b = crypto.randomBytes(2000);
			const c = crypto.randomBytes(3000);
			const { result } = await dbx.filesUploadSessionStart({ contents: a });
			const session_id = result.session_id;
			const wrong = await expectDropboxError(dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 5 }, contents: b }), 409, ['incorrect_offset']);
			expect(wrong.error.error.correct_offset).toBe(1000);
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 1000 }, contents: b });
			const stale = await expectDropboxError(
				dbx.filesUploadSessionFinish({ cursor: { session_id, offset: 1000 }, commit: { path: '/sessions/seq.bin' }, contents: c }),
				409,
				['lookup_failed', 'incorrect_offset'],
			);
			expect(stale.error.error.lookup_failed.correct_offset).toBe(3000);
			const done = await dbx.filesUploadSessionFinish({ cursor: { session_id, offset: 3000 }, commit: { path: '/sessions/seq.bin' }, contents: c });
			expect(done.result.size).toBe(6000);
			expect(done.result.content_hash).toBe(contentHashOf(Buffer.concat([a, b, c])));
			// A finished session is gone.
			await expectDropboxError(
				dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 6000 }, contents: a }),
				409,
				['not_found'],
			);
		});

		test('closed sessions refuse appends; unknown sessions are not_found; a chunk with a bad hash is rolled back', async () => {
			const { result } = await dbx.filesUploadSessionStart({ contents: Buffer.from('abc') });
			const session_id = result.session_id;
			await expectDropboxError(
				dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 3 }, contents: Buffer.from('def'), content_hash: '1'.repeat(64) }),
				409,
				['content_hash_mismatch'],
			);
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 3 }, contents: Buffer.from('def'), close: true });
			await expectDropboxError(dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 6 }, contents: Buffer.from('g') }), 409, ['closed']);
			await expectDropboxError(dbx.filesUploadSessionAppendV2({ cursor: { session_id: 'pid_upload_session:nope', offset: 0 }, contents: Buffer.from('g') }), 409, ['not_found']);
			const done = await dbx.filesUploadSessionFinish({ cursor: { session_id, offset: 6 }, commit: { path: '/sessions/closed.txt' }, contents: Buffer.alloc(0) });
			expect(done.result.content_hash).toBe(contentHashOf(Buffer.from('abcdef')));
		});

		test('sessions expire after 7 days (emulator clock)', async () => {
			const { result } = await dbx.filesUploadSessionStart({ contents: Buffer.from('old') });
			await fetch(`${emulator.baseUrl}/__admin/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 7 * 24 * 3600 + 1 }) });
			await expectDropboxError(
				dbx.filesUploadSessionAppendV2({ cursor: { session_id: result.session_id, offset: 3 }, contents: Buffer.from('x') }),
				409,
				['not_found'],
			);
		});
	});

	describe('concurrent sessions', () => {
		test('4 MiB-aligned pieces in any order; start and finish carry no data; the last append closes', async () => {
			const data = crypto.randomBytes(2 * BLOCK + 1234);
			await expectDropboxError(dbx.filesUploadSessionStart({ session_type: 'concurrent', contents: Buffer.from('x') }), 409, ['concurrent_session_data_not_allowed']);
			await expectDropboxError(dbx.filesUploadSessionStart({ session_type: 'concurrent', close: true, contents: Buffer.alloc(0) }), 409, ['concurrent_session_close_not_allowed']);
			const { result } = await dbx.filesUploadSessionStart({ session_type: { '.tag': 'concurrent' }, contents: Buffer.alloc(0) });
			const session_id = result.session_id;
			await expectDropboxError(dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 100 }, contents: data.subarray(0, BLOCK) }), 409, ['concurrent_session_invalid_offset']);
			await expectDropboxError(dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 0 }, contents: data.subarray(0, 1000) }), 409, ['concurrent_session_invalid_data_size']);
			// Last piece first, then the others out of order.
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: BLOCK }, contents: data.subarray(BLOCK, 2 * BLOCK) });
			await expectDropboxError(
				dbx.filesUploadSessionFinish({ cursor: { session_id, offset: data.length }, commit: { path: '/sessions/concurrent.bin' }, contents: Buffer.alloc(0) }),
				409,
				['concurrent_session_not_closed'],
			);
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 2 * BLOCK }, contents: data.subarray(2 * BLOCK), close: true });
			await expectDropboxError(
				dbx.filesUploadSessionFinish({ cursor: { session_id, offset: data.length }, commit: { path: '/sessions/concurrent.bin' }, contents: Buffer.alloc(0) }),
				409,
				['concurrent_session_missing_data'],
			);
			await expectDropboxError(dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 0 }, contents: data.subarray(0, BLOCK) }), 409, ['closed']);
		});

		test('a complete concurrent session commits with the exact hash', async () => {
			const data = crypto.randomBytes(2 * BLOCK + 77);
			const { result } = await dbx.filesUploadSessionStart({ session_type: 'concurrent', contents: Buffer.alloc(0) });
			const session_id = result.session_id;
			await Promise.all([
				dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: BLOCK }, contents: data.subarray(BLOCK, 2 * BLOCK) }),
				dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 0 }, contents: data.subarray(0, BLOCK) }),
			]);
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 2 * BLOCK }, contents: data.subarray(2 * BLOCK), close: true });
			await expectDropboxError(
				dbx.filesUploadSessionFinish({ cursor: { session_id, offset: data.length }, commit: { path: '/sessions/c2.bin' }, contents: Buffer.from('x') }),
				409,
				['concurrent_session_data_not_allowed'],
			);
			const done = await dbx.filesUploadSessionFinish({ cursor: { session_id, offset: data.length }, commit: { path: '/sessions/c2.bin' }, contents: Buffer.alloc(0) });
			expect(done.result.content_hash).toBe(contentHashOf(data));
		});

		test('the hash runs along the contiguous prefix (early pieces are read back), so finish does not re-read; a piece sent again with other bytes still gives the exact hash', async () => {
			const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
			const adminSha256 = async (path) => (await (await fetch(`${emulator.baseUrl}/__admin/file?path=${encodeURIComponent(path)}&root=home`)).json()).sha256;
			const running = (id) => emulator.emulator.db.sessions.hashers.get(id);
			const data = crypto.randomBytes(4 * BLOCK + 99);
			const piece = (index) => data.subarray(index * BLOCK, Math.min(data.length, (index + 1) * BLOCK));
			const { result } = await dbx.filesUploadSessionStart({ session_type: 'concurrent', contents: Buffer.alloc(0) });
			const session_id = result.session_id;
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 2 * BLOCK }, contents: piece(2) });
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: BLOCK }, contents: piece(1) });
			expect(running(session_id).at).toBe(0);
			// The piece at the front: hashed as it arrives, then pieces 1 and 2 from the file.
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 0 }, contents: piece(0) });
			expect(running(session_id).at).toBe(3 * BLOCK);
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 3 * BLOCK }, contents: piece(3) });
			expect(running(session_id).at).toBe(4 * BLOCK);
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 4 * BLOCK }, contents: piece(4), close: true });
			expect(running(session_id).at).toBe(data.length);
			const fast = await dbx.filesUploadSessionFinish({ cursor: { session_id, offset: data.length }, commit: { path: '/sessions/running.bin' }, contents: Buffer.alloc(0) });
			expect(fast.result.content_hash).toBe(contentHashOf(data));
			expect(fast.result.size).toBe(data.length);
			expect(await adminSha256('/sessions/running.bin')).toBe(sha256(data));

			// Piece 1 sent again with other bytes after it was hashed: the running hash is dropped.
			const changed = Buffer.from(data);
			crypto.randomFillSync(changed, BLOCK, BLOCK);
			const third = await dbx.filesUploadSessionStart({ session_type: 'concurrent', contents: Buffer.alloc(0) });
			const sid = third.result.session_id;
			for (const index of [0, 1, 2, 3]) await dbx.filesUploadSessionAppendV2({ cursor: { session_id: sid, offset: index * BLOCK }, contents: piece(index) });
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id: sid, offset: BLOCK }, contents: changed.subarray(BLOCK, 2 * BLOCK) });
			expect(running(sid)).toBeUndefined();
			await dbx.filesUploadSessionAppendV2({ cursor: { session_id: sid, offset: 4 * BLOCK }, contents: changed.subarray(4 * BLOCK), close: true });
			const slow = await dbx.filesUploadSessionFinish({ cursor: { session_id: sid, offset: data.length }, commit: { path: '/sessions/resent.bin' }, contents: Buffer.alloc(0) });
			expect(slow.result.content_hash).toBe(contentHashOf(changed));
			expect(await adminSha256('/sessions/resent.bin')).toBe(sha256(changed));
		});
	});

	describe('finish_batch_v2', () => {
		async function closedSession(bytes) {
			const { result } = await dbx.filesUploadSessionStart({ contents: bytes, close: true });
			return result.session_id;
		}

		test('commits closed sessions in order, with a success or failure per entry', async () => {
			const one = await closedSession(Buffer.from('one'));
			const two = await closedSession(Buffer.from('two'));
			const open = (await dbx.filesUploadSessionStart({ contents: Buffer.from('open') })).result.session_id;
			const three = await closedSession(Buffer.from('three'));
			await dbx.filesUpload({ path: '/batch/exists.txt', contents: 'different' });
			const { result } = await dbx.filesUploadSessionFinishBatchV2({
				entries: [
					{ cursor: { session_id: one, offset: 3 }, commit: { path: '/batch/one.txt' } },
					{ cursor: { session_id: open, offset: 4 }, commit: { path: '/batch/open.txt' } },
					{ cursor: { session_id: two, offset: 99 }, commit: { path: '/batch/two.txt' } },
					{ cursor: { session_id: three, offset: 5 }, commit: { path: '/batch/exists.txt' } },
				],
			});
			expect(result.entries.map((entry) => entry['.tag'])).toEqual(['success', 'failure', 'failure', 'failure']);
			expect(result.entries[0].name).toBe('one.txt');
			expect(result.entries[0].content_hash).toBe(contentHashOf(Buffer.from('one')));
			expect(result.entries[1].failure).toEqual({ '.tag': 'lookup_failed', lookup_failed: { '.tag': 'not_closed' } });
			expect(result.entries[2].failure).toEqual({ '.tag': 'lookup_failed', lookup_failed: { '.tag': 'incorrect_offset', correct_offset: 3 } });
			expect(result.entries[3].failure).toEqual({ '.tag': 'path', path: { '.tag': 'conflict', conflict: { '.tag': 'file' } } });
		});

		test('more than 1000 entries is a 400', async () => {
			const entries = Array.from({ length: 1001 }, (_, i) => ({ cursor: { session_id: `s${i}`, offset: 0 }, commit: { path: `/b/${i}` } }));
			const error = await expectDropboxError(dbx.filesUploadSessionFinishBatchV2({ entries }), 400);
			expect(error.error).toContain('entries');
		});
	});

	describe("the SDK's uploadFile helper", () => {
		test('sequential chunks', async () => {
			const data = crypto.randomBytes(10 * MiB + 5);
			const { metadata } = await uploadFile(dbx, bytesUpload(data), { path: '/helper/sequential.bin' }, { chunkSize: 4 * MiB });
			expect(metadata.size).toBe(data.length);
			expect(metadata.content_hash).toBe(contentHashOf(data));
		});

		test('parallel uploads use a concurrent session', async () => {
			const data = crypto.randomBytes(17 * MiB + 3);
			let progress = 0;
			const { metadata } = await uploadFile(dbx, bytesUpload(data), { path: '/helper/parallel.bin', mode: 'overwrite' }, {
				chunkSize: 4 * MiB,
				parallelUploads: 3,
				progress: ({ bytesCommitted }) => {
					progress = bytesCommitted;
				},
			});
			expect(progress).toBe(data.length);
			expect(metadata.content_hash).toBe(contentHashOf(data));
			const stored = await dbx.filesGetMetadata({ path: '/helper/parallel.bin' });
			expect(stored.result.size).toBe(data.length);
		});
	});
});
