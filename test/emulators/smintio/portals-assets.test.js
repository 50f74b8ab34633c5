'use strict';
// Reading the library: search (query, filters, 0-based paging), get one / many, and the
// download flow (groups → initiate → pre-signed URL without Authorization, expiry, range, zip).

const axios = require('axios');
const { start, http, call, ok, sha1, readStoredZip } = require('./helpers');

const PARTNER_PICKS = '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a07';
const ASSET_FIELDS = [
	'id',
	'name',
	'description',
	'contentType',
	'fileMetadata',
	'localizedTags',
	'version',
	'eTag',
	'createdAt',
	'modifiedAt',
	'publishFrom',
	'publishUntil',
	'externalId',
	'parentFolderIds',
	'approvalState',
	'collectionIds',
	'metadata',
	'usageHistory',
	'rights',
];

let emulator;
let api;
let admin;

beforeAll(async () => {
	// initiateAssetsDownloadForAssetsAsync is immediate by contract; long-running here so the
	// download tests also cover polling it.
	({ emulator, api, admin } = await start({
		taskDelayMs: 60,
		longRunningMethods: ['IAssetsRead.getAssetsAsync', 'IAssetsDownload.initiateAssetsDownloadForAssetsAsync'],
	}));
});
afterAll(() => emulator.close());

const filter = (id, value) =>
	Array.isArray(value) ? { id, dataType: 'string_array', stringArrayValue: value } : { id, dataType: 'string', stringValue: value };
const search = (params) => ok(api, 'IAssetsSearch', 'searchAssetsAsync', { page: 0, pageSize: 100, ...params });
const download = (url) => axios.get(url, { responseType: 'arraybuffer', validateStatus: () => true });

