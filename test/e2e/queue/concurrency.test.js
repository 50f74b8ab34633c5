'use strict';
// Queue mode with 4 workers: nothing emitted or written twice across processes.
// - two executions of flow 1 at the same time, on two workers, over the same new files: each
//   asset is created once (Smint.io Upload's conditional create on External ID);
// - a worker SIGKILLed in the middle of flow 1: n8n does not retry the job (Bull's
//   maxStalledCount is 0 in n8n), its queue recovery marks the execution crashed; a rerun
//   completes it with nothing lost or duplicated;
// - an active Dropbox-triggered flow 1: the poller (which runs on main) reports a new file
//   once, however many workers run the executions;
// - the Smint.io token endpoint rotates refresh tokens (each refresh revokes the one used):
//   executions on 4 workers whose access token expired together never lock the credential out
//   (n8n 2.41 refreshes under a Redis lease per credential and re-reads the saved token).
// Asserted on both emulators' state. Run:
//   npm run build && npx jest test/e2e/queue/concurrency.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('node:crypto');
const flow1 = require('../flows/flow1');
const { makePng } = require('../../../sandbox/common/sample-files');
const { useFlowStack, snapshot, diffSnapshots, runWithSnapshots, activateWithMinutePolls, deactivate, waitUntil, dropboxContent, itemsOf } = require('../flows/common');
const { expectSuccess } = require('../support');
const { workersThatRan } = require('./support');

const MINUTE = 60 * 1000;
const WORKERS = 4;
const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

/** Every approved campaign file is in Smint.io exactly once, with its bytes; Dropbox unchanged. */
async function expectCatalogueComplete(ctx, before, after) {
	const { approved } = flow1.campaignFiles(before);
	expect(approved).toHaveLength(9);
	const assets = Object.values(after.smintio.assets).filter((asset) => asset.externalId?.startsWith('dropbox:'));
	const wanted = approved.map((entry) => `dropbox:${entry.id}`).sort();
	const created = assets.filter((asset) => !before.smintio.assets[asset.id]);
	expect(created.map((asset) => asset.externalId).sort()).toEqual(wanted);
	const byExternalId = flow1.assetsByExternalId(after);
	for (const entry of approved) {
		expect(assets.filter((asset) => asset.externalId === `dropbox:${entry.id}`)).toHaveLength(1);
		expect(byExternalId.get(`dropbox:${entry.id}`).fileMetadata.sha1Hash).toBe(sha1(await dropboxContent(ctx, entry.path_display)));
	}
	const dropboxDiff = diffSnapshots(before, after).dropbox;
	expect(dropboxDiff.files.created).toEqual([]);
	expect(dropboxDiff.files.updated).toEqual([]);
}

