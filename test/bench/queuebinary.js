'use strict';
// Benchmark 5: binary-data modes in queue mode. One 2 GiB file (default) Smint.io → Dropbox and
// Dropbox → Smint.io through our nodes (Smint.io Download + Dropbox Sync Upload, Dropbox Sync
// Download + Smint.io Upload), and by File From URL (Smint.io Get Download Link + Dropbox Sync
// Upload, Dropbox Sync Get Temporary Link + Smint.io Upload: the file never enters n8n's
// binary-data store), on n8n in queue mode with one worker, once per binary-data mode a
// self-hosted n8n 2.41 can run without a licence (filesystem, database). Figures per transfer:
// n8n's time, peak RSS of main and of the worker (each with its task runner), disk used (the
// shared storage folder and PostgreSQL's data folder, sampled for the peak, and at the end), the
// result (success, bytes verified, or n8n's exact error). The licensed modes (s3, azure) are
// started without a licence to record n8n's refusal.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startBenchStack, counters, resetCounters, executionError } = require('./lib/stack');
const { seedBigFile } = require('./bigfile');
const { hashesOfGenerated } = require('./lib/bytes');
const wf = require('./lib/workflows');
const { measureGroup } = require('./lib/memory');
const { startSandboxN8n } = require('../../sandbox/n8n/runtime');

const MIB = 1024 * 1024;
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Bytes on disk below a folder (allocated blocks, so sparse or preallocated files count as stored). */
function diskBytes(dir) {
	let total = 0;
	let entries;
	try {
		entries = fs.readdirSync(dir, { withFileTypes: true });
	} catch {
		return 0;
	}
	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		try {
			if (entry.isDirectory()) total += diskBytes(full);
			else total += fs.lstatSync(full).blocks * 512;
		} catch {
			// removed meanwhile
		}
	}
	return total;
}

/** Samples the folders' disk use every second; `stop()` gives start, peak and end in MB. */
function measureDisk(folders) {
	const read = () => Object.fromEntries(Object.entries(folders).map(([name, dir]) => [name, diskBytes(dir)]));
	const start = read();
	const peak = { ...start };
	const timer = setInterval(() => {
		for (const [name, bytes] of Object.entries(read())) peak[name] = Math.max(peak[name], bytes);
	}, 1000);
	timer.unref();
	const mb = (bytes) => Math.round(bytes / MIB);
	return {
		stop() {
			clearInterval(timer);
			const end = read();
			for (const [name, bytes] of Object.entries(end)) peak[name] = Math.max(peak[name], bytes);
			return Object.fromEntries(
				Object.keys(folders).map((name) => [name, { startMb: mb(start[name]), peakMb: mb(peak[name]), endMb: mb(end[name]), peakGrowthMb: mb(peak[name] - start[name]) }]),
			);
		},
	};
}

