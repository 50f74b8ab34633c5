'use strict';
// Collection > Search, Get, Create, Add Assets, Remove Assets, Ensure Path.

const { setup, rl, SEED_COLLECTIONS } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));
afterEach(async () => ctx.setFaults({}));

const collectionById = async (id) => (await ctx.collections()).find((c) => c.collectionId === id);
const calls = async (route) => (await ctx.admin.get('/counters')).data.calls[route] ?? 0;

test('Search returns matching collections; Limit and Return All', async () => {
	const all = await ctx.run({ resource: 'collection', operation: 'search', returnAll: true });
	expect(all.items.map((i) => i.json.collectionId).sort()).toEqual((await ctx.collections()).map((c) => c.collectionId).sort());
	const launch = await ctx.run({ resource: 'collection', operation: 'search', queryString: 'launch', returnAll: true });
	const expected = (await ctx.collections()).filter((c) => `${c.name} ${c.description ?? ''}`.toLowerCase().includes('launch'));
	expect(expected.length).toBeGreaterThan(0);
	expect(launch.items.map((i) => i.json.collectionId).sort()).toEqual(expected.map((c) => c.collectionId).sort());
	const limited = await ctx.run({ resource: 'collection', operation: 'search', returnAll: false, limit: 2 });
	expect(limited.items).toHaveLength(2);
});

test('Get returns the collection; an unknown ID is a NodeOperationError', async () => {
	const { items } = await ctx.run({ resource: 'collection', operation: 'get', collection: rl(SEED_COLLECTIONS.germany) });
	expect(items[0].json).toEqual(expect.objectContaining({ collectionId: SEED_COLLECTIONS.germany, name: 'Germany', parentCollectionId: SEED_COLLECTIONS.launch2027 }));
	const { error } = await ctx.run({ resource: 'collection', operation: 'get', collection: rl('nope') });
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toBe("No collection with ID 'nope' in this portal (item index 0)");
});

test('Create makes a collection under a parent with an owner', async () => {
	const { items, error } = await ctx.run({
		resource: 'collection',
		operation: 'create',
		name: 'Retail Partners',
		additionalFields: { description: 'Partner deliveries', ownerEmail: 'kim@northwind.example', parent: rl(SEED_COLLECTIONS.brandBasics) },
	});
	expect(error).toBeUndefined();
	const created = await collectionById(items[0].json.collectionId);
	expect(created).toEqual(
		expect.objectContaining({ name: 'Retail Partners', description: 'Partner deliveries', ownerEmail: 'kim@northwind.example', parentCollectionId: SEED_COLLECTIONS.brandBasics }),
	);
	const bad = await ctx.run({ resource: 'collection', operation: 'create', name: 'x', additionalFields: { ownerEmail: 'kim at northwind' } });
	expect(bad.error.message).toMatch(/is not an e-mail address/);
});

test('Add Assets and Remove Assets change the membership (idempotently)', async () => {
	const [a, b] = (await ctx.assets()).filter((asset) => asset.metadata.campaign === 'Summer Sale 2026').slice(0, 2);
	const add = await ctx.run({ resource: 'collection', operation: 'addAssets', collection: rl(SEED_COLLECTIONS.review), assetIds: `${a.id},${b.id}` });
	expect(add.error).toBeUndefined();
	expect((await collectionById(SEED_COLLECTIONS.review)).assetIds).toEqual(expect.arrayContaining([a.id, b.id]));
	const again = await ctx.run({ resource: 'collection', operation: 'addAssets', collection: rl(SEED_COLLECTIONS.review), assetIds: [a.id] });
	expect(again.items[0].json.assetCount).toBe((await collectionById(SEED_COLLECTIONS.review)).assetIds.length);
	const remove = await ctx.run({ resource: 'collection', operation: 'removeAssets', collection: rl(SEED_COLLECTIONS.review), assetIds: [{ id: a.id }] });
	expect(remove.error).toBeUndefined();
	const members = (await collectionById(SEED_COLLECTIONS.review)).assetIds;
	expect(members).toContain(b.id);
	expect(members).not.toContain(a.id);
	const unknown = await ctx.run({ resource: 'collection', operation: 'addAssets', collection: rl('missing-collection'), assetIds: [a.id] });
	expect(unknown.error.message).toContain("No collection with ID 'missing-collection'");
});

describe('Ensure Path', () => {
	test('creates only the missing levels, with the owner, and is idempotent', async () => {
		const before = await ctx.collections();
		const first = await ctx.run({ resource: 'collection', operation: 'ensurePath', path: 'Launch 2027/Germany/Shoes/Social', ownerEmail: 'alex@northwind.example' });
		expect(first.error).toBeUndefined();
		const json = first.items[0].json;
		expect(json.createdLevels).toEqual(['Shoes', 'Social']);
		expect(json.levels.map((l) => [l.name, l.created])).toEqual([
			['Launch 2027', false],
			['Germany', false],
			['Shoes', true],
			['Social', true],
		]);
		expect(json.levels[0].collectionId).toBe(SEED_COLLECTIONS.launch2027);
		expect(json.levels[1].collectionId).toBe(SEED_COLLECTIONS.germany);
		const after = await ctx.collections();
		expect(after).toHaveLength(before.length + 2);
		const shoes = after.find((c) => c.collectionId === json.levels[2].collectionId);
		const social = after.find((c) => c.collectionId === json.levels[3].collectionId);
		expect(shoes).toEqual(expect.objectContaining({ name: 'Shoes', parentCollectionId: SEED_COLLECTIONS.germany, ownerEmail: 'alex@northwind.example' }));
		expect(social).toEqual(expect.objectContaining({ name: 'Social', parentCollectionId: shoes.collectionId, ownerEmail: 'alex@northwind.example' }));
		expect(json.collectionId).toBe(social.collectionId);

		const creates = await calls('ICollectionsWrite.createCollectionAsync');
		const second = await ctx.run({ resource: 'collection', operation: 'ensurePath', path: ' launch 2027 / GERMANY/Shoes/Social/ ', ownerEmail: 'other@northwind.example' });
		expect(second.items[0].json.createdLevels).toEqual([]);
		expect(second.items[0].json.collectionId).toBe(social.collectionId);
		expect(await ctx.collections()).toHaveLength(before.length + 2);
		expect(await calls('ICollectionsWrite.createCollectionAsync')).toBe(creates);
	});

	test('a lost create reply is found again instead of duplicated', async () => {
		const next = (await calls('ICollectionsWrite.createCollectionAsync')) + 1;
		await ctx.setFaults({ schedule: [{ route: 'ICollectionsWrite.createCollectionAsync', call: next, fault: 'dropAfter' }] });
		const { items, error } = await ctx.run({ resource: 'collection', operation: 'ensurePath', path: 'Campaign Archive/2026/Lost Reply' });
		expect(error).toBeUndefined();
		const named = (name) => ctx.collections().then((all) => all.filter((c) => c.name === name));
		expect(await named('2026')).toHaveLength(1);
		expect(await named('Lost Reply')).toHaveLength(1);
		expect(items[0].json.createdLevels).toEqual(['2026', 'Lost Reply']);
	});

	test('an empty level is a NodeOperationError with the expected format', async () => {
		const { error } = await ctx.run({ resource: 'collection', operation: 'ensurePath', path: 'Launch 2027//Social' });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/empty level \(position 2\)/);
		expect(error.description).toMatch(/separated by "\/"/);
	});
});
