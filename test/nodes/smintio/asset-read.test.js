'use strict';
// Asset > Get, Get Many, Search, and the asset/collection/portal lists, through n8n's engine
// against the emulator. Expected values come from the emulator's own state (admin API).

const { setup, rl, SEED_COLLECTIONS } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));

describe('Asset > Get', () => {
	test('returns the asset with localized fields resolved for the culture and the raw dicts kept', async () => {
		const stored = await ctx.assetByFileName('l27-de-shoes-social-01.jpg');
		const { items, error } = await ctx.run({ resource: 'asset', operation: 'get', asset: rl(stored.id), options: { culture: 'de' } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const json = items[0].json;
		expect(json.id).toBe(stored.id);
		expect(json.eTag).toBe(stored.eTag);
		expect(json.fileMetadata.sha1Hash).toBe(stored.fileMetadata.sha1Hash);
		expect(json.name).toBe(stored.name.de);
		expect(json.localizedName).toEqual(stored.name);
		expect(json.description).toBe(stored.description.de);
		expect(json.tags).toEqual(stored.localizedTags.de);
		expect(json.localizedTags).toEqual(stored.localizedTags);
		expect(json.metadata).toEqual(stored.metadata);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('culture falls back to x-default, then en, then the first entry', async () => {
		const stored = await ctx.assetByFileName('brand-logo-mono.png');
		const { items } = await ctx.run({ resource: 'asset', operation: 'get', asset: rl(stored.id), options: { culture: 'fr' } });
		expect(items[0].json.name).toBe(stored.name['x-default']);
		// Tags of brand assets exist in en only: fr -> (no x-default) -> en.
		expect(items[0].json.tags).toEqual(stored.localizedTags.en);
	});

	test('a malformed asset ID is a NodeOperationError naming the item and the fix', async () => {
		// A literal is refused by the editor's validation already; from an expression it reaches the node.
		const { error } = await ctx.run(
			{ resource: 'asset', operation: 'get', asset: rl('={{ $json.assetId }}') },
			{ inputItems: [{ json: { assetId: 'x' } }, { json: { assetId: 'not-an-id' } }], continueOnFail: false },
		);
		expect(error.name).toBe('NodeOperationError');
		// Item 0 ('x') fails first.
		expect(error.message).toContain("'x' is not a Smint.io asset ID");
		expect(error.message).toContain('(item index 0)');
		expect(error.description).toMatch(/three parts separated by colons/);
	});

	test('an unknown asset is a NodeApiError 404 with Smint.io\'s code kept', async () => {
		const { error } = await ctx.run({ resource: 'asset', operation: 'get', asset: rl('99:image:00000000000000000000000000000000') });
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/Get asset 99:image:0+ failed: .*not found/);
		expect(error.description).toContain('not_found');
	});
});

describe('Asset > Get Many', () => {
	test('reads several assets through the long-running getAssetsAsync task', async () => {
		const a = await ctx.assetByFileName('l27-de-shoes-social-01.jpg');
		const b = await ctx.assetByFileName('brand-logo-mono.png');
		const { items, error } = await ctx.run({ resource: 'asset', operation: 'getMany', assetIds: `${a.id}, ${b.id}` });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id).sort()).toEqual([a.id, b.id].sort());
		// The call was polled: the emulator's getAssetsAsync is long-running.
		const counters = (await ctx.admin.get('/counters')).data;
		expect(counters.calls.backgroundTasks).toBeGreaterThan(0);
	});

	test('missing IDs fail unless Ignore Missing is on', async () => {
		const a = await ctx.assetByFileName('l27-de-shoes-social-01.jpg');
		const missing = '99:image:ffffffffffffffffffffffffffffffff';
		const failed = await ctx.run({ resource: 'asset', operation: 'getMany', assetIds: [a.id, missing] });
		expect(failed.error.message).toContain(missing);
		const ignored = await ctx.run({ resource: 'asset', operation: 'getMany', assetIds: [a.id, missing], options: { ignoreMissing: true } });
		expect(ignored.items.map((item) => item.json.id)).toEqual([a.id]);
	});
});

describe('Asset > Search', () => {
	test('Return All returns every match once (paging over 100+ assets: resilience.test.js)', async () => {
		const stored = (await ctx.assets()).filter((asset) => JSON.stringify(asset).toLowerCase().includes('shoes'));
		const { items, error } = await ctx.run({ resource: 'asset', operation: 'search', queryString: 'shoes', returnAll: true });
		expect(error).toBeUndefined();
		const ids = items.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual(stored.map((asset) => asset.id).sort());
	});

	test('Limit stops after that many results', async () => {
		const { items } = await ctx.run({ resource: 'asset', operation: 'search', returnAll: false, limit: 7 });
		expect(items).toHaveLength(7);
		const all = await ctx.run({ resource: 'asset', operation: 'search', returnAll: true });
		expect(all.items.length).toBe((await ctx.assets()).length);
		expect(all.items.length).toBe(44);
	});

	test('filters: content type, approval state, collection, modified since, external ID', async () => {
		const stored = await ctx.assets();
		const collections = await ctx.collections();
		const launchGermany = collections.find((c) => c.collectionId === SEED_COLLECTIONS.germany);
		const byFilter = async (filters) =>
			(await ctx.run({ resource: 'asset', operation: 'search', returnAll: true, filters })).items.map((i) => i.json.id).sort();

		expect(await byFilter({ contentTypes: ['document'] })).toEqual(stored.filter((a) => a.contentType === 'document').map((a) => a.id).sort());
		expect(await byFilter({ approvalStates: ['approved', 'in_review'] })).toEqual(
			stored.filter((a) => ['approved', 'in_review'].includes(a.approvalState)).map((a) => a.id).sort(),
		);
		expect(await byFilter({ collection: rl(SEED_COLLECTIONS.germany) })).toEqual([...launchGermany.assetIds].sort());
		const since = '2026-08-01T00:00:00Z';
		expect(await byFilter({ modifiedSince: since })).toEqual(
			stored.filter((a) => Date.parse(a.modifiedAt) >= Date.parse(since)).map((a) => a.id).sort(),
		);
		const brand = stored.find((a) => a.externalId);
		expect(await byFilter({ externalId: brand.externalId })).toEqual([brand.id]);
	});

	test('a date in the wrong format is a NodeOperationError with the expected format', async () => {
		const { error } = await ctx.run({ resource: 'asset', operation: 'search', returnAll: true, filters: { modifiedSince: '01/08/2026' } });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain("'01/08/2026' is not a date");
		expect(error.description).toMatch(/yyyy-mm-dd/);
	});

	test('an unknown collection filter is a NodeOperationError naming the collection', async () => {
		const { error } = await ctx.run({ resource: 'asset', operation: 'search', returnAll: true, filters: { collection: rl('no-such-collection') } });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain("No collection with ID 'no-such-collection'");
	});
});

describe('resource locator lists', () => {
	test('searchAssets pages with a token and filters by text', async () => {
		const first = await ctx.harness.listSearch({ type: 'n8n-nodes-smintio.smintIo', method: 'searchAssets', credentials: { smintIoOAuth2Api: 'Smint.io' } });
		expect(first.results.length).toBe(44 > 50 ? 50 : 44);
		expect(first.results[0]).toEqual(expect.objectContaining({ name: expect.any(String), value: expect.stringMatching(/^99:/) }));
		const shoes = await ctx.harness.listSearch({
			type: 'n8n-nodes-smintio.smintIo',
			method: 'searchAssets',
			credentials: { smintIoOAuth2Api: 'Smint.io' },
			filter: 'guidelines',
		});
		expect(shoes.results.map((r) => r.name)).toEqual([expect.stringContaining('Brand guidelines')]);
	});

	test('searchCollections lists the portal\'s collections; searchPortals the credential\'s portal', async () => {
		const collections = await ctx.harness.listSearch({ type: 'n8n-nodes-smintio.smintIo', method: 'searchCollections', credentials: { smintIoOAuth2Api: 'Smint.io' } });
		expect(collections.results.map((r) => r.value).sort()).toEqual((await ctx.collections()).map((c) => c.collectionId).sort());
		const portals = await ctx.harness.listSearch({ type: 'n8n-nodes-smintio.smintIo', method: 'searchPortals', credentials: { smintIoOAuth2Api: 'Smint.io' } });
		expect(portals.results).toEqual([expect.objectContaining({ value: ctx.credentials().portalUuid })]);
	});
});
