'use strict';
// Cloud edition 2 (workflows/cloud/02-approved-smintio-to-dropbox-team.json) in real n8n with only
// the Smint.io package: every assertion of the self-hosted test (test/e2e/flow2.test.js) on both
// emulators' state, then what only the Cloud edition does: it finds or creates the property
// template by name itself.
// Run: npm run build && npx jest test/cloud/flow2.test.js --runInBand

jest.mock('../e2e/flows/flow2', () => require('./run-self-hosted-suite').cloudFlow('flow2'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack, runWithSnapshots, nodeRan, itemsOf } = require('../e2e/flows/common');
const flow = require('../e2e/flows/flow2');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
const ctx = useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow2.test.js');
});

describe('Cloud edition 2: the property template', () => {
	test('is looked up by name, not created again, and every copy carries a group of that one template', async () => {
		const run = await runWithSnapshots(ctx, flow.file);
		expect(nodeRan(run, 'Create delivery template')).toBe(false);
		const [template] = itemsOf(run, 'Delivery template id');
		expect(template.templateId).toMatch(/^ptid:/);
		const named = itemsOf(run, 'Template names').filter((item) => item.name === 'Smint.io delivery');
		expect(named).toHaveLength(1);
		const copies = flow.teamCopies(run.sandbox.after);
		expect(copies.length).toBeGreaterThan(0);
		for (const copy of copies) expect(copy.property_groups.map((group) => group.template_id)).toEqual([template.templateId]);
	});
});
