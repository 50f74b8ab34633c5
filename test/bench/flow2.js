'use strict';
// Benchmark 6: flow 2 (workflows/02-...: approved Smint.io assets → Dropbox team folder, each copy
// recording the asset id and version as file properties) over N approved assets (default 500):
// the build and template of an older commit (BENCH_FLOW2_BEFORE, default 53796a9: Get Properties
// and Set Properties one item at a time) against this checkout's build and template (Parallel
// Requests), one after the other on the same emulators, each on a freshly started n8n with that
// build installed (this build first, then the older one). Each build delivers into its own empty team folder and property template, so
// both do the same work; the state check reads every copy (one per asset, same bytes, id and
// version recorded). This build also runs a second time before the older one runs: the rerun must change nothing.

const { startBenchStack, counters, resetCounters, runMeasured, executionError } = require('./lib/stack');
const { buildAtCommit } = require('./lib/build-at-commit');
const { callFigures } = require('./bulk');
const { idleRss } = require('./lib/memory');
const { flow2State, collectionByName } = require('../soak/lib/state');

const TEMPLATE_FILE = '02-approved-smintio-to-dropbox-team.json';
const COLLECTION = 'Brand Basics';
const DEFAULT_BEFORE = '53796a9';

/** The template with its Settings pointed at the benchmark's collection, folder and property template. */
function configured(workflow, { name, teamFolder, propertyTemplate }) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.name = `${copy.name} (${name})`;
	const settings = copy.nodes.find((node) => node.name === 'Settings');
	for (const assignment of settings.parameters.assignments.assignments) {
		if (assignment.name === 'sourceCollection') assignment.value = COLLECTION;
		if (assignment.name === 'teamFolder') assignment.value = teamFolder;
		if (assignment.name === 'propertyTemplate') assignment.value = propertyTemplate;
	}
	return copy;
}

/** The collection holds exactly `count` approved assets (generated PNGs), nothing else. */
async function seedAssets(stack, count, log) {
	const started = Date.now();
	const collection = await collectionByName(stack, COLLECTION);
	if (collection.assetIds.length > 0) await stack.smintioAdmin.post('/collections/remove-assets', { collectionId: collection.collectionId, assetIds: collection.assetIds });
	const queue = Array.from({ length: count }, (_, index) => index);
	const worker = async () => {
		for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
			const number = String(index).padStart(4, '0');
			await stack.smintioAdmin.post('/assets/create', { name: `Flow 2 bench ${number}`, approvalState: 'approved', collectionIds: [collection.collectionId], fileName: `flow2-bench-${number}.png` });
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
	log(`created ${count} approved assets in "${COLLECTION}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function stateFigures(state) {
	const { copiesList, ...rest } = state;
	const summary = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, Array.isArray(value) ? value.length : value]));
	summary.correct = state.approved - state.missing.length - state.duplicated.length - state.differentBytes.length - state.versionNotRecorded.length;
	return summary;
}

async function measure(stack, label, workflowId, target, assets, log) {
	await resetCounters(stack);
	log(`${label}: flow 2 over ${assets} assets`);
	const run = await runMeasured(stack, workflowId, { fetchData: false });
	const calls = callFigures(await counters(stack), assets);
	const error = run.summary.status === 'success' ? null : executionError(await stack.client.getExecution(run.summary.id));
	const state = stateFigures(await flow2State(stack, { collection: COLLECTION, folder: target.teamFolder }));
	log(`${label}: ${run.summary.status} in ${run.n8nSeconds} s, ${calls.perFile} calls/asset, ${state.correct}/${state.approved} copies correct`);
	return { status: run.summary.status, error, seconds: run.n8nSeconds, wallSeconds: run.seconds, memory: run.memory, calls, state, target };
}

/** @param {{ assets?: number, beforeCommit?: string, log: (line: string) => void }} options */
async function runFlow2({ assets = 500, beforeCommit = DEFAULT_BEFORE, log }) {
	const before = buildAtCommit(beforeCommit, log);
	const stack = await startBenchStack({ log, seed: true, coreDropbox: false });
	try {
		await seedAssets(stack, assets, log);
		const targets = {
			before: { teamFolder: '/Team Assets/Bench before', propertyTemplate: 'Smint.io delivery (bench before)' },
			after: { teamFolder: '/Team Assets/Bench after', propertyTemplate: 'Smint.io delivery (bench after)' },
		};
		const beforeWorkflow = await stack.client.importWorkflow(configured(before.template(TEMPLATE_FILE), { name: `build ${before.commit}`, ...targets.before }));
		const afterWorkflow = await stack.client.importWorkflow(configured(stack.template(TEMPLATE_FILE), { name: 'this build', ...targets.after }));

		// This build first: the stack's n8n has just started with this checkout's packages.
		const idleAfter = await idleRss(stack.n8n.pid, { settleMs: 15000 });
		const afterResult = { idleBefore: idleAfter, ...(await measure(stack, 'this build', afterWorkflow.id, targets.after, assets, log)) };
		await resetCounters(stack);
		const rerun = await runMeasured(stack, afterWorkflow.id, { fetchData: false });
		const rerunCalls = callFigures(await counters(stack), assets);
		const rerunState = stateFigures(await flow2State(stack, { collection: COLLECTION, folder: targets.after.teamFolder }));
		afterResult.rerun = { status: rerun.summary.status, seconds: rerun.n8nSeconds, calls: rerunCalls, state: rerunState };
		log(`this build, rerun: ${rerun.summary.status} in ${rerun.n8nSeconds} s, ${rerunCalls.perFile} calls/asset`);

		await stack.restartN8n({ communityPackages: before.packageDirs });
		const idleBefore = await idleRss(stack.n8n.pid, { settleMs: 15000 });
		const beforeResult = { commit: before.commit, idleBefore, ...(await measure(stack, `build ${before.commit}`, beforeWorkflow.id, targets.before, assets, log)) };
		return {
			assets,
			before: beforeResult,
			after: afterResult,
			speedup: Math.round((beforeResult.seconds / afterResult.seconds) * 100) / 100,
		};
	} catch (error) {
		log(`n8n's last lines:\n${stack.n8nLogTail().join('\n')}`);
		throw error;
	} finally {
		await stack.stop();
	}
}

module.exports = { runFlow2, configured, seedAssets, stateFigures, TEMPLATE_FILE, COLLECTION };
