'use strict';
// Writing: uploadFile, createAssetAsync, updateAssetAsync with eTag (409 / 428, nothing
// changed), replaceAssetBinaryAsync (version + 1, new sha1), collections search / get /
// create (nested, owner) / add / remove.

const axios = require('axios');
const { makePng } = require('../../../sandbox/common/sample-files');
const { start, http, execute, pollTask, call, ok, upload, multipart, sha1, PORTAL } = require('./helpers');

const LAUNCH = '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a02';
const GERMANY = '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a03';
const REVIEW = '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05';

let emulator;
let api;
let admin;

// The contract marks create and replace immediate; here they run as long-running tasks so the
// task life cycle of writes (created → polled → completed/error) stays covered.
const LONG_RUNNING = ['IAssetsRead.getAssetsAsync', 'IAssetsWrite.createAssetAsync', 'IAssetsWrite.replaceAssetBinaryAsync'];

beforeAll(async () => {
	({ emulator, api, admin } = await start({ taskDelayMs: 80, longRunningMethods: LONG_RUNNING }));
});
afterAll(() => emulator.close());

const uploadPath = `/frontend/v1/portals/${PORTAL}/portalsContext/uploadFile`;
const png = (seed) => makePng({ width: 40, height: 30, seed, from: '#ff0000', to: '#0000ff' });
const changesAfter = async (cursor) => ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: cursor, pageSize: 1000 });
const headCursor = async () => {
	let page = await ok(api, 'IAssetsChanges', 'getChangesAsync', { pageSize: 1000 });
	while (page.details.hasMoreResults) page = await changesAfter(page.details.continuationUuid);
	return page.details.continuationUuid;
};

async function createAsset(params = {}) {
	const bytes = png(Math.floor(Math.random() * 1e9));
	const uploadedFileUuid = await upload(api, 'dropbox-shot.png', bytes, 'image/png');
	const result = await ok(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid, name: 'Created in a test', ...params });
	return { asset: result.assetDataObject, bytes };
}

