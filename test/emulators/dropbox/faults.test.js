'use strict';
// Fault injection as the SDK sees it: a scheduled 429 with Retry-After (both rate-limit
// reasons), a 409 too_many_write_operations in the route's error shape, 500/503 plain text,
// dropped connections (before handling, and after handling with the reply lost), the SDK's
// uploadFile helper retrying through a 429, and per-route call counters.

const crypto = require('crypto');
const { uploadFile, bytesUpload } = require('dropbox');
const { contentHashOf } = require('../../../sandbox/dropbox/content-hash');
const { startEmulator, client, expectDropboxError } = require('./helpers');

describe('Dropbox emulator: faults', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator({ seed: false });
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	async function setFaults(config) {
		const response = await fetch(`${emulator.baseUrl}/__admin/faults`, { method: 'PUT', body: JSON.stringify(config) });
		expect(response.status).toBe(200);
	}
	const counters = async () => (await fetch(`${emulator.baseUrl}/__admin/counters`)).json();

	afterEach(() => setFaults({}));

	test('a scheduled 429 too_many_requests carries Retry-After and a RateLimitError body', async () => {
		await setFaults({ schedule: [{ route: 'files/list_folder', call: 2, fault: 'rateLimit', retryAfterSeconds: 3 }] });
		await dbx.filesListFolder({ path: '' });
		const error = await expectDropboxError(dbx.filesListFolder({ path: '' }), 429);
		expect(error.headers.get('retry-after')).toBe('3');
		expect(error.error).toEqual({ error_summary: 'too_many_requests/..', error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 } });
		await dbx.filesListFolder({ path: '' });
		expect((await counters()).calls['files/list_folder']).toBe(3);
	});

	test('429 too_many_write_operations and 409 too_many_write_operations in the route shape', async () => {
		await setFaults({
			schedule: [
				{ route: 'files/upload', call: 1, fault: 'writeRateLimit' },
				{ route: 'files/upload', call: 2, fault: 'writeConflict' },
				{ route: 'files/create_folder_v2', call: 1, fault: 'writeConflict' },
			],
		});
		const limited = await expectDropboxError(dbx.filesUpload({ path: '/f/a.txt', contents: 'a' }), 429);
		expect(limited.error.error.reason['.tag']).toBe('too_many_write_operations');
		expect(limited.headers.get('retry-after')).toBe('1');
		await expectDropboxError(dbx.filesUpload({ path: '/f/a.txt', contents: 'a' }), 409, ['path', 'too_many_write_operations']);
		await expectDropboxError(dbx.filesCreateFolderV2({ path: '/f/folder' }), 409, ['path', 'too_many_write_operations']);
		await dbx.filesUpload({ path: '/f/a.txt', contents: 'a' });
	});

	test('500 and 503 are plain text', async () => {
		await setFaults({
			schedule: [
				{ route: 'users/get_current_account', call: 1, fault: 'serverError', status: 503 },
				{ route: 'users/get_current_account', call: 2, fault: 'serverError', status: 500 },
			],
		});
		const unavailable = await expectDropboxError(dbx.usersGetCurrentAccount(), 503);
		expect(typeof unavailable.error).toBe('string');
		await expectDropboxError(dbx.usersGetCurrentAccount(), 500);
		await dbx.usersGetCurrentAccount();
	});

	test('a dropped connection is a network error for the client; dropAfter loses the reply of a call that was made', async () => {
		await setFaults({
			schedule: [
				{ route: 'files/get_metadata', call: 1, fault: 'drop' },
				{ route: 'files/create_folder_v2', call: 1, fault: 'dropAfter' },
			],
		});
		const dropped = await dbx.filesGetMetadata({ path: '/f' }).catch((error) => error);
		// Node's fetch (another realm than jest's) rejects with TypeError "fetch failed".
		expect(dropped.name).toBe('TypeError');
		expect(dropped.message).toBe('fetch failed');
		const lost = await dbx.filesCreateFolderV2({ path: '/f/made-anyway' }).catch((error) => error);
		expect(lost.message).toBe('fetch failed');
		const made = await dbx.filesGetMetadata({ path: '/f/made-anyway' });
		expect(made.result['.tag']).toBe('folder');
		const { faults } = await counters();
		expect(faults.drop).toBe(1);
		expect(faults.dropAfter).toBe(1);
	});

	test("the SDK's uploadFile retries through a 429 (honouring Retry-After) and a 503", async () => {
		await setFaults({
			schedule: [
				{ route: 'files/upload_session/append_v2', call: 2, fault: 'rateLimit', retryAfterSeconds: 1 },
				{ route: 'files/upload_session/finish', call: 1, fault: 'serverError', status: 503 },
			],
		});
		await fetch(`${emulator.baseUrl}/__admin/counters/reset`, { method: 'POST' });
		const data = crypto.randomBytes(9 * 1024 * 1024);
		const started = Date.now();
		const { metadata } = await uploadFile(dbx, bytesUpload(data), { path: '/f/retried.bin' }, { chunkSize: 4 * 1024 * 1024, retryDelay: 10 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(metadata.content_hash).toBe(contentHashOf(data));
		const { calls, faults } = await counters();
		expect(calls['files/upload_session/append_v2']).toBe(3);
		expect(calls['files/upload_session/finish']).toBe(2);
		expect(faults).toEqual({ rateLimit: 1, serverError: 1 });
	});

	test('probabilistic faults with a seed repeat exactly', async () => {
		const outcomes = async () => {
			await setFaults({ seed: 7, probabilities: { serverError: 0.5 }, include: ['files/get_metadata'] });
			const results = [];
			for (let i = 0; i < 12; i += 1) {
				results.push(await dbx.filesGetMetadata({ path: '/f' }).then(() => 'ok', (error) => String(error.status)));
			}
			return results;
		};
		const first = await outcomes();
		expect(first).toContain('ok');
		expect(first.some((r) => r === '500' || r === '503')).toBe(true);
		expect(await outcomes()).toEqual(first);
		// Routes outside `include` are never faulted.
		await dbx.usersGetCurrentAccount();
	});

	test('faults can be configured at start', async () => {
		const faulty = await startEmulator({ seed: false, faults: { schedule: [{ route: 'files/list_folder', call: 1, fault: 'rateLimit', retryAfterSeconds: 5 }] } });
		try {
			const error = await expectDropboxError(client(faulty).filesListFolder({ path: '' }), 429);
			expect(error.headers.get('retry-after')).toBe('5');
		} finally {
			await faulty.close();
		}
	});
});
