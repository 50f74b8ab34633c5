'use strict';
// Asset > Update Metadata (eTag, merge on 409, retry once) and Asset > Replace Binary.

const crypto = require('node:crypto');
const { setup, rl } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));
afterEach(async () => ctx.setFaults({}));

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
const stored = async (id) => ctx.adminGet(`/assets?id=${encodeURIComponent(id)}`);
const calls = async (route) => (await ctx.admin.get('/counters')).data.calls[route] ?? 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Asset > Update Metadata', () => {
	test('applies the changes onto the current asset with its eTag', async () => {
		const before = await ctx.assetByFileName('l27-de-shoes-social-04.png');
		const { items, error } = await ctx.run({
			resource: 'asset',
			operation: 'updateMetadata',
			asset: rl(before.id),
			updateFields: {
				name: 'Schuhe Review',
				tagsToAdd: 'reviewed, q3',
				tagsToRemove: 'SOCIAL MEDIA',
				metadata: '{"channel": "social-paid", "reviewer": "kim"}',
				metadataKeysToRemove: 'source',
				approvalState: 'approved',
			},
			options: { culture: 'de' },
		});
		expect(error).toBeUndefined();
		const after = await stored(before.id);
		expect(after.eTag).not.toBe(before.eTag);
		expect(after.name).toEqual({ ...before.name, de: 'Schuhe Review' });
		expect(after.localizedTags.de).toEqual([...before.localizedTags.de.filter((t) => t !== 'social media'), 'reviewed', 'q3']);
		expect(after.localizedTags.en).toEqual(before.localizedTags.en);
		const { source, ...kept } = before.metadata;
		expect(source).toBeDefined();
		expect(after.metadata).toEqual({ ...kept, channel: 'social-paid', reviewer: 'kim' });
		expect(after.approvalState).toBe('approved');
		expect(items[0].json.changedFields.sort()).toEqual(['approvalState', 'localizedTags', 'metadata', 'name']);
		expect(items[0].json.conflictRetried).toBe(false);
	});

	test('a change that is already in place sends nothing', async () => {
		const asset = await ctx.assetByFileName('l27-de-shoes-social-05.png');
		const updatesBefore = await calls('IAssetsWrite.updateAssetAsync');
		const { items } = await ctx.run({
			resource: 'asset',
			operation: 'updateMetadata',
			asset: rl(asset.id),
			updateFields: { metadata: JSON.stringify({ campaign: asset.metadata.campaign }) },
		});
		expect(items[0].json).toEqual(expect.objectContaining({ unchanged: true, changedFields: [] }));
		expect(await calls('IAssetsWrite.updateAssetAsync')).toBe(updatesBefore);
	});

	test('on 409 (changed meanwhile) it re-reads, merges its changes onto the fresh asset and retries once', async () => {
		const asset = await ctx.assetByFileName('l27-fr-bags-web-01-v2.jpg');
		const next = (await calls('IAssetsWrite.updateAssetAsync')) + 1;
		// Our update waits 400 ms at the server; a colleague edits the asset meanwhile.
		await ctx.setFaults({ schedule: [{ route: 'IAssetsWrite.updateAssetAsync', call: next, fault: 'latency', latencyMs: 400 }] });
		const running = ctx.run({
			resource: 'asset',
			operation: 'updateMetadata',
			asset: rl(asset.id),
			updateFields: { metadata: '{"channel": "web-eu"}', tagsToAdd: 'eu' },
		});
		await sleep(150);
		await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { ...asset.metadata, reviewer: 'colleague' } } });
		const { items, error } = await running;
		expect(error).toBeUndefined();
		expect(items[0].json.conflictRetried).toBe(true);
		const after = await stored(asset.id);
		expect(after.metadata).toEqual({ ...asset.metadata, reviewer: 'colleague', channel: 'web-eu' });
		expect(after.localizedTags.en).toContain('eu');
	});

	test('a second 409 is reported as a conflict', async () => {
		const asset = await ctx.assetByFileName('l27-fr-bags-web-02.png');
		const next = (await calls('IAssetsWrite.updateAssetAsync')) + 1;
		await ctx.setFaults({
			schedule: [
				{ route: 'IAssetsWrite.updateAssetAsync', call: next, fault: 'writeConflict' },
				{ route: 'IAssetsWrite.updateAssetAsync', call: next + 1, fault: 'writeConflict' },
			],
		});
		const { error } = await ctx.run({ resource: 'asset', operation: 'updateMetadata', asset: rl(asset.id), updateFields: { tagsToAdd: 'x' } });
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('409');
		expect(error.message).toMatch(/eTag conflict twice/);
		expect((await stored(asset.id)).eTag).toBe(asset.eTag);
	});

	test('a lost reply (the update went through) is retried, meets its own eTag change and sends nothing more', async () => {
		const asset = await ctx.assetByFileName('l27-fr-bags-print-01.png');
		const next = (await calls('IAssetsWrite.updateAssetAsync')) + 1;
		await ctx.setFaults({ schedule: [{ route: 'IAssetsWrite.updateAssetAsync', call: next, fault: 'dropAfter' }] });
		const { items, error } = await ctx.run({ resource: 'asset', operation: 'updateMetadata', asset: rl(asset.id), updateFields: { tagsToAdd: 'lost-reply' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ changedFields: ['localizedTags'], unchanged: false, conflictRetried: true }));
		const after = await stored(asset.id);
		expect(after.localizedTags.en.filter((tag) => tag === 'lost-reply')).toHaveLength(1);
		const changes = (await ctx.adminGet('/changes')).changes.filter((c) => c.assetId === asset.id && c.type === 'AssetUpdated');
		expect(changes).toHaveLength(1); // applied once
	});

	test('no field given is a NodeOperationError', async () => {
		const asset = await ctx.assetByFileName('l27-fr-bags-web-02.png');
		const { error } = await ctx.run({ resource: 'asset', operation: 'updateMetadata', asset: rl(asset.id), updateFields: {} });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/Nothing to update/);
	});
});

