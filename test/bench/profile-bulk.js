'use strict';
// Diagnosis for benchmark 1 (not part of `npm run bench`): runs template 1 over N bulk files in
// real n8n with the inspector open on n8n's main process and a CPU profile of the whole run, then
// sums the profile's self time by what the code is (n8n's expression engine, credential reads,
// our nodes, execution-data bookkeeping, the database, GC, idle) and by node of the workflow
// (n8n's per-node execution time), plus the CPU seconds of n8n main and of its task runner.
//
//   node test/bench/profile-bulk.js                 (PROFILE_FILES=300, PROFILE_OUT=/tmp/profile-bulk, PROFILE_TEMPLATE=file.json)
//   node test/bench/profile-bulk.js --summarise /tmp/profile-bulk/bulk.cpuprofile   (an earlier profile again)
// Output: a JSON summary on stdout; the raw profile in PROFILE_OUT.

const fs = require('node:fs');
const path = require('node:path');
const { startBenchStack, runMeasured, resetCounters, counters, nodeTimes } = require('./lib/stack');
const { generateFiles, callFigures, TEMPLATE_FILE } = require('./bulk');
const { inspector, summariseProfile } = require('./profile-bigfile');
const { groupCpuSeconds } = require('./lib/cpu');
const { freePort } = require('../../sandbox/n8n/server');

const log = (line) => process.stderr.write(`[profile-bulk] ${line}\n`);

// First matching rule names a sample's category: [category, test on "function url"].
const CATEGORIES = [
	['idle (waiting for I/O)', /^\((idle)\) /],
	['garbage collection', /^\(garbage collector\) /],
	['V8/native outside JS', /^\(program\) /],
	['credential reads (decrypt + resolve defaults)', /credentials-helper|\/credentials\.js|crypto-js|cipher|Cipher|\/credential-types|getCredentials|getDecrypted|decrypt/i],
	['expression engine (parse, sandbox, evaluate)', /n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions|tmpl|augment|native-methods)|@n8n\/tournament|tmpl|esprima|recast|ast-types|acorn|isolated-vm|expression-runtime|vm-sandbox/i],
	['pairedItem / node-parameter walking', /n8n-workflow\/dist\/.*(node-helpers|NodeHelpers|paired|get-parameter|parameter)|n8n-core\/.*(node-execution-context|get-node-parameter|paired)/i],
	['our nodes (n8n-nodes-smintio, n8n-nodes-dropbox-sync)', /n8n-nodes-smintio|n8n-nodes-dropbox-sync/],
	['database (TypeORM, SQLite)', /typeorm|sqlite|@n8n\/db|repositories/i],
	['execution data (deep copy, JSON, flatted, push)', /deepCopy|deep-copy|flatted|JSON\.|stringify|parse |lodash|push|execution-data|run-data/i],
	['HTTP (axios, Node http/net/tls)', /axios|node:_http|node:http|node:net|node:tls|node:stream|follow-redirects|undici|form-data/],
	['task runner broker', /task-runner|task-broker|@n8n\/task-runner/i],
	['n8n-core workflow execute', /n8n-core\/dist\/execution-engine/],
	['other n8n (cli, workflow, core)', /n8n-workflow|n8n-core|\/cli\/dist|@n8n\//],
	['Node internals (fs, crypto, streams, timers)', / (node:|internal\/)/],
];

/** Self time per category (and the top files of "other") from a V8 CPU profile. */
function categorise(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	// A native function (no script URL: a hash update, a buffer write, SQLite's C code) counts for
	// the nearest JavaScript caller that has one, so its time lands with whoever called it.
	const frameOf = (id) => {
		const own = byId.get(id).callFrame;
		if (own.url || /^\((idle|garbage collector|program|root)\)$/.test(own.functionName)) return own;
		for (let current = parent.get(id); current !== undefined; current = parent.get(current)) {
			const frame = byId.get(current).callFrame;
			if (frame.url) return { ...frame, functionName: `${own.functionName || '(native)'} in ${frame.functionName || '(anonymous)'}` };
		}
		return own;
	};
	const selfById = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const delta = profile.timeDeltas[i + 1] ?? 0;
		selfById.set(profile.samples[i], (selfById.get(profile.samples[i]) ?? 0) + delta);
	}
	const byCategory = new Map();
	const otherFiles = new Map();
	let total = 0;
	let busy = 0;
	for (const [id, micros] of selfById) {
		const frame = frameOf(id);
		const url = frame.url ? frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '') : '';
		const key = `${frame.functionName || '(anonymous)'} ${url}`;
		const rule = CATEGORIES.find(([, test]) => test.test(key));
		const category = rule ? rule[0] : 'other';
		if (category === 'other') otherFiles.set(url || '(native)', (otherFiles.get(url || '(native)') ?? 0) + micros);
		byCategory.set(category, (byCategory.get(category) ?? 0) + micros);
		total += micros;
		if (!category.startsWith('idle')) busy += micros;
	}
	const rows = [...byCategory.entries()]
		.sort((a, b) => b[1] - a[1])
		.map(([category, micros]) => ({
			category,
			ms: Math.round(micros / 1000),
			shareOfSamples: `${((100 * micros) / total).toFixed(1)}%`,
			shareOfBusy: category.startsWith('idle') ? '' : `${((100 * micros) / busy).toFixed(1)}%`,
		}));
	const other = [...otherFiles.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([file, micros]) => ({ file, ms: Math.round(micros / 1000) }));
	return { totalMs: Math.round(total / 1000), busyMs: Math.round(busy / 1000), byCategory: rows, otherTopFiles: other };
}

