'use strict';
// Supervision of the sandbox's child servers (n8n, its workers, Redis, PostgreSQL). Each runs in
// its own process group so a stop reaches its children too; that also means a Ctrl-C or a killed
// parent would not reach it, so this module passes signals on and a watchdog process stops the
// group when this process is gone without stopping it.

const path = require('node:path');
const { spawn } = require('node:child_process');

const WATCHDOG = path.join(__dirname, '..', 'n8n', 'watchdog.js');

/** Process groups this process started and has not seen exit. */
/** @type {Set<number>} */
const liveGroups = new Set();
let guarded = false;

/**
 * Registers a process group started with `detached: true` (its leader's pid): killed with
 * SIGKILL when this process exits, sent SIGTERM on SIGINT/SIGTERM/SIGHUP, and watched by a
 * watchdog that outlives this process. Call `release(pid)` once the leader has exited.
 * @param {number} pid
 */
function superviseGroup(pid) {
	liveGroups.add(pid);
	guardAgainstOrphans();
	spawn(process.execPath, [WATCHDOG, String(process.pid), String(pid)], {
		detached: true,
		stdio: 'ignore',
	}).unref();
}

/** @param {number} pid */
function releaseGroup(pid) {
	liveGroups.delete(pid);
}

/**
 * Pass SIGINT/SIGTERM/SIGHUP on as SIGTERM (when nothing else handles the signal, then re-raise it
 * so this process ends as it would have), and SIGKILL what is left when this process exits.
 */
function guardAgainstOrphans() {
	if (guarded) return;
	guarded = true;
	process.on('exit', () => {
		for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	});
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		const onSignal = () => {
			// Another handler owns this signal (e.g. cli.js, which calls stop()): leave it to it.
			if (process.listenerCount(signal) > 1) return;
			for (const pid of liveGroups) killGroup(pid, 'SIGTERM'); // the servers shut down on their own
			process.removeListener(signal, onSignal);
			process.kill(process.pid, signal);
		};
		process.on(signal, onSignal);
	}
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') throw error;
	}
}

/**
 * Stops a supervised group: `signal` to the group, SIGKILL after `graceMs`, and SIGKILL to what
 * is left once the leader has exited (children may outlive it by a moment).
 * @param {number} pid @param {Promise<unknown>} exited @param {{ signal?: NodeJS.Signals, graceMs?: number }} [options]
 */
async function stopGroup(pid, exited, { signal = 'SIGTERM', graceMs = 20000 } = {}) {
	killGroup(pid, signal);
	const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	killGroup(pid, 'SIGKILL');
}

module.exports = { superviseGroup, releaseGroup, killGroup, stopGroup };