/** Runs a saved workflow from its Manual Trigger on the queue, measuring main, the worker and the disk. */
async function runOnQueue(stack, workflowId, folders, { timeoutMs = 3600 * 1000 } = {}) {
	const workflow = await stack.client.getWorkflow(workflowId);
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger').name;
	const memory = { main: measureGroup(stack.n8n.pid), worker: measureGroup(stack.workers[0].pid) };
	const disk = measureDisk(folders);
	const started = Date.now();
	const { executionId } = await stack.client.rest('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
	let summary;
	for (;;) {
		summary = (await stack.client.listExecutions(workflowId)).find((e) => String(e.id) === String(executionId));
		if (summary && FINISHED.has(summary.status)) break;
		if (Date.now() - started > timeoutMs) throw new Error(`execution ${executionId} still ${summary?.status} after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const wallSeconds = (Date.now() - started) / 1000;
	const mem = { main: memory.main.stop(), worker: memory.worker.stop() };
	const diskUse = disk.stop();
	const execution = await stack.client.getExecution(executionId);
	return {
		status: summary.status,
		error: executionError(execution),
		seconds: (Date.parse(summary.stoppedAt) - Date.parse(summary.startedAt)) / 1000,
		wallSeconds,
		memory: { mainPeakMb: mem.main.peakMb, workerPeakMb: mem.worker.peakMb, mainGrowthMb: mem.main.growthMb, workerGrowthMb: mem.worker.growthMb, raw: mem },
		disk: diskUse,
		execution,
	};
}

/** One binary-data mode: a fresh queue-mode stack (main + 1 worker), both directions. */
async function runMode(mode, { size, hashes, log }) {
	const stack = await startBenchStack({ log, coreDropbox: false, queue: { workers: 1 }, n8nEnv: { N8N_DEFAULT_BINARY_DATA_MODE: mode } });
	try {
		const assetId = await seedBigFile(stack, size, hashes, log);
		const userFolder = path.join(stack.workDir, 'n8n');
		const folders = { storage: path.join(userFolder, '.n8n', 'storage'), postgres: path.join(userFolder, 'queue', 'postgres', 'data') };
		const results = { mode, workers: 1 };
		// Both routes: through n8n's binary data (download node, upload node), and File From URL
		// (link node, upload node streaming from the link: the file never enters the store).
		for (const route of ['binary', 'url']) {
			const name = `queue-${mode}${route === 'url' ? '-url' : ''}.bin`;
			const streamed = route === 'url';
			const routeLabel = streamed ? ' (File From URL)' : '';
			const toDropbox = await stack.client.importWorkflow(
				wf.chain(`Bench · queue ${mode}: big file Smint.io → Dropbox${routeLabel}`, wf.transferNodes(route, 'dropbox', { assetId, name })),
			);
			const toSmintio = await stack.client.importWorkflow(
				wf.chain(`Bench · queue ${mode}: big file Dropbox → Smint.io${routeLabel}`, wf.transferNodes(route, 'smintio', { sourcePath: '/Bench/source.bin', name })),
			);
			const into = streamed ? (results.streamed = {}) : results;

			await resetCounters(stack);
			log(`queue, binary data ${mode}${streamed ? ', File From URL' : ''}: Smint.io → Dropbox`);
			const a = await runOnQueue(stack, toDropbox.id, folders);
			let arrived = null;
			if (a.status === 'success') arrived = (await stack.dropboxAdmin.get(`/file?path=${encodeURIComponent(`/Bench/${name}`)}&root=home`)).metadata;
			const { execution: _a, ...aFigures } = a;
			into.smintioToDropbox = { ...aFigures, calls: (await counters(stack)).dropbox.calls, intact: arrived ? arrived.content_hash === hashes.contentHash && arrived.size === size : false };

			await resetCounters(stack);
			log(`queue, binary data ${mode}${streamed ? ', File From URL' : ''}: Dropbox → Smint.io`);
			const b = await runOnQueue(stack, toSmintio.id, folders);
			const created = b.execution?.outputs?.['Upload to Smint.io']?.[0];
			const { execution: _b, ...bFigures } = b;
			into.dropboxToSmintio = {
				...bFigures,
				calls: (await counters(stack)).smintio.calls,
				intact: created ? created.fileMetadata?.sha1Hash === hashes.sha1 && created.fileMetadata?.fileSizeInBytes === size : false,
			};
			for (const key of ['smintioToDropbox', 'dropboxToSmintio']) {
				const r = into[key];
				log(`  ${route} ${key}: ${r.status}${r.error ? ` (${r.error.message})` : ''}, ${r.seconds} s, peak RSS main ${r.memory.mainPeakMb} MB / worker ${r.memory.workerPeakMb} MB, disk growth storage ${r.disk.storage.peakGrowthMb} MB / postgres ${r.disk.postgres.peakGrowthMb} MB`);
			}
		}
		return results;
	} finally {
		await stack.stop();
	}
}

/** Starts n8n main in queue mode with a licensed mode and no licence: what n8n says. */
async function refusal(mode, log) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-bench-${mode}-`));
	const env = { N8N_DEFAULT_BINARY_DATA_MODE: mode };
	// Azure is checked for its container only after the licence; name one so the licence is what refuses.
	if (mode === 'azure') env.N8N_EXTERNAL_STORAGE_AZURE_CONTAINER_NAME = 'n8n';
	try {
		const started = await startSandboxN8n({ userFolder, queue: { workers: 0 }, env, apiKey: false, log: () => {}, readyTimeoutMs: 120000 });
		await started.stop();
		return { mode, refused: false, message: 'n8n started' };
	} catch (error) {
		const text = String(/** @type {Error} */ (error).message);
		const lines = text.split('\n');
		const line = lines.find((l) => /requires a valid licen[cs]e/i.test(l)) || lines.find((l) => /licen[cs]e/i.test(l));
		log(`binary data ${mode} without a licence: ${line ? line.trim() : text.split('\n')[0]}`);
		return { mode, refused: true, message: (line || text.split('\n')[0]).replace(/\u001b\[[0-9;]*m/g, '').trim() };
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/**
 * @param {{ sizeMib?: number, modes?: string[], licensedModes?: string[], log: (line: string) => void }} options
 */
async function runQueueBinary({ sizeMib = 2048, modes = ['filesystem', 'database'], licensedModes = ['s3', 'azure'], log }) {
	const size = sizeMib * MIB;
	const hashes = await hashesOfGenerated(size, 'big');
	const runs = [];
	for (const mode of modes) {
		try {
			runs.push(await runMode(mode, { size, hashes, log }));
		} catch (error) {
			log(`queue, binary data ${mode} failed: ${/** @type {Error} */ (error).stack}`);
			runs.push({ mode, failed: true, error: String(/** @type {Error} */ (error).message).slice(0, 500) });
		}
	}
	const refusals = [];
	for (const mode of licensedModes) refusals.push(await refusal(mode, log));
	return { sizeBytes: size, workers: 1, cores: os.cpus().length, loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 10) / 10), runs, refusals };
}

module.exports = { runQueueBinary, diskBytes };
