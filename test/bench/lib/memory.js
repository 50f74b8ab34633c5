'use strict';
// Peak resident memory of n8n's process group (the n8n main process and its JS task runner),
// over one measured section. Two sources, both reported:
//   - VmHWM per process after writing "5" to /proc/<pid>/clear_refs at the start (resets the
//     kernel's high-water mark to the current RSS; exact, every page counted; needs root or
//     the same user), summed over the processes;
//   - VmRSS sampled every `intervalMs`, summed over the group at each sample (can miss a spike
//     shorter than the interval, but gives the simultaneous total).

const fs = require('node:fs');

const MB = 1024 * 1024;

function field(status, name) {
	const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
	return match ? Number(match[1]) * 1024 : 0;
}

/** The processes of a process group: [{ pid, role, rssBytes, hwmBytes }]. */
function groupProcesses(groupId) {
	const found = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(afterName[2]) !== groupId) continue;
			const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
			const pid = Number(entry);
			const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
			const role = pid === groupId ? 'main' : /task-runner|runner/i.test(cmd) ? 'runner' : 'other';
			found.push({ pid, role, rssBytes: field(status, 'VmRSS'), hwmBytes: field(status, 'VmHWM') });
		} catch {
			// ended meanwhile
		}
	}
	return found;
}

/** Current RSS of the group, by role. */
function groupRss(groupId) {
	const processes = groupProcesses(groupId);
	const byRole = (role) => processes.filter((p) => p.role === role).reduce((sum, p) => sum + p.rssBytes, 0);
	return { totalBytes: processes.reduce((s, p) => s + p.rssBytes, 0), mainBytes: byRole('main'), runnerBytes: byRole('runner'), processes };
}

/**
 * Starts measuring. `stop()` returns the figures in MB.
 * @param {number} groupId n8n's pid (= its process group id)
 */
function measureGroup(groupId, { intervalMs = 50 } = {}) {
	const start = groupRss(groupId);
	let hwmReset = true;
	for (const p of start.processes) {
		try {
			fs.writeFileSync(`/proc/${p.pid}/clear_refs`, '5');
		} catch {
			hwmReset = false;
		}
	}
	let peakTotal = start.totalBytes;
	let peakMain = start.mainBytes;
	let peakRunner = start.runnerBytes;
	let samples = 0;
	const timer = setInterval(() => {
		const now = groupRss(groupId);
		samples += 1;
		peakTotal = Math.max(peakTotal, now.totalBytes);
		peakMain = Math.max(peakMain, now.mainBytes);
		peakRunner = Math.max(peakRunner, now.runnerBytes);
	}, intervalMs);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			const end = groupProcesses(groupId);
			const hwm = (role) => end.filter((p) => !role || p.role === role).reduce((s, p) => s + p.hwmBytes, 0);
			return {
				startMb: round(start.totalBytes / MB),
				startMainMb: round(start.mainBytes / MB),
				startRunnerMb: round(start.runnerBytes / MB),
				sampledPeakMb: round(peakTotal / MB),
				sampledPeakMainMb: round(peakMain / MB),
				sampledPeakRunnerMb: round(peakRunner / MB),
				hwmReset,
				hwmPeakMb: round(hwm() / MB),
				hwmPeakMainMb: round(hwm('main') / MB),
				hwmPeakRunnerMb: round(hwm('runner') / MB),
				// The figure reported as "peak": VmHWM (reset at start) when possible, else sampled.
				peakMb: round((hwmReset ? Math.max(hwm(), peakTotal) : peakTotal) / MB),
				growthMb: round(((hwmReset ? Math.max(hwm(), peakTotal) : peakTotal) - start.totalBytes) / MB),
				samples,
			};
		},
	};
}

function round(value) {
	return Math.round(value * 10) / 10;
}

/** Waits until the group's RSS has settled (idle), then returns it in MB. */
async function idleRss(groupId, { settleMs = 15000 } = {}) {
	await new Promise((resolve) => setTimeout(resolve, settleMs));
	const now = groupRss(groupId);
	return { totalMb: round(now.totalBytes / MB), mainMb: round(now.mainBytes / MB), runnerMb: round(now.runnerBytes / MB) };
}

module.exports = { measureGroup, groupRss, idleRss, MB };