describe('search', () => {
	test('the seed has at least 40 assets in every approval state, with the documented fields', async () => {
		const all = await search({});
		expect(all.details.totalResults).toBeGreaterThanOrEqual(40);
		for (const state of ['draft', 'in_review', 'approved', 'rejected', 'archived']) {
			const found = await search({ currentFilters: { values: [filter('approvalState', state)] } });
			expect(found.details.totalResults).toBeGreaterThan(0);
			expect(found.assetDataObjects.every((asset) => asset.approvalState === state)).toBe(true);
		}
		const asset = all.assetDataObjects[0];
		expect(Object.keys(asset).sort()).toEqual([...ASSET_FIELDS].sort());
		expect(asset.id).toMatch(/^99:(image|document):[0-9a-f]{32}$/);
		expect(Object.keys(asset.fileMetadata).sort()).toEqual(['fileExtension', 'fileName', 'fileSizeInBytes', 'mediaType', 'sha1Hash']);
		expect(asset.fileMetadata.sha1Hash).toMatch(/^[0-9a-f]{40}$/);
		const versioned = all.assetDataObjects.filter((a) => a.approvalState === 'approved' && a.version >= 2);
		expect(versioned.length).toBeGreaterThanOrEqual(3);
	});

	test('0-based paging covers every result exactly once', async () => {
		const total = (await search({})).details.totalResults;
		const seen = [];
		let page = 0;
		for (;;) {
			const result = await search({ page, pageSize: 7 });
			expect(result.details.currentPage).toBe(page);
			expect(result.details.totalResults).toBe(total);
			seen.push(...result.assetDataObjects.map((asset) => asset.id));
			if (!result.details.hasMoreResults) break;
			expect(result.assetDataObjects).toHaveLength(7);
			page += 1;
		}
		expect(page).toBe(Math.ceil(total / 7) - 1);
		expect(new Set(seen).size).toBe(total);
		const beyond = await search({ page: page + 1, pageSize: 7 });
		expect(beyond.assetDataObjects).toEqual([]);
		expect(beyond.details.hasMoreResults).toBe(false);
	});

	test('queryString: every term must match (names, tags, metadata)', async () => {
		const apparel = await search({ queryString: 'Apparel' });
		expect(apparel.details.totalResults).toBeGreaterThan(0);
		expect(apparel.assetDataObjects.every((asset) => asset.metadata.campaign === 'Summer Sale 2026')).toBe(true);
		const both = await search({ queryString: 'launch FRANCE bags' });
		expect(both.details.totalResults).toBeGreaterThan(0);
		expect(both.assetDataObjects.every((a) => a.metadata.market === 'France' && a.metadata.product === 'Bags')).toBe(true);
		const german = await search({ queryString: 'schuhe' });
		expect(german.assetDataObjects.every((a) => a.metadata.product === 'Shoes')).toBe(true);
		expect((await search({ queryString: 'zebra-unicorn' })).details.totalResults).toBe(0);
	});

	test('filters: contentType, collectionId, externalId, modifiedSince, metadata.<key>; AND across, OR within', async () => {
		const documents = await search({ currentFilters: { values: [filter('contentType', 'document')] } });
		expect(documents.details.totalResults).toBeGreaterThan(0);
		expect(documents.assetDataObjects.every((a) => a.contentType === 'document')).toBe(true);
		const byParam = await search({ contentType: 'document' });
		expect(byParam.details.totalResults).toBe(documents.details.totalResults);

		const picks = await search({ currentFilters: { values: [filter('collectionId', PARTNER_PICKS)] } });
		expect(picks.details.totalResults).toBe(7);
		expect(picks.assetDataObjects.every((a) => a.collectionIds.includes(PARTNER_PICKS) && a.approvalState === 'approved')).toBe(true);

		const withExternal = (await search({})).assetDataObjects.find((a) => a.externalId);
		const external = await search({ currentFilters: { values: [filter('externalId', withExternal.externalId)] } });
		expect(external.assetDataObjects.map((a) => a.id)).toEqual([withExternal.id]);

		const since = await search({ currentFilters: { values: [filter('modifiedSince', '2026-08-01T00:00:00Z')] } });
		expect(since.details.totalResults).toBeGreaterThan(0);
		expect(since.assetDataObjects.every((a) => a.modifiedAt >= '2026-08-01T00:00:00')).toBe(true);

		const states = await search({
			currentFilters: { values: [filter('approvalState', ['draft', 'rejected']), filter('metadata.campaign', 'Launch 2027')] },
		});
		expect(states.details.totalResults).toBeGreaterThan(0);
		expect(states.assetDataObjects.every((a) => ['draft', 'rejected'].includes(a.approvalState) && a.metadata.campaign === 'Launch 2027')).toBe(true);
	});

	test('bad filters and paging are task errors naming the parameter', async () => {
		const unknown = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { currentFilters: { values: [filter('colour', 'red')] } });
		expect(unknown.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'currentFilters.values[0]' } });
		const badType = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { currentFilters: { values: [{ id: 'approvalState', dataType: 'int' }] } });
		expect(badType.error.error_code).toBe('argument_invalid');
		const badDate = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { currentFilters: { values: [filter('modifiedSince', 'yesterday')] } });
		expect(badDate.error.error_code).toBe('argument_invalid');
		const unknownCollection = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { currentFilters: { values: [filter('collectionId', 'nope')] } });
		expect(unknownCollection.error.error_code).toBe('not_found');
		const tooBig = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { page: 0, pageSize: 101 });
		expect(tooBig.error).toMatchObject({ error_code: 'max_paging_limit_exceeded', error_details: { name: 'pageSize' } });
		const negative = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { page: -1, pageSize: 10 });
		expect(negative.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'page' } });
		const contentType = await call(api, 'IAssetsSearch', 'searchAssetsAsync', { contentType: 'hologram' });
		expect(contentType.error.error_code).toBe('argument_invalid');
	});
});