/** Self time of every sample under a function whose name matches (inclusive time of those frames). */
function inclusive(profile, functionTest) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const memo = new Map();
	const under = (id) => {
		if (memo.has(id)) return memo.get(id);
		let found = null;
		for (let current = id; current !== undefined; current = parent.get(current)) {
			const frame = byId.get(current).callFrame;
			const name = `${frame.functionName} ${frame.url}`;
			const match = functionTest.find(([, test]) => test.test(name));
			if (match) {
				found = match[0];
				break;
			}
		}
		memo.set(id, found);
		return found;
	};
	const sums = new Map();
	let busy = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		const frame = byId.get(id).callFrame;
		if (frame.functionName === '(idle)') continue;
		const delta = profile.timeDeltas[i + 1] ?? 0;
		busy += delta;
		const name = under(id);
		if (name) sums.set(name, (sums.get(name) ?? 0) + delta);
	}
	return [...sums.entries()].sort((a, b) => b[1] - a[1]).map(([name, micros]) => ({ under: name, ms: Math.round(micros / 1000), shareOfBusy: `${((100 * micros) / busy).toFixed(1)}%` }));
}

// Inclusive time under these callers (first match walking up from the sample): who pays.
const CALLERS = [
	['getCredentials (n8n credential read per request)', /getCredentials|getDecrypted/],
	['expression resolution (resolveSimpleParameterValue / getParameterValue)', /resolveSimpleParameterValue|resolveParameterValue|getParameterValue|evaluateExpression/],
	['saving execution data (database)', /saveExecutionProgress|updateExistingExecution|saveExecution|ExecutionRepository/],
	['pairedItem resolution', /getPairedItem|pairedItem/i],
];

function summarise(profile) {
	return { categories: categorise(profile), callers: inclusive(profile, CALLERS), top: summariseProfile(profile) };
}


function processCpuSeconds(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Runs a workflow once with n8n main's CPU profiler on (the inspector at `inspectPort`), the
 * emulators' counters reset first; writes the profile to `profileFile`. Returns the run, the
 * profile and the CPU seconds of n8n main and of the rest of its process group (task runner).
 */
async function profiledRun(stack, inspectPort, workflowId, profileFile) {
	const targets = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
	const cdp = inspector(targets[0].webSocketDebuggerUrl);
	await cdp.opened;
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
	await resetCounters(stack);
	const mainCpuBefore = processCpuSeconds(stack.n8n.pid);
	const groupCpuBefore = groupCpuSeconds(stack.n8n.pid);
	await cdp.send('Profiler.start');
	const run = await runMeasured(stack, workflowId, { fetchData: true });
	const { profile } = await cdp.send('Profiler.stop');
	const mainCpu = processCpuSeconds(stack.n8n.pid) - mainCpuBefore;
	const groupCpu = groupCpuSeconds(stack.n8n.pid) - groupCpuBefore;
	cdp.close();
	fs.writeFileSync(profileFile, JSON.stringify(profile));
	return { run, profile, mainCpu, cpuSeconds: { main: Math.round(mainCpu * 10) / 10, restOfGroup: Math.round((groupCpu - mainCpu) * 10) / 10 } };
}

async function main() {
	const outDir = process.env.PROFILE_OUT || '/tmp/profile-bulk';
	if (process.argv[2] === '--summarise') {
		process.stdout.write(`${JSON.stringify(summarise(JSON.parse(fs.readFileSync(process.argv[3], 'utf8'))), null, 1)}\n`);
		return;
	}
	const files = Number(process.env.PROFILE_FILES || 300);
	fs.mkdirSync(outDir, { recursive: true });
	const inspectPort = await freePort();
	const stack = await startBenchStack({ log, coreDropbox: false, n8nEnv: { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } });
	try {
		await generateFiles(stack, files, 100 * 1024, log);
		// PROFILE_TEMPLATE: another version of template 1 (a JSON file), to compare with the shipped one.
		const template = process.env.PROFILE_TEMPLATE ? JSON.parse(fs.readFileSync(process.env.PROFILE_TEMPLATE, 'utf8')) : stack.template(TEMPLATE_FILE);
		const imported = await stack.client.importWorkflow(template);
		const { run, profile, cpuSeconds } = await profiledRun(stack, inspectPort, imported.id, path.join(outDir, 'bulk.cpuprofile'));
		const result = {
			files,
			status: run.summary.status,
			n8nSeconds: run.n8nSeconds,
			cpuSeconds,
			calls: callFigures(await counters(stack), files),
			nodeMs: nodeTimes(run.execution),
			...summarise(profile),
		};
		process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
	} finally {
		await stack.stop();
	}
}

module.exports = { summarise, profiledRun };

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
}
