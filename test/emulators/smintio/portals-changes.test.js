'use strict';
// IAssetsChanges.getChangesAsync: cursor paging (nothing lost or repeated, also across a
// restart on the same data dir), empty pages, change types with assetDataObject, retention and
// continuationUuidTooOld, invalid cursors.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { start, http, call, ok, drainChanges } = require('./helpers');

const key = (change) => `${change.type}|${change.assetId || change.collectionId}|${change.occurredAt}|${change.assetDataObject ? change.assetDataObject.eTag : ''}`;

describe('change feed on one emulator', () => {
	let emulator;
	let api;
	let admin;
	beforeAll(async () => {
		({ emulator, api, admin } = await start());
	});
	afterAll(() => emulator.close());

	test('pages from the start cover the seeded history once, then empty pages keep the cursor', async () => {
		const whole = await ok(api, 'IAssetsChanges', 'getChangesAsync', { pageSize: 1000 });
		expect(whole.details.hasMoreResults).toBe(false);
		expect(whole.continuationUuidTooOld).toBe(false);
		expect(whole.changes.length).toBeGreaterThan(44);
		expect(whole.changes.filter((c) => c.type === 'AssetCreated')).toHaveLength(44);

		const paged = await drainChanges(api, undefined, 9);
		expect(paged.changes.map(key)).toEqual(whole.changes.map(key));
		const occurred = paged.changes.map((c) => c.occurredAt);
		expect(occurred).toEqual([...occurred].sort());

		const empty = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: paged.cursor, pageSize: 9 });
		expect(empty).toEqual({ changes: [], details: { continuationUuid: expect.any(String), hasMoreResults: false }, continuationUuidTooOld: false });
		expect(empty.details.continuationUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		const again = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: empty.details.continuationUuid });
		expect(again.changes).toEqual([]);
	});

	test('every change type, in order, with assetDataObject where relevant', async () => {
		const { cursor } = await drainChanges(api);
		const assets = (await admin.get('/__admin/assets')).data.assets;
		const draft = assets.find((a) => a.approvalState === 'draft');
		const other = assets.find((a) => a.approvalState === 'archived');
		await admin.post('/__admin/assets/update', { assetId: draft.id, changes: { metadata: { campaign: 'Edited' } } });
		await admin.post('/__admin/assets/approve', { assetId: draft.id });
		await admin.post('/__admin/assets/publish-version', { assetId: draft.id });
		await admin.post('/__admin/collections/add-assets', { collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05', assetIds: [other.id] });
		await admin.post('/__admin/assets/delete', { assetId: other.id });
		const created = (await admin.post('/__admin/assets/create', { name: 'Made in Smint.io', approvalState: 'approved' })).data.assetDataObject;

		const { changes } = await drainChanges(api, cursor, 2);
		const labels = changes.map((c) => `${c.type}:${c.assetId || c.collectionId}`);
		const REVIEW = 'CollectionUpdated:5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05';
		const memberships = [...(other.collectionIds || []), '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05'].map((id) => `CollectionUpdated:${id}`);
		expect(labels.slice(0, 5)).toEqual([
			`AssetUpdated:${draft.id}`,
			`AssetUpdated:${draft.id}`,
			`AssetApproved:${draft.id}`,
			`AssetUpdated:${draft.id}`,
			REVIEW,
		]);
		// Deleting removes the asset from each of its collections (in collection order), then AssetDeleted.
		expect(labels.slice(5, 5 + memberships.length).sort()).toEqual(memberships.sort());
		expect(labels.slice(5 + memberships.length)).toEqual([`AssetDeleted:${other.id}`, `AssetCreated:${created.id}`, `AssetApproved:${created.id}`]);
		const approved = changes.find((c) => c.type === 'AssetApproved');
		expect(approved.assetDataObject).toMatchObject({ id: draft.id, approvalState: 'approved' });
		const versioned = changes[3];
		expect(versioned.assetDataObject.version).toBe(draft.version + 1);
		const deleted = changes.find((c) => c.type === 'AssetDeleted');
		expect(deleted.assetDataObject).toBeUndefined();
		expect(changes.find((c) => c.type === 'CollectionUpdated').assetDataObject).toBeUndefined();
		const gone = await call(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: other.id } });
		expect(gone.error.error_code).toBe('not_found');
	});

	test('a change made between two pages is neither lost nor repeated', async () => {
		const { cursor } = await drainChanges(api);
		const ids = (await admin.get('/__admin/assets')).data.assets.slice(0, 4).map((a) => a.id);
		for (const id of ids.slice(0, 3)) await admin.post('/__admin/assets/set-state', { assetId: id, approvalState: 'in_review' });
		const first = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: cursor, pageSize: 2 });
		expect(first.details.hasMoreResults).toBe(true);
		await admin.post('/__admin/assets/set-state', { assetId: ids[3], approvalState: 'rejected' });
		const rest = await drainChanges(api, first.details.continuationUuid, 2);
		const seen = [...first.changes, ...rest.changes].map((c) => c.assetId);
		expect(seen).toEqual(ids);
	});

	test('invalid cursors are task errors (including a licence-feed cursor)', async () => {
		const garbage = await call(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: 'not-a-cursor' });
		expect(garbage.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'continuationUuid' } });
		const feed = await api.get('/consumer/v1/sync/license-purchase-transactions', { params: { limit: 1 } });
		const foreign = await call(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: feed.data.continuation_uuid });
		expect(foreign.error.error_code).toBe('argument_invalid');
		const tooBig = await call(api, 'IAssetsChanges', 'getChangesAsync', { pageSize: 1001 });
		expect(tooBig.error.error_code).toBe('max_paging_limit_exceeded');
	});
});

