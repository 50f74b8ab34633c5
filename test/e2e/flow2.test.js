'use strict';
// Flow 2 in real n8n against the sandbox: only approved assets of the collection reach the team
// folder, each copy carries the asset id and version (file properties) and the asset's bytes; a
// rerun changes nothing; a new version reaches Dropbox only once it is approved, and then
// replaces the copy in place (the old revision stays).
// Run: npm run build && npx jest test/e2e/flow2.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('crypto');
const flow = require('./flows/flow2');
const { useFlowStack, snapshot, dropboxContent, describeDiff, nodeRan, itemsOf } = require('./flows/common');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

describe('flow 2: approved Smint.io assets → Dropbox team folder', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;

	beforeAll(async () => {
		await ctx.resetEmulators();
		first = await flow.run(ctx);
	}, 5 * 60 * 1000);

	test('delivers exactly the approved assets of the collection, with id, version and the same bytes', async () => {
		const { before, after, diff } = first.sandbox;
		const members = flow.collectionAssets(before);
		const approved = members.filter((asset) => asset.approvalState === 'approved');
		expect(approved).toHaveLength(14);
		// The collection also holds rejected assets: they must not be copied.
		expect(members.filter((asset) => asset.approvalState !== 'approved').map((asset) => asset.approvalState)).toEqual(['rejected', 'rejected']);
		expect(flow.teamCopies(before)).toEqual([]);

		const copies = flow.teamCopies(after);
		expect(copies.map((copy) => copy.properties.smintio_asset_id).sort()).toEqual(approved.map((asset) => asset.id).sort());
		for (const copy of copies) {
			const asset = after.smintio.assets[copy.properties.smintio_asset_id];
			expect(copy.name).toBe(asset.fileMetadata.fileName);
			expect(copy.properties).toEqual({
				smintio_asset_id: asset.id,
				smintio_asset_version: String(asset.version),
				smintio_approval_state: 'approved',
				smintio_sha1: asset.fileMetadata.sha1Hash,
				// What template 9 finds and re-checks the copy by (approval only: no use was checked).
				smintio_delivery: 'asset',
				smintio_delivered_by: 'template 2: team folder',
				smintio_delivered_use: '{}',
				smintio_content_hash: copy.content_hash,
			});
			expect(sha1(await dropboxContent(ctx, copy.path_display, 'team'))).toBe(asset.fileMetadata.sha1Hash);
		}
		// Nothing else changed in either system.
		expect(diff.dropbox.files.created.every((entry) => entry.root === 'team')).toBe(true);
		expect(diff.assets.created).toEqual([]);
		expect(diff.assets.updated).toEqual([]);
		expect(await flow.report(ctx, first)).toEqual(expect.objectContaining({ itemsIn: 14, created: 14, updated: 0, skipped: 0 }));
	});

	test('a rerun changes nothing and downloads nothing', async () => {
		const rerun = await flow.run(ctx);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(itemsOf(rerun, 'Copy key')).toHaveLength(14);
		expect(nodeRan(rerun, 'Download from Smint.io')).toBe(false);
		expect(await flow.report(ctx, rerun)).toEqual(expect.objectContaining({ created: 0, updated: 0, skipped: 14 }));
	});

	test('a new version in review stays out; once approved it replaces the copy in place, keeping the old revision', async () => {
		const before = await snapshot(ctx);
		const asset = flow.collectionAssets(before).find((candidate) => candidate.fileMetadata.fileName === 'l27-de-shoes-social-01.jpg');
		const copy = flow.teamCopies(before).find((candidate) => candidate.properties.smintio_asset_id === asset.id);
		expect(copy.properties.smintio_asset_version).toBe('1');
		const rejected = flow.collectionAssets(before).find((candidate) => candidate.fileMetadata.fileName === 'l27-fr-bags-print-02.png');
		expect(rejected.approvalState).toBe('rejected');

		await ctx.smintioAdmin.post('/assets/publish-version', { assetId: asset.id, approvalState: 'in_review', fileName: 'l27-de-shoes-social-01-v2.jpg' });
		const inReview = await flow.run(ctx);
		expect(describeDiff(inReview.sandbox.diff).filter((line) => line.includes('file'))).toEqual([]);
		expect(itemsOf(inReview, 'Approved assets')).toHaveLength(13);

		await ctx.smintioAdmin.post('/assets/approve', { assetId: asset.id });
		await ctx.smintioAdmin.post('/assets/approve', { assetId: rejected.id });
		const reapproved = await flow.run(ctx);
		const { diff, after } = reapproved.sandbox;
		const fresh = after.smintio.assets[asset.id];
		expect(fresh.version).toBe(2);
		// The copy is updated in place (same path, same Dropbox id), the newly approved asset is added.
		expect(diff.dropbox.files.updated.map((change) => change.after.path_display)).toEqual([copy.path_display]);
		expect(diff.dropbox.files.updated[0].changes).toEqual(expect.arrayContaining(['content', 'properties']));
		expect(diff.dropbox.files.created.map((entry) => entry.name)).toEqual(['l27-fr-bags-print-02.png']);
		const updated = flow.teamCopies(after).find((candidate) => candidate.id === copy.id);
		expect(updated.properties.smintio_asset_version).toBe('2');
		expect(sha1(await dropboxContent(ctx, copy.path_display, 'team'))).toBe(fresh.fileMetadata.sha1Hash);
		expect(updated.revisions.map((revision) => revision.rev)).toEqual(expect.arrayContaining([copy.rev]));
		expect(updated.revisions).toHaveLength(2);
		expect(await flow.report(ctx, reapproved)).toEqual(expect.objectContaining({ itemsIn: 15, created: 1, updated: 1, skipped: 13 }));

		const again = await flow.run(ctx);
		expect(describeDiff(again.sandbox.diff)).toEqual([]);
	});
});
