'use strict';
// End-to-end proof of the project's real n8n runtime (sandbox/n8n/runtime.js): the cached install
// of n8n 2.41.1 on Node 24, a throw-away community package loaded the way n8n loads community
// packages, a manual workflow run through n8n's REST API, an activated Schedule Trigger workflow
// executing on its own, credential import, and a second boot of the same user folder.
// Run: npx jest --testPathIgnorePatterns=/node_modules/ test/e2e/runtime.test.js
// Prints the timings, disk size and memory it measured.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureInstalled, startSandboxN8n } = require('../../sandbox/n8n/runtime');

const FIXTURES = path.join(__dirname, 'fixtures', 'runtime');
const PROBE_TYPE = 'n8n-nodes-runtime-probe.runtimeProbe';
const MINUTE = 60 * 1000;

/** @type {Array<[string, string]>} */
const report = [];
const log = (/** @type {string} */ line) => process.stdout.write(`    [n8n] ${line}\n`);
const seconds = (/** @type {number} */ since) => (Date.now() - since) / 1000;
const readJson = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
const megabytes = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Lays the probe package out as a build would: package.json + dist/nodes/<Node>/<Node>.node.js. */
function buildProbePackage(/** @type {string} */ root) {
	const dir = path.join(root, 'n8n-nodes-runtime-probe');
	const nodeDir = path.join(dir, 'dist', 'nodes', 'RuntimeProbe');
	fs.mkdirSync(nodeDir, { recursive: true });
	fs.copyFileSync(path.join(FIXTURES, 'probe-package', 'manifest.json'), path.join(dir, 'package.json'));
	fs.copyFileSync(
		path.join(FIXTURES, 'probe-package', 'RuntimeProbe.node.js'),
		path.join(nodeDir, 'RuntimeProbe.node.js'),
	);
	return dir;
}

