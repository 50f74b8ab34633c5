'use strict';
// Started next to each sandbox n8n: stops n8n's process group when the process that started it is
// gone (killed without calling stop(), e.g. SIGKILL or a crashed test runner), so no orphaned
// n8n keeps its ports and CPU. Usage: node watchdog.js <parentPid> <n8nProcessGroupId>

const parentPid = Number(process.argv[2]);
const groupId = Number(process.argv[3]);
const GRACE_MS = 20000;

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** @param {NodeJS.Signals} signal */
function signalGroup(signal) {
	try {
		process.kill(-groupId, signal);
	} catch {
		// already gone
	}
}

const timer = setInterval(() => {
	if (!alive(groupId)) process.exit(0);
	if (alive(parentPid)) return;
	clearInterval(timer);
	signalGroup('SIGTERM');
	const deadline = Date.now() + GRACE_MS;
	const wait = setInterval(() => {
		if (!alive(groupId)) process.exit(0);
		if (Date.now() < deadline) return;
		clearInterval(wait);
		signalGroup('SIGKILL');
		process.exit(0);
	}, 250);
}, 1000);