describe('uploadFile', () => {
	test('stores the file and answers {uuid}; size and sha1 are recorded', async () => {
		const bytes = png(1);
		const uuid = await upload(api, 'hero.png', bytes, 'image/png');
		expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
		const record = (await admin.get('/__admin/uploads')).data.uploads.find((u) => u.uuid === uuid);
		expect(record).toMatchObject({ size: bytes.length, sha1: sha1(bytes), fileName: 'hero.png', mediaType: 'image/png' });
	});

	test('guesses the media type from the extension when the part says octet-stream', async () => {
		const uuid = await upload(api, 'notes.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/octet-stream');
		const record = (await admin.get('/__admin/uploads')).data.uploads.find((u) => u.uuid === uuid);
		expect(record.mediaType).toBe('application/pdf');
	});

	test('not multipart → 400, no file part → 400 argument_missing, no token → 401', async () => {
		const json = await api.post(uploadPath, { file: 'x' });
		expect(json.status).toBe(400);
		expect(json.data.error_code).toBe('argument_invalid');
		const boundary = 'b0undary';
		const onlyField = `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`;
		const noFile = await api.post(uploadPath, onlyField, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
		expect(noFile.status).toBe(400);
		expect(noFile.data).toMatchObject({ error_code: 'argument_missing', error_details: { name: 'file' } });
		const { body, contentType } = multipart('a.png', png(2), 'image/png');
		const anonymous = await http(emulator.baseUrl).post(uploadPath, body, { headers: { 'Content-Type': contentType } });
		expect(anonymous.status).toBe(401);
	});
});

describe('createAssetAsync', () => {
	test('creates an asset from an upload with every field, long-running, with change events', async () => {
		const cursor = await headCursor();
		const bytes = png(77);
		const uploadedFileUuid = await upload(api, 'launch-de-shoes.png', bytes, 'image/png');
		const params = {
			uploadedFileUuid,
			name: { en: 'Sneaker close-up', de: 'Sneaker-Nahaufnahme' },
			description: 'From the agency drop',
			localizedTags: { en: ['sneaker', 'launch'], de: ['turnschuh'] },
			metadata: { campaign: 'Launch 2027', market: 'Germany', product: 'Shoes', channel: 'Social', source: 'dropbox', contentHash: 'abc123' },
			rights: { licenseType: 'royalty_free', licenseTerms: [{ allowedGeographies: ['europe_any'], allowedUsages: ['digital_media_any'] }] },
			externalId: 'dropbox:id:AbC123',
			approvalState: 'approved',
			collectionIds: [GERMANY],
		};
		const outcome = await call(api, 'IAssetsWrite', 'createAssetAsync', params);
		expect(outcome.states[0]).toBe('created');
		const asset = outcome.result.assetDataObject;
		expect(asset).toMatchObject({
			name: { en: 'Sneaker close-up', de: 'Sneaker-Nahaufnahme' },
			description: { 'x-default': 'From the agency drop' },
			contentType: 'image',
			version: 1,
			externalId: 'dropbox:id:AbC123',
			approvalState: 'approved',
			collectionIds: [GERMANY],
			metadata: params.metadata,
			localizedTags: params.localizedTags,
			fileMetadata: { fileName: 'launch-de-shoes.png', fileExtension: 'png', fileSizeInBytes: bytes.length, mediaType: 'image/png', sha1Hash: sha1(bytes) },
		});
		expect(asset.id).toMatch(/^99:image:[0-9a-f]{32}$/);
		expect(asset.rights.licenseTerms[0]).toMatchObject({ sequenceNumber: 1, allowedGeographies: ['europe_any'], restrictedUsages: [], validUntil: null, isEditorialUse: null });
		expect(asset.rights.isEditorialUse).toBeNull();

		const found = await ok(api, 'IAssetsSearch', 'searchAssetsAsync', {
			currentFilters: { values: [{ id: 'externalId', dataType: 'string', stringValue: 'dropbox:id:AbC123' }] },
		});
		expect(found.assetDataObjects.map((a) => a.id)).toEqual([asset.id]);
		const types = (await changesAfter(cursor)).changes.map((c) => `${c.type}:${c.assetId || c.collectionId}`);
		expect(types).toEqual([`AssetCreated:${asset.id}`, `AssetApproved:${asset.id}`, `CollectionUpdated:${GERMANY}`]);
	});

	test('defaults: draft, no collections; the same upload may be used again', async () => {
		const uploadedFileUuid = await upload(api, 'x.png', png(5), 'image/png');
		const first = await ok(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid, name: 'One' });
		const second = await ok(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid, name: 'Two' });
		expect(first.assetDataObject).toMatchObject({ approvalState: 'draft', collectionIds: [], rights: null, externalId: null, name: { 'x-default': 'One' } });
		expect(second.assetDataObject.id).not.toBe(first.assetDataObject.id);
		expect(second.assetDataObject.fileMetadata.sha1Hash).toBe(first.assetDataObject.fileMetadata.sha1Hash);
	});

	test.each([
		['unknown upload', { uploadedFileUuid: '0b6f0d6e-0000-4000-8000-000000000000', name: 'x' }, 'not_found', 'uploadedFileUuid'],
		['missing upload', { name: 'x' }, 'argument_missing', 'uploadedFileUuid'],
		['missing name', { uploadedFileUuid: 'UPLOAD' }, 'argument_missing', 'name'],
		['bad approval state', { uploadedFileUuid: 'UPLOAD', name: 'x', approvalState: 'published' }, 'argument_invalid', 'approvalState'],
		['unknown collection', { uploadedFileUuid: 'UPLOAD', name: 'x', collectionIds: ['nope'] }, 'not_found', 'collectionIds'],
		['unknown parameter', { uploadedFileUuid: 'UPLOAD', name: 'x', tags: ['a'] }, 'argument_invalid', 'tags'],
		['bad metadata', { uploadedFileUuid: 'UPLOAD', name: 'x', metadata: { nested: { a: 1 } } }, 'argument_invalid', 'metadata'],
		['bad rights field', { uploadedFileUuid: 'UPLOAD', name: 'x', rights: { licenceType: 'rf' } }, 'argument_invalid', 'rights.licenceType'],
	])('%s → the task fails at once, nothing is created', async (_label, params, code, name) => {
		const uploadedFileUuid = await upload(api, 'y.png', png(6), 'image/png');
		const concrete = JSON.parse(JSON.stringify(params).replace('"UPLOAD"', JSON.stringify(uploadedFileUuid)));
		const before = (await admin.get('/__admin/state')).data.counts.assets;
		const outcome = await call(api, 'IAssetsWrite', 'createAssetAsync', concrete);
		expect(outcome.states).toEqual(['error']);
		expect(outcome.error).toMatchObject({ error_code: code, error_details: expect.objectContaining({ name }) });
		expect((await admin.get('/__admin/state')).data.counts.assets).toBe(before);
	});
});

