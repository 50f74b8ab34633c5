'use strict';
// Flow 6 in real n8n against the sandbox: partner delivery copies only the assets of "Partner
// Picks: Acme Retail" whose licence allows the partner's intended use (social media, web, Germany,
// commercial), records asset id and version on each copy, returns a shared link per copy with an
// expiry and a password (checked by opening the link), lists the denied assets with the rights
// check's reasons, and a rerun changes nothing. Asserted on the state of both emulators.
// Run: npm run build && npx jest test/e2e/flow6.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('crypto');
const flow = require('./flows/flow6');
const { useFlowStack, dropboxContent, changeCount, describeDiff, itemsOf } = require('./flows/common');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
const DAY = 24 * 3600 * 1000;

// The seed (sandbox/smintio/README.md): 7 approved picks; these 4 are cleared for web/social in Europe.
const CLEARED = ['l27-de-shoes-social-01', 'l27-de-shoes-social-03', 'l27-fr-bags-web-01', 'ss26-de-apparel-web-01'];
const DENIED = {
	'l27-fr-bags-social-02': /editorial/i, // editorial use only
	'ss26-de-apparel-social-02': /2026-06-30/, // licence expired
	'l27-de-shoes-web-01': /model release/i, // model release not_released
};
const seedKey = (asset) => asset.fileMetadata.fileName.replace(/(-v\d+)?\.\w+$/, '');

/** The shared links Dropbox has for one path (direct links only). */
async function linksOf(ctx, path) {
	return (await flow.dropboxApi(ctx, 'sharing/list_shared_links', { path, direct_only: true })).links;
}

