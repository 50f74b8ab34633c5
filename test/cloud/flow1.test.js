'use strict';
// Cloud edition 1 (workflows/cloud/01-approved-dropbox-to-smintio.json) in real n8n with only the
// Smint.io package: every assertion of the self-hosted test (test/e2e/flow1.test.js) on both
// emulators' state, then the Cloud edition's own change cursor (n8n Data Table) on the schedule path.
// Run: npm run build && npx jest test/cloud/flow1.test.js --runInBand

jest.mock('../e2e/flows/flow1', () => require('./run-self-hosted-suite').cloudFlow('flow1'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { makePng } = require('../../sandbox/common/sample-files');
const { useFlowStack, runWithSnapshots, nodeRan, itemsOf } = require('../e2e/flows/common');
const flow = require('../e2e/flows/flow1');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
const ctx = useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow1.test.js');
});

describe('Cloud edition 1: the change cursor in the n8n Data Table (schedule path)', () => {
	const SCHEDULE = { triggerName: 'Every 5 minutes' };
	const folder = '/Campaigns/Summer Sale 2026/France/Bags/Social';

	test('with nothing changed since the saved cursor, a scheduled run asks Dropbox once and lists nothing', async () => {
		const run = await runWithSnapshots(ctx, flow.file, SCHEDULE);
		expect(itemsOf(run, 'Saved cursor')).toEqual([expect.objectContaining({ cursor: expect.any(String) })]);
		expect(itemsOf(run, 'Changes since the saved cursor').flatMap((page) => page.entries)).toEqual([]);
		expect(nodeRan(run, 'List source folder')).toBe(false);
		expect(run.sandbox.diff.assets.created).toEqual([]);
	});

	test('a WIP file added is a change but not an approved one: no listing, no asset', async () => {
		await ctx.dropboxAdmin.post('/files/write', { path: `${folder}/WIP/bags-draft-09.png`, contentBase64: makePng({ seed: 201 }).toString('base64'), mode: 'add' });
		const run = await runWithSnapshots(ctx, flow.file, SCHEDULE);
		expect(itemsOf(run, 'Changes since the saved cursor').flatMap((page) => page.entries).filter((entry) => entry['.tag'] === 'file').map((entry) => entry.name)).toEqual(['bags-draft-09.png']);
		expect(nodeRan(run, 'List source folder')).toBe(false);
		expect(run.sandbox.diff.assets.created).toEqual([]);
	});

	test('an approved file added reaches Smint.io on the next scheduled run, and the run after creates nothing', async () => {
		const added = await ctx.dropboxAdmin.post('/files/write', { path: `${folder}/Approved/bags-social-09.png`, contentBase64: makePng({ seed: 202 }).toString('base64'), mode: 'add' });
		const run = await runWithSnapshots(ctx, flow.file, SCHEDULE);
		expect(run.sandbox.diff.assets.created.map((asset) => asset.externalId)).toEqual([`dropbox:${added.metadata.id}`]);
		expect(run.sandbox.diff.assets.updated).toEqual([]);
		const again = await runWithSnapshots(ctx, flow.file, SCHEDULE);
		expect(nodeRan(again, 'List source folder')).toBe(false);
		expect(again.sandbox.diff.assets.created).toEqual([]);
		expect(again.sandbox.diff.assets.updated).toEqual([]);
	});
});
