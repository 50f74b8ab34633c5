'use strict';
// One long-running server program (Redis, PostgreSQL) as a supervised child: its own process
// group (so a stop or the watchdog reaches everything it forks), output appended to a log file
// (not piped, so it never blocks on a dead parent), and a stop that waits for a clean exit.

const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { superviseGroup, releaseGroup, killGroup } = require('../common/process-group');

/**
 * @param {{ command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv, cwd?: string, stopSignal?: NodeJS.Signals }} options
 *   stopSignal: what the program takes as "shut down cleanly" (sent to the leader only)
 * @returns {{ pid: number, exited: Promise<number | null>, running: () => boolean, logs: () => string, stop: () => Promise<void>, kill: () => Promise<void> }}
 */
function startServiceProcess(options) {
	const logFd = fs.openSync(options.logFile, 'a');
	const logStart = fs.fstatSync(logFd).size;
	const child = spawn(options.command, options.args, {
		cwd: options.cwd,
		env: options.env || process.env,
		detached: true,
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	const pid = /** @type {number} */ (child.pid);
	let running = true;
	/** @type {Promise<number | null>} */
	const exited = new Promise((resolve) => {
		child.on('exit', (code) => resolve(code));
		child.on('error', () => resolve(null));
	});
	superviseGroup(pid);
	exited.then(() => {
		running = false;
		releaseGroup(pid);
	});
	const logs = () => {
		const text = fs.readFileSync(options.logFile);
		return text.subarray(logStart).toString('utf8');
	};
	return {
		pid,
		exited,
		running: () => running,
		logs,
		stop: async () => {
			if (!running) return;
			try {
				process.kill(pid, options.stopSignal || 'SIGTERM');
			} catch {
				// gone meanwhile
			}
			const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 20000);
			await exited;
			clearTimeout(timer);
			killGroup(pid, 'SIGKILL'); // children that outlived the leader
		},
		kill: async () => {
			killGroup(pid, 'SIGKILL');
			await exited;
		},
	};
}

/**
 * Polls `check` until it resolves true; fails early when the process ended.
 * @param {() => Promise<boolean>} check @param {{ running: () => boolean, logs: () => string }} service
 * @param {string} what @param {number} [timeoutMs]
 */
async function waitForService(check, service, what, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!service.running()) throw new Error(`${what} exited before it was ready:\n${service.logs().slice(-3000)}`);
		if (await check().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${service.logs().slice(-3000)}`);
}

module.exports = { startServiceProcess, waitForService };