describe('get one and many', () => {
	test('getAssetAsync returns the asset; getAssetsAsync keeps order and leaves out unknown ids', async () => {
		const [a, b] = (await search({ pageSize: 2 })).assetDataObjects;
		const one = await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: b.id } });
		expect(one.assetDataObject).toEqual(b);
		const many = await call(api, 'IAssetsRead', 'getAssetsAsync', { assetIds: [{ id: b.id }, { id: '99:image:gone' }, { id: a.id }] });
		expect(many.states[0]).toBe('created');
		expect(many.result.assetDataObjects.map((asset) => asset.id)).toEqual([b.id, a.id]);
	});

	test('rights are the modeled camelCase licence terms', async () => {
		const picks = await search({ currentFilters: { values: [filter('collectionId', PARTNER_PICKS)] } });
		const editorial = picks.assetDataObjects.find((a) => a.rights && a.rights.isEditorialUse === true);
		expect(editorial).toBeDefined();
		const term = editorial.rights.licenseTerms[0];
		expect(term).toMatchObject({ sequenceNumber: 1, isEditorialUse: true, allowedUsages: ['publishing_editorial_any'] });
		expect(Object.keys(editorial.rights).sort()).toEqual(['copyrightNotice', 'isEditorialUse', 'licenseTerms', 'licenseType', 'releaseDetails']);
		expect(picks.assetDataObjects.some((a) => a.rights.releaseDetails.modelReleaseState === 'not_released')).toBe(true);
		expect(picks.assetDataObjects.some((a) => a.rights.licenseTerms.some((t) => t.validUntil && t.validUntil < '2026-10-01'))).toBe(true);
	});
});

