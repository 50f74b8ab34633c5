'use strict';
// Smint.io Trigger through n8n's PollContext/PollTriggerExecutor: every change emitted exactly
// once across paging, restarts (saved static data, also with the emulator restarted on its data
// dir) and user actions made through the emulator's admin API between polls.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setup, rl, SEED_COLLECTIONS } = require('./setup');

let ctx;
let dataDir;
beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-trigger-'));
	ctx = await setup({ emulator: { dataDir } });
});
afterAll(async () => {
	if (ctx) await ctx.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const ALL_ASSET_EVENTS = ['assetCreated', 'assetUpdated', 'assetApproved', 'assetDeletedOrArchived'];
const seedAsset = (fileName) => ctx.assetByFileName(fileName);
const summary = (items) => (items ?? []).map((item) => `${item.json.event}:${item.json.id ?? item.json.uuid}`);

/** Polls until a poll returns nothing; returns every item emitted, in order. */
async function drain(name, parameters, { maxPolls = 50 } = {}) {
	const all = [];
	for (let i = 0; i < maxPolls; i++) {
		const result = await ctx.poll({ name, ...parameters });
		if (result.error) throw result.error;
		if (!result.items) return all;
		all.push(...result.items);
	}
	throw new Error('the trigger kept emitting');
}

test('starts from now; emits a created, updated and approved asset once each; then nothing', async () => {
	const name = 'From now';
	const params = { events: ALL_ASSET_EVENTS };
	const first = await ctx.poll({ name, parameters: params });
	expect(first.error).toBeUndefined();
	expect(first.items).toBeNull();
	expect(first.staticData.portals.cursor).toEqual(expect.any(String));

	const created = (await ctx.adminPost('/assets/create', { name: 'Fresh visual', approvalState: 'in_review' })).assetDataObject;
	await ctx.adminPost('/assets/approve', { assetId: created.id });
	const second = await ctx.poll({ name, parameters: params });
	expect(summary(second.items)).toEqual([`assetCreated:${created.id}`, `assetUpdated:${created.id}`, `assetApproved:${created.id}`]);
	expect(second.items[2].json).toEqual(expect.objectContaining({ approvalState: 'approved', changeType: 'AssetApproved', name: 'Fresh visual' }));
	expect(second.staticDataChanged).toBe(true);

	const third = await ctx.poll({ name, parameters: params });
	expect(third.items).toBeNull();
	expect(third.staticDataChanged).toBe(false); // nothing new: the workflow is not saved again
});

test('an approval made between polls is emitted once; only the selected events are', async () => {
	const name = 'Approvals';
	const params = { events: ['assetApproved'] };
	await ctx.poll({ name, parameters: params });
	const asset = await seedAsset('l27-de-bags-social-02.png'); // in review
	await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { ...asset.metadata, note: 'edited' } } });
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull(); // an edit is not an approval
	await ctx.adminPost('/assets/approve', { assetId: asset.id });
	const emitted = await ctx.poll({ name, parameters: params });
	expect(summary(emitted.items)).toEqual([`assetApproved:${asset.id}`]);
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull();
});

test('paging: many changes over several small polls, each exactly once and in feed order', async () => {
	const name = 'Paging';
	const params = { events: ['assetUpdated'], options: { maxEventsPerPoll: 7 } };
	await ctx.poll({ name, parameters: params });
	const assets = (await ctx.assets()).slice(0, 15);
	const expected = [];
	for (const asset of assets) {
		for (const note of ['a', 'b']) {
			await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { ...asset.metadata, note } } });
			expected.push(`assetUpdated:${asset.id}`);
		}
	}
	const sizes = [];
	const all = [];
	for (;;) {
		const result = await ctx.poll({ name, parameters: params });
		if (!result.items) break;
		sizes.push(result.items.length);
		all.push(...result.items);
	}
	expect(summary(all)).toEqual(expected);
	expect(sizes).toEqual([7, 7, 7, 7, 2]);
	expect(all.map((item) => item.json.metadata.note)).toEqual(expected.map((_, i) => (i % 2 === 0 ? 'a' : 'b')));
});

