'use strict';
// Starts one isolated real n8n server (its own user folder, database and ports) on the Node 24
// binary of the cached install, waits until its REST API answers, and stops it by killing its
// whole process group (n8n spawns task-runner children).

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { StringDecoder } = require('node:string_decoder');
const { ensureInstalled } = require('./install');
const { superviseGroup, releaseGroup, killGroup, stopGroup } = require('../common/process-group');

/** Environment variables of the calling shell that would leak into the sandbox n8n. */
const INHERITED_N8N_VARIABLE = /^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_FUNCTION_ALLOW_)/;

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});
}

/**
 * @typedef {object} StartOptions
 * @property {string} [userFolder] N8N_USER_FOLDER (n8n keeps `.n8n/` with its database in it); a new temp folder if omitted
 * @property {number} [port] n8n's HTTP port; a free one if omitted
 * @property {string[]} [customExtensions] folders for N8N_CUSTOM_EXTENSIONS (each a built package folder or a folder of them)
 * @property {Record<string, string>} [env] extra / overriding environment variables for n8n
 * @property {(line: string) => void} [log] progress lines (not n8n's own output)
 * @property {(line: string) => void} [onOutput] every line n8n prints
 * @property {number} [readyTimeoutMs] how long to wait for the REST API (default 240 s; the first boot runs migrations)
 * @property {string} [cacheDir] install cache folder (default $N8N_SANDBOX_CACHE_DIR or sandbox/n8n/.cache)
 * @property {'start' | 'worker' | 'webhook'} [command] `n8n start` (default: the main process with editor and REST API),
 *   `n8n worker` (queue mode: runs executions taken from Redis; answers only its health check) or
 *   `n8n webhook` (queue mode: answers production webhook URLs, puts their executions on the queue)
 * @property {string[]} [args] extra command-line arguments (e.g. `--concurrency=5` for a worker)
 * @property {string} [logName] log file name in the user folder (default n8n.log; workers sharing a folder need their own)
 */

/**
 * @typedef {object} N8nHandle
 * @property {string} baseUrl e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {number} pid process id (and process group id) of n8n
 * @property {string} userFolder
 * @property {string} logFile `<userFolder>/n8n.log`: n8n's output, appended at each start
 * @property {{ install: number, boot: number }} seconds
 * @property {() => string} logs n8n's output since this start
 * @property {() => { processes: number, rssBytes: number, peakRssBytes: number, perProcess: Array<{ pid: number, role: string, rssBytes: number, peakRssBytes: number }> }} memory
 *   RSS of n8n's process group now, the sum of the per-process peaks (VmHWM), and each process
 * @property {() => Promise<void>} stop SIGTERM the process group, SIGKILL after a grace period
 * @property {() => Promise<void>} kill SIGKILL the process group at once (a crash)
 * @property {'start' | 'worker' | 'webhook'} command
 * @property {Promise<number | null>} exited resolves with the exit code when n8n ends
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<N8nHandle>}
 */