describe('Asset > Replace Binary', () => {
	async function input(buffer, fileName) {
		return [{ json: {}, binary: { data: await ctx.harness.binaryFromBuffer(buffer, { fileName, mimeType: 'image/png' }) } }];
	}

	test('identical bytes are not uploaded; different bytes become a new version', async () => {
		const asset = await ctx.assetByFileName('brand-logo-mono.png');
		const current = await ctx.harness.readBinary(
			(await ctx.run({ resource: 'asset', operation: 'download', asset: rl(asset.id), binaryPropertyName: 'data' })).items[0].binary.data,
		);
		const uploads = await calls('uploadFile');
		const same = await ctx.run({ resource: 'asset', operation: 'replaceBinary', asset: rl(asset.id), binaryPropertyName: 'data' }, { inputItems: await input(current, 'logo.png') });
		expect(same.items[0].json).toEqual(expect.objectContaining({ action: 'skipped', skipped: true }));
		expect(await calls('uploadFile')).toBe(uploads);

		const changed = Buffer.concat([current, Buffer.from('v2')]);
		const replaced = await ctx.run({ resource: 'asset', operation: 'replaceBinary', asset: rl(asset.id), binaryPropertyName: 'data' }, { inputItems: await input(changed, 'logo-v2.png') });
		expect(replaced.error).toBeUndefined();
		const after = await stored(asset.id);
		expect(after.version).toBe(asset.version + 1);
		expect(after.fileMetadata).toEqual(expect.objectContaining({ sha1Hash: sha1(changed), fileName: 'logo-v2.png' }));
		expect(replaced.items[0].json).toEqual(expect.objectContaining({ action: 'binaryReplaced', version: asset.version + 1 }));
	});

	test('a replace that meets a concurrent edit (409) re-reads and retries once', async () => {
		const asset = await ctx.assetByFileName('brand-colour-palette.png');
		const next = (await calls('IAssetsWrite.replaceAssetBinaryAsync')) + 1;
		await ctx.setFaults({ schedule: [{ route: 'IAssetsWrite.replaceAssetBinaryAsync', call: next, fault: 'latency', latencyMs: 400 }] });
		const bytes = Buffer.from(`palette v2 ${Date.now()}`);
		const running = ctx.run(
			{ resource: 'asset', operation: 'replaceBinary', asset: rl(asset.id), binaryPropertyName: 'data', options: { skipIfIdentical: false } },
			{ inputItems: await input(bytes, 'palette.png') },
		);
		await sleep(150);
		await ctx.adminPost('/assets/update', { assetId: asset.id, changes: { metadata: { ...asset.metadata, note: 'concurrent' } } });
		const { items, error } = await running;
		expect(error).toBeUndefined();
		expect(items[0].json.conflictRetried).toBe(true);
		const after = await stored(asset.id);
		expect(after.fileMetadata.sha1Hash).toBe(sha1(bytes));
		expect(after.metadata.note).toBe('concurrent');
		expect(after.version).toBe(asset.version + 1);
	});
});