describe(`queue mode, ${WORKERS} workers: nothing emitted or written twice`, () => {
	const ctx = useFlowStack({
		queue: { workers: WORKERS },
		emulatorOptions: { smintio: { rotateRefreshTokens: true } },
		// Queue recovery (marks executions of a dead worker crashed) every minute instead of every 180.
		n8nEnv: { N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1' },
	});

	test('two executions of flow 1 at once on two workers create each asset once', async () => {
		await ctx.resetEmulators();
		// Slow uploads: both executions list and look up before either creates.
		await ctx.smintioAdmin.put('/faults', { include: ['uploadFile'], routes: { uploadFile: { latencyMs: 1000 } } });
		try {
			const before = await snapshot(ctx);
			const [first, second] = await Promise.all([ctx.runTemplate(flow1.file), ctx.runTemplate(flow1.file)]);
			expectSuccess(first);
			expectSuccess(second);
			const after = await snapshot(ctx);
			const [ranFirst] = workersThatRan(ctx.stack, first.id);
			const [ranSecond] = workersThatRan(ctx.stack, second.id);
			expect(ranFirst.pid).not.toBe(ranSecond.pid);
			// The two ran at the same time.
			expect(Date.parse(first.startedAt)).toBeLessThan(Date.parse(second.stoppedAt));
			expect(Date.parse(second.startedAt)).toBeLessThan(Date.parse(first.stoppedAt));
			await expectCatalogueComplete(ctx, before, after);
			const uploads = [...itemsOf(first, 'Upload to Smint.io'), ...itemsOf(second, 'Upload to Smint.io')];
			expect(uploads.filter((item) => item.action === 'created')).toHaveLength(9);
			// Each file's losing create was refused by Smint.io and answered with the winner's asset
			// (foundOnCreate: template 1's Upload does not look up again, Find in Smint.io did).
			expect(uploads.filter((item) => item.foundOnCreate === true || item.createdConcurrently === true).length).toBeGreaterThan(0);
		} finally {
			await ctx.smintioAdmin.put('/faults', {});
		}
	}, 10 * MINUTE);

	test('a worker SIGKILLed in the middle of flow 1: the execution ends crashed, a rerun completes it, nothing lost or duplicated', async () => {
		await ctx.resetEmulators();
		// The first upload answers at once, every later one only after 30 s: the run has created
		// exactly one asset when the worker is killed (Upload runs 10 items at a time, so one shared
		// latency would let all nine finish together before the kill).
		const slowUploads = Array.from({ length: 20 }, (_, index) => ({ route: 'uploadFile', call: index + 2, fault: 'latency', latencyMs: 30_000 }));
		await ctx.smintioAdmin.put('/faults', { include: ['uploadFile'], schedule: slowUploads });
		const before = await snapshot(ctx);
		const { client } = ctx.stack;
		// Started without waiting for it (client.runWorkflow would wait), from its Manual Trigger.
		const { executionId } = await client.rest('POST', `/workflows/${ctx.template(flow1.file).id}/run`, { triggerToStartFrom: { name: 'Run now' } });
		const worker = await waitUntil(async () => workersThatRan(ctx.stack, executionId)[0], { timeoutMs: MINUTE, intervalMs: 200, what: 'a worker to take the execution' });
		// Some assets created, not all: the worker dies mid-run.
		await waitUntil(async () => (await ctx.smintioAdmin.get('/assets')).assets.length > Object.keys(before.smintio.assets).length, {
			timeoutMs: 2 * MINUTE,
			intervalMs: 200,
			what: 'the first asset of the run',
		});
		const index = ctx.stack.workers.indexOf(worker);
		ctx.stack.workers.splice(index, 1);
		await worker.kill();
		await ctx.smintioAdmin.put('/faults', {});
		const partial = await snapshot(ctx);
		const partiallyCreated = Object.keys(partial.smintio.assets).length - Object.keys(before.smintio.assets).length;
		expect(partiallyCreated).toBeGreaterThan(0);
		expect(partiallyCreated).toBeLessThan(9);

		const crashed = await client.waitForExecution(executionId, 5 * MINUTE);
		expect(['crashed', 'error']).toContain(crashed.status);
		// A replacement worker, then the rerun.
		await ctx.stack.startWorker();
		const rerun = await runWithSnapshots(ctx, flow1.file);
		expect(workersThatRan(ctx.stack, rerun.id)).toHaveLength(1);
		await expectCatalogueComplete(ctx, before, rerun.sandbox.after);
		expect(rerun.sandbox.diff.assets.created).toHaveLength(9 - partiallyCreated);
	}, 15 * MINUTE);

	test('an active Dropbox-triggered flow 1 reports a new file once with 4 workers', async () => {
		await ctx.resetEmulators();
		await runWithSnapshots(ctx, flow1.file);
		await activateWithMinutePolls(ctx, flow1.file);
		try {
			const approved = await ctx.dropboxAdmin.post('/files/write', {
				path: '/Campaigns/Launch 2027/France/Bags/Web/Approved/queue-hero.png',
				contentBase64: makePng({ seed: 1201 }).toString('base64'),
				mode: 'add',
			});
			await waitUntil(
				async () => (await ctx.smintioAdmin.get('/assets')).assets.find((asset) => asset.externalId === `dropbox:${approved.metadata.id}`),
				{ timeoutMs: 3 * MINUTE, intervalMs: 1000, what: 'the new file to reach Smint.io' },
			);
			// Two more polls: none may report the file again.
			await new Promise((resolve) => setTimeout(resolve, 2 * MINUTE + 10000));
			const executions = (await ctx.stack.client.listExecutions(ctx.template(flow1.file).id)).filter((execution) => execution.mode === 'trigger');
			const reports = [];
			for (const listed of executions) {
				const execution = await ctx.stack.client.getExecution(listed.id);
				expect(execution.status).toBe('success');
				expect(workersThatRan(ctx.stack, listed.id)).toHaveLength(1);
				for (const item of execution.outputs['When approved files change'] || []) reports.push(item.id);
			}
			expect(reports.filter((id) => id === approved.metadata.id)).toHaveLength(1);
			const assets = (await ctx.smintioAdmin.get('/assets')).assets.filter((asset) => asset.externalId === `dropbox:${approved.metadata.id}`);
			expect(assets).toHaveLength(1);
		} finally {
			await deactivate(ctx, flow1.file);
		}
	}, 10 * MINUTE);

	test('rotating refresh tokens: 4 executions on 4 workers refreshing at once all succeed, the credential keeps working', async () => {
		await ctx.resetEmulators();
		const counters = async () => (await ctx.smintioAdmin.get('/counters')).calls['connect/token'] ?? 0;
		for (let round = 1; round <= 2; round++) {
			// Every Smint.io access token n8n holds expires (lifetime 3600 s).
			await ctx.smintioAdmin.post('/clock', { advanceSeconds: 3601 });
			const refreshesBefore = await counters();
			const executions = await Promise.all(Array.from({ length: WORKERS }, () => ctx.runTemplate(flow1.file)));
			executions.forEach(expectSuccess);
			expect(new Set(executions.map((execution) => workersThatRan(ctx.stack, execution.id)[0].pid)).size).toBeGreaterThan(1);
			// One refresh per expiry: the others waited on the lease and used the saved token.
			expect((await counters()) - refreshesBefore).toBe(1);
		}
		const after = await snapshot(ctx);
		expect(Object.values(after.smintio.assets).filter((asset) => asset.externalId?.startsWith('dropbox:')).length).toBe(
			new Set(Object.values(after.smintio.assets).map((asset) => asset.externalId).filter((id) => id?.startsWith('dropbox:'))).size,
		);
	}, 10 * MINUTE);
});