describe('createAssetAsync is conditional on externalId', () => {
	test('an externalId a live asset holds → HTTP 409 external_id_exists naming that asset, nothing created', async () => {
		const { asset } = await createAsset({ externalId: 'dropbox:id:unique-1' });
		const cursor = await headCursor();
		const countBefore = (await admin.get('/__admin/assets')).data.assets.length;
		const uploadedFileUuid = await upload(api, 'again.png', png(7), 'image/png');
		const again = await execute(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid, name: 'Again', externalId: 'dropbox:id:unique-1' });
		expect(again.status).toBe(409);
		expect(again.data).toEqual({
			error_code: 'external_id_exists',
			error_message: expect.stringContaining(asset.id),
			error_details: { uuid: asset.id, name: 'externalId' },
		});
		expect((await admin.get('/__admin/assets')).data.assets.length).toBe(countBefore);
		expect((await changesAfter(cursor)).changes).toEqual([]);
	});

	test('two long-running creates racing for one externalId: one asset, the later task ends in 409', async () => {
		const [a, b] = await Promise.all([upload(api, 'a.png', png(8), 'image/png'), upload(api, 'b.png', png(9), 'image/png')]);
		// Both are accepted (neither task has run yet), so the check inside the task decides.
		const [first, second] = await Promise.all([
			execute(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid: a, name: 'A', externalId: 'dropbox:id:race-1' }),
			execute(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid: b, name: 'B', externalId: 'dropbox:id:race-1' }),
		]);
		expect([first.data.state, second.data.state]).toEqual(['created', 'created']);
		const tasks = await Promise.all([pollTask(api, first.data.uuid), pollTask(api, second.data.uuid)]);
		const states = tasks.map(({ task }) => task.state).sort();
		expect(states).toEqual(['completed', 'error']);
		const failed = tasks.find(({ task }) => task.state === 'error').task;
		const held = (await admin.get('/__admin/assets')).data.assets.filter((stored) => stored.externalId === 'dropbox:id:race-1');
		expect(held).toHaveLength(1);
		expect(JSON.parse(failed.result_string)).toMatchObject({ error_code: 'external_id_exists', error_details: { uuid: held[0].id, name: 'externalId' } });
	});
});

