'use strict';

const fs = require('node:fs');

const MB = 1024 * 1024;

/** @returns {number | undefined} the kernel's resident-set high-water mark (VmHWM) in bytes */
function readVmHwm() {
	try {
		const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Writing "5" to /proc/self/clear_refs resets VmHWM to the current RSS (Linux >= 4.0), so the
 * high-water mark then covers only the measured section, not jest's start-up.
 * @returns {boolean} whether the reset was permitted
 */
function resetVmHwm() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * Measures the peak resident memory of this process over a section of work.
 * Two sources: the kernel's VmHWM (exact, every page counted, but only meaningful for the
 * section when it could be reset at start) and an RSS sample every `intervalMs` (always
 * available, but can miss a short spike while the event loop is busy).
 * `peakMb` is VmHWM when it was reset, else the larger of the samples and a lifetime VmHWM is
 * reported separately as an upper bound.
 *
 * @param {{ intervalMs?: number }} [options]
 */
function startPeakRss({ intervalMs = 50 } = {}) {
	const hwmReset = resetVmHwm();
	const startRss = process.memoryUsage.rss();
	let sampledPeak = startRss;
	const timer = setInterval(() => {
		const rss = process.memoryUsage.rss();
		if (rss > sampledPeak) sampledPeak = rss;
	}, intervalMs);
	timer.unref();

	return {
		/** @returns {{ peakMb: number, source: 'VmHWM' | 'sampled', sampledPeakMb: number, vmHwmMb: number | undefined, startMb: number, hwmReset: boolean }} */
		stop() {
			clearInterval(timer);
			sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
			const hwm = readVmHwm();
			const useHwm = hwmReset && hwm !== undefined;
			const round = (bytes) => Math.round((bytes / MB) * 10) / 10;
			return {
				peakMb: round(useHwm ? Math.max(hwm, sampledPeak) : sampledPeak),
				source: useHwm ? 'VmHWM' : 'sampled',
				sampledPeakMb: round(sampledPeak),
				vmHwmMb: hwm === undefined ? undefined : round(hwm),
				startMb: round(startRss),
				hwmReset,
			};
		},
	};
}

/**
 * Runs `fn` while measuring peak RSS.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {{ intervalMs?: number }} [options]
 * @returns {Promise<{ result: T, memory: ReturnType<ReturnType<typeof startPeakRss>['stop']> }>}
 */
async function measurePeakRss(fn, options) {
	const sampler = startPeakRss(options);
	try {
		const result = await fn();
		return { result, memory: sampler.stop() };
	} catch (error) {
		sampler.stop();
		throw error;
	}
}

module.exports = { startPeakRss, measurePeakRss, readVmHwm, resetVmHwm };