describe('retention', () => {
	test('a cursor older than the retained history is continuationUuidTooOld (by count)', async () => {
		const { emulator, api, admin } = await start();
		try {
			const early = await ok(api, 'IAssetsChanges', 'getChangesAsync', { pageSize: 5 });
			const { cursor: head } = await drainChanges(api, early.details.continuationUuid);
			await admin.put('/__admin/changes/retention', { maxChanges: 10 });
			const stale = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: early.details.continuationUuid });
			expect(stale.continuationUuidTooOld).toBe(true);
			expect(stale.changes).toEqual([]);
			expect(stale.details.hasMoreResults).toBe(false);
			// The cursor handed back points at the head: after a full re-sync, go on from there.
			const asset = (await admin.get('/__admin/assets')).data.assets[0];
			await admin.post('/__admin/assets/reject', { assetId: asset.id });
			const next = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: stale.details.continuationUuid });
			expect(next.continuationUuidTooOld).toBe(false);
			expect(next.changes.map((c) => c.type)).toEqual(['AssetUpdated']);
			// A cursor at the head when history was trimmed is still fine.
			const fromHead = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: head });
			expect(fromHead.continuationUuidTooOld).toBe(false);
			expect(fromHead.changes).toHaveLength(1);
			// No cursor: from the oldest retained change.
			const fromStart = await ok(api, 'IAssetsChanges', 'getChangesAsync', { pageSize: 100 });
			expect(fromStart.changes).toHaveLength(10);
		} finally {
			await emulator.close();
		}
	});

	test('and by age, when the clock moves past maxAgeDays', async () => {
		const { emulator, api, admin } = await start({ seed: false, changeRetention: { maxAgeDays: 2 } });
		try {
			const start0 = await ok(api, 'IAssetsChanges', 'getChangesAsync', {});
			await admin.post('/__admin/assets/create', { name: 'Old news' });
			await admin.post('/__admin/clock', { advanceSeconds: 3 * 24 * 3600 });
			await admin.post('/__admin/assets/create', { name: 'Fresh' });
			api.defaults.headers.Authorization = `Bearer ${(await admin.post('/__admin/tokens', {})).data.accessToken}`;
			const stale = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: start0.details.continuationUuid });
			expect(stale.continuationUuidTooOld).toBe(true);
			const retained = await ok(api, 'IAssetsChanges', 'getChangesAsync', {});
			expect(retained.changes.map((c) => c.assetDataObject && c.assetDataObject.name['x-default'])).toEqual(['Fresh']);
		} finally {
			await emulator.close();
		}
	});
});

describe('restart on the same data dir', () => {
	test('cursors survive: the rest of the feed arrives exactly once', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-changes-'));
		try {
			let { emulator, api, admin } = await start({ dataDir });
			const everything = (await drainChanges(api, undefined, 1000)).changes.map(key);
			const first = await ok(api, 'IAssetsChanges', 'getChangesAsync', { pageSize: 30 });
			const asset = (await admin.get('/__admin/assets')).data.assets[5];
			await admin.post('/__admin/assets/approve', { assetId: asset.id });
			await emulator.close();

			({ emulator, api, admin } = await start({ dataDir }));
			try {
				expect((await admin.get('/__admin/state')).data.counts.assets).toBe(44);
				const rest = await drainChanges(api, first.details.continuationUuid, 25);
				const all = [...first.changes, ...rest.changes].map(key);
				expect(all.slice(0, everything.length)).toEqual(everything);
				const added = [...first.changes, ...rest.changes].slice(everything.length).map((c) => `${c.type}:${c.assetId}`);
				expect(added).toEqual(
					asset.approvalState === 'approved' ? [`AssetUpdated:${asset.id}`] : [`AssetUpdated:${asset.id}`, `AssetApproved:${asset.id}`],
				);
				const token = emulator.credentials.accessToken;
				expect((await http(emulator.baseUrl, token).get('/consumer/v1/sync/generic-metadata')).status).toBe(200);
			} finally {
				await emulator.close();
			}
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
