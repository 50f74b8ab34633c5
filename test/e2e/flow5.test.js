'use strict';
// Flow 5 in real n8n against the sandbox: the market / product / channel folders below /Campaigns
// become the Smint.io collection tree (only missing levels created, with the owner from Settings;
// existing levels reused), the assets catalogued by flow 1 are filed into the collection of their
// folder, and a rerun changes nothing.
// Asserted on the state of both emulators (admin APIs).
// Run: npm run build && npx jest test/e2e/flow5.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const flow = require('./flows/flow5');
const { useFlowStack, changeCount, describeDiff, itemsOf } = require('./flows/common');

/** Smint.io collection paths a seeded Launch 2027 already has (see sandbox/smintio/seed/collections.js). */
const SEEDED_PATHS = ['Launch 2027', 'Launch 2027/Germany', 'Summer Sale 2026'];

describe('flow 5: campaign folder tree → Smint.io collection tree', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;

	beforeAll(async () => {
		await ctx.resetEmulators();
		await flow.prepare(ctx);
		first = await flow.run(ctx);
	}, 5 * 60 * 1000);

	test('every channel folder has exactly one collection at the same path; only missing levels were created', () => {
		const { before, after, diff } = first.sandbox;
		const channels = flow.channelFolders(before);
		// The seed: Launch 2027/Germany/Shoes/{Social,Print}, Launch 2027/France/Bags/Web, Summer Sale 2026/Germany/Apparel/Social.
		expect(channels.map(flow.collectionPathOf).sort()).toEqual([
			'Launch 2027/France/Bags/Web',
			'Launch 2027/Germany/Shoes/Print',
			'Launch 2027/Germany/Shoes/Social',
			'Summer Sale 2026/Germany/Apparel/Social',
		]);
		const byPath = flow.collectionsByPath(after);
		const wanted = new Set();
		for (const folder of channels) {
			const names = flow.collectionPathOf(folder).split('/');
			for (let depth = 1; depth <= names.length; depth++) wanted.add(names.slice(0, depth).join('/'));
		}
		for (const path of wanted) expect([path, byPath.get(path)?.length]).toEqual([path, 1]);
		const existedBefore = new Set(flow.collectionsByPath(before).keys());
		expect([...existedBefore].filter((path) => wanted.has(path)).sort()).toEqual(SEEDED_PATHS);
		const createdPaths = [...wanted].filter((path) => !existedBefore.has(path)).sort();
		expect(createdPaths).toHaveLength(9);
		const createdIds = new Set(createdPaths.map((path) => byPath.get(path)[0].collectionId));
		expect(new Set(diff.collections.created.map((c) => c.collectionId))).toEqual(createdIds);
		// Finals, Approved, WIP, Review are folders below the channel level or outside the tree: no collections.
		for (const name of ['Finals', 'Approved', 'WIP', 'Review']) expect(diff.collections.created.map((c) => c.name)).not.toContain(name);
	});

	test('new collections get the owner from Settings; existing ones keep theirs and are not changed', () => {
		const { before, diff } = first.sandbox;
		for (const collection of diff.collections.created) {
			expect([collection.name, collection.ownerEmail]).toEqual([collection.name, flow.OWNER]);
			expect(collection.description).toMatch(/^Campaign folder \/Campaigns\//);
		}
		// Only membership changed on existing collections (none gets a new owner, name or parent).
		for (const change of diff.collections.updated) expect(change.changes).toEqual(['assets']);
		const summerSale = Object.values(before.smintio.collections).find((c) => c.name === 'Summer Sale 2026');
		expect(first.sandbox.after.smintio.collections[summerSale.collectionId].ownerEmail).toBe('jordan@northwind.example');
	});

	test('each catalogued file is filed into the collection of its channel folder; uncatalogued files are listed', () => {
		const { before, after, diff } = first.sandbox;
		const byPath = flow.collectionsByPath(after);
		const assetsByExternalId = new Map(Object.values(before.smintio.assets).filter((a) => a.externalId).map((a) => [a.externalId, a]));
		let filed = 0;
		let uncatalogued = 0;
		for (const folder of flow.channelFolders(before)) {
			const collection = byPath.get(flow.collectionPathOf(folder))[0];
			const files = Object.values(before.dropbox.home).filter((e) => e['.tag'] === 'file' && e.path_lower.startsWith(`${folder.path_lower}/`));
			for (const file of files) {
				const asset = assetsByExternalId.get(`dropbox:${file.id}`);
				if (!asset) {
					uncatalogued++;
					expect(file.path_lower).not.toMatch(/\/approved\//);
					continue;
				}
				filed++;
				expect([file.path_display, after.smintio.assets[asset.id].collectionIds]).toEqual([file.path_display, expect.arrayContaining([collection.collectionId])]);
				expect(collection.assetIds).toContain(asset.id);
			}
		}
		expect([filed, uncatalogued]).toEqual([9, 3]);
		// Only the nine catalogued assets changed, and only their collections.
		expect(diff.assets.updated).toHaveLength(9);
		for (const change of diff.assets.updated) {
			expect(change.changes).toEqual(['collections']);
			expect(change.after.externalId).toMatch(/^dropbox:id:/);
		}
		expect(diff.assets.created).toEqual([]);
		expect(itemsOf(first, 'Not in Smint.io yet').map((item) => item.filePath.split('/').slice(-2, -1)[0]).sort()).toEqual(['Review', 'WIP', 'WIP']);
		// Dropbox is only read.
		expect(diff.dropbox.files.created.length + diff.dropbox.files.updated.length + diff.dropbox.folders.created.length).toBe(0);
	});

	test('the report counts collections created and assets filed from the state', async () => {
		const report = await flow.report(ctx, first);
		expect(report).toEqual(expect.objectContaining({ itemsIn: 12, created: 9, updated: 9, skipped: 3, denied: [], conflicts: [] }));
	});

	test('a rerun changes nothing in either system', async () => {
		const rerun = await flow.run(ctx, { attempt: 2 });
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(changeCount(rerun.sandbox.diff)).toBe(0);
		expect(itemsOf(rerun, 'Already filed')).toHaveLength(9);
		expect(itemsOf(rerun, 'File asset into collection')).toHaveLength(0);
		const report = await flow.report(ctx, rerun);
		expect(report).toEqual(expect.objectContaining({ created: 0, updated: 0, skipped: 12 }));
	});

	test('a new channel folder in Dropbox becomes one new collection on the next run, nothing else changes', async () => {
		await ctx.dropboxAdmin.post('/files/create_folder', { path: '/Campaigns/Launch 2027/France/Bags/Social/Approved' });
		const next = await flow.run(ctx, { attempt: 3 });
		const { diff, after } = next.sandbox;
		expect(describeDiff(diff)).toEqual(['+ collection Social']);
		const [created] = diff.collections.created;
		expect(created.ownerEmail).toBe(flow.OWNER);
		expect(flow.collectionsByPath(after).get('Launch 2027/France/Bags/Social')).toEqual([expect.objectContaining({ collectionId: created.collectionId })]);
	});
});