test('deleted and archived assets; an edit to an archived asset is not "archived" again', async () => {
	const name = 'Deleted or archived';
	const params = { events: ['assetDeletedOrArchived'] };
	await ctx.poll({ name, parameters: params });
	const toArchive = await seedAsset('l27-fr-bags-web-03.png');
	const toDelete = await seedAsset('l27-fr-bags-social-03.png');
	await ctx.adminPost('/assets/set-state', { assetId: toArchive.id, approvalState: 'archived' });
	await ctx.adminPost('/assets/update', { assetId: toArchive.id, changes: { metadata: { note: 'archived note' } } });
	await ctx.adminPost('/assets/delete', { assetId: toDelete.id });
	const emitted = await ctx.poll({ name, parameters: params });
	expect(summary(emitted.items)).toEqual([`assetArchived:${toArchive.id}`, `assetDeleted:${toDelete.id}`]);
	expect(emitted.items[1].json).toEqual(expect.objectContaining({ id: toDelete.id, changeType: 'AssetDeleted' }));
});

test('assets added to the watched collection, one item per asset, once', async () => {
	const name = 'Collection adds';
	const params = { events: ['assetsAddedToCollection'], collection: rl(SEED_COLLECTIONS.partnerPicks) };
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull();
	const before = (await ctx.collections()).find((col) => col.collectionId === SEED_COLLECTIONS.partnerPicks).assetIds;
	const [a, b, c] = (await ctx.assets()).filter((asset) => !before.includes(asset.id));
	await ctx.adminPost('/collections/add-assets', { collectionId: SEED_COLLECTIONS.partnerPicks, assetIds: [a.id, b.id] });
	await ctx.adminPost('/collections/add-assets', { collectionId: SEED_COLLECTIONS.review, assetIds: [c.id] }); // another collection
	const emitted = await ctx.poll({ name, parameters: params });
	expect(summary(emitted.items).sort()).toEqual([a.id, b.id].map((id) => `assetAddedToCollection:${id}`).sort());
	expect(emitted.items[0].json.collectionId).toBe(SEED_COLLECTIONS.partnerPicks);
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull();
	await ctx.adminPost('/collections/add-assets', { collectionId: SEED_COLLECTIONS.partnerPicks, assetIds: [c.id] });
	expect(summary((await ctx.poll({ name, parameters: params })).items)).toEqual([`assetAddedToCollection:${c.id}`]);
});

test('Include Existing on a watched collection emits its current members once', async () => {
	const params = { events: ['assetsAddedToCollection'], collection: rl(SEED_COLLECTIONS.brandBasics), options: { includeExisting: true } };
	const first = await ctx.poll({ name: 'Collection, existing', parameters: params });
	const members = (await ctx.collections()).find((col) => col.collectionId === SEED_COLLECTIONS.brandBasics).assetIds;
	expect(first.items.map((item) => item.json.id).sort()).toEqual([...members].sort());
	expect((await ctx.poll({ name: 'Collection, existing', parameters: params })).items).toBeNull();
});

test('licences purchased or changed (CLAPI-C feed) with the completed/syncable filters', async () => {
	const name = 'Licences';
	const params = { events: ['licencePurchasedOrChanged'], options: { completedOnly: true, syncableOnly: true } };
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull();
	const bought = await ctx.adminPost('/purchases/add', {});
	const notSyncable = await ctx.adminPost('/purchases/add', { binaryCount: 0 });
	await ctx.adminPost('/purchases/new-binary-version', { uuid: '80101' });
	await ctx.adminPost('/purchases/cancel', { uuid: '80107' });
	const emitted = await ctx.poll({ name, parameters: params });
	expect(summary(emitted.items)).toEqual([`licencePurchased:${bought.uuid}`, 'licencePurchaseChanged:80101']);
	expect(summary(emitted.items)).not.toContain(`licencePurchased:${notSyncable.uuid}`);
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull();
	// Without filters the cancellation comes through too (next change only).
	const unfiltered = { events: ['licencePurchasedOrChanged'] };
	await ctx.poll({ name: 'Licences, all', parameters: unfiltered });
	await ctx.adminPost('/purchases/cancel', { uuid: '80101' });
	const all = await ctx.poll({ name: 'Licences, all', parameters: unfiltered });
	expect(all.items.map((i) => [i.json.uuid, i.json.state, i.json.event])).toEqual([['80101', 'cancelled', 'licencePurchaseChanged']]);
});

