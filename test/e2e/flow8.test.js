'use strict';
// Flow 8 in real n8n against the sandbox: the campaign finals become assets of the Smint.io
// collection "Campaign Archive" with the same bytes (a 24 MiB video included), metadata, rights
// from Settings and a usage history gathered from Dropbox (a shared link, revisions, a delivery to
// the partner folder); a rerun changes nothing; new usage found later is added, nothing else is
// touched (rights edited in Smint.io meanwhile stay). Asserted on the state of both emulators.
// Run: npm run build && npx jest test/e2e/flow8.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('crypto');
const flow = require('./flows/flow8');
const { dropboxApi } = require('./flows/flow6');
const { useFlowStack, dropboxContent, dropboxFile, changeCount, describeDiff, itemsOf } = require('./flows/common');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
const iso = (time) => new Date(time).toISOString();

describe('flow 8: campaign finals → Smint.io archive with metadata, rights and usage history', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;
	/** @type {Map<string, any>} final name → archived asset (after the first run) */
	let archived;

	beforeAll(async () => {
		await ctx.resetEmulators();
		await flow.prepare(ctx);
		first = await flow.run(ctx);
		const byExternalId = new Map(Object.values(first.sandbox.after.smintio.assets).map((asset) => [asset.externalId, asset]));
		archived = new Map(flow.finals(first.sandbox.before).map((final) => [final.name, byExternalId.get(`dropbox:${final.id}`)]));
	}, 5 * 60 * 1000);

	test('every final becomes one archived asset in "Campaign Archive", with the same bytes', async () => {
		const { before, after, diff } = first.sandbox;
		const finals = flow.finals(before);
		expect(finals.map((final) => final.name).sort()).toEqual(['launch-banner.png', 'launch-keyvisual.jpg', 'launch-teaser.mp4']);
		expect(diff.assets.created.map((asset) => asset.externalId).sort()).toEqual(finals.map((final) => `dropbox:${final.id}`).sort());
		const archive = flow.archiveCollection(after);
		expect(archive.collectionId).toBe(flow.archiveCollection(before).collectionId);
		expect(diff.collections.created).toEqual([]);
		expect(diff.collections.updated.map((change) => [change.after.name, change.changes])).toEqual([[flow.ARCHIVE_COLLECTION, ['assets']]]);
		for (const final of finals) {
			const asset = archived.get(final.name);
			expect([final.name, asset.approvalState, asset.name.en, asset.collectionIds]).toEqual([final.name, 'archived', final.name, [archive.collectionId]]);
			expect(asset.localizedTags.en).toEqual(['Launch 2027', 'final', 'archive']);
			expect(asset.fileMetadata.fileSizeInBytes).toBe(final.size);
			expect(asset.fileMetadata.sha1Hash).toBe(sha1(await dropboxContent(ctx, final.path_display)));
		}
		expect(archived.get(flow.SHARED).fileMetadata.fileSizeInBytes).toBe(24 * 1024 * 1024);
		// Dropbox is only read.
		expect(diff.dropbox.files.created.length + diff.dropbox.files.updated.length).toBe(0);
	});

	test('each asset carries the Dropbox reference, campaign and usage summary as metadata, and the rights from Settings', async () => {
		for (const final of flow.finals(first.sandbox.before)) {
			const asset = archived.get(final.name);
			const links = (await dropboxApi(ctx, 'sharing/list_shared_links', { path: final.path_display, direct_only: true })).links;
			const revisions = (await dropboxFile(ctx, final.path_display)).revisions;
			expect(asset.metadata).toEqual({
				campaign: 'Launch 2027',
				source: 'dropbox',
				dropboxPath: final.path_display,
				dropboxContentHash: final.content_hash,
				dropboxRev: final.rev,
				sharedLinks: links.map((link) => link.url),
				revisionCount: revisions.length,
				deliveredTo: final.name === flow.DELIVERED ? [flow.DELIVERY_PATH] : [],
			});
			expect(asset.rights).toEqual(
				expect.objectContaining({
					licenseType: 'all',
					copyrightNotice: '© 2027 Northwind Marketing',
					releaseDetails: expect.objectContaining({ modelReleaseState: 'released', propertyReleaseState: 'no_release_required' }),
				}),
			);
			expect(asset.rights.licenseTerms).toEqual([
				expect.objectContaining({ allowedUsages: ['digital_media_any', 'advertising_print_any'], allowedGeographies: ['europe_any'], isEditorialUse: false }),
			]);
		}
		expect(archived.get(flow.SHARED).metadata.sharedLinks).toHaveLength(1);
		expect(archived.get(flow.REVISED).metadata.revisionCount).toBe(2);
	});

	test('the usage history holds the shared links, the revisions and the deliveries found in Dropbox', async () => {
		const { before } = first.sandbox;
		for (const final of flow.finals(before)) {
			const links = (await dropboxApi(ctx, 'sharing/list_shared_links', { path: final.path_display, direct_only: true })).links;
			const revisions = (await dropboxFile(ctx, final.path_display)).revisions;
			const expected = [
				...links.map((link) => ({ at: iso(final.server_modified), channel: 'dropbox_shared_link', target: link.url, by: null })),
				...revisions.map((revision) => ({ at: iso(revision.server_modified), channel: 'dropbox_revision', target: revision.rev, by: null })),
			];
			if (final.name === flow.DELIVERED) {
				const copy = before.dropbox.home[flow.DELIVERY_PATH.toLowerCase()];
				expected.push({ at: iso(copy.server_modified), channel: 'dropbox_delivery', target: flow.DELIVERY_PATH, by: null });
			}
			// oldest first (a stable sort: a link, dated by its file, comes before the revision of the same moment)
			expected.sort((a, b) => a.at.localeCompare(b.at));
			expect([final.name, archived.get(final.name).usageHistory]).toEqual([final.name, expected]);
		}
		const report = await flow.report(ctx, first);
		expect(report).toEqual(expect.objectContaining({ itemsIn: 3, created: 3, updated: 0, skipped: 0 }));
		expect(report.notes[0]).toBe('usage found in Dropbox: 1 shared links, 4 revisions, 1 deliveries');
	});

	test('a rerun changes nothing', async () => {
		const rerun = await flow.run(ctx, { attempt: 2 });
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(changeCount(rerun.sandbox.diff)).toBe(0);
		expect(itemsOf(rerun, 'Archive in Smint.io').map((item) => item.action)).toEqual(['skipped', 'skipped', 'skipped']);
	});

	test('new usage found later is added to the history; rights edited in Smint.io meanwhile stay', async () => {
		const keyvisual = archived.get(flow.DELIVERED);
		const editedRights = { licenseType: 'rights_managed', copyrightNotice: '© Northwind, edited by the brand team', licenseTerms: [] };
		await ctx.smintioAdmin.post('/assets/update', { assetId: keyvisual.id, changes: { rights: editedRights } });
		const { url } = await dropboxApi(ctx, 'sharing/create_shared_link_with_settings', { path: `${flow.FINALS_FOLDER}/${flow.DELIVERED}`, settings: { audience: 'public' } });

		const next = await flow.run(ctx, { attempt: 3 });
		expect(describeDiff(next.sandbox.diff)).toEqual([`~ asset ${flow.DELIVERED}: metadata, usageHistory`]);
		const before = next.sandbox.before.smintio.assets[keyvisual.id];
		const after = next.sandbox.after.smintio.assets[keyvisual.id];
		expect(after.rights).toEqual(before.rights);
		expect(after.rights.licenseType).toBe('rights_managed');
		expect(after.metadata.sharedLinks).toEqual([url]);
		const final = flow.finals(next.sandbox.before).find((candidate) => candidate.name === flow.DELIVERED);
		expect(after.usageHistory).toEqual([...before.usageHistory, { at: iso(final.server_modified), channel: 'dropbox_shared_link', target: url, by: null }]);
	});
});
