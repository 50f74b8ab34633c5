'use strict';
// Diagnosis for benchmark 6 (not part of `npm run bench`): runs template 2 (approved Smint.io
// assets → Dropbox team folder) over N approved assets in real n8n with the inspector open on
// n8n's main process and a CPU profile of the whole run, summed as profile-bulk.js sums template
// 1's: self time by what the code is, inclusive time under n8n's expression resolution and
// credential reads, n8n's execution time per node, CPU seconds of n8n main and its task runner.
// It tells whether flow 2 waits on the API (Parallel Requests can help) or on n8n's own work per
// item (they cannot).
//
//   node test/bench/profile-flow2.js        (PROFILE_ASSETS=200, PROFILE_OUT=/tmp/profile-flow2)
// Output: a JSON summary on stdout; the raw profile in PROFILE_OUT.

const fs = require('node:fs');
const path = require('node:path');
const { startBenchStack, counters, nodeTimes } = require('./lib/stack');
const { callFigures } = require('./bulk');
const { configured, seedAssets, stateFigures, TEMPLATE_FILE, COLLECTION } = require('./flow2');
const { summarise, profiledRun } = require('./profile-bulk');
const { flow2State } = require('../soak/lib/state');
const { freePort } = require('../../sandbox/n8n/server');

const log = (line) => process.stderr.write(`[profile-flow2] ${line}\n`);

async function main() {
	const assets = Number(process.env.PROFILE_ASSETS || 200);
	const outDir = process.env.PROFILE_OUT || '/tmp/profile-flow2';
	fs.mkdirSync(outDir, { recursive: true });
	const inspectPort = await freePort();
	const stack = await startBenchStack({ log, seed: true, coreDropbox: false, n8nEnv: { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } });
	try {
		await seedAssets(stack, assets, log);
		const target = { teamFolder: '/Team Assets/Profile', propertyTemplate: 'Smint.io delivery (profile)' };
		const imported = await stack.client.importWorkflow(configured(stack.template(TEMPLATE_FILE), { name: 'profile', ...target }));
		const { run, profile, mainCpu, cpuSeconds } = await profiledRun(stack, inspectPort, imported.id, path.join(outDir, 'flow2.cpuprofile'));
		const state = stateFigures(await flow2State(stack, { collection: COLLECTION, folder: target.teamFolder }));
		if (state.correct !== assets) throw new Error(`flow 2 delivered ${state.correct}/${assets} copies correctly: ${JSON.stringify(state)}`);
		const result = {
			assets,
			status: run.summary.status,
			n8nSeconds: run.n8nSeconds,
			cpuSeconds,
			mainBusyShareOfWall: Math.round((mainCpu / run.n8nSeconds) * 100) / 100,
			calls: callFigures(await counters(stack), assets),
			state,
			nodeMs: nodeTimes(run.execution),
			...summarise(profile),
		};
		process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
	} finally {
		await stack.stop();
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
}
