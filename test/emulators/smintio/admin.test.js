'use strict';
// The admin API: reset to seed (credentials stay valid), seed determinism, inspection, and the
// Smint.io-user actions that tests and the templates' e2e checks drive.

const { start, ok, call, drainFeed, sha1 } = require('./helpers');
const axios = require('axios');

let emulator;
let api;
let admin;

beforeAll(async () => {
	({ emulator, api, admin } = await start());
});
afterAll(() => emulator.close());

const getAsset = async (id) => (await ok(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id } })).assetDataObject;

describe('state, inspection, reset', () => {
	test('state and inspection endpoints', async () => {
		const state = (await admin.get('/__admin/state')).data;
		expect(state).toMatchObject({ tenant: 'northwind', counts: { assets: 44, collections: 7, purchases: 16 } });
		expect(state.seededAt).toEqual(expect.any(String));
		const assets = (await admin.get('/__admin/assets')).data.assets;
		expect(assets).toHaveLength(44);
		expect(assets[0].internal.versions[0]).toMatchObject({ version: 1, blobKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const one = (await admin.get('/__admin/assets', { params: { id: assets[0].id } })).data;
		expect(one.id).toBe(assets[0].id);
		expect((await admin.get('/__admin/collections')).data.collections).toHaveLength(7);
		const purchases = (await admin.get('/__admin/purchases')).data.purchases;
		expect(purchases.map((p) => p.uuid)[0]).toBe('79468');
		expect((await admin.get('/__admin/purchases', { params: { uuid: '80111' } })).data.binaries).toHaveLength(3);
		expect((await admin.get('/__admin/uploads')).data.uploads).toEqual([]);
		expect((await admin.get('/__admin/changes')).data.changes.length).toBeGreaterThan(44);
		const methods = (await admin.get('/__admin/methods')).data;
		expect(methods).toContainEqual({ interface: 'IAssetsRead', method: 'getAssetsAsync', tag: 'public', longRunning: true });
		expect(methods).toContainEqual({ interface: 'IAssetsWrite', method: 'updateAssetAsync', tag: 'modeled', longRunning: false });
		expect((await admin.get('/__admin/health')).data).toEqual({ ok: true });
	});

	test('unknown admin paths → 404, bad input → 400, unknown ids → 404', async () => {
		expect((await admin.get('/__admin/nothing')).status).toBe(404);
		expect((await admin.post('/__admin/assets/approve', {})).status).toBe(400);
		const unknown = await admin.post('/__admin/assets/approve', { assetId: '99:image:nope' });
		expect(unknown.status).toBe(404);
		expect(unknown.data.error).toMatch(/not found/);
		expect((await admin.post('/__admin/purchases/cancel', { uuid: '1' })).status).toBe(404);
	});

	test('reset returns to the seed; the printed credentials keep working', async () => {
		const before = (await admin.get('/__admin/assets')).data.assets.map((a) => a.id).sort();
		await ok(api, 'ICollectionsWrite', 'createCollectionAsync', { name: 'Temporary' });
		await admin.post('/__admin/purchases/add', {});
		await admin.put('/__admin/faults', { latencyMs: 1 });
		const reset = await admin.post('/__admin/reset', {});
		expect(reset.status).toBe(200);
		expect(reset.data.credentials.accessToken).toBe(emulator.credentials.accessToken);
		const found = await ok(api, 'ICollectionsSearch', 'searchCollectionsAsync', { queryString: 'Temporary' });
		expect(found.collections).toEqual([]);
		expect((await drainFeed(api, null, 50)).purchases).toHaveLength(16);
		expect((await admin.get('/__admin/assets')).data.assets.map((a) => a.id).sort()).toEqual(before);
		expect((await admin.get('/__admin/faults')).data).toEqual({});
	});

	test('reset without seed gives an empty library; seed fills it again', async () => {
		await admin.post('/__admin/reset', { seed: false });
		expect((await admin.get('/__admin/state')).data.counts).toMatchObject({ assets: 0, purchases: 0 });
		expect((await ok(api, 'IAssetsSearch', 'searchAssetsAsync', {})).details.totalResults).toBe(0);
		expect((await admin.post('/__admin/seed')).data).toEqual({ seeded: true });
		expect((await admin.post('/__admin/seed')).data).toEqual({ seeded: false });
		expect((await admin.get('/__admin/state')).data.counts.assets).toBe(44);
	});

	test('the seed is deterministic: another emulator has the same ids and file hashes', async () => {
		const other = await start({ seed: true });
		try {
			const mine = (await admin.get('/__admin/assets')).data.assets.map((a) => `${a.id}:${a.fileMetadata.sha1Hash}:${a.eTag}`).sort();
			const theirs = (await other.admin.get('/__admin/assets')).data.assets.map((a) => `${a.id}:${a.fileMetadata.sha1Hash}:${a.eTag}`).sort();
			expect(theirs).toEqual(mine);
		} finally {
			await other.emulator.close();
		}
	});

	test('tokens: a fresh pair for the sandbox user, or client-credentials style', async () => {
		const pair = (await admin.post('/__admin/tokens', {})).data;
		expect(pair.refreshToken).toMatch(/^smrt\./);
		const client = (await admin.post('/__admin/tokens', { clientCredentials: true })).data;
		expect(client.refreshToken).toBeNull();
	});
});

describe('acting as a Smint.io user', () => {
	beforeAll(async () => {
		await admin.post('/__admin/reset', {});
	});

	test('approve, reject, set-state, update metadata', async () => {
		const assets = (await admin.get('/__admin/assets')).data.assets;
		const review = assets.find((a) => a.approvalState === 'in_review');
		const approved = (await admin.post('/__admin/assets/approve', { assetId: review.id })).data.assetDataObject;
		expect(approved.approvalState).toBe('approved');
		expect((await getAsset(review.id)).eTag).toBe(approved.eTag);
		expect(approved.eTag).not.toBe(review.eTag);
		const rejected = (await admin.post('/__admin/assets/reject', { assetId: review.id })).data.assetDataObject;
		expect(rejected.approvalState).toBe('rejected');
		const archived = (await admin.post('/__admin/assets/set-state', { assetId: review.id, approvalState: 'archived' })).data.assetDataObject;
		expect(archived.approvalState).toBe('archived');
		const bad = await admin.post('/__admin/assets/set-state', { assetId: review.id, approvalState: 'published' });
		expect(bad.status).toBe(400);
		const updated = (await admin.post('/__admin/assets/update', { assetId: review.id, changes: { metadata: { campaign: 'X' }, localizedTags: { en: ['x'] } } })).data
			.assetDataObject;
		expect(updated).toMatchObject({ metadata: { campaign: 'X' }, localizedTags: { en: ['x'] } });
	});

	test('publish a new version: version + 1, new bytes, optional approval', async () => {
		const draft = (await admin.get('/__admin/assets')).data.assets.find((a) => a.approvalState === 'draft' && a.contentType === 'image');
		const published = (await admin.post('/__admin/assets/publish-version', { assetId: draft.id, approvalState: 'approved' })).data.assetDataObject;
		expect(published).toMatchObject({ version: draft.version + 1, approvalState: 'approved' });
		expect(published.fileMetadata.sha1Hash).not.toBe(draft.fileMetadata.sha1Hash);
		expect(published.fileMetadata.fileName).toMatch(/-v2\.png$/);
		const items = (await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: draft.id }] })).assetDownloadGroups[0].assetDownloadItems;
		const { url } = (await ok(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', { assetIds: [{ id: draft.id }], assetDownloadItems: items })).assetDownloadUrl;
		const file = await axios.get(url, { responseType: 'arraybuffer' });
		expect(sha1(Buffer.from(file.data))).toBe(published.fileMetadata.sha1Hash);
		const pdf = (await admin.get('/__admin/assets')).data.assets.find((a) => a.contentType === 'document');
		const pdfVersion = (await admin.post('/__admin/assets/publish-version', { assetId: pdf.id })).data.assetDataObject;
		expect(pdfVersion.fileMetadata.mediaType).toBe('application/pdf');
	});

	test('create and delete assets; add and remove collection members', async () => {
		const created = (await admin.post('/__admin/assets/create', { name: 'Shot in Smint.io', approvalState: 'approved', metadata: { campaign: 'Launch 2027' } })).data
			.assetDataObject;
		expect(created).toMatchObject({ approvalState: 'approved', version: 1, contentType: 'image' });
		const review = '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05';
		const added = (await admin.post('/__admin/collections/add-assets', { collectionId: review, assetIds: [created.id] })).data.collection;
		expect((await getAsset(created.id)).collectionIds).toEqual([review]);
		const removed = (await admin.post('/__admin/collections/remove-assets', { collectionId: review, assetIds: [{ id: created.id }] })).data.collection;
		expect(removed.assetCount).toBe(added.assetCount - 1);
		await admin.post('/__admin/assets/delete', { assetId: created.id });
		const gone = await call(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: created.id } });
		expect(gone.error.error_code).toBe('not_found');
	});

	test('licence purchases: add (with binaries), cancel, re-license, new binary version, edit', async () => {
		const { cursor } = await drainFeed(api, null, 50);
		const added = (await admin.post('/__admin/purchases/add', { template: '80105', binaryCount: 2, overrides: { project_name: [{ culture: 'en', value: 'Acme' }] } })).data;
		expect(added).toMatchObject({ state: 'completed', can_be_synced: true, version: 1, project_name: [{ culture: 'en', value: 'Acme' }] });
		expect(added.license_terms[0].is_editorial_use).toBe(true);
		const noBinaries = (await admin.post('/__admin/purchases/add', { binaryCount: 0 })).data;
		expect(noBinaries.can_be_synced).toBe(false);
		await admin.post('/__admin/purchases/cancel', { uuid: '80114' });
		const relicensed = (await admin.post('/__admin/purchases/relicense', { uuid: '80102', licenseTerms: [] })).data;
		expect(relicensed.license_terms).toEqual([]);
		const versioned = (await admin.post('/__admin/purchases/new-binary-version', { uuid: '79468' })).data;
		expect(versioned.binaries[0].version).toBe(2);
		expect(versioned.binaries[0].blobKey).toBeUndefined();
		await admin.post('/__admin/purchases/update', { uuid: '80101', patch: { current_downloads: 2 } });
		const refused = await admin.post('/__admin/purchases/update', { uuid: '80101', patch: { uuid: '1' } });
		expect(refused.status).toBe(400);

		const { purchases } = await drainFeed(api, cursor, 3);
		expect(purchases.map((p) => p.uuid)).toEqual([added.uuid, noBinaries.uuid, '80114', relicensed.uuid, '79468', '80101']);
		expect(purchases[4].version).toBe(5);
		const binaries = (await api.get(`/consumer/v1/sync/cart-purchase-transactions/${added.cart_purchase_transaction_uuid}/license-purchase-transactions/${added.uuid}/binaries`)).data;
		expect(binaries).toHaveLength(2);
	});
});
