'use strict';
// Benchmark 1: bulk. N files (default 1,000 × 100 KB) under an Approved folder in Dropbox go to
// Smint.io through flow 1: our template (workflows/01-...) against the same flow built from n8n
// core nodes (test/bench/baseline/flow1-core-nodes.json), one after the other on the same
// emulators (Smint.io emptied between them). Then each is run again: the rerun must create
// nothing. Calls per file come from the emulators' counters. n8n is restarted before each build.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startBenchStack, counters, resetCounters, runMeasured, executionError } = require('./lib/stack');
const { generatedBuffer } = require('./lib/bytes');
const { idleRss } = require('./lib/memory');

const TEMPLATE_FILE = '01-approved-dropbox-to-smintio.json';
const BASELINE_FILE = path.join(__dirname, 'baseline', 'flow1-core-nodes.json');
const APPROVED = '/Campaigns/Bench 2026/Germany/Shoes/Social/Approved';
const WIP = '/Campaigns/Bench 2026/Germany/Shoes/Social/WIP';

/** `count` files of `sizeBytes` into `folder` (default: the bulk's Approved folder), plus 5 WIP files. */
async function generateFiles(stack, count, sizeBytes, log, { folder = APPROVED, wipFolder = WIP, namePrefix = 'bench' } = {}) {
	const started = Date.now();
	const expected = new Map(); // name -> sha1
	const queue = Array.from({ length: count }, (_, i) => i);
	const worker = async () => {
		for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
			const name = `${namePrefix}-${String(i).padStart(4, '0')}.bin`;
			const content = generatedBuffer(sizeBytes, `bulk-${i}`);
			expected.set(name, crypto.createHash('sha1').update(content).digest('hex'));
			await stack.dropboxAdmin.post('/files/write', { path: `${folder}/${name}`, contentBase64: content.toString('base64') });
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
	// A few files outside Approved folders: both builds must leave them alone.
	for (let i = 0; i < 5; i++) {
		await stack.dropboxAdmin.post('/files/write', { path: `${wipFolder}/draft-${i}.bin`, contentBase64: generatedBuffer(1024, `wip-${i}`).toString('base64') });
	}
	log(`generated ${count} files of ${sizeBytes / 1024} KB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return expected;
}

/** Checks Smint.io's state: one asset per file, right bytes, External ID of the Dropbox file. */
async function verify(stack, expected) {
	const assets = await stack.smintioAdmin.get('/assets');
	const list = Array.isArray(assets) ? assets : assets.assets || assets.data || [];
	const tree = await stack.dropboxAdmin.get(`/tree?path=${encodeURIComponent(APPROVED)}&root=home`);
	const idByName = new Map(tree.entries.filter((e) => e['.tag'] === 'file').map((e) => [e.name, e.id]));
	let correct = 0;
	const byExternalId = new Map();
	for (const asset of list) byExternalId.set(asset.externalId, (byExternalId.get(asset.externalId) || 0) + 1);
	for (const [name, sha1] of expected) {
		const asset = list.find((a) => a.externalId === `dropbox:${idByName.get(name)}`);
		if (asset && asset.fileMetadata?.sha1Hash === sha1) correct += 1;
	}
	const duplicates = [...byExternalId.values()].filter((n) => n > 1).length;
	return { assets: list.length, correct, duplicates, expected: expected.size };
}

function callFigures(calls, files) {
	const total = calls.dropbox.totalCalls + calls.smintio.totalCalls;
	return {
		dropbox: calls.dropbox.calls,
		smintio: calls.smintio.calls,
		totalCalls: total,
		perFile: Math.round((total / files) * 100) / 100,
		dropboxPerFile: Math.round((calls.dropbox.totalCalls / files) * 100) / 100,
		smintioPerFile: Math.round((calls.smintio.totalCalls / files) * 100) / 100,
	};
}

async function measure(stack, label, workflowId, files, expected, log) {
	await resetCounters(stack);
	log(`${label}: first run over ${files} files`);
	const first = await runMeasured(stack, workflowId, { fetchData: false });
	const firstCalls = callFigures(await counters(stack), files);
	const firstError = first.summary.status === 'success' ? null : executionError(await stack.client.getExecution(first.summary.id));
	const state = await verify(stack, expected);
	log(`${label}: ${first.summary.status} in ${first.n8nSeconds} s, ${firstCalls.perFile} calls/file, assets ${state.assets} (${state.correct} correct)`);

	await resetCounters(stack);
	log(`${label}: rerun`);
	const rerun = await runMeasured(stack, workflowId, { fetchData: false });
	const rerunCalls = callFigures(await counters(stack), files);
	const after = await verify(stack, expected);
	return {
		status: first.summary.status,
		error: firstError,
		seconds: first.n8nSeconds,
		wallSeconds: first.seconds,
		memory: first.memory,
		calls: firstCalls,
		state,
		rerun: { status: rerun.summary.status, seconds: rerun.n8nSeconds, memory: rerun.memory, calls: rerunCalls, assetsAfter: after.assets, createdByRerun: after.assets - state.assets },
	};
}

/** @param {{ files?: number, fileKb?: number, log: (line: string) => void }} options */
async function runBulk({ files = 1000, fileKb = 100, log }) {
	const stack = await startBenchStack({ log });
	try {
		const expected = await generateFiles(stack, files, fileKb * 1024, log);
		const template = await stack.client.importWorkflow(stack.template(TEMPLATE_FILE));
		const baseline = JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8'));
		for (const node of baseline.nodes) {
			if (node.name !== 'Settings') continue;
			for (const a of node.parameters.assignments.assignments) {
				if (a.name === 'portalsBaseUrl') a.value = `${stack.smintio.baseUrl}/frontend/v1`;
				if (a.name === 'portalUuid') a.value = stack.smintio.credentials.portalUuid;
			}
		}
		const core = await stack.client.importWorkflow(baseline);

		// Each build starts on a freshly started n8n (same user folder), so neither inherits the
		// other's heap, and from the same idle point.
		await stack.restartN8n();
		const idleCore = await idleRss(stack.n8n.pid, { settleMs: 15000 });
		const coreResult = { idleBefore: idleCore, ...(await measure(stack, 'core-node build', core.id, files, expected, log)) };
		await stack.smintioAdmin.post('/reset', { seed: false });
		await stack.restartN8n();
		const idleOurs = await idleRss(stack.n8n.pid, { settleMs: 15000 });
		const oursResult = { idleBefore: idleOurs, ...(await measure(stack, 'our template', template.id, files, expected, log)) };
		return {
			files,
			fileKb,
			smintioTaskDelayMs: 200,
			ours: oursResult,
			core: coreResult,
			speedup: Math.round((coreResult.seconds / oursResult.seconds) * 100) / 100,
			frontRequests: stack.front.forwardedRequests(),
		};
	} finally {
		await stack.stop();
	}
}

module.exports = { runBulk, APPROVED, generateFiles, callFigures, TEMPLATE_FILE };
