'use strict';
// Cloud edition 5 (workflows/cloud/05-campaign-tree-to-collections.json) in real n8n with only the
// Smint.io package: every assertion of the self-hosted test (test/e2e/flow5.test.js) on both
// emulators' state, then the Cloud edition's schedule path (a full comparison, no cursor).
// Run: npm run build && npx jest test/cloud/flow5.test.js --runInBand

jest.mock('../e2e/flows/flow5', () => require('./run-self-hosted-suite').cloudFlow('flow5'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack, runWithSnapshots, describeDiff, itemsOf } = require('../e2e/flows/common');
const flow = require('../e2e/flows/flow5');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
const ctx = useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow5.test.js');
});

describe('Cloud edition 5: the schedule path', () => {
	test('a scheduled run compares the whole tree and, with nothing new, changes nothing', async () => {
		const run = await runWithSnapshots(ctx, flow.file, { triggerName: 'Every 5 minutes' });
		expect(itemsOf(run, 'Channel collection').length).toBeGreaterThan(0);
		expect(itemsOf(run, 'File asset into collection')).toHaveLength(0);
		expect(describeDiff(run.sandbox.diff)).toEqual([]);
	});
});