describe('updateAssetAsync', () => {
	test('a current eTag updates the fields, changes eTag and modifiedAt', async () => {
		const { asset } = await createAsset({ metadata: { campaign: 'Launch 2027' } });
		await admin.post('/__admin/clock', { advanceSeconds: 5 });
		const result = await ok(api, 'IAssetsWrite', 'updateAssetAsync', {
			assetId: { id: asset.id },
			eTag: asset.eTag,
			metadata: { campaign: 'Launch 2027', market: 'France' },
			usageHistory: [{ at: '2026-10-02T10:00:00Z', channel: 'dropbox', target: '/Partners/Acme Retail', by: 'n8n' }],
		});
		const updated = result.assetDataObject;
		expect(updated.metadata).toEqual({ campaign: 'Launch 2027', market: 'France' });
		expect(updated.usageHistory).toEqual([{ at: '2026-10-02T10:00:00.000Z', channel: 'dropbox', target: '/Partners/Acme Retail', by: 'n8n' }]);
		expect(updated.eTag).not.toBe(asset.eTag);
		expect(updated.modifiedAt > asset.modifiedAt).toBe(true);
		expect(updated.version).toBe(asset.version);
		expect(updated.name).toEqual(asset.name);
	});

	test('a stale eTag → HTTP 409 optimistic_lock_violated, and nothing changes', async () => {
		const { asset } = await createAsset();
		const first = await ok(api, 'IAssetsWrite', 'updateAssetAsync', { assetId: { id: asset.id }, eTag: asset.eTag, name: 'First writer' });
		const cursor = await headCursor();
		const stale = await execute(api, 'IAssetsWrite', 'updateAssetAsync', { assetId: { id: asset.id }, eTag: asset.eTag, name: 'Second writer' });
		expect(stale.status).toBe(409);
		expect(stale.data).toEqual({
			error_code: 'optimistic_lock_violated',
			error_message: expect.stringContaining(first.assetDataObject.eTag),
			error_details: { uuid: asset.id, name: 'eTag' },
		});
		const after = await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: asset.id } });
		expect(after.assetDataObject).toEqual(first.assetDataObject);
		expect((await changesAfter(cursor)).changes).toEqual([]);
	});

	test('a missing eTag → HTTP 428 precondition_required', async () => {
		const { asset } = await createAsset();
		const response = await execute(api, 'IAssetsWrite', 'updateAssetAsync', { assetId: { id: asset.id }, name: 'No eTag' });
		expect(response.status).toBe(428);
		expect(response.data).toMatchObject({ error_code: 'precondition_required', error_details: { uuid: asset.id, name: 'eTag' } });
	});

	test('approving emits AssetUpdated and AssetApproved; collectionIds moves memberships', async () => {
		const { asset } = await createAsset({ approvalState: 'in_review', collectionIds: [REVIEW] });
		const cursor = await headCursor();
		const result = await ok(api, 'IAssetsWrite', 'updateAssetAsync', {
			assetId: { id: asset.id },
			eTag: asset.eTag,
			approvalState: 'approved',
			collectionIds: [LAUNCH],
		});
		expect(result.assetDataObject.approvalState).toBe('approved');
		const after = await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: asset.id } });
		expect(after.assetDataObject.collectionIds).toEqual([LAUNCH]);
		const changes = (await changesAfter(cursor)).changes.map((c) => `${c.type}:${c.assetId || c.collectionId}`);
		expect(changes).toEqual([`AssetUpdated:${asset.id}`, `AssetApproved:${asset.id}`, `CollectionUpdated:${LAUNCH}`, `CollectionUpdated:${REVIEW}`]);
	});

	test('unknown asset, no fields, bad values are task errors', async () => {
		const unknown = await call(api, 'IAssetsWrite', 'updateAssetAsync', { assetId: { id: '99:image:nope' }, eTag: 'x', name: 'y' });
		expect(unknown.error.error_code).toBe('not_found');
		const { asset } = await createAsset();
		const nothing = await call(api, 'IAssetsWrite', 'updateAssetAsync', { assetId: { id: asset.id }, eTag: asset.eTag });
		expect(nothing.error.error_code).toBe('argument_invalid');
		const badDate = await call(api, 'IAssetsWrite', 'updateAssetAsync', { assetId: { id: asset.id }, eTag: asset.eTag, publishUntil: 'soon' });
		expect(badDate.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'publishUntil' } });
		const still = await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: asset.id } });
		expect(still.assetDataObject.eTag).toBe(asset.eTag);
	});
});

