'use strict';
// Benchmark 4: queue mode. The bulk load (default 1,000 × 100 KB) split over PARTS campaign
// folders, one execution of our flow 1 per folder, all started at once, on n8n in queue mode
// with 1, 2 and 4 workers (a fresh stack for each, one after the other in the same run). One
// execution runs on one worker, so more workers can only help when there are several
// executions: that is how a team scales out (several folders, several triggers). Figures:
// throughput (files/s over the wall time from the first start to the last finish), calls per
// file, CPU seconds per process (main, each worker, Redis, PostgreSQL) and the machine's cores.

const os = require('node:os');
const { startBenchStack, counters, resetCounters, executionError } = require('./lib/stack');
const { generateFiles, callFigures, TEMPLATE_FILE } = require('./bulk');
const { measureCpu } = require('./lib/cpu');

const PARTS = 4;
const partFolder = (part) => `/Campaigns/Bench Part ${part}`;

/** Our template with its source folder set to one part's folder. */
function partWorkflow(stack, part) {
	const workflow = JSON.parse(JSON.stringify(stack.template(TEMPLATE_FILE)));
	workflow.name = `${workflow.name} (part ${part})`;
	const settings = workflow.nodes.find((node) => node.name === 'Settings');
	settings.parameters.assignments.assignments.find((a) => a.name === 'sourceFolder').value = partFolder(part);
	return workflow;
}

/** One asset per file with the right External ID prefix and no duplicates. */
async function verify(stack, expectedCount) {
	const { assets } = await stack.smintioAdmin.get('/assets');
	const ids = assets.map((asset) => asset.externalId).filter((id) => id?.startsWith('dropbox:'));
	return { assets: ids.length, distinct: new Set(ids).size, expected: expectedCount };
}

async function runOne(workers, { files, fileKb, log }) {
	const stack = await startBenchStack({ log, coreDropbox: false, queue: { workers } });
	try {
		const perPart = Math.ceil(files / PARTS);
		for (let part = 1; part <= PARTS; part++) {
			await generateFiles(stack, Math.min(perPart, files - perPart * (part - 1)), fileKb * 1024, log, {
				folder: `${partFolder(part)}/Germany/Shoes/Social/Approved`,
				wipFolder: `${partFolder(part)}/Germany/Shoes/Social/WIP`,
				namePrefix: `part${part}`,
			});
		}
		const ids = [];
		for (let part = 1; part <= PARTS; part++) ids.push((await stack.client.importWorkflow(partWorkflow(stack, part))).id);
		await resetCounters(stack);
		const groups = { main: stack.n8n.pid, redis: stack.queue.redis.pid, postgres: stack.queue.postgres.pid };
		stack.workers.forEach((worker, n) => (groups[`worker${n + 1}`] = worker.pid));
		const cpu = measureCpu(groups);
		const started = Date.now();
		const executions = await Promise.all(ids.map((id) => stack.client.runWorkflow(id, { timeoutMs: 3 * 3600 * 1000 })));
		const wallSeconds = (Date.now() - started) / 1000;
		const cpuSeconds = cpu.stop();
		const calls = callFigures(await counters(stack), files);
		const state = await verify(stack, files);
		const failed = executions.filter((execution) => execution.status !== 'success');
		log(`queue, ${workers} worker(s): ${wallSeconds.toFixed(1)} s for ${files} files, ${calls.perFile} calls/file, assets ${state.assets}/${files}`);
		return {
			workers,
			status: failed.length ? 'error' : 'success',
			error: failed.length ? executionError(failed[0]) : null,
			wallSeconds,
			filesPerSecond: Math.round((files / wallSeconds) * 100) / 100,
			executionSeconds: executions.map((execution) => (Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000),
			calls,
			cpuSeconds,
			state,
		};
	} finally {
		await stack.stop();
	}
}

/** @param {{ files?: number, fileKb?: number, workerCounts?: number[], log: (line: string) => void }} options */
async function runQueueScaling({ files = 1000, fileKb = 100, workerCounts = [1, 2, 4], log }) {
	const runs = [];
	for (const workers of workerCounts) runs.push(await runOne(workers, { files, fileKb, log }));
	const base = runs[0];
	return {
		files,
		fileKb,
		parts: PARTS,
		cores: os.cpus().length,
		loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 10) / 10),
		runs: runs.map((run) => ({ ...run, speedupOverFirst: Math.round((base.wallSeconds / run.wallSeconds) * 100) / 100 })),
	};
}

module.exports = { runQueueScaling };
