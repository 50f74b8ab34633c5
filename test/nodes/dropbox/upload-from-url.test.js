'use strict';

// Dropbox Sync Upload with File From = URL: the bytes stream from a web server (a pre-signed
// link) straight into Dropbox, without n8n's binary data. Run through n8n-core's engine against
// the Dropbox emulator and a test file server that can cut connections, refuse ranges, drop
// Content-Length or change the file. Assertions read what the emulator holds afterwards.

const crypto = require('node:crypto');

const { startEnvironment, bytes, contentHashOf } = require('./setup');
const { startFileServer } = require('../../helpers/file-server');

const MiB = 1024 * 1024;
const path = (value) => ({ __rl: true, mode: 'path', value });

let env;
let admin;
let files;

beforeAll(async () => {
	env = await startEnvironment();
	admin = env.admin;
	files = await startFileServer();
});

afterAll(async () => {
	await files?.close();
	await env?.close();
});

beforeEach(async () => {
	await admin.resetCounters();
	files.state.requests.length = 0;
	files.state.cuts.length = 0;
	files.state.statuses.clear();
	files.state.ignoreRanges = false;
	files.state.noLength = false;
});

const callsTo = async (route) => (await admin.counters()).calls[route] ?? 0;

async function uploadFromUrl(folder, sourceUrl, parameters = {}, runOptions = {}) {
	return await env.run({ resource: 'file', operation: 'upload', source: 'url', sourceUrl, folder: path(folder), ...parameters }, { inputItems: [{ json: {} }], ...runOptions });
}

const bigSession = { options: { singleRequestLimitMib: 1, chunkSizeMib: 4, parallelChunks: 2 } };