describe('downloads', () => {
	let image;
	let pdf;
	beforeAll(async () => {
		image = (await search({ contentType: 'image', pageSize: 1 })).assetDataObjects[0];
		pdf = (await search({ contentType: 'document', pageSize: 1 })).assetDataObjects[0];
	});

	async function initiate(assets, items) {
		const groups = await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: assets.map((a) => ({ id: a.id })) });
		const chosen = items || groups.assetDownloadGroups.flatMap((group) => group.assetDownloadItems);
		const outcome = await call(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', {
			assetIds: assets.map((a) => ({ id: a.id })),
			assetDownloadItems: chosen,
			immediatelyDownload: true,
		});
		return { groups, outcome };
	}

	test('groups per content type with an Original item', async () => {
		const groups = await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: image.id }, { id: pdf.id }] });
		expect(groups.assetDownloadGroups.map((g) => g.groupId).sort()).toEqual(['da:99:document', 'da:99:image']);
		const imageGroup = groups.assetDownloadGroups.find((g) => g.groupId === 'da:99:image');
		expect(imageGroup.assetDownloadItems).toEqual([
			expect.objectContaining({ groupId: 'da:99:image', itemId: 'Original', count: 1, fileSizeInBytes: image.fileMetadata.fileSizeInBytes, assetIds: [{ id: image.id }] }),
		]);
	});

	test('one asset: a pre-signed URL that works without Authorization, with the right bytes', async () => {
		const { outcome } = await initiate([image]);
		expect(outcome.states[0]).toBe('created');
		const { url } = outcome.result.assetDownloadUrl;
		expect(url.startsWith(emulator.baseUrl)).toBe(true);
		const response = await download(url);
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe(image.fileMetadata.mediaType);
		expect(Number(response.headers['content-length'])).toBe(image.fileMetadata.fileSizeInBytes);
		expect(response.headers['content-disposition']).toContain(image.fileMetadata.fileName);
		expect(sha1(Buffer.from(response.data))).toBe(image.fileMetadata.sha1Hash);

		const range = await axios.get(url, { responseType: 'arraybuffer', headers: { Range: 'bytes=0-9' }, validateStatus: () => true });
		expect(range.status).toBe(206);
		expect(Buffer.from(range.data)).toEqual(Buffer.from(response.data).subarray(0, 10));
		expect(range.headers['content-range']).toBe(`bytes 0-9/${image.fileMetadata.fileSizeInBytes}`);
		const suffix = await axios.get(url, { responseType: 'arraybuffer', headers: { Range: 'bytes=-4' }, validateStatus: () => true });
		expect(Buffer.from(suffix.data)).toEqual(Buffer.from(response.data).subarray(-4));
		const beyond = await axios.get(url, { headers: { Range: `bytes=${image.fileMetadata.fileSizeInBytes}-` }, validateStatus: () => true });
		expect(beyond.status).toBe(416);
		const head = await axios.head(url, { validateStatus: () => true });
		expect(head.status).toBe(200);
		expect(Number(head.headers['content-length'])).toBe(image.fileMetadata.fileSizeInBytes);
	});

	test('the link expires (403 after the clock moves an hour), tampering is 403, unknown is 404', async () => {
		const { outcome } = await initiate([pdf]);
		const { url } = outcome.result.assetDownloadUrl;
		expect((await download(url)).status).toBe(200);
		const tampered = url.replace(/signature=([^&]+)/, 'signature=AAAA$1');
		const forged = await download(tampered);
		expect(forged.status).toBe(403);
		const longer = url.replace(/expires=(\d+)/, (_m, n) => `expires=${Number(n) + 86400}`);
		expect((await download(longer)).status).toBe(403);
		await admin.post('/__admin/clock', { advanceSeconds: 3601 });
		try {
			const expired = await download(url);
			expect(expired.status).toBe(403);
			expect(JSON.parse(Buffer.from(expired.data).toString())).toMatchObject({ error_code: 'permission_denied' });
		} finally {
			await admin.post('/__admin/clock', { advanceSeconds: -3601 });
		}
		const unknown = await download(url.replace(/\/files\/[0-9a-f]+\//, '/files/00000000000000000000000000000000/'));
		expect(unknown.status).toBe(404);
	});

	test('several assets: a zip holding each file with its bytes', async () => {
		const assets = (await search({ pageSize: 4 })).assetDataObjects;
		const { outcome } = await initiate(assets);
		const response = await download(outcome.result.assetDownloadUrl.url);
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('application/zip');
		const buffer = Buffer.from(response.data);
		expect(Number(response.headers['content-length'])).toBe(buffer.length);
		const entries = readStoredZip(buffer);
		expect(entries.map((e) => e.name).sort()).toEqual(assets.map((a) => a.fileMetadata.fileName).sort());
		for (const entry of entries) {
			const asset = assets.find((a) => a.fileMetadata.fileName === entry.name);
			expect(sha1(entry.data)).toBe(asset.fileMetadata.sha1Hash);
		}
	});

	test('items select assets; bad items and unknown assets are task errors', async () => {
		const { outcome } = await initiate([image, pdf], [{ groupId: 'da:99:document', itemId: 'Original' }]);
		const response = await download(outcome.result.assetDownloadUrl.url);
		expect(sha1(Buffer.from(response.data))).toBe(pdf.fileMetadata.sha1Hash);

		const badItem = await initiate([image], [{ groupId: 'da:99:image', itemId: 'Preview' }]);
		expect(badItem.outcome.error.error_code).toBe('argument_invalid');
		const none = await initiate([image], [{ groupId: 'da:99:video', itemId: 'Original' }]);
		expect(none.outcome.error.error_code).toBe('argument_invalid');
		const missingItems = await call(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', { assetIds: [{ id: image.id }] });
		expect(missingItems.error).toMatchObject({ error_code: 'argument_missing', error_details: { name: 'assetDownloadItems' } });
		const unknown = await call(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: '99:image:nope' }] });
		expect(unknown.error.error_code).toBe('not_found');
	});

	test('the download route needs no token at all', async () => {
		const { outcome } = await initiate([image]);
		const anonymous = await http('').get(outcome.result.assetDownloadUrl.url, { responseType: 'arraybuffer' });
		expect(anonymous.status).toBe(200);
	});
});
