'use strict';
// The benchmark stack: both emulators with injected latency, a local HTTPS front that lets
// n8n's CORE Dropbox node reach the Dropbox emulator, and real n8n 2.41.1 with this package
// (as sandbox/stack.js installs it) plus the credentials of our nodes AND of the core nodes.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const axios = require('axios');
const { startDropboxEmulator } = require('../../../sandbox/dropbox');
const { startSmintioEmulator } = require('../../../sandbox/smintio');
const { startSandboxN8n } = require('../../../sandbox/n8n/runtime');
const { sandboxCredentials, loadTemplates, ensurePackagesBuilt, PACKAGE_DIRS } = require('../../../sandbox/stack');
const { startDropboxTlsFront } = require('../../helpers/dropbox-tls-front');

const CORE_CREDENTIAL_NAMES = { dropbox: 'Dropbox (core node)', smintio: 'Smint.io bearer token (HTTP Request)' };

/** Credentials for n8n's core nodes: the Dropbox node (access token) and HTTP Request (header). */
function coreCredentials(dropbox, smintio) {
	return [
		{ name: CORE_CREDENTIAL_NAMES.dropbox, type: 'dropboxApi', data: { accessToken: dropbox.credentials.accessToken, accessType: 'full' } },
		{ name: CORE_CREDENTIAL_NAMES.smintio, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${smintio.credentials.accessToken}` } },
	];
}

function adminClient(baseUrl) {
	const http = axios.create({ baseURL: `${baseUrl}/__admin`, timeout: 120000, maxBodyLength: Infinity, maxContentLength: Infinity });
	const call = (method) => async (url, body) => {
		try {
			return (await http.request({ method, url, data: body })).data;
		} catch (error) {
			const detail = error.response ? `${error.response.status} ${JSON.stringify(error.response.data)}` : error.message;
			throw new Error(`admin ${method.toUpperCase()} ${url}: ${detail}`);
		}
	};
	return { get: call('get'), post: call('post'), put: call('put') };
}

/**
 * @param {{
 *   latencyMs?: number, taskDelayMs?: number, seed?: boolean,
 *   coreDropbox?: boolean,            // start the TLS front and wire n8n to it
 *   n8nEnv?: Record<string,string>,
 *   workDir?: string, log?: (line: string) => void,
 *   accessTokenLifetimeSeconds?: number,
 *   queue?: { workers: number, concurrency?: number }, // n8n queue mode (Redis, PostgreSQL, main + workers)
 * }} options
 */
async function startBenchStack(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[bench] ${line}\n`));
	ensurePackagesBuilt();
	const workDir = options.workDir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
	const faults = { latencyMs: options.latencyMs ?? 20 };
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch (error) {
				log(`stop failed: ${error.message}`);
			}
		}
		stops.length = 0;
	};
	try {
		const dropbox = await startDropboxEmulator({
			port: 0,
			dataDir: path.join(workDir, 'dropbox'),
			seed: options.seed ?? false,
			faults,
			accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 14400,
		});
		stops.push(() => dropbox.close());
		const smintio = await startSmintioEmulator({
			port: 0,
			dataDir: path.join(workDir, 'smintio'),
			seed: options.seed ?? false,
			faults,
			taskDelayMs: options.taskDelayMs ?? 200,
			accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 14400,
		});
		stops.push(() => smintio.close());

		let front = null;
		if (options.coreDropbox !== false) {
			front = await startDropboxTlsFront({ targetBaseUrl: dropbox.baseUrl });
			stops.push(() => front.close());
		}
		const n8nLog = [];
		const n8nOptions = {
			userFolder: path.join(workDir, 'n8n'),
			env: { ...(front ? front.n8nEnv() : {}), ...(options.n8nEnv || {}) },
			log: (line) => n8nLog.push(line),
			queue: options.queue,
		};
		const { n8n, workers, queue, client, stop } = await startSandboxN8n({ ...n8nOptions, communityPackages: PACKAGE_DIRS });
		let stopN8n = stop;
		stops.push(() => stopN8n());
		await client.importCredentials([...sandboxCredentials(dropbox, smintio), ...coreCredentials(dropbox, smintio)]);
		log(`stack up: dropbox ${dropbox.baseUrl}, smintio ${smintio.baseUrl}, n8n ${n8n.baseUrl} (pid ${n8n.pid})`);
		const stack = {
			dropbox,
			smintio,
			front,
			n8n,
			workers,
			queue,
			client,
			workDir,
			/** A fresh n8n process on the same user folder; `communityPackages` replace the installed ones first. */
			restartN8n: async ({ communityPackages = [] } = {}) => {
				await stopN8n();
				const restarted = await startSandboxN8n({ ...n8nOptions, communityPackages });
				stopN8n = restarted.stop;
				stack.n8n = restarted.n8n;
				stack.client = restarted.client;
				log(`n8n restarted (pid ${restarted.n8n.pid})`);
			},
			/** The last lines n8n printed (for a failed run's report). */
			n8nLogTail: (lines = 40) => n8nLog.slice(-lines),
			dropboxAdmin: adminClient(dropbox.baseUrl),
			smintioAdmin: adminClient(smintio.baseUrl),
			template: (file) => {
				const found = loadTemplates().find((t) => t.file === file);
				if (!found) throw new Error(`no template ${file}`);
				return found.workflow;
			},
			stop: async () => {
				await stopAll();
				if (!options.workDir && !process.env.BENCH_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
			},
		};
		return stack;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** Reads both emulators' counters; `calls` per route, `totalCalls`, `faults`. */
async function counters(stack) {
	const [dropbox, smintio] = await Promise.all([stack.dropboxAdmin.get('/counters'), stack.smintioAdmin.get('/counters')]);
	return { dropbox, smintio };
}

async function resetCounters(stack) {
	await Promise.all([stack.dropboxAdmin.post('/counters/reset'), stack.smintioAdmin.post('/counters/reset')]);
}

/**
 * Runs a saved workflow from its manual trigger while measuring n8n's memory; polls the
 * light execution list (not the full data) so the polling does not inflate n8n's RSS.
 * @returns {{ execution: any, summary: any, seconds: number, n8nSeconds: number, memory: any }}
 */
async function runMeasured(stack, workflowId, { triggerName, timeoutMs = 3 * 3600 * 1000, fetchData = true } = {}) {
	const workflow = await stack.client.getWorkflow(workflowId);
	const trigger = triggerName || workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name;
	const memory = require('./memory').measureGroup(stack.n8n.pid);
	const started = Date.now();
	const { executionId } = await stack.client.rest('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
	let summary;
	let failedPolls = 0;
	for (;;) {
		let list;
		try {
			list = await stack.client.listExecutions(workflowId);
			failedPolls = 0;
		} catch (error) {
			// A poll can meet a socket n8n closes as it wakes from a long pause (a heap snapshot
			// freezes it for a minute): ask again; n8n gone for good still fails after 5 tries.
			if (++failedPolls >= 5) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1000));
			continue;
		}
		summary = list.find((e) => String(e.id) === String(executionId));
		if (summary && ['success', 'error', 'crashed', 'canceled'].includes(summary.status)) break;
		if (Date.now() - started > timeoutMs) throw new Error(`execution ${executionId} still ${summary?.status} after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const seconds = (Date.now() - started) / 1000;
	const mem = memory.stop();
	const n8nSeconds = (new Date(summary.stoppedAt) - new Date(summary.startedAt)) / 1000;
	const execution = fetchData ? await stack.client.getExecution(executionId) : null;
	return { execution, summary, seconds, n8nSeconds, memory: mem };
}

/** The error an execution ended with (message, node, description). */
function executionError(execution) {
	const error = execution?.data?.resultData?.error;
	if (!error) return null;
	return { message: error.message, node: error.node?.name, description: error.description, httpCode: error.httpCode };
}

/** n8n's execution time per node (sum over its runs) from the execution's run data. */
function nodeTimes(execution) {
	const runData = execution?.data?.resultData?.runData ?? {};
	return Object.fromEntries(
		Object.entries(runData)
			.map(([name, runs]) => [name, Math.round(runs.reduce((s, r) => s + (r.executionTime ?? 0), 0))])
			.sort((a, b) => b[1] - a[1]),
	);
}

module.exports = { startBenchStack, counters, resetCounters, runMeasured, executionError, nodeTimes, coreCredentials, CORE_CREDENTIAL_NAMES, adminClient };
