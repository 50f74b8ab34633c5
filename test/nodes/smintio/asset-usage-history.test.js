'use strict';
// Usage History (JSON) on Asset > Upload (Additional Fields) and Asset > Update Metadata: entries
// are added to the asset's usageHistory, an entry already there (same at, channel and target) is
// not added twice, existing entries stay, and bad entries are refused before anything is sent.

const crypto = require('node:crypto');
const { setup, rl } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));

const png = (seed) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.createHash('sha256').update(seed).digest()]);
const inputWith = async (seed) => ({ json: {}, binary: { data: await ctx.harness.binaryFromBuffer(png(seed), { fileName: `${seed}.png`, mimeType: 'image/png' }) } });
const stored = async (id) => ctx.adminGet(`/assets?id=${encodeURIComponent(id)}`);
const calls = async (route) => (await ctx.admin.get('/counters')).data.calls[route] ?? 0;

const LINK = { at: '2026-09-20T10:00:00Z', channel: 'dropbox_shared_link', target: 'https://example.test/s/abc', by: 'alex@northwind.example' };
const REVISION = { at: '2026-09-18T08:30:00Z', channel: 'dropbox_revision', target: '015f0001' };

test('Upload stores the entries (at as an ISO instant, missing fields null, duplicates dropped)', async () => {
	const { items, error } = await ctx.run(
		{
			resource: 'asset',
			operation: 'upload',
			binaryPropertyName: 'data',
			externalId: 'usage:upload-1',
			additionalFields: { usageHistory: JSON.stringify([LINK, REVISION, { ...LINK, at: '2026-09-20T10:00:00.000Z' }]) },
		},
		{ inputItems: [await inputWith('usage-upload')] },
	);
	expect(error).toBeUndefined();
	const asset = await stored(items[0].json.id);
	expect(asset.usageHistory).toEqual([
		{ at: '2026-09-20T10:00:00.000Z', channel: 'dropbox_shared_link', target: 'https://example.test/s/abc', by: 'alex@northwind.example' },
		{ at: '2026-09-18T08:30:00.000Z', channel: 'dropbox_revision', target: '015f0001', by: null },
	]);
});

test('Update Metadata adds only new entries, keeps the existing ones, and a repeat sends nothing', async () => {
	const asset = await ctx.assetByFileName('ss26-de-apparel-social-01.jpg');
	expect(asset.usageHistory.length).toBeGreaterThan(0);
	const update = () =>
		ctx.run({
			resource: 'asset',
			operation: 'updateMetadata',
			asset: rl(asset.id),
			// an expression may give the list itself (not JSON text); the first entry is already there
			updateFields: { usageHistory: [asset.usageHistory[0], LINK] },
		});
	const first = await update();
	expect(first.error).toBeUndefined();
	expect(first.items[0].json.changedFields).toEqual(['usageHistory']);
	const after = await stored(asset.id);
	expect(after.usageHistory).toEqual([...asset.usageHistory, { ...LINK, at: '2026-09-20T10:00:00.000Z' }]);

	const updates = await calls('IAssetsWrite.updateAssetAsync');
	const second = await update();
	expect(second.items[0].json).toEqual(expect.objectContaining({ unchanged: true, changedFields: [] }));
	expect(await calls('IAssetsWrite.updateAssetAsync')).toBe(updates);
	expect((await stored(asset.id)).eTag).toBe(after.eTag);
});

describe('bad entries are refused with the entry named, before anything is sent', () => {
	test.each([
		['not a list', '{"at": "2026-09-20"}', /must be a JSON array/],
		['no date', '[{"channel": "web"}]', /entry 1 has no "at" date/],
		['a bad date', '[{"at": "yesterday"}]', /entry 1, "at": 'yesterday' is not a date/],
		['an unknown field', '[{"at": "2026-09-20", "where": "web"}]', /entry 1 has the unknown field\(s\) where/],
		['a number as target', '[{"at": "2026-09-20", "target": 5}]', /entry 1: "target" must be text/],
	])('%s', async (_label, usageHistory, message) => {
		const asset = await ctx.assetByFileName('l27-de-shoes-social-05.png');
		const updates = await calls('IAssetsWrite.updateAssetAsync');
		const { error } = await ctx.run({ resource: 'asset', operation: 'updateMetadata', asset: rl(asset.id), updateFields: { usageHistory } });
		expect(error).toBeDefined();
		expect(error.message).toMatch(message);
		expect(await calls('IAssetsWrite.updateAssetAsync')).toBe(updates);
	});
});
