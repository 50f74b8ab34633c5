'use strict';
// Headless demo (npm run demo, after npm run build): starts the sandbox stack in temp dirs (both
// emulators seeded, real n8n with the package, credentials and the nine templates), then for
// each flow 1..9: resets both emulators to their seed, brings them into the state the flow
// expects, runs the template, runs it again (a rerun must create nothing), and prints one table
// per flow from the state of both systems. Exits non-zero if a flow failed; stops everything.
// The flows are the e2e tests' modules: test/e2e/flows/flowN.js (contract: README.md there).

const fs = require('fs');
const path = require('path');
const { createFlowContext, formatFlowTable } = require('../test/e2e/flows/common');

const FLOW_DIR = path.join(__dirname, '..', 'test', 'e2e', 'flows');
const FLOW_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

const out = (line = '') => process.stdout.write(`${line}\n`);
const since = (start) => (Date.now() - start) / 1000;

/** @returns {{ number: number, module?: any, missing?: string }} */
function loadFlow(number) {
	const file = path.join(FLOW_DIR, `flow${number}.js`);
	if (!fs.existsSync(file)) return { number, missing: `test/e2e/flows/flow${number}.js does not exist yet` };
	return { number, module: require(file) };
}

/** Runs one flow twice (run, rerun) and returns its table data; throws when the flow fails. */
async function runFlow(ctx, number, flow) {
	await ctx.resetEmulators();
	if (flow.prepare) await flow.prepare(ctx);
	const runs = [];
	for (const [attempt, label] of [
		[1, 'run'],
		[2, 'rerun'],
	]) {
		if (attempt === 2 && flow.rerun === false) break;
		const started = Date.now();
		const execution = await flow.run(ctx, { attempt });
		const wall = since(started);
		if (!execution || execution.status !== 'success') {
			const error = execution?.data?.resultData?.error;
			throw new Error(`${label}: execution ${execution?.id} ended "${execution?.status}"${error ? `: ${error.message} (node ${error.node?.name})` : ''}`);
		}
		const report = await flow.report(ctx, execution);
		runs.push({ label, report, seconds: report.seconds ?? execution.sandbox?.seconds ?? wall });
	}
	return { number, title: flow.title, file: flow.file, runs };
}

async function main() {
	const started = Date.now();
	out('Starting the sandbox: Dropbox emulator, Smint.io emulator, n8n 2.41.1 with n8n-nodes-smintio and n8n-nodes-dropbox-sync ...');
	const ctx = createFlowContext({ log: (line) => out(`  ${line}`) });
	const failures = [];
	const timings = [];
	try {
		await ctx.start();
		out(`Ready in ${since(started).toFixed(1)} s: ${ctx.stack.templates.length} templates imported, n8n at ${ctx.stack.n8n.baseUrl}`);
		out();
		for (const number of FLOW_NUMBERS) {
			const loaded = loadFlow(number);
			if (loaded.missing) {
				out(`Flow ${number} · skipped: ${loaded.missing}`);
				out();
				continue;
			}
			const flow = loaded.module;
			if (!ctx.stack.templates.some((t) => t.file === flow.file)) {
				out(`Flow ${number} · ${flow.title}: skipped, workflows/${flow.file} does not exist yet`);
				out();
				continue;
			}
			const flowStart = Date.now();
			try {
				const table = await runFlow(ctx, number, flow);
				out(formatFlowTable(table));
			} catch (error) {
				failures.push(number);
				out(`Flow ${number} · ${flow.title}: FAILED: ${error.message}`);
			}
			timings.push([number, since(flowStart)]);
			out();
		}
	} catch (error) {
		failures.push('stack');
		out(`The sandbox failed: ${error.stack || error.message}`);
	} finally {
		await ctx.stop();
	}
	out(`Flow wall times (reset + prepare + run + rerun + reports): ${timings.map(([n, s]) => `${n}: ${s.toFixed(1)} s`).join(', ') || 'none'}`);
	out(`Demo finished in ${since(started).toFixed(1)} s${failures.length ? `; FAILED: ${failures.join(', ')}` : ''}`);
	process.exitCode = failures.length ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error.message}\n`);
	process.exitCode = 1;
});
