'use strict';
// Flow 3 in real n8n against the sandbox: licensed purchases of the project reach the Licensed
// folder only when the rights check allows the project's use (digital_media_corporate_promotional
// in europe_germany, commercial, today); the denied ones are listed with their reasons (node
// output and the review file) and never copied; a rerun changes nothing; a new file version
// replaces its copy; a cancelled licence is listed for review again and its copy left for template 9
// to withdraw (one withdrawal path: test/e2e/flow9.test.js).
// Run: npm run build && npx jest test/e2e/flow3.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const flow = require('./flows/flow3');
const { useFlowStack, snapshot, dropboxContent, describeDiff, nodeRan, itemsOf } = require('./flows/common');

/** The denied purchases of the seed and what their reasons must say. */
const EXPECTED_DENIALS = {
	80102: /valid until 2026-05-10/, // expired
	80103: /valid from 2030-01-01/, // not yet valid
	80104: /first use had to be before/, // to_be_used_until passed
	80105: /editorial use only/, // editorial only
	80106: /geography 'europe_germany' is restricted/, // not Germany/Austria
	80110: /cancelled/,
	80113: /may not be synced/, // can_be_synced false
};
const ALLOWED = ['80101', '80112']; // 80112 re-licenses the expired 80102

describe('flow 3: licensed stock → Dropbox project folder, rights-checked', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;
	/** @type {any} */
	let purchases;

	beforeAll(async () => {
		await ctx.resetEmulators();
		purchases = (await ctx.smintioAdmin.get('/purchases')).purchases;
		first = await flow.run(ctx);
	}, 5 * 60 * 1000);

	const purchase = (uuid) => purchases.find((candidate) => candidate.uuid === uuid);

	test('copies the files of the allowed purchases only, with purchase and file ids, byte for byte', async () => {
		const { after, diff } = first.sandbox;
		const copies = flow.licensedCopies(after);
		expect(copies.map((copy) => copy.properties.smintio_purchase_uuid).sort()).toEqual(ALLOWED);
		for (const copy of copies) {
			const binary = purchase(copy.properties.smintio_purchase_uuid).binaries[0];
			expect(copy.name).toBe(binary.recommended_file_name);
			expect(copy.properties).toEqual(
				expect.objectContaining({ smintio_file_uuid: binary.uuid, smintio_file_version: String(binary.version), smintio_project: flow.PROJECT }),
			);
			// What template 9 finds the copy by and re-checks it for (same names and format as templates 2, 6 and 7).
			expect(copy.properties).toEqual(
				expect.objectContaining({
					smintio_delivery: 'licence_purchase',
					smintio_delivered_by: 'template 3: licensed stock to project',
					smintio_content_hash: copy.content_hash,
					smintio_cart_purchase_uuid: purchase(copy.properties.smintio_purchase_uuid).lpt.cart_purchase_transaction_uuid,
				}),
			);
			expect(JSON.parse(copy.properties.smintio_delivered_use)).toEqual({ usage: 'digital_media_corporate_promotional', geography: 'europe_germany', useType: 'commercial' });
			// Both emulators key their blobs by SHA-256: the copy holds exactly the licensed file.
			const details = await ctx.dropboxAdmin.get(`/file?${new URLSearchParams({ path: copy.path_display })}`);
			expect(details.sha256).toBe(binary.blobKey);
		}
		// Only the Licensed folder and the review file were written; Smint.io is only read.
		expect(diff.dropbox.files.created.map((entry) => entry.path_display).sort()).toEqual(
			[...copies.map((copy) => copy.path_display), flow.REVIEW_FILE].sort(),
		);
		expect(diff.assets.created).toEqual([]);
		expect(diff.assets.updated).toEqual([]);
	});

	test('lists every denied purchase with its reasons, as output and as the review file, and copies none of them', async () => {
		const review = itemsOf(first, 'Review entry');
		expect(review.map((entry) => entry.purchase).sort()).toEqual(Object.keys(EXPECTED_DENIALS).sort());
		for (const entry of review) {
			expect(entry.allowed === false || entry.purchase === '80113').toBe(true);
			expect(entry.reasons.join(' | ')).toMatch(EXPECTED_DENIALS[entry.purchase]);
		}
		const file = JSON.parse((await dropboxContent(ctx, flow.REVIEW_FILE)).toString('utf8'));
		expect(file).toEqual(review);

		// No copy of a denied purchase anywhere: every file the run created is an allowed copy or the review file.
		const created = first.sandbox.diff.dropbox.files.created;
		for (const entry of created) {
			const purchaseUuid = Object.fromEntries((entry.property_groups || []).flatMap((g) => g.fields.map((f) => [f.name, f.value]))).smintio_purchase_uuid;
			if (entry.path_display === flow.REVIEW_FILE) continue;
			expect(ALLOWED).toContain(purchaseUuid);
		}
		// (80112 re-licenses the expired 80102: same picture, its own licence; the copy is 80112's.)
		expect(purchase('80112').lpt.reused_license_purchase_transaction_uuid).toBe('80102');
		// Purchases of other projects are not looked at.
		expect(itemsOf(first, "Check the project's use")).toHaveLength(9);

		const report = await flow.report(ctx, first);
		expect(report).toEqual(expect.objectContaining({ itemsIn: 9, created: 2, updated: 0, skipped: 0 }));
		expect(report.denied).toHaveLength(7);
	});

	test('a rerun changes nothing (the review file is identical, nothing is downloaded)', async () => {
		const rerun = await flow.run(ctx);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(nodeRan(rerun, 'Download licensed file')).toBe(false);
		expect(itemsOf(rerun, 'Write review file')[0].skipped).toBe(true);
	});

	test('a new file version replaces its copy in place; a cancelled licence is listed for review again and its copy is not moved by template 3 (template 9 withdraws it)', async () => {
		const before = await snapshot(ctx);
		const copy80101 = flow.licensedCopies(before).find((copy) => copy.properties.smintio_purchase_uuid === '80101');
		const copy80112 = flow.licensedCopies(before).find((copy) => copy.properties.smintio_purchase_uuid === '80112');
		const updatedPurchase = await ctx.smintioAdmin.post('/purchases/new-binary-version', { uuid: '80101' });
		await ctx.smintioAdmin.post('/purchases/cancel', { uuid: '80112' });

		const run = await flow.run(ctx);
		const { diff, after } = run.sandbox;
		const refreshed = flow.licensedCopies(after).find((copy) => copy.id === copy80101.id);
		expect(refreshed.path_display).toBe(copy80101.path_display);
		expect(refreshed.properties.smintio_file_version).toBe(String(updatedPurchase.binaries[0].version));
		expect(refreshed.revisions).toHaveLength(2);
		const binary = (await ctx.smintioAdmin.get('/purchases?uuid=80101')).binaries[0];
		expect((await ctx.dropboxAdmin.get(`/file?${new URLSearchParams({ path: refreshed.path_display })}`)).sha256).toBe(binary.blobKey);

		// Template 3 keeps no second, weaker withdrawal path: the cancelled purchase's copy stays where
		// it is, unchanged, for template 9 to withdraw with its links and the note on the copy.
		expect(flow.licensedCopies(after).map((copy) => copy.properties.smintio_purchase_uuid).sort()).toEqual(['80101', '80112']);
		expect(diff.dropbox.files.deleted).toEqual([]);
		expect(diff.dropbox.files.updated.map((change) => change.after.path_display).filter((path) => path !== refreshed.path_display && path !== flow.REVIEW_FILE)).toEqual([]);
		expect(itemsOf(run, 'Review entry').find((entry) => entry.purchase === '80112').reasons.join(' ')).toMatch(/cancelled/);
		expect(JSON.parse((await dropboxContent(ctx, flow.REVIEW_FILE)).toString('utf8')).map((entry) => entry.purchase)).toContain('80112');

		const again = await flow.run(ctx);
		expect(describeDiff(again.sandbox.diff)).toEqual([]);
	});
});