describe('real n8n runtime (sandbox/n8n)', () => {
	/** @type {Awaited<ReturnType<typeof ensureInstalled>>} */
	let installed;
	/** @type {Awaited<ReturnType<typeof startSandboxN8n>> | undefined} */
	let sandbox;
	let scratch = '';
	let probeDir = '';
	let userFolder = '';
	let manualWorkflowId = '';
	let manualExecutionId = '';

	beforeAll(async () => {
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-runtime-test-'));
		let started = Date.now();
		installed = await ensureInstalled({ log });
		const installSeconds = seconds(started);
		report.push([
			'first install (npm ci + sqlite3 build)',
			installed.cached
				? `${installed.seconds.total.toFixed(1)} s when the cache was made (npm ci ${installed.seconds.npmCi.toFixed(1)} s, sqlite3 ${installed.seconds.sqliteBuild.toFixed(1)} s)`
				: `${installSeconds.toFixed(1)} s (this run)`,
		]);
		started = Date.now();
		await ensureInstalled({ log });
		report.push(['cached install check', `${seconds(started).toFixed(2)} s`]);
		report.push(['install size on disk', du(installed.installDir)]);

		probeDir = buildProbePackage(scratch);
		userFolder = path.join(scratch, 'user');
		started = Date.now();
		sandbox = await startSandboxN8n({ userFolder, communityPackages: [probeDir], log });
		report.push([
			'first boot (migrations) to ready',
			`${sandbox.n8n.seconds.boot.toFixed(1)} s (with package install, owner setup, API key: ${seconds(started).toFixed(1)} s)`,
		]);
	}, 20 * MINUTE);

	afterAll(async () => {
		if (sandbox) await sandbox.stop();
		if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
		const width = Math.max(...report.map(([name]) => name.length));
		process.stdout.write(
			`\n  n8n runtime figures (${os.cpus().length} cores):\n${report
				.map(([name, value]) => `    ${name.padEnd(width)}  ${value}\n`)
				.join('')}\n`,
		);
	}, 2 * MINUTE);

	test('the cached install is n8n 2.41.1 on Node 24 with a working sqlite3 binding', () => {
		expect(installed.n8nVersion).toBe('2.41.1');
		expect(installed.nodeVersion).toMatch(/^v24\./);
		const out = execFileSync(
			installed.nodeBin,
			['-e', "new (require('sqlite3').Database)(':memory:').get('select 6*7 as v', (e, r) => console.log(e ? e.message : r.v))"],
			{ cwd: installed.installDir, encoding: 'utf8' },
		);
		expect(out.trim()).toBe('42');
	});

	test('n8n loads the community package from .n8n/nodes/node_modules without errors', async () => {
		const client = /** @type {NonNullable<typeof sandbox>} */ (sandbox).client;
		const types = await client.nodeTypes();
		const probe = types.find((type) => type.name === PROBE_TYPE);
		expect(probe).toEqual(expect.objectContaining({ displayName: 'Runtime Probe', version: 1 }));
		const logs = /** @type {NonNullable<typeof sandbox>} */ (sandbox).n8n.logs();
		expect(logs).not.toMatch(/Failed to load package|Skipping package|runtime-probe.*(error|fail)/i);
	});

	test('a manual workflow runs through the REST API and returns the probe node output', async () => {
		const { client } = /** @type {NonNullable<typeof sandbox>} */ (sandbox);
		const workflow = await client.importWorkflow(readJson('manual-probe.workflow.json'));
		manualWorkflowId = workflow.id;
		const started = Date.now();
		const execution = await client.runWorkflow(workflow.id);
		report.push(['manual run (POST /rest/workflows/:id/run, until finished)', `${seconds(started).toFixed(2)} s`]);
		manualExecutionId = execution.id;

		expect(execution).toEqual(expect.objectContaining({ status: 'success', mode: 'manual', workflowId: workflow.id }));
		expect(execution.outputs['Runtime Probe']).toEqual(
			[1, 2, 3, 4].map((n) => ({ source: 'runtime-probe', inputIndex: 0, n, product: n * 7 })),
		);
		// The public API with the key created at sign-in serves the same run data.
		const viaPublicApi = await client.publicApi('GET', `/executions/${execution.id}`, undefined, {
			includeData: 'true',
		});
		const publicItems = viaPublicApi.data.resultData.runData['Runtime Probe'][0].data.main[0];
		expect(publicItems.map((/** @type {any} */ item) => item.json)).toEqual(execution.outputs['Runtime Probe']);
	});

	test('an activated Schedule Trigger workflow executes on its own', async () => {
		const { client } = /** @type {NonNullable<typeof sandbox>} */ (sandbox);
		const workflow = await client.importWorkflow(readJson('schedule-probe.workflow.json'));
		expect(await client.listExecutions(workflow.id)).toEqual([]);
		const started = Date.now();
		const activated = await client.activateWorkflow(workflow.id);
		expect(activated.active).toBe(true);
		const execution = await client.waitForWorkflowExecution(workflow.id, {
			timeoutMs: 30000,
			accept: (e) => e.mode === 'trigger' && e.status === 'success',
		});
		report.push(['activation to first scheduled execution (every 2 s)', `${seconds(started).toFixed(2)} s`]);
		expect(execution.outputs['Runtime Probe']).toEqual([
			{ source: 'runtime-probe', inputIndex: 0, n: 1, product: 5 },
			{ source: 'runtime-probe', inputIndex: 0, n: 2, product: 10 },
		]);
		await client.deactivateWorkflow(workflow.id);
		expect((await client.getWorkflow(workflow.id)).active).toBe(false);
	});

	test('credentials import from plain data, re-import updates, and workflows resolve them by name', async () => {
		const { client } = /** @type {NonNullable<typeof sandbox>} */ (sandbox);
		const credential = { name: 'Runtime test header', type: 'httpHeaderAuth', data: { name: 'X-Probe', value: 'sandbox-only' } };
		const [first] = await client.importCredentials([credential]);
		const [again] = await client.importCredentials([{ ...credential, data: { name: 'X-Probe', value: 'changed' } }]);
		expect(again.id).toBe(first.id);
		expect((await client.listCredentials()).filter((c) => c.name === credential.name)).toHaveLength(1);

		const workflow = await client.importWorkflow({
			name: 'Runtime test: credential by name',
			nodes: [
				{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'a2',
					name: 'Call',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: { url: 'http://127.0.0.1:9/', authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' },
					credentials: { httpHeaderAuth: { name: credential.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
		});
		const saved = await client.getWorkflow(workflow.id);
		const call = saved.nodes.find((/** @type {any} */ n) => n.name === 'Call');
		expect(call.credentials.httpHeaderAuth).toEqual({ id: first.id, name: credential.name });
		await expect(
			client.importWorkflow({ ...saved, name: 'Runtime test: unknown credential', nodes: [{ ...call, credentials: { httpHeaderAuth: { name: 'Nope' } } }] }),
		).rejects.toThrow(/credential named "Nope"/);
	});

	test('idle memory of n8n and its task runner is measured', async () => {
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const memory = /** @type {NonNullable<typeof sandbox>} */ (sandbox).n8n.memory();
		report.push(['RSS 3 s after the runs (n8n + JS task runner)', `${megabytes(memory.rssBytes)} in ${memory.processes} processes`]);
		report.push(['peak RSS seen (sum of per-process peaks)', megabytes(memory.peakRssBytes)]);
		for (const proc of memory.perProcess) {
			report.push([`  ${proc.role} (pid ${proc.pid})`, `RSS ${megabytes(proc.rssBytes)}, peak ${megabytes(proc.peakRssBytes)}`]);
		}
		expect(memory.processes).toBeGreaterThanOrEqual(2);
		expect(memory.peakRssBytes).toBeGreaterThanOrEqual(memory.rssBytes);
	});

	test('a second boot of the same user folder logs in, keeps its data, and N8N_CUSTOM_EXTENSIONS loads nodes as CUSTOM.*', async () => {
		let started = Date.now();
		await /** @type {NonNullable<typeof sandbox>} */ (sandbox).stop();
		report.push(['stop (SIGTERM to the process group)', `${seconds(started).toFixed(1)} s`]);
		const firstLogs = /** @type {NonNullable<typeof sandbox>} */ (sandbox).n8n.logs();
		expect(firstLogs).toMatch(/Owner was set up successfully/);
		sandbox = undefined;

		started = Date.now();
		const logLines = /** @type {string[]} */ ([]);
		sandbox = await startSandboxN8n({
			userFolder,
			customExtensions: [probeDir],
			log: (line) => {
				logLines.push(line);
				log(line);
			},
		});
		report.push([
			'second boot to ready (cached install, same user folder)',
			`${sandbox.n8n.seconds.boot.toFixed(1)} s (with login and API key check: ${seconds(started).toFixed(1)} s)`,
		]);
		expect(logLines.some((line) => line.startsWith('owner logged in'))).toBe(true);
		expect((await sandbox.client.listExecutions(manualWorkflowId)).map((e) => e.id)).toContain(manualExecutionId);

		const names = (await sandbox.client.nodeTypes()).map((type) => type.name);
		expect(names).toContain(PROBE_TYPE);
		// Custom extension folders load every *.node.js under the package name CUSTOM, so workflows
		// that name the npm package (n8n-nodes-<name>.<node>) need the community-package folder.
		expect(names).toContain('CUSTOM.runtimeProbe');
	}, 5 * MINUTE);
});

/** @param {string} dir */
function du(dir) {
	const size = (/** @type {string[]} */ flags) =>
		Number(execFileSync('du', [...flags, dir], { encoding: 'utf8' }).split('\t')[0]);
	const gib = (/** @type {number} */ bytes) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
	return `${gib(size(['-sk']) * 1024)} on disk, ${gib(size(['-sb']))} of file data (${dir})`;
}
