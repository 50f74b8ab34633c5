'use strict';
// Benchmark 3: one change in a big tree. Our Dropbox Sync Trigger, in an ACTIVE workflow in real
// n8n, keeps a list_folder cursor between polls, so a poll costs one list_folder/continue call
// whatever the tree's size. The alternative a person has with n8n's core Dropbox node is to list
// everything (recursive, Return All) and compare with the last listing; its calls grow with the
// tree. Calls come from the Dropbox emulator's counters.
//
// n8n allows polls at most once a minute, at a fixed second (cron "S * * * * *"). The benchmark
// makes the change a few seconds after a poll, so between the counter reset and the execution
// exactly one poll runs: the one that reports the change.

const crypto = require('node:crypto');
const { startBenchStack, counters, resetCounters, runMeasured } = require('./lib/stack');
const wf = require('./lib/workflows');

const POLL_SECOND = 30;

async function buildTree(stack, root, files, log) {
	const perFolder = 100;
	const started = Date.now();
	const queue = Array.from({ length: files }, (_, i) => i);
	const worker = async () => {
		for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
			const folder = `${root}/folder-${String(Math.floor(i / perFolder)).padStart(3, '0')}`;
			await stack.dropboxAdmin.post('/files/write', { path: `${folder}/file-${String(i).padStart(5, '0')}.txt`, content: `file ${i} of ${root}\n` });
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
	log(`tree ${root}: ${files} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** ms until the clock is `second` seconds past a minute (strictly in the future). */
function msUntilSecond(second) {
	const now = Date.now();
	const inMinute = now % 60000;
	let wait = second * 1000 - inMinute;
	if (wait <= 0) wait += 60000;
	return wait;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function triggerWorkflow(root) {
	const trigger = {
		id: crypto.randomUUID(),
		name: 'Dropbox Sync Trigger',
		type: 'n8n-nodes-dropbox-sync.dropboxSyncTrigger',
		typeVersion: 1,
		position: [0, 0],
		credentials: wf.ourDropbox(),
		parameters: {
			pollTimes: { item: [{ mode: 'custom', cronExpression: `${POLL_SECOND} * * * * *` }] },
			authentication: 'oAuth2',
			folder: { __rl: true, mode: 'path', value: root },
			recursive: true,
			events: ['fileAdded', 'fileUpdated'],
			options: {},
		},
	};
	const noOp = { id: crypto.randomUUID(), name: 'Changed file', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} };
	return {
		name: `Bench · trigger on ${root}`,
		nodes: [trigger, noOp],
		connections: { 'Dropbox Sync Trigger': { main: [[{ node: 'Changed file', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function waitForPublished(stack, id) {
	const deadline = Date.now() + 120000;
	while (Date.now() < deadline) {
		const status = await stack.client.rest('GET', `/workflows/${id}/publication-status`);
		if (status.status === 'published') return;
		if (['failed', 'partial'].includes(status.status)) throw new Error(`publish failed: ${JSON.stringify(status)}`);
		await sleep(250);
	}
	throw new Error('workflow not published in 120 s');
}

async function ourTriggerPoll(stack, root, log) {
	const { id } = await stack.client.importWorkflow(triggerWorkflow(root));
	await resetCounters(stack);
	await stack.client.activateWorkflow(id);
	await waitForPublished(stack, id);
	await sleep(3000); // the activation poll has finished
	const activation = await counters(stack);

	// The change, a few seconds after a poll.
	await sleep(msUntilSecond((POLL_SECOND + 5) % 60));
	await resetCounters(stack);
	const changedPath = `${root}/folder-000/file-00000.txt`;
	await stack.dropboxAdmin.post('/files/write', { path: changedPath, content: `changed at ${new Date().toISOString()}\n` });
	const changedAt = Date.now();
	const execution = await stack.client.waitForWorkflowExecution(id, { timeoutMs: 90000, accept: (e) => e.mode === 'trigger' && e.status === 'success' });
	const detected = (Date.now() - changedAt) / 1000;
	const changePoll = await counters(stack);
	const items = execution.outputs['Dropbox Sync Trigger'] || [];

	// An idle poll (nothing changed) for comparison.
	await sleep(msUntilSecond((POLL_SECOND + 5) % 60));
	await resetCounters(stack);
	await sleep(60000);
	const idlePoll = await counters(stack);
	await stack.client.deactivateWorkflow(id);
	log(`${root}: trigger reported ${items.length} item(s) ${items.map((i) => `${i.event} ${i.path_display}`).join(', ')}; calls ${changePoll.dropbox.totalCalls}`);
	return {
		activationCalls: activation.dropbox,
		changePollCalls: changePoll.dropbox,
		idlePollCalls: idlePoll.dropbox,
		itemsReported: items.map((i) => ({ event: i.event, path: i.path_display })),
		correct: items.length === 1 && items[0].path_display === changedPath && items[0].event === 'fileUpdated',
		secondsFromChangeToExecution: detected,
	};
}

async function coreFullListing(stack, root, files) {
	const { id } = await stack.client.importWorkflow(wf.chain(`Bench · core full listing of ${root}`, [wf.coreDropboxList(`/Alex Example${root}`)]));
	await resetCounters(stack);
	const run = await runMeasured(stack, id, { fetchData: true });
	const calls = await counters(stack);
	const listed = run.execution?.outputs?.['Dropbox (core) list folder'] || [];
	return {
		status: run.summary.status,
		seconds: run.n8nSeconds,
		entriesListed: listed.length,
		filesListed: listed.filter((e) => e.type === 'file' || e['.tag'] === 'file').length,
		expectedFiles: files,
		calls: calls.dropbox,
	};
}

/** @param {{ sizes?: number[], log: (line: string) => void }} options */
async function runChangeDetection({ sizes = [1000, 10000], log }) {
	const stack = await startBenchStack({ log });
	try {
		const results = [];
		for (const files of sizes) {
			const root = `/Tree ${files}`;
			await buildTree(stack, root, files, log);
			const ours = await ourTriggerPoll(stack, root, log);
			const core = await coreFullListing(stack, root, files);
			results.push({ files, root, ours, core });
		}
		return { pollCron: `${POLL_SECOND} * * * * *`, results };
	} finally {
		await stack.stop();
	}
}

module.exports = { runChangeDetection };
