'use strict';

// Concurrency in the Dropbox Sync node: Download (and Get Metadata) over several items at once
// (Options > Parallel Requests) with the output, pairing and error semantics of one-by-one
// runs; and big uploads through a concurrent upload session (Options > Parallel Chunks), whose
// bytes, content_hash and retries are checked against what the emulator holds.

const crypto = require('node:crypto');
const http = require('node:http');

const { startEnvironment, bytes, contentHashOf } = require('./setup');

const MiB = 1024 * 1024;
const path = (value) => ({ __rl: true, mode: 'path', value });

let env;
let admin;

// Counts the files/download requests the emulator (in this process) is serving at once.
const inFlight = { now: 0, max: 0 };
const originalEmit = http.Server.prototype.emit;

beforeAll(async () => {
	env = await startEnvironment();
	admin = env.admin;
	http.Server.prototype.emit = function (event, req, res) {
		if (event === 'request' && req.url.startsWith('/2/files/download')) {
			inFlight.now++;
			inFlight.max = Math.max(inFlight.max, inFlight.now);
			res.once('close', () => inFlight.now--);
		}
		return originalEmit.apply(this, arguments);
	};
	for (let index = 0; index < 12; index++) await admin.write(`/Par/f${index}.bin`, bytes(20_000 + index, 100 + index));
});

afterAll(async () => {
	http.Server.prototype.emit = originalEmit;
	await env?.close();
});

const callsTo = async (route) => (await admin.counters()).calls[route] ?? 0;
const itemsFor = (paths) => paths.map((p) => ({ json: { p } }));

async function download(paths, { parallelRequests, continueOnFail = false } = {}) {
	inFlight.max = 0;
	const options = parallelRequests === undefined ? {} : { parallelRequests };
	return await env.run({ resource: 'file', operation: 'download', file: path('={{ $json.p }}'), options }, { inputItems: itemsFor(paths), continueOnFail });
}

