'use strict';
// Several items at once (Options > Parallel Requests): output order and pairing as one by one,
// per-asset serialization (same External ID / same asset never in flight twice), Continue On
// Fail per item, the lowest-index failure thrown otherwise, and Upload's batched External ID
// look-up counted on the emulator (GET /__admin/counters).

const crypto = require('node:crypto');
const { setup } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));
afterEach(async () => ctx.setFaults({}));

const png = (seed, size = 2000) => {
	const bytes = crypto.createHash('sha256').update(String(seed)).digest();
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size, bytes)]);
};
const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
async function fileItem(seed, json) {
	return { json, binary: { data: await ctx.harness.binaryFromBuffer(png(seed), { fileName: `${seed}.png`, mimeType: 'image/png' }) } };
}
async function resetCounters() {
	const response = await ctx.admin.post('/counters/reset');
	if (response.status !== 200) throw new Error(`counters reset: ${response.status}`);
}
async function counters() {
	return (await ctx.admin.get('/counters')).data.calls;
}
const storedWith = async (externalId) => (await ctx.assets()).filter((asset) => asset.externalId === externalId);
const upload = (parameters, inputItems, runOptions = {}) =>
	ctx.run(
		{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', externalId: '={{ $json.ext }}', ...parameters },
		{ inputItems, ...runOptions },
	);
const pairs = (items) => items.map((item) => item.pairedItem);

describe('Upload over many items', () => {
	test('External IDs are looked up in batched searches (50 per search), then 2 calls per new file', async () => {
		const count = 60;
		const inputs = await Promise.all(Array.from({ length: count }, (_, i) => fileItem(`batch-${i}`, { ext: `bulk:${i}` })));
		await resetCounters();
		const { items, error } = await upload({ options: { parallelRequests: 5 } }, inputs);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(count);
		expect(pairs(items)).toEqual(inputs.map((_, i) => ({ item: i })));
		expect(items.map((item) => item.json.externalId)).toEqual(inputs.map((_, i) => `bulk:${i}`));
		expect(items.every((item) => item.json.action === 'created')).toBe(true);
		const calls = await counters();
		// 60 distinct IDs: two searches (50 + 10), never one per item.
		expect(calls['IAssetsSearch.searchAssetsAsync']).toBe(2);
		expect(calls.uploadFile).toBe(count);
		expect(calls['IAssetsWrite.createAssetAsync']).toBe(count);
		// createAssetAsync is immediate by contract: no background-task polls.
		expect(calls.backgroundTasks ?? 0).toBe(0);
		const stored = (await ctx.assets()).filter((asset) => String(asset.externalId).startsWith('bulk:'));
		expect(stored).toHaveLength(count);
		const byExternalId = new Map(stored.map((asset) => [asset.externalId, asset]));
		items.forEach((item, i) => {
			expect(byExternalId.get(`bulk:${i}`).id).toBe(item.json.id);
			expect(byExternalId.get(`bulk:${i}`).fileMetadata.sha1Hash).toBe(sha1(png(`batch-${i}`)));
		});

		// The rerun: two searches, nothing uploaded, nothing created.
		await resetCounters();
		const rerun = await upload({ ifExists: 'replaceBinaryIfDifferent', options: { parallelRequests: 5 } }, inputs);
		expect(rerun.error).toBeUndefined();
		expect(rerun.items.map((item) => item.json.action)).toEqual(inputs.map(() => 'skipped'));
		const rerunCalls = await counters();
		expect(rerunCalls['IAssetsSearch.searchAssetsAsync']).toBe(2);
		expect(rerunCalls.uploadFile ?? 0).toBe(0);
		expect(rerunCalls['IAssetsWrite.createAssetAsync'] ?? 0).toBe(0);
	});

	test('a duplicate External ID in the input never creates a second asset: later items see the asset the first created', async () => {
		const inputs = [
			await fileItem('dup-a1', { ext: 'dup:a' }),
			await fileItem('dup-b', { ext: 'dup:b' }),
			await fileItem('dup-a2', { ext: 'dup:a' }),
			await fileItem('dup-a1', { ext: 'dup:a' }),
		];
		await resetCounters();
		const { items, error } = await upload({ ifExists: 'replaceBinaryIfDifferent', options: { parallelRequests: 4 } }, inputs);
		expect(error).toBeUndefined();
		expect(pairs(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		// In input order: created, then its bytes replaced, then the first bytes back.
		expect(items.map((item) => item.json.action)).toEqual(['created', 'created', 'binaryReplaced', 'binaryReplaced']);
		expect(new Set([items[0].json.id, items[2].json.id, items[3].json.id]).size).toBe(1);
		const [stored] = await storedWith('dup:a');
		expect(await storedWith('dup:a')).toHaveLength(1);
		expect(stored.version).toBe(3);
		expect(stored.fileMetadata.sha1Hash).toBe(sha1(png('dup-a1')));
		const calls = await counters();
		expect(calls['IAssetsSearch.searchAssetsAsync']).toBe(1);
		expect(calls['IAssetsWrite.createAssetAsync']).toBe(2);
		expect(calls['IAssetsWrite.replaceAssetBinaryAsync']).toBe(2);
	});

	test('Skip: the duplicate outputs the asset created by the earlier item', async () => {
		const inputs = [await fileItem('skip-1', { ext: 'dup:skip' }), await fileItem('skip-2', { ext: 'dup:skip' })];
		const { items } = await upload({ ifExists: 'skip', options: { parallelRequests: 2 } }, inputs);
		expect(items.map((item) => item.json.action)).toEqual(['created', 'skipped']);
		expect(items[1].json.id).toBe(items[0].json.id);
		expect(await storedWith('dup:skip')).toHaveLength(1);
	});

	test('without Continue On Fail nothing new starts after a failure; the failure names its item', async () => {
		const inputs = [
			await fileItem('stop-0', { ext: 'stop:0' }),
			{ json: { ext: 'stop:1' } }, // no binary: fails before any request
			...(await Promise.all([2, 3, 4, 5].map((i) => fileItem(`stop-${i}`, { ext: `stop:${i}` })))),
		];
		const { error } = await upload({ options: { parallelRequests: 2 } }, inputs);
		expect(error).toBeDefined();
		expect(error.message).toContain('(item index 1)');
		// Item 0 was in flight and finished; items 2..5 never started.
		const created = (await ctx.assets()).filter((asset) => String(asset.externalId).startsWith('stop:')).map((asset) => asset.externalId);
		expect(created).toEqual(['stop:0']);
	});

	test('Continue On Fail: every item answers in place, the others are uploaded', async () => {
		const inputs = [await fileItem('cof-0', { ext: 'cof:0' }), { json: { ext: 'cof:1' } }, await fileItem('cof-2', { ext: 'cof:2' })];
		const { items, error } = await upload({ options: { parallelRequests: 3 } }, inputs, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(pairs(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.action).toBe('created');
		expect(items[1].json.error).toContain('(item index 1)');
		expect(items[2].json.action).toBe('created');
		expect(await storedWith('cof:2')).toHaveLength(1);
	});

	test('an External ID that cannot be read fails its item only: it is never uploaded without one', async () => {
		const inputs = [await fileItem('expr-0', { ext: 'expr:0' }), await fileItem('expr-1', {}), await fileItem('expr-2', { ext: 'expr:2' })];
		const before = (await ctx.assets()).length;
		const { items, error } = await upload({ externalId: "={{ $json.ext ? $json.ext.toUpperCase() : $('No such node').first().json.ext }}", options: { parallelRequests: 3 } }, inputs, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(pairs(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.externalId).toBe('EXPR:0');
		expect(typeof items[1].json.error).toBe('string');
		expect(items[2].json.externalId).toBe('EXPR:2');
		expect((await ctx.assets()).length).toBe(before + 2);
	});

	test('a failed batched look-up fails its items (with Continue On Fail, each in place)', async () => {
		const inputs = [await fileItem('lookup-0', { ext: 'lookup:0' }), await fileItem('lookup-1', { ext: 'lookup:1' })];
		await resetCounters();
		await ctx.setFaults({ routes: { 'IAssetsSearch.searchAssetsAsync': { probabilities: { serverError: 1 } } }, retryAfterSeconds: 0 });
		const { items, error } = await upload({ options: { parallelRequests: 2 } }, inputs, { continueOnFail: true });
		await ctx.setFaults({});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items.every((item) => typeof item.json.error === 'string')).toBe(true);
		expect(pairs(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(await storedWith('lookup:0')).toHaveLength(0);
		expect((await counters()).uploadFile ?? 0).toBe(0);
	});
});

describe('per-item operations run in parallel with the output of one by one', () => {
	test('Update Metadata: a slow first item finishes last, the output keeps input order and pairing', async () => {
		const seeded = (await ctx.assets()).slice(0, 5);
		const inputItems = seeded.map((asset, i) => ({ json: { id: asset.id, note: `parallel-${i}` } }));
		const run = (parallelRequests) =>
			ctx.run(
				{
					resource: 'asset',
					operation: 'updateMetadata',
					asset: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { metadata: '={{ JSON.stringify({ note: $json.note + "-" + ' + parallelRequests + ' }) }}' },
					options: { parallelRequests },
				},
				{ inputItems },
			);
		const changeOrder = async () => {
			const changes = (await ctx.adminGet('/changes')).changes.filter((change) => change.type === 'AssetUpdated');
			const ids = seeded.map((asset) => asset.id);
			const last = new Map();
			for (const change of changes) if (ids.includes(change.assetId)) last.set(change.assetId, change.seq);
			return ids.map((id) => last.get(id));
		};
		for (const parallelRequests of [5, 1]) {
			await resetCounters();
			// The first item's update call is held back 400 ms.
			await ctx.setFaults({ schedule: [{ route: 'IAssetsWrite.updateAssetAsync', call: 1, fault: 'latency', latencyMs: 400 }] });
			const { items, error } = await run(parallelRequests);
			expect(error).toBeUndefined();
			expect(pairs(items)).toEqual(seeded.map((_, i) => ({ item: i })));
			expect(items.map((item) => item.json.id)).toEqual(seeded.map((asset) => asset.id));
			expect(items.map((item) => item.json.metadata.note)).toEqual(seeded.map((_, i) => `parallel-${i}-${parallelRequests}`));
			const seqs = await changeOrder();
			if (parallelRequests === 5) expect(seqs[0]).toBeGreaterThan(seqs[4]); // the others did not wait for it
			else expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // one after the other
		}
	});

	test('Update Metadata on the same asset from several items: one after the other, no eTag conflict, every change kept', async () => {
		const asset = (await ctx.assets())[6];
		const inputItems = [0, 1, 2, 3, 4].map((i) => ({ json: { id: asset.id, tag: `serial-${i}` } }));
		const { items, error } = await ctx.run(
			{
				resource: 'asset',
				operation: 'updateMetadata',
				asset: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { tagsToAdd: '={{ $json.tag }}' },
				options: { parallelRequests: 5, culture: 'en' },
			},
			{ inputItems },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.conflictRetried)).toEqual([false, false, false, false, false]);
		const stored = (await ctx.assets()).find((a) => a.id === asset.id);
		expect(stored.localizedTags.en).toEqual(expect.arrayContaining(['serial-0', 'serial-1', 'serial-2', 'serial-3', 'serial-4']));
	});

	test('Get: Continue On Fail answers every item in place', async () => {
		const [a, b] = await ctx.assets();
		const { items, error } = await ctx.run(
			{ resource: 'asset', operation: 'get', asset: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { parallelRequests: 3 } },
			{
				inputItems: [{ json: { id: a.id } }, { json: { id: 'not an id' } }, { json: { id: '99:image:00000000000000000000000000000000' } }, { json: { id: b.id } }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(pairs(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.id).toBe(a.id);
		expect(items[1].json.error).toContain('(item index 1)');
		expect(items[2].json).toEqual(expect.objectContaining({ errorCode: 'not_found', httpCode: 404 }));
		expect(items[3].json.id).toBe(b.id);
	});

	test('Get without Continue On Fail throws the lowest-index failure, even when a later item failed first', async () => {
		const [a] = await ctx.assets();
		const { error } = await ctx.run(
			{ resource: 'asset', operation: 'get', asset: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { parallelRequests: 4 } },
			{
				inputItems: [
					{ json: { id: a.id } },
					{ json: { id: '99:image:00000000000000000000000000000000' } }, // fails at Smint.io (a request later)
					{ json: { id: a.id } },
					{ json: { id: 'not an id' } }, // fails at once, before any request
				],
			},
		);
		expect(error).toBeDefined();
		expect(error.context.itemIndex).toBe(1);
		expect(error.message).not.toContain('not an id');
	});
});

describe('Search: a list of External IDs', () => {
	test('more than 50 IDs are searched 50 at a time; a comma-separated text works too', async () => {
		const stored = (await ctx.assets()).filter((asset) => String(asset.externalId).startsWith('bulk:'));
		expect(stored.length).toBeGreaterThanOrEqual(60);
		const wanted = stored.slice(0, 55).map((asset) => asset.externalId);
		const list = [...wanted, ...Array.from({ length: 20 }, (_, i) => `missing:${i}`)];
		await resetCounters();
		const { items, error } = await ctx.run(
			{ resource: 'asset', operation: 'search', returnAll: true, filters: { externalId: '={{ $json.ids }}' } },
			{ inputItems: [{ json: { ids: list } }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.externalId).sort()).toEqual([...wanted].sort());
		expect((await counters())['IAssetsSearch.searchAssetsAsync']).toBe(2);

		const text = await ctx.run({ resource: 'asset', operation: 'search', returnAll: true, filters: { externalId: `${wanted[0]}, ${wanted[1]} ,missing:x` } });
		expect(text.items.map((item) => item.json.externalId).sort()).toEqual([wanted[0], wanted[1]].sort());

		const limited = await ctx.run(
			{ resource: 'asset', operation: 'search', returnAll: false, limit: 52, filters: { externalId: '={{ $json.ids }}' } },
			{ inputItems: [{ json: { ids: list } }] },
		);
		expect(limited.items).toHaveLength(52);

		await resetCounters();
		const none = await ctx.run(
			{ resource: 'asset', operation: 'search', returnAll: true, filters: { externalId: '={{ $json.ids }}' } },
			{ inputItems: [{ json: { ids: [] } }] },
		);
		expect(none.items).toEqual([]);
		expect((await counters())['IAssetsSearch.searchAssetsAsync'] ?? 0).toBe(0);
	});
});