describe('Upload from a URL', () => {
	test('a small file goes up in one files/upload call, named after the URL, fetched once without credentials', async () => {
		const data = bytes(300 * 1024, 101);
		const url = files.put('/links/Hero%20Shot.jpg', data, { type: 'image/jpeg' });
		const { items, error } = await uploadFromUrl('/FromUrl/Small', url);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ path_display: '/FromUrl/Small/Hero Shot.jpg', size: data.length, skipped: false, uploadMethod: 'single' });
		expect((await admin.file('/FromUrl/Small/Hero Shot.jpg')).metadata.content_hash).toBe(contentHashOf(data));
		const requests = files.requestsTo('/links/Hero%20Shot.jpg');
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBeUndefined();
		expect(requests[0].headers['accept-encoding']).toBe('identity');
		expect(await callsTo('files/upload')).toBe(1);
	});

	test('a large file streams into a concurrent upload session, named by Content-Disposition, bytes intact', async () => {
		const data = bytes(9 * MiB + 4321, 102);
		const url = files.put('/links/download', data, { disposition: 'attachment; filename="clip.mp4"' });
		const { items, error } = await uploadFromUrl('/FromUrl/Big', url, bigSession);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ path_display: '/FromUrl/Big/clip.mp4', size: data.length, uploadMethod: 'session' });
		expect((await admin.file('/FromUrl/Big/clip.mp4')).metadata.content_hash).toBe(contentHashOf(data));
		expect(files.requestsTo('/links/download')).toHaveLength(1);
		expect(await callsTo('files/upload_session/append_v2')).toBe(3);
	});

	test('a connection that breaks mid-file continues from the byte where it stopped (Range + If-Range), not from the start', async () => {
		const data = bytes(9 * MiB, 103);
		const url = files.put('/links/broken.mp4', data);
		files.state.cuts.push({ path: '/links/broken.mp4', cutAfter: 5 * MiB + 7 });
		const { items, error } = await uploadFromUrl('/FromUrl/Resume', url, bigSession);
		expect(error).toBeUndefined();
		expect(items[0].json.size).toBe(data.length);
		expect((await admin.file('/FromUrl/Resume/broken.mp4')).metadata.content_hash).toBe(contentHashOf(data));
		const requests = files.requestsTo('/links/broken.mp4');
		expect(requests).toHaveLength(2);
		const received = Number(/^bytes=(\d+)-$/.exec(requests[1].headers.range)[1]);
		// Resumed at what had arrived (at least the cut's first bytes), far from the start.
		expect(received).toBeGreaterThanOrEqual(4 * MiB);
		expect(received).toBeLessThanOrEqual(5 * MiB + 7);
		expect(requests[1].headers['if-range']).toMatch(/^"[0-9a-f]{40}"$/);
		expect(await callsTo('files/upload_session/finish')).toBe(1);
	});

	test('a server that ignores ranges sends the whole file again: the bytes already sent are skipped, the upload is intact', async () => {
		const data = bytes(6 * MiB + 99, 104);
		const url = files.put('/links/noranges.bin', data);
		files.state.ignoreRanges = true;
		files.state.cuts.push({ path: '/links/noranges.bin', cutAfter: 3 * MiB });
		const { error } = await uploadFromUrl('/FromUrl/NoRanges', url, bigSession);
		expect(error).toBeUndefined();
		expect((await admin.file('/FromUrl/NoRanges/noranges.bin')).metadata.content_hash).toBe(contentHashOf(data));
		expect(files.requestsTo('/links/noranges.bin')).toHaveLength(2);
	});

	test('a file that changes while it is read fails before anything is committed', async () => {
		const data = bytes(6 * MiB, 105);
		const url = files.put('/links/changing.bin', data);
		files.state.cuts.push({ path: '/links/changing.bin', cutAfter: 2 * MiB });
		// The resumed request finds a new version: If-Range no longer matches, a whole longer file comes.
		files.state.beforeServe = (requested, number) => {
			if (requested === '/links/changing.bin' && number === 2) files.put('/links/changing.bin', bytes(7 * MiB, 106));
		};
		const { error } = await uploadFromUrl('/FromUrl/Changing', url, bigSession);
		files.state.beforeServe = null;
		expect(files.requestsTo('/links/changing.bin')).toHaveLength(2);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(/the file at http:\/\/127\.0\.0\.1:\d+\/links\/changing\.bin\?… changed while it was being read \(7340032 bytes instead of 6291456\)/);
		expect(await admin.file('/FromUrl/Changing/changing.bin')).toBeNull();
		expect(await callsTo('files/upload_session/finish')).toBe(0);
		expect(await callsTo('files/upload_session/finish_batch_v2')).toBe(0);
	});

	test('an expired link (403) fails at once with the fix, and the signature never appears in the error', async () => {
		const url = files.put('/links/expired.jpg', bytes(1000, 107));
		files.state.statuses.set('/links/expired.jpg', [403]);
		const { error } = await uploadFromUrl('/FromUrl/Expired', url);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(/^File URL: http:\/\/127\.0\.0\.1:\d+\/links\/expired\.jpg\?… answered 403: status 403 from the test server/);
		expect(error.description).toMatch(/expired/);
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain('secret-signature');
		expect(files.requestsTo('/links/expired.jpg')).toHaveLength(1);
		expect(await callsTo('files/upload')).toBe(0);
	});

	test('429 and 5xx from the file server are retried; the upload then succeeds', async () => {
		const data = bytes(2000, 108);
		const url = files.put('/links/busy.jpg', data);
		files.state.statuses.set('/links/busy.jpg', [503, 429]);
		const { error } = await uploadFromUrl('/FromUrl/Busy', url);
		expect(error).toBeUndefined();
		expect(files.requestsTo('/links/busy.jpg')).toHaveLength(3);
		expect((await admin.file('/FromUrl/Busy/busy.jpg')).metadata.content_hash).toBe(contentHashOf(data));
	});

	test('a server that does not send the size is refused before anything goes to Dropbox', async () => {
		const url = files.put('/links/nolength.bin', bytes(5000, 109));
		files.state.noLength = true;
		const { error } = await uploadFromUrl('/FromUrl/NoLength', url);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/does not say how large the file is \(no Content-Length\)/);
		expect(error.description).toMatch(/binary field/);
		expect((await admin.counters()).totalCalls).toBe(0);
	});

	test('a URL that is no http(s) address, or empty, is an input error naming the item', async () => {
		const ftp = await uploadFromUrl('/FromUrl/Bad', 'ftp://example.com/file.bin');
		expect(ftp.error.name).toBe('NodeOperationError');
		expect(ftp.error.message).toMatch(/must start with https:\/\/ or http:\/\//);
		const empty = await uploadFromUrl('/FromUrl/Bad', '  ');
		expect(empty.error.message).toMatch(/^File URL is empty/);
		const garbage = await uploadFromUrl('/FromUrl/Bad', 'not a url?token=abc');
		expect(garbage.error.message).toBe('File URL "not a url?…" is not a URL');
	});

	test('Skip If Identical compares the streamed bytes: an identical file is left alone', async () => {
		const data = bytes(40 * 1024, 110);
		const url = files.put('/links/same.bin', data);
		expect((await uploadFromUrl('/FromUrl/Same', url)).error).toBeUndefined();
		await admin.resetCounters();
		const { items, error } = await uploadFromUrl('/FromUrl/Same', url, { writeMode: 'overwrite', skipIfIdentical: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ skipped: true, reason: 'identical' });
		expect(await callsTo('files/upload')).toBe(0);
	});

	test('several items from URLs go up in parallel and are committed together', async () => {
		const inputs = [0, 1, 2, 3].map((n) => ({ name: `part-${n}.bin`, data: bytes(5 * MiB + n, 120 + n) }));
		const inputItems = inputs.map(({ name, data }) => ({ json: { url: files.put(`/links/${name}`, data) } }));
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'upload', source: 'url', sourceUrl: '={{ $json.url }}', folder: path('/FromUrl/Many'), ...bigSession },
			{ inputItems },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.uploadMethod)).toEqual(['batch', 'batch', 'batch', 'batch']);
		for (const { name, data } of inputs) expect((await admin.file(`/FromUrl/Many/${name}`)).metadata.content_hash).toBe(contentHashOf(data));
		expect(await callsTo('files/upload_session/finish_batch_v2')).toBe(1);
	});

	test('Expected SHA-1: the right checksum saves the file; a wrong one saves nothing, in one request or a session', async () => {
		const small = bytes(70 * 1024, 130);
		const big = bytes(9 * MiB + 1, 131);
		const sha1 = (data) => crypto.createHash('sha1').update(data).digest('hex');
		const right = await uploadFromUrl('/FromUrl/Sha1', files.put('/links/right.bin', big), { options: { ...bigSession.options, expectedSha1: sha1(big).toUpperCase() } });
		expect(right.error).toBeUndefined();
		expect((await admin.file('/FromUrl/Sha1/right.bin')).metadata.content_hash).toBe(contentHashOf(big));

		const wrongSmall = await uploadFromUrl('/FromUrl/Sha1', files.put('/links/wrong-small.bin', small), { options: { expectedSha1: sha1(big) } });
		expect(wrongSmall.error.name).toBe('NodeApiError');
		expect(wrongSmall.error.message).toBe(`The file for /FromUrl/Sha1/wrong-small.bin has SHA-1 ${sha1(small)}, not the expected ${sha1(big)}; it was not saved`);
		expect(await admin.file('/FromUrl/Sha1/wrong-small.bin')).toBeNull();

		await admin.resetCounters();
		const wrongBig = await uploadFromUrl('/FromUrl/Sha1', files.put('/links/wrong-big.bin', big), { options: { ...bigSession.options, expectedSha1: sha1(small) } });
		expect(wrongBig.error.message).toMatch(/has SHA-1 [0-9a-f]{40}, not the expected [0-9a-f]{40}; it was not saved$/);
		expect(await admin.file('/FromUrl/Sha1/wrong-big.bin')).toBeNull();
		expect(await callsTo('files/upload_session/append_v2')).toBe(3);
		expect((await callsTo('files/upload_session/finish')) + (await callsTo('files/upload_session/finish_batch_v2'))).toBe(0);

		const invalid = await uploadFromUrl('/FromUrl/Sha1', files.put('/links/x.bin', small), { options: { expectedSha1: 'abc' } });
		expect(invalid.error.name).toBe('NodeOperationError');
		expect(invalid.error.message).toBe('Expected SHA-1 "abc" is not a SHA-1 (item 0)');
	});
});
