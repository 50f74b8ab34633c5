'use strict';
// Cloud edition 3 (workflows/cloud/03-licensed-stock-to-dropbox-project.json) in real n8n with only
// the Smint.io package: every assertion of the self-hosted test (test/e2e/flow3.test.js) on both
// emulators' state (rights-checked copies, review list, rerun, new file version, cancelled
// licence), then what only the Cloud edition does: the delivery properties template 9 reads, and
// a property template of that name that lacks the purchase fields gets them added.
// Run: npm run build && npx jest test/cloud/flow3.test.js --runInBand

jest.mock('../e2e/flows/flow3', () => require('./run-self-hosted-suite').cloudFlow('flow3'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack, runWithSnapshots, nodeRan, itemsOf, describeDiff } = require('../e2e/flows/common');
const flow = require('../e2e/flows/flow3');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
const ctx = useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow3.test.js');
});

describe('Cloud edition 3: delivery properties and the property template', () => {
	test('every copy records what template 9 reads: delivery, delivered by, the checked use, its content hash', async () => {
		await ctx.resetEmulators();
		const run = await runWithSnapshots(ctx, flow.file);
		const copies = flow.licensedCopies(run.sandbox.after);
		expect(copies.length).toBeGreaterThan(0);
		for (const copy of copies) {
			expect(copy.properties).toEqual(
				expect.objectContaining({
					smintio_delivery: 'purchase',
					smintio_delivered_by: 'template 3: project folder',
					smintio_content_hash: copy.content_hash,
					smintio_checked_use: 'digital_media_corporate_promotional / europe_germany / commercial',
				}),
			);
			expect(JSON.parse(copy.properties.smintio_delivered_use)).toEqual({ usage: 'digital_media_corporate_promotional', geography: 'europe_germany', useType: 'commercial' });
		}
		expect(nodeRan(run, 'Create delivery template')).toBe(true);
	});

	test('a template of that name without the purchase fields (made by edition 2) gets them added, once', async () => {
		await ctx.resetEmulators();
		// Edition 2 first: it creates "Smint.io delivery" with the fields it needs.
		await runWithSnapshots(ctx, '02-approved-smintio-to-dropbox-team.json');
		const run = await runWithSnapshots(ctx, flow.file);
		expect(nodeRan(run, 'Create delivery template')).toBe(false);
		const [template] = itemsOf(run, 'Delivery template id');
		expect(template.missingFields.map((field) => field.name)).toEqual(
			expect.arrayContaining(['smintio_purchase_uuid', 'smintio_file_uuid', 'smintio_file_version', 'smintio_project', 'smintio_checked_use']),
		);
		expect(nodeRan(run, 'Add missing fields')).toBe(true);
		expect(flow.licensedCopies(run.sandbox.after).map((copy) => copy.properties.smintio_purchase_uuid).sort()).toEqual(['80101', '80112']);

		const again = await runWithSnapshots(ctx, flow.file);
		expect(itemsOf(again, 'Delivery template id')[0].missingFields).toEqual([]);
		expect(nodeRan(again, 'Add missing fields')).toBe(false);
		expect(describeDiff(again.sandbox.diff)).toEqual([]);
	});
});