describe('flow 6: partner delivery with rights check, shared links with expiry and password', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;
	let startedAt = 0;

	beforeAll(async () => {
		await ctx.resetEmulators();
		startedAt = Date.now();
		first = await flow.run(ctx);
	}, 5 * 60 * 1000);

	test('only the cleared picks are copied into the partner folder, with the same bytes and their asset id and version', async () => {
		const { before, after, diff } = first.sandbox;
		const picks = flow.partnerPicks(before);
		expect(picks.map(seedKey).sort()).toEqual([...CLEARED, ...Object.keys(DENIED)].sort());
		expect(flow.partnerCopies(before)).toEqual([]);
		const copies = flow.partnerCopies(after);
		expect(copies).toHaveLength(CLEARED.length);
		expect(diff.dropbox.files.created.map((entry) => entry.path_lower).sort()).toEqual(copies.map((copy) => copy.path_lower).sort());
		for (const key of CLEARED) {
			const asset = picks.find((candidate) => seedKey(candidate) === key);
			const copy = copies.find((candidate) => candidate.properties.smintio_asset_id === asset.id);
			expect([key, copy?.path_display]).toEqual([key, `${flow.PARTNER_FOLDER}/${asset.fileMetadata.fileName}`]);
			expect(copy.properties).toEqual({
				smintio_asset_id: asset.id,
				smintio_asset_version: String(asset.version),
				smintio_approval_state: 'approved',
				smintio_sha1: asset.fileMetadata.sha1Hash,
				// What template 9 finds and re-checks the copy by: the partner's use it was cleared for.
				smintio_delivery: 'asset',
				smintio_delivered_by: 'template 6: partner delivery',
				smintio_delivered_use: JSON.stringify({ usage: 'digital_media_social_media', distribution: 'channel_web', geography: 'europe_germany', useType: 'commercial' }),
				smintio_content_hash: copy.content_hash,
			});
			expect(sha1(await dropboxContent(ctx, copy.path_display))).toBe(asset.fileMetadata.sha1Hash);
		}
		// Smint.io is only read; nothing else in Dropbox changed.
		expect(diff.assets.created.length + diff.assets.updated.length + diff.collections.created.length + diff.collections.updated.length).toBe(0);
		expect(diff.dropbox.files.updated).toEqual([]);
	});

	test('the denied picks are listed with the reasons of the rights check and never copied', () => {
		const { before, after } = first.sandbox;
		const denied = itemsOf(first, 'Not delivered (reasons)');
		expect(denied).toHaveLength(Object.keys(DENIED).length);
		const copies = flow.partnerCopies(after);
		for (const [key, reason] of Object.entries(DENIED)) {
			const asset = flow.partnerPicks(before).find((candidate) => seedKey(candidate) === key);
			const item = denied.find((candidate) => candidate.assetId === asset.id);
			expect([key, item?.reasons.join(' | ')]).toEqual([key, expect.stringMatching(reason)]);
			expect(copies.some((copy) => copy.properties.smintio_asset_id === asset.id || copy.name === asset.fileMetadata.fileName)).toBe(false);
		}
		// The rights check ran for every approved pick and allowed exactly the cleared ones.
		expect(itemsOf(first, "Check the partner's use").map((decision) => decision.allowed).filter(Boolean)).toHaveLength(CLEARED.length);
	});

	test('each copy has one shared link that expires in 30 days and opens only with the password', async () => {
		const copies = flow.partnerCopies(first.sandbox.after);
		const delivered = itemsOf(first, 'Delivery list');
		expect(delivered).toHaveLength(copies.length);
		for (const copy of copies) {
			const links = await linksOf(ctx, copy.path_display);
			expect([copy.name, links.length]).toEqual([copy.name, 1]);
			const [link] = links;
			const expires = Date.parse(link.expires);
			expect(expires).toBeGreaterThan(startedAt + (flow.LINK_EXPIRY_DAYS - 1) * DAY);
			expect(expires).toBeLessThan(Date.now() + (flow.LINK_EXPIRY_DAYS + 1) * DAY);
			expect(link.link_permissions.resolved_visibility['.tag']).toBe('password');
			const item = delivered.find((candidate) => candidate.file === copy.path_display);
			expect(item).toEqual(expect.objectContaining({ link: link.url, linkExpires: link.expires, linkPassword: flow.LINK_PASSWORD, newCopy: true }));

			const download = link.url.replace('dl=0', 'dl=1');
			expect((await fetch(download)).status).toBe(401);
			expect((await fetch(`${download}&password=wrong`)).status).toBe(401);
			const opened = await fetch(`${download}&password=${encodeURIComponent(flow.LINK_PASSWORD)}`);
			expect(opened.status).toBe(200);
			expect(sha1(Buffer.from(await opened.arrayBuffer()))).toBe(copy.properties.smintio_sha1);
		}
	});

	test('the report lists created copies and denied assets with reasons', async () => {
		const report = await flow.report(ctx, first);
		expect(report).toEqual(expect.objectContaining({ itemsIn: 7, created: 4, updated: 0, skipped: 0, conflicts: [] }));
		expect(report.denied).toHaveLength(3);
		for (const denied of report.denied) expect(denied.reasons.length).toBeGreaterThan(0);
	});

	test('a rerun changes nothing: no new copy, no new link', async () => {
		const linksBefore = {};
		for (const copy of flow.partnerCopies(first.sandbox.after)) linksBefore[copy.path_lower] = (await linksOf(ctx, copy.path_display)).map((link) => link.url);
		const rerun = await flow.run(ctx, { attempt: 2 });
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(changeCount(rerun.sandbox.diff)).toBe(0);
		for (const copy of flow.partnerCopies(rerun.sandbox.after)) expect((await linksOf(ctx, copy.path_display)).map((link) => link.url)).toEqual(linksBefore[copy.path_lower]);
		const delivered = itemsOf(rerun, 'Delivery list');
		expect(delivered.map((item) => item.newCopy)).toEqual([false, false, false, false]);
		expect(await flow.report(ctx, rerun)).toEqual(expect.objectContaining({ created: 0, updated: 0, skipped: 4 }));
	});

	test('next run: a newly picked cleared asset is delivered, a new version replaces its copy, nothing else changes', async () => {
		const { after } = first.sandbox;
		const byFile = (name) => Object.values(after.smintio.assets).find((asset) => asset.fileMetadata.fileName === name);
		const picked = byFile('l27-de-shoes-print-01.jpg');
		const updated = flow.partnerPicks(after).find((asset) => seedKey(asset) === 'l27-de-shoes-social-01');
		const collection = Object.values(after.smintio.collections).find((candidate) => candidate.name === flow.PARTNER_COLLECTION);
		await ctx.smintioAdmin.post('/collections/add-assets', { collectionId: collection.collectionId, assetIds: [picked.id] });
		await ctx.smintioAdmin.post('/assets/publish-version', { assetId: updated.id });
		const next = await flow.run(ctx, { attempt: 3 });
		expect(describeDiff(next.sandbox.diff).sort()).toEqual(
			[`+ home file ${flow.PARTNER_FOLDER}/l27-de-shoes-print-01.jpg`, `~ home file ${flow.PARTNER_FOLDER}/${updated.fileMetadata.fileName}: content, properties`].sort(),
		);
		const newVersion = next.sandbox.after.smintio.assets[updated.id];
		expect(newVersion.version).toBe(updated.version + 1);
		const copy = flow.partnerCopies(next.sandbox.after).find((candidate) => candidate.properties.smintio_asset_id === updated.id);
		expect(copy.properties).toEqual(expect.objectContaining({ smintio_asset_version: String(newVersion.version), smintio_sha1: newVersion.fileMetadata.sha1Hash }));
		expect(sha1(await dropboxContent(ctx, copy.path_display))).toBe(newVersion.fileMetadata.sha1Hash);
		expect(await linksOf(ctx, `${flow.PARTNER_FOLDER}/l27-de-shoes-print-01.jpg`)).toHaveLength(1);
		expect(await linksOf(ctx, copy.path_display)).toHaveLength(1);
		expect(itemsOf(next, 'Download from Smint.io')).toHaveLength(2);
	});
});
