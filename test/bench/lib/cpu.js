'use strict';
// CPU time (user + system) of processes and process groups, from Linux /proc/<pid>/stat, so a
// benchmark can say which process did the work (n8n main, each worker, Redis, PostgreSQL).

const fs = require('node:fs');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux x64

/** @param {string} stat @returns {string[]} the fields after the command name (field 3 on) */
function fieldsAfterName(stat) {
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU seconds of every live process of a process group, children included once they were
 * reaped (cutime/cstime), keyed by pid.
 * @param {number} groupId @returns {number}
 */
function groupCpuSeconds(groupId) {
	let ticks = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = fieldsAfterName(stat);
		if (Number(fields[2]) !== groupId) continue;
		// utime, stime, cutime, cstime are fields 14-17 (index 11-14 after the name).
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	}
	return ticks / TICKS_PER_SECOND;
}

/**
 * Starts measuring named process groups; `stop()` gives each group's CPU seconds since then.
 * @param {Record<string, number>} groups name → process group id
 */
function measureCpu(groups) {
	const start = Object.fromEntries(Object.entries(groups).map(([name, pid]) => [name, groupCpuSeconds(pid)]));
	return {
		stop() {
			return Object.fromEntries(Object.entries(groups).map(([name, pid]) => [name, Math.round((groupCpuSeconds(pid) - start[name]) * 10) / 10]));
		},
	};
}

module.exports = { groupCpuSeconds, measureCpu };