describe('Download: Parallel Requests', () => {
	test('12 items, 5 at a time (the default): output in input order, paired, bytes intact', async () => {
		await admin.setFaults({ routes: { 'files/download': { latencyMs: 60 } } });
		const paths = Array.from({ length: 12 }, (_, index) => `/Par/f${index}.bin`);
		const { items, error } = await download(paths);
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(paths.map((_, index) => ({ item: index })));
		expect(items.map((item) => item.json.path_display)).toEqual(paths);
		for (const [index, item] of items.entries()) {
			expect((await env.harness.hashBinary(item.binary.data)).hash).toBe(crypto.createHash('sha256').update(bytes(20_000 + index, 100 + index)).digest('hex'));
		}
		expect(inFlight.max).toBe(5);
	});

	test('Parallel Requests 1 downloads one by one', async () => {
		await admin.setFaults({ routes: { 'files/download': { latencyMs: 30 } } });
		const { items, error } = await download(['/Par/f0.bin', '/Par/f1.bin', '/Par/f2.bin', '/Par/f3.bin'], { parallelRequests: 1 });
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(inFlight.max).toBe(1);
	});

	test('Continue On Fail: each failed item becomes its own error item, at its place, and every other item is downloaded', async () => {
		const paths = ['/Par/f0.bin', '/Par/missing-1.bin', '/Par/f2.bin', '/Par/f3.bin', 'relative.bin', '/Par/f5.bin', '/Par/missing-6.bin', '/Par/f7.bin'];
		const { items, error } = await download(paths, { continueOnFail: true, parallelRequests: 4 });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(items[1].json).toEqual({ error: 'No file at /Par/missing-1.bin', details: expect.objectContaining({ path: '/Par/missing-1.bin', itemIndex: 1 }) });
		expect(items[4].json.error).toBe('The file path "relative.bin" does not start with "/" (item 4)');
		expect(items[6].json).toMatchObject({ error: 'No file at /Par/missing-6.bin', details: { itemIndex: 6 } });
		for (const index of [0, 2, 3, 5, 7]) {
			expect(items[index].json.path_display).toBe(paths[index]);
			expect(items[index].binary.data).toBeDefined();
		}
	});

	test('without Continue On Fail: the lowest-index failure is thrown, and no new item starts after a failure', async () => {
		// Item 2 fails fast (no such file); items 0 and 1 are still downloading (slow) when it does.
		await admin.setFaults({ routes: { 'files/download': { latencyMs: 150 } } });
		await admin.resetCounters();
		const paths = ['/Par/f0.bin', '/Par/f1.bin', 'relative.bin', '/Par/missing-3.bin', ...Array.from({ length: 8 }, (_, index) => `/Par/f${index + 4}.bin`)];
		const { items, error } = await download(paths, { parallelRequests: 4 });
		const downloads = await callsTo('files/download');
		await admin.setFaults({});
		expect(items).toEqual([]);
		expect(error.message).toBe('The file path "relative.bin" does not start with "/" (item 2)');
		expect(error.context.itemIndex).toBe(2);
		// Items 0, 1 and 3 were under way when item 2 failed; items 4..11 never started.
		expect(downloads).toBe(3);
	});

	test('a later failure does not hide an earlier one that finishes last: the error names the lowest index', async () => {
		// Item 0 is slow and fails (not found after the latency); item 1 fails at once on bad input.
		await admin.setFaults({ routes: { 'files/download': { latencyMs: 200 } } });
		const { error } = await download(['/Par/missing-0.bin', 'bad-1.bin', '/Par/f2.bin'], { parallelRequests: 3 });
		await admin.setFaults({});
		expect(error.message).toBe('No file at /Par/missing-0.bin');
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('Get Metadata: Parallel Requests', () => {
	test('order and pairing as one by one; Continue On Fail per item', async () => {
		const paths = ['/Par/f3.bin', '/Par/nope.bin', '/Par/f1.bin', '/Par'];
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'getMetadata', file: path('={{ $json.p }}'), options: { parallelRequests: 3 } },
			{ inputItems: itemsFor(paths), continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(items.map((item) => item.json.path_display ?? item.json.error)).toEqual(['/Par/f3.bin', 'Nothing at /Par/nope.bin', '/Par/f1.bin', '/Par']);
	});
});

describe('Upload: concurrent upload session (Parallel Chunks)', () => {
	async function upload(folder, fileName, data, parameters = {}) {
		return await env.run(
			{ resource: 'file', operation: 'upload', folder: path(folder), fileName, writeMode: 'overwrite', ...parameters },
			{ inputItems: await env.binaryItems([{ name: fileName, data }]) },
		);
	}
	const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

	test('a big file goes up in 4 MiB pieces, 3 in flight, the closing piece last; bytes and content_hash exact', async () => {
		await admin.resetCounters();
		const data = bytes(21 * MiB + 4321, 201);
		const { items, error } = await upload('/ParUp', 'big.bin', data, { options: { singleRequestLimitMib: 1, chunkSizeMib: 4, parallelChunks: 3 } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ size: data.length, content_hash: contentHashOf(data), uploadMethod: 'session', skipped: false });
		const stored = await admin.file('/ParUp/big.bin');
		expect(stored.metadata.content_hash).toBe(contentHashOf(data));
		expect(stored.sha256).toBe(sha256(data));
		// A concurrent session: start and finish carry no data, 6 appends (5 × 4 MiB + the rest).
		expect(await callsTo('files/upload_session/start')).toBe(1);
		expect(await callsTo('files/upload_session/append_v2')).toBe(6);
		expect(await callsTo('files/upload_session/finish')).toBe(1);
	});

	test('a size that is an exact multiple of the chunk size', async () => {
		await admin.resetCounters();
		const data = bytes(16 * MiB, 202);
		const { error } = await upload('/ParUp', 'exact.bin', data, { options: { singleRequestLimitMib: 1, chunkSizeMib: 8, parallelChunks: 4 } });
		expect(error).toBeUndefined();
		expect(await callsTo('files/upload_session/append_v2')).toBe(2);
		expect((await admin.file('/ParUp/exact.bin')).metadata.content_hash).toBe(contentHashOf(data));
	});

	test('lost replies, 5xx and 429 on appends are retried; the file arrives once and intact', async () => {
		const data = bytes(25 * MiB + 7, 203);
		await admin.resetCounters();
		await admin.setFaults({
			retryAfterSeconds: 0,
			schedule: [
				{ route: 'files/upload_session/append_v2', call: 2, fault: 'dropAfter' },
				{ route: 'files/upload_session/append_v2', call: 4, fault: 'serverError' },
				{ route: 'files/upload_session/append_v2', call: 5, fault: 'rateLimit' },
				{ route: 'files/upload_session/append_v2', call: 6, fault: 'drop' },
			],
		});
		const { items, error } = await upload('/ParUp', 'faults.bin', data, { options: { singleRequestLimitMib: 1, chunkSizeMib: 4, parallelChunks: 4 } });
		const counters = await admin.counters();
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(counters.faults).toMatchObject({ dropAfter: 1, serverError: 1, rateLimit: 1, drop: 1 });
		// 7 pieces, 4 of them sent twice.
		expect(counters.calls['files/upload_session/append_v2']).toBe(11);
		expect(items[0].json.content_hash).toBe(contentHashOf(data));
		const stored = await admin.file('/ParUp/faults.bin');
		expect(stored.revisions).toHaveLength(1);
		expect(stored.metadata.content_hash).toBe(contentHashOf(data));
		expect(stored.sha256).toBe(sha256(data));
	});

	test('the closing piece whose reply was lost is not an error', async () => {
		const data = bytes(9 * MiB + 1, 204);
		await admin.resetCounters();
		// 3 pieces: the third append is the closing one.
		await admin.setFaults({ schedule: [{ route: 'files/upload_session/append_v2', call: 3, fault: 'dropAfter' }] });
		const { error } = await upload('/ParUp', 'close-lost.bin', data, { options: { singleRequestLimitMib: 1, chunkSizeMib: 4, parallelChunks: 2 } });
		const appends = await callsTo('files/upload_session/append_v2');
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(appends).toBe(4);
		expect((await admin.file('/ParUp/close-lost.bin')).metadata.content_hash).toBe(contentHashOf(data));
	});

	test('Skip If Identical: the hash computed while the pieces stream is compared, nothing is committed', async () => {
		const data = bytes(13 * MiB, 205);
		const options = { singleRequestLimitMib: 1, chunkSizeMib: 4, parallelChunks: 3 };
		await upload('/ParUp', 'same.bin', data, { options });
		await admin.resetCounters();
		const { items } = await upload('/ParUp', 'same.bin', data, { skipIfIdentical: true, options });
		expect(items[0].json).toMatchObject({ skipped: true, reason: 'identical', uploadMethod: 'session' });
		expect(await callsTo('files/upload_session/finish')).toBe(0);
		expect((await admin.file('/ParUp/same.bin')).revisions).toHaveLength(1);
	});
});