describe('replaceAssetBinaryAsync', () => {
	test('version + 1, new sha1 and file metadata, new eTag; the download serves the new bytes', async () => {
		const { asset } = await createAsset({ approvalState: 'approved' });
		const bytes = png(4242);
		const uploadedFileUuid = await upload(api, 'hero-v2.png', bytes, 'image/png');
		const outcome = await call(api, 'IAssetsWrite', 'replaceAssetBinaryAsync', { assetId: { id: asset.id }, eTag: asset.eTag, uploadedFileUuid });
		expect(outcome.states[0]).toBe('created');
		const replaced = outcome.result.assetDataObject;
		expect(replaced).toMatchObject({ id: asset.id, version: 2, approvalState: 'approved' });
		expect(replaced.fileMetadata).toEqual({ fileName: 'hero-v2.png', fileExtension: 'png', fileSizeInBytes: bytes.length, mediaType: 'image/png', sha1Hash: sha1(bytes) });
		expect(replaced.eTag).not.toBe(asset.eTag);
		const groups = await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: asset.id }] });
		const link = await ok(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', {
			assetIds: [{ id: asset.id }],
			assetDownloadItems: groups.assetDownloadGroups[0].assetDownloadItems,
			immediatelyDownload: true,
		});
		const file = await axios.get(link.assetDownloadUrl.url, { responseType: 'arraybuffer' });
		expect(sha1(Buffer.from(file.data))).toBe(sha1(bytes));
	});

	test('a stale eTag → 409 before any task; a change while the task runs → task error, version unchanged', async () => {
		const { asset } = await createAsset();
		const uploadedFileUuid = await upload(api, 'v2.png', png(99), 'image/png');
		const stale = await execute(api, 'IAssetsWrite', 'replaceAssetBinaryAsync', { assetId: { id: asset.id }, eTag: 'stale', uploadedFileUuid });
		expect(stale.status).toBe(409);
		expect(stale.data.error_code).toBe('optimistic_lock_violated');

		const accepted = await execute(api, 'IAssetsWrite', 'replaceAssetBinaryAsync', { assetId: { id: asset.id }, eTag: asset.eTag, uploadedFileUuid });
		expect(accepted.data.state).toBe('created');
		await admin.post('/__admin/assets/update', { assetId: asset.id, changes: { name: 'Edited in Smint.io meanwhile' } });
		const { task } = await pollTask(api, accepted.data.uuid);
		expect(task.state).toBe('error');
		expect(JSON.parse(task.result_string)).toMatchObject({ error_code: 'optimistic_lock_violated', error_details: { uuid: asset.id } });
		const after = await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: asset.id } });
		expect(after.assetDataObject.version).toBe(1);
		expect(after.assetDataObject.fileMetadata.sha1Hash).toBe(asset.fileMetadata.sha1Hash);
	});

	test('unknown upload is a task error', async () => {
		const { asset } = await createAsset();
		const outcome = await call(api, 'IAssetsWrite', 'replaceAssetBinaryAsync', { assetId: { id: asset.id }, eTag: asset.eTag, uploadedFileUuid: 'nope' });
		expect(outcome.error).toMatchObject({ error_code: 'not_found', error_details: { name: 'uploadedFileUuid' } });
	});
});

