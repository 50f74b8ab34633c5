'use strict';
// Active workflows in real n8n: a Dropbox-triggered template (flow 1) and a Smint.io-triggered
// template (flow 2) run on their own after a change made through the emulators' admin APIs.
//
// The templates poll every 5 minutes. For the test, the IMPORTED copies in n8n are set to poll
// every minute before they are activated (activateWithMinutePolls; n8n refuses anything shorter
// for polling triggers); the template files keep their defaults. n8n runs a first poll when it
// publishes the workflow (it sets the trigger's cursor "from now"); the change made afterwards is
// what the next poll reports, so each test waits up to about a minute for it.
// Run: npm run build && npx jest test/e2e/triggers.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const flow1 = require('./flows/flow1');
const flow2 = require('./flows/flow2');
const { makePng } = require('../../sandbox/common/sample-files');
const { useFlowStack, snapshot, runWithSnapshots, activateWithMinutePolls, deactivate, waitUntil } = require('./flows/common');

const MINUTE = 60 * 1000;

/** Executions started by a trigger (mode "trigger") of a template's workflow. */
async function triggerExecutions(ctx, file) {
	const executions = await ctx.stack.client.listExecutions(ctx.template(file).id);
	return executions.filter((execution) => execution.mode === 'trigger');
}

describe('active workflows: the pollers start the templates on their own', () => {
	const ctx = useFlowStack();

	beforeAll(async () => {
		await ctx.resetEmulators();
	});

	test('Dropbox-triggered (flow 1): a file added to an Approved folder is catalogued; one added to Review is not', async () => {
		// Catalogue what is there first, so the triggered run has exactly one new file to handle.
		await runWithSnapshots(ctx, flow1.file);
		const workflow = await activateWithMinutePolls(ctx, flow1.file);
		const poller = workflow.nodes.find((node) => node.type === 'n8n-nodes-dropbox-sync.dropboxSyncTrigger');
		expect(poller.parameters.pollTimes).toEqual({ item: [{ mode: 'everyMinute' }] });
		try {
			expect(await triggerExecutions(ctx, flow1.file)).toEqual([]);
			const before = await snapshot(ctx);
			const folder = '/Campaigns/Launch 2027/France/Bags/Web';
			const approved = await ctx.dropboxAdmin.post('/files/write', {
				path: `${folder}/Approved/bags-web-hero.png`,
				contentBase64: makePng({ seed: 501 }).toString('base64'),
				mode: 'add',
			});
			const notApproved = await ctx.dropboxAdmin.post('/files/write', {
				path: `${folder}/Review/bags-web-hero-alt.png`,
				contentBase64: makePng({ seed: 502 }).toString('base64'),
				mode: 'add',
			});

			const asset = await waitUntil(
				async () => (await ctx.smintioAdmin.get('/assets')).assets.find((candidate) => candidate.externalId === `dropbox:${approved.metadata.id}`),
				{ timeoutMs: 2 * MINUTE, intervalMs: 1000, what: 'the new approved file to reach Smint.io' },
			);
			expect(asset.metadata).toEqual(expect.objectContaining({ campaign: 'Launch 2027', market: 'France', product: 'Bags', channel: 'Web' }));
			expect(asset.approvalState).toBe('approved');
			const executions = await waitUntil(
				async () => {
					const list = await triggerExecutions(ctx, flow1.file);
					return list.some((execution) => execution.status === 'success') ? list : null;
				},
				{ timeoutMs: MINUTE, what: 'a finished trigger execution of flow 1' },
			);
			expect(executions.every((execution) => execution.status === 'success')).toBe(true);
			const execution = await ctx.stack.client.getExecution(executions[executions.length - 1].id);
			// The poller reported the new file (the one in the Review folder does not match **/Approved/**).
			expect(execution.outputs['When approved files change'].map((item) => [item.event, item.id])).toEqual([['fileAdded', approved.metadata.id]]);

			// The triggered run compared the whole folder: exactly the new approved file was catalogued.
			const after = await snapshot(ctx);
			const created = Object.values(after.smintio.assets).filter((candidate) => !before.smintio.assets[candidate.id]);
			expect(created.map((candidate) => candidate.externalId)).toEqual([`dropbox:${approved.metadata.id}`]);
			expect(created.some((candidate) => candidate.externalId === `dropbox:${notApproved.metadata.id}`)).toBe(false);
		} finally {
			await deactivate(ctx, flow1.file);
		}
	}, 5 * MINUTE);

	test('Smint.io-triggered (flow 2): an asset approved in Smint.io reaches the team folder', async () => {
		await runWithSnapshots(ctx, flow2.file);
		const before = await snapshot(ctx);
		const rejected = flow2.collectionAssets(before).find((asset) => asset.fileMetadata.fileName === 'l27-fr-bags-print-02.png');
		expect(rejected.approvalState).toBe('rejected');
		expect(flow2.teamCopies(before).some((copy) => copy.properties.smintio_asset_id === rejected.id)).toBe(false);

		await activateWithMinutePolls(ctx, flow2.file);
		try {
			await ctx.smintioAdmin.post('/assets/approve', { assetId: rejected.id });
			const copy = await waitUntil(
				async () => flow2.teamCopies(await snapshot(ctx)).find((candidate) => candidate.properties.smintio_asset_id === rejected.id),
				{ timeoutMs: 2 * MINUTE, intervalMs: 1000, what: 'the approved asset to reach the team folder' },
			);
			expect(copy.path_display).toBe(`${flow2.TEAM_FOLDER}/l27-fr-bags-print-02.png`);
			expect(copy.properties).toEqual(expect.objectContaining({ smintio_asset_version: '1', smintio_approval_state: 'approved' }));
			const executions = await waitUntil(
				async () => {
					const list = await triggerExecutions(ctx, flow2.file);
					return list.some((execution) => execution.status === 'success') ? list : null;
				},
				{ timeoutMs: MINUTE, what: 'a finished trigger execution of flow 2' },
			);
			const execution = await ctx.stack.client.getExecution(executions.find((candidate) => candidate.status === 'success').id);
			const triggered = execution.outputs['When assets are approved'];
			expect(triggered.map((item) => [item.event, item.id])).toEqual(expect.arrayContaining([['assetApproved', rejected.id]]));

			const after = await snapshot(ctx);
			expect(flow2.teamCopies(after)).toHaveLength(flow2.teamCopies(before).length + 1);
		} finally {
			await deactivate(ctx, flow2.file);
		}
	}, 5 * MINUTE);
});
