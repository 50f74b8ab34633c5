'use strict';
// Fault injection rendered in Smint.io's shape: 429 with and without Retry-After, 5xx with
// the error object, dropped connections (before and after the server acted), latency,
// include filters, and call counters per route name.

const { start, http, execute, ok, upload } = require('./helpers');
const { startSmintioEmulator } = require('../../../sandbox/smintio');

let emulator;
let api;
let admin;

beforeAll(async () => {
	({ emulator, api, admin } = await start({ seed: false }));
});
afterAll(() => emulator.close());
afterEach(async () => {
	await admin.put('/__admin/faults', {});
});

const SEARCH = 'IAssetsSearch.searchAssetsAsync';
const FEED = '/consumer/v1/sync/license-purchase-transactions';

test('scheduled 429 with Retry-After, then the call goes through', async () => {
	await admin.put('/__admin/faults', { schedule: [{ route: SEARCH, call: 1, fault: 'rateLimit', retryAfterSeconds: 2 }] });
	const limited = await execute(api, 'IAssetsSearch', 'searchAssetsAsync', {});
	expect(limited.status).toBe(429);
	expect(limited.headers['retry-after']).toBe('2');
	expect(limited.data).toEqual({ error_code: 'too_many_requests', error_message: expect.any(String) });
	const retried = await execute(api, 'IAssetsSearch', 'searchAssetsAsync', {});
	expect(retried.status).toBe(200);
});

test('429 without Retry-After when retryAfterSeconds is null', async () => {
	await admin.put('/__admin/faults', { retryAfterSeconds: null, schedule: [{ route: 'clapi/license-purchase-transactions', call: 1, fault: 'rateLimit' }] });
	const limited = await api.get(FEED);
	expect(limited.status).toBe(429);
	expect(limited.headers['retry-after']).toBeUndefined();
	expect(limited.data.error_code).toBe('too_many_requests');
});

test('503 and 500 carry the error object', async () => {
	await admin.put('/__admin/faults', {
		schedule: [
			{ route: 'backgroundTasks', call: 1, fault: 'serverError', status: 503 },
			{ route: 'connect/token', call: 1, fault: 'serverError', status: 500 },
		],
	});
	const task = (await execute(api, 'IAssetsChanges', 'getChangesAsync', {})).data;
	const unavailable = await api.get(`/frontend/v1/backgroundTasks/${task.uuid}`);
	expect(unavailable.status).toBe(503);
	expect(unavailable.data).toEqual({ error_code: 'service_unavailable', error_message: expect.any(String) });
	const token = await api.post('/connect/token', 'grant_type=client_credentials', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	expect(token.status).toBe(500);
	expect(token.data.error_code).toBe('internal_server_error');
	expect((await api.get(`/frontend/v1/backgroundTasks/${task.uuid}`)).status).toBe(200);
});

test('a dropped connection resets the socket without acting', async () => {
	await admin.put('/__admin/faults', { schedule: [{ route: 'ICollectionsWrite.createCollectionAsync', call: 1, fault: 'drop' }] });
	await expect(execute(api, 'ICollectionsWrite', 'createCollectionAsync', { name: 'Dropped before' })).rejects.toThrow(/socket hang up|ECONNRESET/);
	const found = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { queryString: 'Dropped before' });
	expect(found.collections).toEqual([]);
});

test('dropAfter: the server acts, the reply is lost (a retry must check before repeating)', async () => {
	await admin.put('/__admin/faults', { schedule: [{ route: 'ICollectionsWrite.createCollectionAsync', call: 1, fault: 'dropAfter' }] });
	await expect(execute(api, 'ICollectionsWrite', 'createCollectionAsync', { name: 'Dropped after' })).rejects.toThrow(/socket hang up|ECONNRESET/);
	const found = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { queryString: 'Dropped after' });
	expect(found.collections.map((c) => c.name)).toEqual(['Dropped after']);
});

test('probabilities with include filters, and latency', async () => {
	await admin.put('/__admin/faults', { seed: 7, probabilities: { rateLimit: 1 }, include: ['clapi/*'], routes: { [SEARCH]: { latencyMs: 120 } } });
	expect((await api.get(FEED)).status).toBe(429);
	expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(429);
	const startedAt = Date.now();
	expect((await execute(api, 'IAssetsSearch', 'searchAssetsAsync', {})).status).toBe(200);
	expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
});

test('uploads and downloads have their own route names', async () => {
	await admin.put('/__admin/faults', {
		schedule: [
			{ route: 'uploadFile', call: 1, fault: 'serverError', status: 503 },
			{ route: 'download', call: 1, fault: 'rateLimit', retryAfterSeconds: 1 },
		],
	});
	await expect(upload(api, 'a.txt', Buffer.from('hello'), 'text/plain')).rejects.toThrow(/503/);
	const uploaded = await upload(api, 'a.txt', Buffer.from('hello'), 'text/plain');
	const asset = (await ok(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid: uploaded, name: 'Hello' })).assetDataObject;
	const items = (await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: asset.id }] })).assetDownloadGroups[0].assetDownloadItems;
	const { url } = (await ok(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', { assetIds: [{ id: asset.id }], assetDownloadItems: items })).assetDownloadUrl;
	const limited = await api.get(url);
	expect(limited.status).toBe(429);
	expect(limited.headers['retry-after']).toBe('1');
	expect((await api.get(url)).data).toBe('hello');
});

test('counters per route name; invalid fault configs are refused', async () => {
	await admin.post('/__admin/counters/reset');
	await api.get(FEED);
	await api.get(FEED);
	await execute(api, 'IAssetsSearch', 'searchAssetsAsync', {});
	await api.post('/connect/token', 'grant_type=client_credentials', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	const counters = (await admin.get('/__admin/counters')).data;
	expect(counters.calls).toEqual({ 'clapi/license-purchase-transactions': 2, [SEARCH]: 1, 'connect/token': 1 });
	expect(counters.totalCalls).toBe(4);
	const bad = await admin.put('/__admin/faults', { probabilities: { meteorStrike: 0.5 } });
	expect(bad.status).toBe(400);
});

test('faults can be given at start (as SANDBOX_FAULTS does for main.js)', async () => {
	const faulty = await startSmintioEmulator({ seed: false, faults: { probabilities: { serverError: 1 }, include: ['clapi/generic-metadata'] } });
	try {
		const response = await http(faulty.baseUrl, faulty.credentials.accessToken).get('/consumer/v1/sync/generic-metadata');
		expect([500, 503]).toContain(response.status);
		expect(response.data.error_code).toMatch(/internal_server_error|service_unavailable/);
	} finally {
		await faulty.close();
	}
});