test('a restart from saved static data (n8n and the emulator restarted) continues exactly where it stopped', async () => {
	const name = 'Restart';
	const params = { events: ['assetUpdated', 'licencePurchasedOrChanged'] };
	await ctx.poll({ name, parameters: params });
	const asset = await seedAsset('brand-typography.pdf');
	await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { step: '1' } } });
	const beforeRestart = await ctx.poll({ name, parameters: params });
	expect(summary(beforeRestart.items)).toEqual([`assetUpdated:${asset.id}`]);
	const saved = beforeRestart.staticData;

	// Changes while n8n is down; then both n8n (new harness) and the emulator restart.
	await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { step: '2' } } });
	const purchase = await ctx.adminPost('/purchases/add', {});
	await ctx.close();
	ctx = await setup({ emulator: { dataDir } });
	await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { step: '3' } } });

	const afterRestart = await ctx.poll({ name, parameters: params, staticData: saved });
	expect(afterRestart.error).toBeUndefined();
	expect(summary(afterRestart.items)).toEqual([`assetUpdated:${asset.id}`, `assetUpdated:${asset.id}`, `licencePurchased:${purchase.uuid}`]);
	expect(afterRestart.items.slice(0, 2).map((i) => i.json.metadata.step)).toEqual(['2', '3']);
	expect((await ctx.poll({ name, parameters: params })).items).toBeNull();
});

test('a cursor the feed no longer covers (continuationUuidTooOld) continues from now with a notice', async () => {
	const name = 'Too old';
	const params = { events: ['assetUpdated'] };
	await ctx.poll({ name, parameters: params });
	const asset = await seedAsset('brand-store-front.png');
	await ctx.admin.put('/changes/retention', { maxChanges: 5 });
	try {
		for (let i = 0; i < 12; i++) await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { i: String(i) } } });
		const reset = await ctx.poll({ name, parameters: params });
		expect(reset.items).toHaveLength(1);
		expect(reset.items[0].json).toEqual(expect.objectContaining({ event: 'cursorReset', feed: 'portals', reason: 'continuationUuidTooOld' }));
		expect(reset.items[0].json.message).toMatch(/may have been missed/);
		expect(ctx.harness.logs.some((log) => log.level === 'warn' && /continuing from now/.test(log.message))).toBe(true);
		await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { i: 'after' } } });
		const next = await ctx.poll({ name, parameters: params });
		expect(next.items.map((item) => item.json.metadata.i)).toEqual(['after']);
	} finally {
		await ctx.admin.put('/changes/retention', { maxChanges: 5000 });
	}
});

test('Include Existing: the first polls emit what the feed holds, in bounded polls', async () => {
	const items = await drain('Existing', { parameters: { events: ['licencePurchasedOrChanged'], options: { includeExisting: true, maxEventsPerPoll: 6 } } });
	const feed = (await ctx.adminGet('/purchases')).purchases;
	expect(items.map((item) => item.json.uuid)).toEqual(feed.map((p) => p.uuid));
});

test('a manual run returns a recent sample and leaves the stored cursors alone', async () => {
	const name = 'Manual';
	const params = { events: ['assetApproved', 'licencePurchasedOrChanged'] };
	await ctx.poll({ name, parameters: params });
	const stored = JSON.parse(JSON.stringify(ctx.harness.staticDataByNode[name]));
	const asset = await seedAsset('brand-icon-set.png');
	await ctx.adminPost('/assets/approve', { assetId: asset.id });
	const manual = await ctx.poll({ name, parameters: params, mode: 'manual' });
	expect(manual.error).toBeUndefined();
	expect(manual.items.length).toBeGreaterThan(0);
	expect(manual.items.length).toBeLessThanOrEqual(10);
	expect(summary(manual.items)).toContain(`assetApproved:${asset.id}`);
	expect(manual.staticData).toEqual(stored);
	// The change is still emitted by the next real poll.
	expect(summary((await ctx.poll({ name, parameters: params, staticData: stored })).items)).toEqual([`assetApproved:${asset.id}`]);
});

test('bad configuration is a clear error', async () => {
	const noCollection = await ctx.poll({ name: 'Bad', parameters: { events: ['assetsAddedToCollection'], collection: rl('') } });
	expect(noCollection.error.message).toMatch(/No collection chosen/);
	const unknown = await ctx.poll({ name: 'Bad 2', parameters: { events: ['assetsAddedToCollection'], collection: rl('no-such') } });
	expect(unknown.error.message).toMatch(/No collection with ID 'no-such'/);
});