describe('collections', () => {
	test('search: query, paging, sort; the seeded tree is there', async () => {
		const all = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { page: 0, pageSize: 100 });
		const names = all.collections.map((c) => c.name);
		expect(names).toEqual(expect.arrayContaining(['Brand Basics', 'Launch 2027', 'Germany', 'Review', 'Campaign Archive', 'Partner Picks: Acme Retail']));
		const germany = all.collections.find((c) => c.name === 'Germany');
		expect(germany).toMatchObject({ collectionId: GERMANY, parentCollectionId: LAUNCH, ownerEmail: 'alex@northwind.example' });
		expect(germany.assetCount).toBeGreaterThan(0);
		const launch = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { queryString: 'launch', page: 0, pageSize: 10 });
		expect(launch.collections.map((c) => c.collectionId)).toEqual(expect.arrayContaining([LAUNCH, GERMANY]));
		const firstPage = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { page: 0, pageSize: 2, sortBy: 'name', sortDirection: 0 });
		const secondPage = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { page: 1, pageSize: 2, sortBy: 'name', sortDirection: 0 });
		expect(firstPage.details).toMatchObject({ currentPage: 0, totalResults: all.details.totalResults, hasMoreResults: true });
		const ordered = [...firstPage.collections, ...secondPage.collections].map((c) => c.name);
		expect(ordered).toEqual([...ordered].sort((a, b) => a.localeCompare(b)));
		const badSort = await call(api, 'ICollectionsSearch', 'searchCollectionsAsync', { sortBy: 'colour' });
		expect(badSort.error.error_code).toBe('argument_invalid');
	});

	test('create nested with owner, get, add (idempotent) and remove', async () => {
		const created = await ok(api, 'ICollectionsWrite', 'createCollectionAsync', {
			name: 'Shoes',
			description: 'Launch 2027 / Germany / Shoes',
			parentCollectionId: GERMANY,
			ownerEmail: 'alex@northwind.example',
		});
		const shoes = created.collection;
		expect(shoes).toMatchObject({ name: 'Shoes', parentCollectionId: GERMANY, ownerEmail: 'alex@northwind.example', assetCount: 0 });
		const fetched = await ok(api, 'ICollectionsRead', 'getCollectionAsync', { collectionId: shoes.collectionId });
		expect(fetched.collection).toEqual(shoes);

		const { asset } = await createAsset();
		const added = await ok(api, 'ICollectionsWrite', 'addAssetsToCollectionAsync', { collectionId: shoes.collectionId, assetIds: [{ id: asset.id }] });
		expect(added.collection.assetCount).toBe(1);
		const cursor = await headCursor();
		const again = await ok(api, 'ICollectionsWrite', 'addAssetsToCollectionAsync', { collectionId: shoes.collectionId, assetIds: [{ id: asset.id }] });
		expect(again.collection.assetCount).toBe(1);
		expect((await changesAfter(cursor)).changes).toEqual([]);
		const member = await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: asset.id } });
		expect(member.assetDataObject.collectionIds).toEqual([shoes.collectionId]);
		expect(member.assetDataObject.eTag).toBe(asset.eTag);

		const removed = await ok(api, 'ICollectionsWrite', 'removeAssetsFromCollectionAsync', { collectionId: shoes.collectionId, assetIds: [{ id: asset.id }] });
		expect(removed.collection.assetCount).toBe(0);
		const changes = (await changesAfter(cursor)).changes;
		expect(changes).toEqual([expect.objectContaining({ type: 'CollectionUpdated', collectionId: shoes.collectionId })]);
	});

	test('errors: unknown parent, bad owner, empty name, unknown collection or asset', async () => {
		const parent = await call(api, 'ICollectionsWrite', 'createCollectionAsync', { name: 'X', parentCollectionId: 'nope' });
		expect(parent.error).toMatchObject({ error_code: 'not_found', error_details: { name: 'parentCollectionId' } });
		const owner = await call(api, 'ICollectionsWrite', 'createCollectionAsync', { name: 'X', ownerEmail: 'not-an-email' });
		expect(owner.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'ownerEmail' } });
		const name = await call(api, 'ICollectionsWrite', 'createCollectionAsync', { name: '' });
		expect(name.error).toMatchObject({ error_code: 'argument_missing', error_details: { name: 'name' } });
		const get = await call(api, 'ICollectionsRead', 'getCollectionAsync', { collectionId: 'nope' });
		expect(get.error.error_code).toBe('not_found');
		const asset = await call(api, 'ICollectionsWrite', 'addAssetsToCollectionAsync', { collectionId: LAUNCH, assetIds: [{ id: '99:image:nope' }] });
		expect(asset.error).toMatchObject({ error_code: 'not_found', error_details: { uuid: '99:image:nope' } });
		const collection = await call(api, 'ICollectionsWrite', 'removeAssetsFromCollectionAsync', { collectionId: 'nope', assetIds: [] });
		expect(collection.error.error_code).toBe('not_found');
	});
});