async function startN8n(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[n8n] ${line}\n`));
	const installStarted = Date.now();
	const installed = await ensureInstalled({ log, cacheDir: options.cacheDir });
	const installSeconds = (Date.now() - installStarted) / 1000;

	const userFolder = path.resolve(
		options.userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sandbox-')),
	);
	fs.mkdirSync(userFolder, { recursive: true });
	const command = options.command || 'start';
	const port = options.port || (await freePort());
	const brokerPort = await freePort();
	const controlPlanePort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;

	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!INHERITED_N8N_VARIABLE.test(name) && name !== 'N8N_SANDBOX_CACHE_DIR') env[name] = value;
	}
	env.PATH = `${path.dirname(installed.nodeBin)}${path.delimiter}${process.env.PATH || ''}`;
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		GENERIC_TIMEZONE: 'UTC',
		// The task broker defaults to 5679 and the engine control plane to 3001: give each run its own.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENGINE_CONTROL_PLANE_PORT: String(controlPlanePort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		// Its only job at start is fetching n8n's online MCP server list (no network here: stack traces).
		N8N_DISABLED_MODULES: 'mcp-registry',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
	});
	if (options.customExtensions && options.customExtensions.length) {
		env.N8N_CUSTOM_EXTENSIONS = options.customExtensions.map((dir) => path.resolve(dir)).join(';');
	}
	if (command === 'worker') {
		// A worker serves no editor: its HTTP server is the health check, on its own port.
		env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
		env.QUEUE_HEALTH_CHECK_PORT = String(port);
		env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
	}
	Object.assign(env, options.env || {});

	// n8n writes straight into a file, not into pipes to this process: if this process dies, n8n
	// does not spin on a broken pipe, and the watchdog can still shut it down gracefully.
	const logFile = path.join(userFolder, options.logName || 'n8n.log');
	const logFd = fs.openSync(logFile, 'a');
	fs.writeSync(logFd, `===== n8n ${command} ${new Date().toISOString()} at ${baseUrl} =====\n`);
	const logStart = fs.fstatSync(logFd).size;
	log(`starting n8n ${command} ${installed.n8nVersion} on Node ${installed.nodeVersion} at ${baseUrl} (user folder ${userFolder})`);
	const bootStarted = Date.now();
	const child = spawn(installed.nodeBin, [installed.n8nBin, command, ...(options.args || [])], {
		cwd: userFolder,
		env,
		detached: true, // own process group, so stop() reaches the task runners too
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	const pid = /** @type {number} */ (child.pid);
	const readLogs = () => readFrom(logFile, logStart);
	const tail = options.onOutput ? followLines(logFile, logStart, options.onOutput) : null;

	/** @type {Promise<number | null>} */
	const exited = new Promise((resolve) => {
		child.on('exit', (code) => resolve(code));
		child.on('error', () => resolve(null));
	});
	let running = true;
	superviseGroup(pid);
	exited.then(() => {
		running = false;
		releaseGroup(pid);
		if (tail) tail.stop();
	});

	/** @type {Set<number>} */
	const seenPids = new Set();
	/** @type {Map<number, number>} */
	const peakByPid = new Map();
	const handle = {
		baseUrl,
		port,
		pid,
		userFolder,
		command,
		logFile,
		seconds: { install: installSeconds, boot: 0 },
		exited,
		logs: readLogs,
		memory: () => measureGroupMemory(pid, seenPids, peakByPid),
		stop: async () => {
			if (!running) return;
			await stopGroup(pid, exited);
		},
		/** SIGKILL the whole process group (n8n and its task runner), as a crash would. */
		kill: async () => {
			killGroup(pid, 'SIGKILL');
			await exited;
		},
	};

	try {
		await waitUntilReady(baseUrl, exited, options.readyTimeoutMs || 240000, () => running, command !== 'start');
	} catch (error) {
		await handle.stop();
		const lastLines = readLogs().split('\n').slice(-60).join('\n');
		throw new Error(`${/** @type {Error} */ (error).message}\n--- n8n output (last lines) ---\n${lastLines}`);
	}
	handle.seconds.boot = (Date.now() - bootStarted) / 1000;
	log(`n8n ready at ${baseUrl} after ${handle.seconds.boot.toFixed(1)} s`);
	return handle;
}

/**
 * /healthz answers 200 from the first second (during migrations), and /rest/settings first answers
 * 200 with a plain-text "starting up" page, then 404, so wait for /healthz/readiness (database
 * migrated) and a JSON /rest/settings (routes registered). A worker has only /healthz/readiness
 * (database and Redis connected); a webhook process has no REST API and marks itself ready once
 * its webhook routes are registered.
 * @param {string} baseUrl @param {Promise<unknown>} exited @param {number} timeoutMs @param {() => boolean} isRunning @param {boolean} healthOnly
 */
async function waitUntilReady(baseUrl, exited, timeoutMs, isRunning, healthOnly) {
	const deadline = Date.now() + timeoutMs;
	let exitedEarly = false;
	exited.then(() => (exitedEarly = true));
	while (Date.now() < deadline) {
		if (exitedEarly || !isRunning()) throw new Error('n8n exited before it was ready');
		try {
			const readiness = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (readiness.ok && healthOnly) return;
			if (readiness.ok) {
				const settings = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
				// While booting n8n answers 200 "n8n is starting up. Please wait" as text.
				const body = settings.ok ? await settings.text() : '';
				if (body.startsWith('{"data"')) return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	throw new Error(`n8n was not ready at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/** @param {string} file @param {number} from */
function readFrom(file, from) {
	return readBytesFrom(file, from).toString('utf8');
}

/** @param {string} file @param {number} from */
function readBytesFrom(file, from) {
	const fd = fs.openSync(file, 'r');
	try {
		const length = Math.max(0, fs.fstatSync(fd).size - from);
		const buffer = Buffer.alloc(length);
		fs.readSync(fd, buffer, 0, length, from);
		return buffer;
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Calls onLine for each complete line appended to a file from a byte offset on (polling).
 * @param {string} file @param {number} from @param {(line: string) => void} onLine
 */
function followLines(file, from, onLine) {
	let position = from;
	let partial = '';
	const decoder = new StringDecoder('utf8'); // a read may end inside a multi-byte character
	const poll = () => {
		const bytes = readBytesFrom(file, position);
		position += bytes.length;
		const text = decoder.write(bytes);
		const lines = (partial + text).split('\n');
		partial = /** @type {string} */ (lines.pop());
		for (const line of lines) onLine(line);
	};
	const timer = setInterval(poll, 250);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			poll();
			if (partial) onLine(partial);
		},
	};
}

/**
 * Sums VmRSS and VmHWM (peak RSS) over the processes of n8n's process group (Linux /proc).
 * @param {number} groupId @param {Set<number>} seenPids @param {Map<number, number>} peakByPid
 */
function measureGroupMemory(groupId, seenPids, peakByPid) {
	let rssBytes = 0;
	let processes = 0;
	/** @type {Array<{ pid: number, role: string, rssBytes: number, peakRssBytes: number }>} */
	const perProcess = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		let status;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
		} catch {
			continue; // the process ended meanwhile
		}
		// Field 5 (process group) follows the parenthesised command name, which may contain spaces.
		const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(afterName[2]) !== groupId) continue;
		const pid = Number(entry);
		const rss = kilobytes(status, 'VmRSS') * 1024;
		const peak = kilobytes(status, 'VmHWM') * 1024;
		processes += 1;
		rssBytes += rss;
		const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
		perProcess.push({ pid, role: processRole(pid, groupId, command), rssBytes: rss, peakRssBytes: peak });
		seenPids.add(pid);
		peakByPid.set(pid, Math.max(peakByPid.get(pid) || 0, peak));
	}
	let peakRssBytes = 0;
	for (const peak of peakByPid.values()) peakRssBytes += peak;
	return { processes, rssBytes, peakRssBytes, perProcess };
}

/** @param {number} pid @param {number} groupId @param {string[]} command */
function processRole(pid, groupId, command) {
	if (pid === groupId) return 'n8n';
	const script = command.find((arg) => arg.endsWith('.js')) || command[0] || '';
	if (/task-runner|runner/i.test(script)) return 'js-task-runner';
	return path.basename(script);
}

/** @param {string} status @param {string} field */
function kilobytes(status, field) {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	return match ? Number(match[1]) : 0;
}

module.exports = { startN8n, freePort };
