'use strict';
// Cloud edition 3 (workflows/cloud/03-licensed-stock-to-dropbox-project.json) in real n8n with only
// the Smint.io package: every assertion of the self-hosted test (test/e2e/flow3.test.js) on both
// emulators' state (rights-checked copies with the delivery properties template 9 reads, review
// list, rerun, new file version, a cancelled licence listed and its copy left for template 9),
// then what only the Cloud edition does: it creates the property template "Smint.io delivery"
// with every field it writes, and adds the missing ones to a template of that name made by
// another edition.
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
	test('creates the property template with every field it writes, the cart purchase id included', async () => {
		await ctx.resetEmulators();
		const run = await runWithSnapshots(ctx, flow.file);
		expect(nodeRan(run, 'Create delivery template')).toBe(true);
		const copies = flow.licensedCopies(run.sandbox.after);
		expect(copies.length).toBeGreaterThan(0);
		// Dropbox (and its emulator) refuses a property the template lacks (does_not_fit_template),
		// so a copy holding these fields proves the template it created has them.
		for (const copy of copies) {
			expect(Object.keys(copy.properties)).toEqual(
				expect.arrayContaining(['smintio_delivery', 'smintio_delivered_by', 'smintio_delivered_use', 'smintio_content_hash', 'smintio_cart_purchase_uuid']),
			);
		}
	});

	test('a template of that name without the purchase fields (made by edition 2) gets them added, once', async () => {
		await ctx.resetEmulators();
		// Edition 2 first: it creates "Smint.io delivery" with the fields it needs.
		await runWithSnapshots(ctx, '02-approved-smintio-to-dropbox-team.json');
		const run = await runWithSnapshots(ctx, flow.file);
		expect(nodeRan(run, 'Create delivery template')).toBe(false);
		const [template] = itemsOf(run, 'Delivery template id');
		expect(template.missingFields.map((field) => field.name)).toEqual(
			expect.arrayContaining(['smintio_purchase_uuid', 'smintio_file_uuid', 'smintio_file_version', 'smintio_project', 'smintio_checked_use', 'smintio_cart_purchase_uuid']),
		);
		expect(nodeRan(run, 'Add missing fields')).toBe(true);
		expect(flow.licensedCopies(run.sandbox.after).map((copy) => copy.properties.smintio_purchase_uuid).sort()).toEqual(['80101', '80112']);

		const again = await runWithSnapshots(ctx, flow.file);
		expect(itemsOf(again, 'Delivery template id')[0].missingFields).toEqual([]);
		expect(nodeRan(again, 'Add missing fields')).toBe(false);
		expect(describeDiff(again.sandbox.diff)).toEqual([]);
	});
});
