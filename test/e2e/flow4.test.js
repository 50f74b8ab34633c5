'use strict';
// Flow 4 in real n8n against the sandbox: drafts go to the Smint.io "Review" collection in review;
// approval in Smint.io brings the final back to Dropbox (asset id and version as properties), the
// draft is tagged "published" and moved into Published/, the asset leaves Review; assets in review
// that did not come from a draft are left alone; reruns change nothing; a revised draft goes back
// to review as a new version of the same asset; a run that failed after delivering a final is
// finished by the rerun (draft moved, asset out of Review, final not sent again).
// Run: npm run build && npx jest test/e2e/flow4.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('crypto');
const flow = require('./flows/flow4');
const { makePng } = require('../../sandbox/common/sample-files');
const { useFlowStack, snapshot, dropboxContent, describeDiff, nodeRan, runWithSnapshots } = require('./flows/common');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

describe('flow 4: review loop, Dropbox drafts ⇄ Smint.io review', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let toReview;
	/** @type {any[]} */
	let drafts;

	beforeAll(async () => {
		await ctx.resetEmulators();
		toReview = await runWithSnapshots(ctx, flow.file);
		drafts = flow.filesIn(toReview.sandbox.before, flow.DRAFTS_FOLDER);
	}, 5 * 60 * 1000);

	test('every draft becomes an asset in review, filed into the Review collection', async () => {
		const { after, diff } = toReview.sandbox;
		expect(drafts.map((draft) => draft.name).sort()).toEqual(['launch-banner-v2.png', 'launch-keyvisual-v1.jpg', 'launch-teaser-draft.mp4']);
		expect(diff.assets.created.map((asset) => asset.externalId).sort()).toEqual(drafts.map((draft) => `dropbox:${draft.id}`).sort());
		const review = flow.reviewCollection(after);
		for (const draft of drafts) {
			const asset = diff.assets.created.find((candidate) => candidate.externalId === `dropbox:${draft.id}`);
			expect(asset.approvalState).toBe('in_review');
			expect(asset.collectionIds).toEqual([review.collectionId]);
			expect(asset.metadata).toEqual(
				expect.objectContaining({ source: 'agency-draft', campaign: 'Launch 2027', dropboxPath: draft.path_display, dropboxContentHash: draft.content_hash }),
			);
			expect(asset.fileMetadata.sha1Hash).toBe(sha1(await dropboxContent(ctx, draft.path_display)));
		}
		// The Review collection keeps its other members (seeded assets in review).
		const seededMembers = flow.reviewCollection(toReview.sandbox.before).assetIds;
		expect(review.assetIds).toEqual(expect.arrayContaining(seededMembers));
		expect(diff.dropbox.files.created).toEqual([]);
		expect(diff.dropbox.files.updated).toEqual([]);
	});

	test('before any approval a rerun changes nothing', async () => {
		const rerun = await runWithSnapshots(ctx, flow.file);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(nodeRan(rerun, 'Download draft')).toBe(false);
		expect(nodeRan(rerun, 'Download final')).toBe(false);
	});

	test('approval brings the final back, marks the draft published and takes the asset out of Review', async () => {
		const before = await snapshot(ctx);
		const approvedIds = await flow.approveDrafts(ctx, flow.APPROVED_BY_REVIEWER);
		// An asset in review that did not come from a draft is approved too: the flow must leave it alone.
		const foreign = Object.values(before.smintio.assets).find((asset) => asset.fileMetadata.fileName === 'brand-icon-set.png');
		expect(flow.reviewCollection(before).assetIds).toContain(foreign.id);
		await ctx.smintioAdmin.post('/assets/approve', { assetId: foreign.id });

		const run = await runWithSnapshots(ctx, flow.file);
		const { after, diff } = run.sandbox;
		const finals = flow.filesIn(after, flow.FINALS_FOLDER);
		expect(finals.map((final) => final.properties.smintio_asset_id).sort()).toEqual([...approvedIds].sort());
		for (const final of finals) {
			const asset = after.smintio.assets[final.properties.smintio_asset_id];
			const draftId = asset.externalId.slice('dropbox:'.length);
			expect(final.properties).toEqual({
				smintio_asset_id: asset.id,
				smintio_asset_version: String(asset.version),
				smintio_approval_state: 'approved',
				dropbox_draft_id: draftId,
			});
			expect(sha1(await dropboxContent(ctx, final.path_display))).toBe(asset.fileMetadata.sha1Hash);
			// The draft: same Dropbox file, now in Published/ with the tag.
			const draft = Object.values(after.dropbox.home).find((entry) => entry.id === draftId);
			expect(draft.path_display).toBe(`${flow.PUBLISHED_FOLDER}/${draft.name}`);
			expect(draft.tags).toEqual(['published']);
			expect(asset.collectionIds).not.toContain(flow.reviewCollection(after).collectionId);
		}
		// The draft still in review stays where it is, untagged, in the Review collection.
		const pending = flow.filesIn(after, flow.DRAFTS_FOLDER);
		expect(pending.map((draft) => draft.name)).toEqual(['launch-teaser-draft.mp4']);
		expect(pending[0].tags).toEqual([]);
		const pendingAsset = flow.draftAssets(after).find((asset) => asset.externalId === `dropbox:${pending[0].id}`);
		expect(pendingAsset.approvalState).toBe('in_review');
		expect(flow.reviewCollection(after).assetIds).toContain(pendingAsset.id);
		// The foreign asset: no final, still in Review.
		expect(finals.some((final) => final.properties.smintio_asset_id === foreign.id)).toBe(false);
		expect(flow.reviewCollection(after).assetIds).toContain(foreign.id);
		expect(diff.assets.created).toEqual([]);

		const report = await flow.report(ctx, run);
		expect(report).toEqual(expect.objectContaining({ created: 2, updated: 2 }));
	});

	test('after the loop a rerun changes nothing', async () => {
		const rerun = await runWithSnapshots(ctx, flow.file);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(nodeRan(rerun, 'Download final')).toBe(false);
	});

	test('a revised draft goes back to review as a new version of its asset; a new draft becomes a new asset', async () => {
		const before = await snapshot(ctx);
		const pending = flow.filesIn(before, flow.DRAFTS_FOLDER)[0];
		const asset = flow.draftAssets(before).find((candidate) => candidate.externalId === `dropbox:${pending.id}`);
		await ctx.smintioAdmin.post('/assets/reject', { assetId: asset.id });
		const revision = makePng({ seed: 404 });
		await ctx.dropboxAdmin.post('/files/write', { path: pending.path_display, contentBase64: revision.toString('base64') });
		const added = await ctx.dropboxAdmin.post('/files/write', {
			path: `${flow.DRAFTS_FOLDER}/launch-poster-v1.png`,
			contentBase64: makePng({ seed: 405 }).toString('base64'),
			mode: 'add',
		});

		const run = await runWithSnapshots(ctx, flow.file);
		const { after, diff } = run.sandbox;
		const revised = after.smintio.assets[asset.id];
		expect(revised.version).toBe(2);
		expect(revised.fileMetadata.sha1Hash).toBe(sha1(revision));
		expect(revised.approvalState).toBe('in_review');
		expect(revised.collectionIds).toContain(flow.reviewCollection(after).collectionId);
		expect(revised.metadata.dropboxContentHash).toBe(after.dropbox.home[pending.path_lower].content_hash);
		expect(diff.assets.created.map((created) => created.externalId)).toEqual([`dropbox:${added.metadata.id}`]);
		expect(diff.dropbox.files.created).toEqual([]);

		const again = await runWithSnapshots(ctx, flow.file);
		expect(describeDiff(again.sandbox.diff)).toEqual([]);
	});

	test('a run that fails after delivering the final (moving the draft fails) is finished by the rerun: the draft is moved, the asset leaves Review, the final is not sent again', async () => {
		const before = await snapshot(ctx);
		const poster = flow.filesIn(before, flow.DRAFTS_FOLDER).find((draft) => draft.name === 'launch-poster-v1.png');
		const asset = flow.draftAssets(before).find((candidate) => candidate.externalId === `dropbox:${poster.id}`);
		await ctx.smintioAdmin.post('/assets/approve', { assetId: asset.id });
		// Every move answers 503 until the faults are cleared: the node's bounded retries give up and the run fails there.
		await ctx.dropboxAdmin.put('/faults', { include: ['files/move_v2'], probabilities: { serverError: 1 } });
		let failed;
		try {
			failed = await runWithSnapshots(ctx, flow.file, { allowFailure: true });
		} finally {
			await ctx.dropboxAdmin.put('/faults', {});
		}
		expect(failed.status).not.toBe('success');
		expect(failed.data.resultData.error.node.name).toBe('Move draft to Published');
		const half = failed.sandbox.after;
		const final = flow.filesIn(half, flow.FINALS_FOLDER).find((candidate) => candidate.properties.smintio_asset_id === asset.id);
		expect(final).toBeDefined();
		expect(half.dropbox.home[poster.path_lower]).toEqual(expect.objectContaining({ id: poster.id, tags: ['published'] }));
		expect(flow.reviewCollection(half).assetIds).toContain(asset.id);

		const rerun = await runWithSnapshots(ctx, flow.file);
		const { after, diff } = rerun.sandbox;
		expect(nodeRan(rerun, 'Download final')).toBe(false);
		expect(diff.dropbox.files.created.map((entry) => entry.id)).toEqual([poster.id]);
		expect(diff.dropbox.files.deleted.map((entry) => entry.id)).toEqual([poster.id]);
		expect(Object.values(after.dropbox.home).find((entry) => entry.id === poster.id).path_display).toBe(`${flow.PUBLISHED_FOLDER}/${poster.name}`);
		expect(flow.filesIn(after, flow.FINALS_FOLDER).find((candidate) => candidate.id === final.id).rev).toBe(final.rev);
		expect(flow.reviewCollection(after).assetIds).not.toContain(asset.id);
		expect(diff.assets.updated.map((change) => change.after.id)).toEqual([asset.id]);

		const again = await runWithSnapshots(ctx, flow.file);
		expect(describeDiff(again.sandbox.diff)).toEqual([]);
	}, 5 * 60 * 1000);

	test('the module plays the whole loop for the demo: run, then a rerun that changes nothing', async () => {
		await ctx.resetEmulators();
		const loop = await flow.run(ctx, { attempt: 1 });
		const report = await flow.report(ctx, loop);
		expect(report).toEqual(expect.objectContaining({ itemsIn: 3, created: 5, updated: 2 }));
		const rerun = await flow.run(ctx, { attempt: 2 });
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(await flow.report(ctx, rerun)).toEqual(expect.objectContaining({ created: 0, updated: 0, itemsIn: 1, skipped: 1 }));
	});
});
