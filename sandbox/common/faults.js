'use strict';
// Fault injection shared by both emulators. The injector only decides; each emulator renders
// a fault in its own wire protocol (Dropbox and Smint.io shape 429s and errors differently).
//
// Config (JSON; from the SANDBOX_FAULTS environment variable or PUT /__admin/faults):
// {
//   "seed": 42,                       // draws repeat exactly for the same seed and call order
//   "latencyMs": 20,                  // added before every counted call
//   "probabilities": {                // per call, checked in this order
//     "drop": 0.01,                   // connection destroyed before the request is handled
//     "dropAfter": 0,                 // request handled, then the connection destroyed (lost reply)
//     "rateLimit": 0.1,               // 429 too_many_requests (Retry-After)
//     "writeRateLimit": 0,            // 429 too_many_write_operations (Retry-After)
//     "writeConflict": 0,             // Dropbox: 409 too_many_write_operations
//     "serverError": 0.02             // 500 or 503
//   },
//   "retryAfterSeconds": 1,           // null: send 429 without Retry-After
//   "include": ["files/upload"],      // routes (exact or prefix ending in '*') faults apply to
//   "exclude": ["oauth2/token"],
//   "routes": { "files/download": { "latencyMs": 50, "probabilities": {...} } },
//   "schedule": [ { "route": "files/upload", "call": 3, "fault": "rateLimit", "retryAfterSeconds": 2 } ]
// }
// "call" counts that route's calls from 1 since the last counters reset; a scheduled fault
// fires exactly once, whatever the probabilities say.

const { createRandom } = require('./random');

const FAULT_KINDS = ['drop', 'dropAfter', 'rateLimit', 'writeRateLimit', 'writeConflict', 'serverError'];

function matches(route, patterns) {
	return patterns.some((pattern) =>
		pattern.endsWith('*') ? route.startsWith(pattern.slice(0, -1)) : route === pattern,
	);
}

function validateConfig(config) {
	if (config === null || typeof config !== 'object' || Array.isArray(config)) {
		throw new Error('fault config must be a JSON object');
	}
	for (const [kind, p] of Object.entries(config.probabilities || {})) {
		if (!FAULT_KINDS.includes(kind)) throw new Error(`unknown fault kind "${kind}" (use ${FAULT_KINDS.join(', ')})`);
		if (typeof p !== 'number' || p < 0 || p > 1) throw new Error(`probability of ${kind} must be in [0, 1]`);
	}
	for (const entry of config.schedule || []) {
		if (!entry.route || !Number.isInteger(entry.call) || entry.call < 1) {
			throw new Error('each schedule entry needs a route and a call number >= 1');
		}
		if (!FAULT_KINDS.includes(entry.fault) && entry.fault !== 'latency') {
			throw new Error(`unknown scheduled fault "${entry.fault}"`);
		}
	}
}

class FaultInjector {
	constructor(config = {}) {
		this.configure(config);
	}

	/** Replaces the whole configuration and restarts the random sequence. */
	configure(config = {}) {
		validateConfig(config);
		this.config = JSON.parse(JSON.stringify(config));
		this.random = createRandom(this.config.seed ?? 1);
		this.firedSchedule = new Set();
		this.resetCounters();
	}

	resetCounters() {
		this.calls = Object.create(null);
		this.injected = Object.create(null);
		this.firedSchedule = new Set();
	}

	counters() {
		const calls = { ...this.calls };
		const totalCalls = Object.values(calls).reduce((sum, n) => sum + n, 0);
		return { calls, totalCalls, faults: { ...this.injected } };
	}

	/**
	 * Counts the call and decides what happens to it.
	 * @returns {{ latencyMs: number, fault: null | { kind: string, status?: number, retryAfterSeconds?: number|null } }}
	 */
	decide(route) {
		const callNumber = (this.calls[route] = (this.calls[route] || 0) + 1);
		const config = this.config;
		const routeConfig = (config.routes && config.routes[route]) || {};
		let latencyMs = routeConfig.latencyMs ?? config.latencyMs ?? 0;

		const scheduled = (config.schedule || []).findIndex(
			(entry, index) => entry.route === route && entry.call === callNumber && !this.firedSchedule.has(index),
		);
		if (scheduled !== -1) {
			const entry = config.schedule[scheduled];
			this.firedSchedule.add(scheduled);
			if (entry.fault === 'latency') {
				return { latencyMs: latencyMs + (entry.latencyMs || 0), fault: null };
			}
			return { latencyMs, fault: this.build(entry.fault, entry) };
		}

		const applies =
			(!config.include || matches(route, config.include)) && !(config.exclude && matches(route, config.exclude));
		if (!applies) return { latencyMs, fault: null };

		const probabilities = { ...(config.probabilities || {}), ...(routeConfig.probabilities || {}) };
		for (const kind of FAULT_KINDS) {
			const p = probabilities[kind] || 0;
			// Always draw, so the sequence for one kind does not depend on the others being set.
			const draw = this.random.next();
			if (p > 0 && draw < p) return { latencyMs, fault: this.build(kind, {}) };
		}
		return { latencyMs, fault: null };
	}

	build(kind, overrides) {
		this.injected[kind] = (this.injected[kind] || 0) + 1;
		const retryAfterSeconds =
			overrides.retryAfterSeconds !== undefined
				? overrides.retryAfterSeconds
				: this.config.retryAfterSeconds !== undefined
					? this.config.retryAfterSeconds
					: 1;
		switch (kind) {
			case 'rateLimit':
			case 'writeRateLimit':
				return { kind, status: 429, retryAfterSeconds };
			case 'writeConflict':
				return { kind, status: 409 };
			case 'serverError':
				return { kind, status: overrides.status || (this.random.next() < 0.5 ? 500 : 503) };
			default:
				return { kind };
		}
	}
}

/** Reads SANDBOX_FAULTS (inline JSON, or a path to a JSON file). */
function faultConfigFromEnv(env = process.env) {
	const raw = env.SANDBOX_FAULTS;
	if (!raw) return {};
	const text = raw.trim().startsWith('{') ? raw : require('fs').readFileSync(raw, 'utf8');
	return JSON.parse(text);
}

module.exports = { FaultInjector, faultConfigFromEnv, FAULT_KINDS };
