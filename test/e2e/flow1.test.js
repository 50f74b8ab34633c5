'use strict';
// Flow 1 in real n8n against the sandbox: only files in Approved folders reach Smint.io, with
// tags and metadata from the path, the rights defaults, External ID dropbox:{file id} and the
// content_hash; a rerun adds nothing; a file changed in Dropbox becomes a new version of the same
// asset. Asserted on the state of both emulators (admin APIs).
// Run: npm run build && npx jest test/e2e/flow1.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('crypto');
const { makePng } = require('../../sandbox/common/sample-files');
const flow = require('./flows/flow1');
const { useFlowStack, snapshot, dropboxContent, changeCount, describeDiff, nodeRan, itemsOf } = require('./flows/common');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

describe('flow 1: approved Dropbox folders → Smint.io catalog', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;

	beforeAll(async () => {
		await ctx.resetEmulators();
		first = await flow.run(ctx);
	}, 5 * 60 * 1000);

	test('creates one asset per file in an Approved folder, and nothing else', async () => {
		const { before, diff } = first.sandbox;
		const { approved } = flow.campaignFiles(before);
		// The seed: 3 + 2 in Germany/Shoes, 2 in France/Bags (Launch 2027), 2 in Summer Sale 2026.
		expect(approved).toHaveLength(9);
		expect(diff.assets.created.map((asset) => asset.externalId).sort()).toEqual(approved.map((entry) => `dropbox:${entry.id}`).sort());
		expect(diff.assets.updated).toEqual([]);
		expect(diff.collections.created).toEqual([]);
		// Dropbox is only read.
		expect(diff.dropbox.files.created).toEqual([]);
		expect(diff.dropbox.files.updated).toEqual([]);
		expect(itemsOf(first, 'List approved files')).toHaveLength(9);
	});

	test('each asset carries the path metadata, tags, rights defaults, the content hash and the same bytes', async () => {
		const { before, after } = first.sandbox;
		const assets = flow.assetsByExternalId(after);
		for (const entry of flow.campaignFiles(before).approved) {
			const asset = assets.get(`dropbox:${entry.id}`);
			const [, , campaign, market, product, channel] = entry.path_display.split('/');
			expect(asset.metadata).toEqual({
				campaign,
				market,
				product,
				channel,
				source: 'dropbox',
				dropboxPath: entry.path_display,
				dropboxContentHash: entry.content_hash,
				dropboxRev: entry.rev,
			});
			expect(asset.localizedTags.en).toEqual([campaign, market, product, channel].map((tag) => tag.toLowerCase()));
			expect(asset.name.en).toBe(entry.name);
			expect(asset.approvalState).toBe('approved');
			expect(asset.version).toBe(1);
			expect(asset.rights).toEqual(
				expect.objectContaining({
					licenseType: 'royalty_free',
					copyrightNotice: '© 2026 Northwind Marketing',
					releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'no_release_required' },
				}),
			);
			expect(asset.rights.licenseTerms[0].allowedGeographies).toEqual(['europe_any']);
			expect(asset.fileMetadata.fileName).toBe(entry.name);
			expect(asset.fileMetadata.sha1Hash).toBe(sha1(await dropboxContent(ctx, entry.path_display)));
		}
	});

	test('files outside Approved folders (WIP, Review, Finals) do not reach Smint.io', async () => {
		const { before, after } = first.sandbox;
		const { other } = flow.campaignFiles(before);
		expect(other.map((entry) => entry.path_display)).toEqual(
			expect.arrayContaining([expect.stringContaining('/WIP/'), expect.stringContaining('/Review/'), expect.stringContaining('/Finals/')]),
		);
		const assets = flow.assetsByExternalId(after);
		for (const entry of other) expect(assets.has(`dropbox:${entry.id}`)).toBe(false);
		const report = await flow.report(ctx, first);
		expect(report).toEqual(expect.objectContaining({ itemsIn: 9, created: 9, updated: 0, skipped: 0 }));
		expect(report.notes[0]).not.toMatch(/WRONG/);
	});

	test('a rerun creates and changes nothing and downloads nothing', async () => {
		const rerun = await flow.run(ctx);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(itemsOf(rerun, 'Find in Smint.io')).toHaveLength(9);
		expect(itemsOf(rerun, 'New or changed files')).toEqual([]);
		expect(nodeRan(rerun, 'Download from Dropbox')).toBe(false);
		expect(await flow.report(ctx, rerun)).toEqual(expect.objectContaining({ itemsIn: 9, created: 0, updated: 0, skipped: 9 }));
	});

	test('a changed file becomes a new version of its asset, a new approved file a new asset, a new WIP file nothing', async () => {
		const folder = '/Campaigns/Launch 2027/Germany/Shoes/Social';
		const changedPath = `${folder}/Approved/shoes-social-01.jpg`;
		const before = await snapshot(ctx);
		const changed = before.dropbox.home[changedPath.toLowerCase()];
		const oldAsset = flow.assetsByExternalId(before).get(`dropbox:${changed.id}`);
		const retouched = makePng({ seed: 101 });
		await ctx.dropboxAdmin.post('/files/write', { path: changedPath, contentBase64: retouched.toString('base64') });
		const added = await ctx.dropboxAdmin.post('/files/write', {
			path: `${folder}/Approved/shoes-social-04.png`,
			contentBase64: makePng({ seed: 102 }).toString('base64'),
			mode: 'add',
		});
		const wip = await ctx.dropboxAdmin.post('/files/write', {
			path: `${folder}/WIP/shoes-social-draft-06.png`,
			contentBase64: makePng({ seed: 103 }).toString('base64'),
			mode: 'add',
		});

		const run = await flow.run(ctx);
		const { diff, after } = run.sandbox;
		expect(diff.assets.created.map((asset) => asset.externalId)).toEqual([`dropbox:${added.metadata.id}`]);
		expect(diff.assets.updated.map((change) => change.after.id)).toEqual([oldAsset.id]);
		const updated = after.smintio.assets[oldAsset.id];
		const current = after.dropbox.home[changedPath.toLowerCase()];
		expect(updated.version).toBe(2);
		expect(updated.fileMetadata.sha1Hash).toBe(sha1(retouched));
		expect(updated.metadata).toEqual(expect.objectContaining({ dropboxContentHash: current.content_hash, dropboxRev: current.rev, campaign: 'Launch 2027' }));
		expect(flow.assetsByExternalId(after).has(`dropbox:${wip.metadata.id}`)).toBe(false);
		expect(itemsOf(run, 'New or changed files').map((item) => item.name).sort()).toEqual(['shoes-social-01.jpg', 'shoes-social-04.png']);

		const again = await flow.run(ctx);
		expect(changeCount(again.sandbox.diff)).toBe(0);
		expect(nodeRan(again, 'Download from Dropbox')).toBe(false);
	});
});
