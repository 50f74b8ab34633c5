'use strict';
// The soak's stack: both emulators (seeded) with faults and short token lifetimes, kept running
// for the whole soak, and real n8n with this package, which the soak can SIGKILL (its whole
// process group) and start again on the same user folder (same database, credentials,
// workflows and binary data).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startDropboxEmulator } = require('../../../sandbox/dropbox');
const { startSmintioEmulator } = require('../../../sandbox/smintio');
const { startSandboxN8n } = require('../../../sandbox/n8n/runtime');
const { sandboxCredentials, loadTemplates, PACKAGE_DIRS } = require('../../../sandbox/stack');
const { adminClient } = require('../../e2e/support');

/**
 * The faults of issue 8: 10% 429 with Retry-After, 2% 5xx, 1% dropped connections, on every
 * API route of both emulators, the token endpoints included unless `tokenEndpoints: false`.
 */
function soakFaults(seed = 8, { tokenEndpoints = true } = {}) {
	return {
		seed,
		retryAfterSeconds: 1,
		probabilities: { rateLimit: 0.1, serverError: 0.02, drop: 0.01 },
		...(tokenEndpoints ? {} : { exclude: TOKEN_ROUTES }),
	};
}

/** The token endpoints' counter names (Dropbox, Smint.io). */
const TOKEN_ROUTES = ['oauth2/token', 'connect/token'];

const TOKEN_LIFETIME_SECONDS = 60;

/**
 * @param {{ log?: (line: string) => void, faults?: object, workDir?: string, queue?: { workers: number, concurrency?: number } }} [options]
 *   queue: n8n in queue mode (Redis, PostgreSQL, main + workers); killN8n/restartN8n then act on main
 *   and all workers, killWorker on one worker
 */
async function startSoakStack({ log = () => {}, faults = soakFaults(), workDir, queue } = {}) {
	const dir = workDir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-soak-'));
	const userFolder = path.join(dir, 'n8n');
	const dropbox = await startDropboxEmulator({ port: 0, dataDir: path.join(dir, 'dropbox'), seed: true, accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS });
	const smintio = await startSmintioEmulator({
		port: 0, dataDir: path.join(dir, 'smintio'), seed: true, taskDelayMs: 200, accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
	});
	const stack = {
		dir,
		userFolder,
		dropbox,
		smintio,
		faults,
		dropboxAdmin: adminClient(dropbox.baseUrl),
		smintioAdmin: adminClient(smintio.baseUrl),
		n8n: null,
		client: null,
		templates: [],
		restarts: 0,
	};
	const n8nLines = [];

	stack.startN8n = async () => {
		const started = await startSandboxN8n({
			userFolder,
			// Installed once; a restart finds the package in the user folder.
			communityPackages: stack.n8n ? [] : PACKAGE_DIRS,
			queue,
			log: (line) => n8nLines.push(line),
		});
		stack.n8n = started.n8n;
		stack.workers = started.workers;
		stack.startWorker = started.startWorker;
		stack.queue = started.queue;
		stack.client = started.client;
		stack.stopN8n = started.stop;
	};

	/** SIGKILL n8n's whole process group (main process and task runner), as a crash would. */
	stack.killN8n = async () => {
		const pid = stack.n8n.pid;
		await Promise.all([...stack.workers, stack.n8n].map((server) => server.kill()));
		// Queue mode: Redis and PostgreSQL stay up in a real crash of n8n, but this stack restarts
		// them with n8n (same data folders), so stop them cleanly here.
		if (stack.queue) await stack.queue.stop();
		log(`n8n (pid ${pid}${stack.workers.length ? ` and ${stack.workers.length} workers` : ''}) killed with SIGKILL`);
	};

	/** Queue mode: SIGKILL one worker's process group (worker and its task runner). */
	stack.killWorker = async (index = 0) => {
		const [worker] = stack.workers.splice(index, 1);
		await worker.kill();
		log(`worker (pid ${worker.pid}) killed with SIGKILL`);
		return worker;
	};

	stack.restartN8n = async () => {
		await stack.startN8n();
		stack.restarts += 1;
		log(`n8n restarted on the same user folder (pid ${stack.n8n.pid})`);
	};

	/** Faults on (again: an emulator reset clears them). */
	stack.applyFaults = async () => {
		await stack.dropboxAdmin.put('/faults', stack.faults);
		await stack.smintioAdmin.put('/faults', stack.faults);
	};
	stack.clearFaults = async () => {
		await stack.dropboxAdmin.put('/faults', {});
		await stack.smintioAdmin.put('/faults', {});
	};
	stack.counters = async () => ({ dropbox: await stack.dropboxAdmin.get('/counters'), smintio: await stack.smintioAdmin.get('/counters') });

	stack.stop = async () => {
		try {
			if (stack.stopN8n) await stack.stopN8n();
		} finally {
			await dropbox.close();
			await smintio.close();
			if (!workDir && !process.env.SOAK_KEEP) fs.rmSync(dir, { recursive: true, force: true });
		}
	};

	try {
		await stack.startN8n();
		await stack.client.importCredentials(sandboxCredentials(dropbox, smintio));
		for (const { file, workflow } of loadTemplates()) {
			const saved = await stack.client.importWorkflow(workflow);
			stack.templates.push({ file, id: saved.id, name: workflow.name, workflow });
		}
	} catch (error) {
		await stack.stop();
		throw error;
	}
	return stack;
}

/**
 * Short token lifetimes in action: every `everyMs`, expire all Dropbox access tokens and move
 * both emulators' clocks on by a token lifetime, so every token n8n holds is expired and the
 * nodes must refresh. Returns stop().
 */
function tokenChaos(stack, { everyMs = 15000 } = {}) {
	let rounds = 0;
	let running = true;
	const tick = async () => {
		if (!running) return;
		try {
			await stack.dropboxAdmin.post('/tokens/expire', {});
			await stack.dropboxAdmin.post('/clock', { advanceSeconds: TOKEN_LIFETIME_SECONDS + 1 });
			await stack.smintioAdmin.post('/clock', { advanceSeconds: TOKEN_LIFETIME_SECONDS + 1 });
			rounds += 1;
		} catch {
			// an emulator busy resetting; the next round catches up
		}
	};
	const timer = setInterval(tick, everyMs);
	timer.unref();
	return {
		rounds: () => rounds,
		stop: () => {
			running = false;
			clearInterval(timer);
		},
	};
}

module.exports = { startSoakStack, tokenChaos, soakFaults, TOKEN_LIFETIME_SECONDS, TOKEN_ROUTES };
