'use strict';
// Diagnosis for benchmark 2 (not part of `npm run bench`): runs one big-file transfer through
// our nodes in real n8n with the inspector open on n8n's main process, and records
//   - process.memoryUsage() of n8n main every 200 ms (rss, heapUsed, external, arrayBuffers),
//   - the same right after a forced full GC at the peak (tells retained memory from GC lag),
//   - optionally a heap snapshot at the peak (PROFILE_SNAPSHOT=1) and a CPU profile of the whole
//     transfer (PROFILE_CPU=1), summarised by function (self time) and by file.
//
//   node test/bench/profile-bigfile.js s2d|d2s     (PROFILE_MIB=2048 PROFILE_CPU=1 PROFILE_SNAPSHOT=1,
//   PROFILE_NODE_OPTIONS: more V8/Node flags for n8n main, e.g. --max-semi-space-size=16;
//   PROFILE_ROUTE=url: File From URL (link node + upload node streaming from the link);
//   PROFILE_N8N_ENV: more environment for n8n as JSON, e.g. {"MALLOC_ARENA_MAX":"2"})
// Output: a JSON summary on stdout; the raw profile/snapshot in PROFILE_OUT (default /tmp/profile-bigfile).

const fs = require('node:fs');
const path = require('node:path');
const WebSocket = require('ws');
const { startBenchStack, runMeasured, resetCounters, counters } = require('./lib/stack');
const { generatedStream, hashesOfGenerated } = require('./lib/bytes');
const raw = require('./lib/raw-http');
const wf = require('./lib/workflows');
const { freePort } = require('../../sandbox/n8n/server');

const MIB = 1024 * 1024;

/** Resident kB of every mapping of a process (/proc/<pid>/smaps), keyed by its start address. */
function residentMappings(pid) {
	const mappings = new Map();
	let current = null;
	for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
		const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (head) {
			current = { start: head[1], sizeKb: (parseInt(head[2], 16) - parseInt(head[1], 16)) / 1024, name: head[3] || '[anonymous]', rssKb: 0 };
			mappings.set(head[1], current);
		} else if (current && line.startsWith('Rss:')) current.rssKb = Number(line.split(/\s+/)[1]);
	}
	return mappings;
}

/** Where resident memory grew between two readings: by mapping name, and the largest single mappings. */
function residentGrowth(before, after) {
	const byName = new Map();
	const single = [];
	for (const [start, mapping] of after) {
		const delta = mapping.rssKb - (before.get(start)?.rssKb ?? 0);
		const kind = mapping.name.startsWith('/') ? mapping.name.replace(/^.*node_modules\//, '') : mapping.name;
		byName.set(kind, (byName.get(kind) ?? 0) + delta);
		single.push({ start, name: kind, sizeMb: Math.round(mapping.sizeKb / 1024), rssMb: Math.round(mapping.rssKb / 1024), growthMb: Math.round(delta / 1024), new: !before.has(start) });
	}
	for (const [start, mapping] of before) if (!after.has(start)) byName.set(mapping.name, (byName.get(mapping.name) ?? 0) - mapping.rssKb);
	return {
		byNameMb: [...byName.entries()].filter(([, kb]) => Math.abs(kb) >= 1024).sort((a, b) => b[1] - a[1]).map(([name, kb]) => ({ name, growthMb: Math.round(kb / 1024) })),
		largestMappings: single.sort((a, b) => b.growthMb - a.growthMb).slice(0, 12),
	};
}
const log = (line) => process.stderr.write(`[profile] ${line}\n`);

function inspector(url) {
	const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 4 * 1024 * 1024 * 1024 });
	let nextId = 1;
	const pending = new Map();
	const listeners = new Map();
	ws.on('message', (data) => {
		const message = JSON.parse(data.toString('utf8'));
		if (message.id && pending.has(message.id)) {
			const { resolve, reject } = pending.get(message.id);
			pending.delete(message.id);
			if (message.error) reject(new Error(message.error.message));
			else resolve(message.result);
		} else if (message.method && listeners.has(message.method)) listeners.get(message.method)(message.params);
	});
	const opened = new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	return {
		opened,
		send: (method, params = {}) =>
			new Promise((resolve, reject) => {
				const id = nextId++;
				pending.set(id, { resolve, reject });
				ws.send(JSON.stringify({ id, method, params }));
			}),
		on: (method, fn) => listeners.set(method, fn),
		close: () => ws.close(),
	};
}

// Installed in n8n main through the inspector: counts GC pauses by kind (perf_hooks 'gc'
// entries), so the share of time in collections is measured, not inferred from a CPU profile.
const GC_TALLY = `(() => {
	const { PerformanceObserver, constants } = process.getBuiltinModule('perf_hooks');
	const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
	const tally = (globalThis.__gcTally = {});
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = kinds[entry.detail?.kind ?? entry.kind] ?? 'other';
			const t = (tally[kind] ??= { count: 0, ms: 0 });
			t.count++;
			t.ms += entry.duration;
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	return 'ok';
})()`;

/** V8's heap spaces of n8n main (size reserved vs used, MiB): where heapTotal grows. */
async function heapSpaces(cdp) {
	const result = await cdp.send('Runtime.evaluate', {
		expression: "JSON.stringify(process.getBuiltinModule('v8').getHeapSpaceStatistics())",
		returnByValue: true,
	});
	return Object.fromEntries(
		JSON.parse(result.result.value).map((s) => [s.space_name, { size: Math.round(s.space_size / MIB), used: Math.round(s.space_used_size / MIB) }]),
	);
}

async function gcTally(cdp) {
	const result = await cdp.send('Runtime.evaluate', { expression: 'JSON.stringify(globalThis.__gcTally ?? null)', returnByValue: true });
	const tally = JSON.parse(result.result.value) ?? {};
	return Object.fromEntries(Object.entries(tally).map(([kind, t]) => [kind, { count: t.count, ms: Math.round(t.ms) }]));
}

async function memoryUsage(cdp) {
	const result = await cdp.send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
	const usage = JSON.parse(result.result.value);
	return Object.fromEntries(Object.entries(usage).map(([key, value]) => [key, Math.round(value / MIB)]));
}

/** Self time per function and per file from a V8 CPU profile. */
function summariseProfile(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map();
	const interval = [];
	for (let i = 0; i < profile.samples.length; i++) {
		const delta = profile.timeDeltas[i + 1] ?? 0;
		interval.push(delta);
		self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
	}
	const byFunction = new Map();
	const byFile = new Map();
	let total = 0;
	for (const [id, micros] of self) {
		const frame = byId.get(id).callFrame;
		const file = frame.url ? frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '') : '(native/vm)';
		const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
		byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
		const pkg = file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/');
		byFile.set(pkg, (byFile.get(pkg) ?? 0) + micros);
		total += micros;
	}
	const top = (map, n) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), share: `${((100 * micros) / total).toFixed(1)}%` }));
	return { totalMs: Math.round(total / 1000), byFunction: top(byFunction, 30), byPackage: top(byFile, 15) };
}

/** The largest objects of a heap snapshot and the retainer chain of each (first 6 steps). */
function summariseSnapshot(text) {
	const snapshot = JSON.parse(text);
	const meta = snapshot.snapshot.meta;
	const nodeFields = meta.node_fields;
	const edgeFields = meta.edge_fields;
	const nodeTypes = meta.node_types[0];
	const edgeTypes = meta.edge_types[0];
	const N = nodeFields.length;
	const E = edgeFields.length;
	const { nodes, edges, strings } = snapshot;
	const typeOff = nodeFields.indexOf('type');
	const nameOff = nodeFields.indexOf('name');
	const sizeOff = nodeFields.indexOf('self_size');
	const edgeCountOff = nodeFields.indexOf('edge_count');
	const edgeTypeOff = edgeFields.indexOf('type');
	const edgeNameOff = edgeFields.indexOf('name_or_index');
	const edgeToOff = edgeFields.indexOf('to_node');
	const count = nodes.length / N;
	const retainers = new Map();
	let edgeIndex = 0;
	for (let n = 0; n < count; n++) {
		const edgeCount = nodes[n * N + edgeCountOff];
		for (let e = 0; e < edgeCount; e++, edgeIndex += E) {
			const to = edges[edgeIndex + edgeToOff] / N;
			const type = edgeTypes[edges[edgeIndex + edgeTypeOff]];
			if (type === 'weak') continue;
			const name = type === 'element' || type === 'hidden' ? `[${edges[edgeIndex + edgeNameOff]}]` : strings[edges[edgeIndex + edgeNameOff]];
			if (!retainers.has(to)) retainers.set(to, []);
			retainers.get(to).push({ from: n, name, type });
		}
	}
	const describe = (n) => `${nodeTypes[nodes[n * N + typeOff]]} ${String(strings[nodes[n * N + nameOff]]).slice(0, 60)} (${nodes[n * N + sizeOff]} B)`;
	const big = [];
	let totalSelf = 0;
	for (let n = 0; n < count; n++) {
		const size = nodes[n * N + sizeOff];
		totalSelf += size;
		if (size >= 512 * 1024) big.push(n);
	}
	big.sort((a, b) => nodes[b * N + sizeOff] - nodes[a * N + sizeOff]);
	const chain = (n) => {
		const steps = [];
		let current = n;
		const seen = new Set([n]);
		for (let i = 0; i < 8; i++) {
			const from = (retainers.get(current) ?? []).find((r) => !seen.has(r.from));
			if (!from) break;
			steps.push(`${from.name} ← ${describe(from.from)}`);
			seen.add(from.from);
			current = from.from;
		}
		return steps;
	};
	return {
		totalMb: Math.round(totalSelf / MIB),
		objectsOver512KiB: big.length,
		bytesInThemMb: Math.round(big.reduce((s, n) => s + nodes[n * N + sizeOff], 0) / MIB),
		largest: big.slice(0, 15).map((n) => ({ object: describe(n), retainedBy: chain(n) })),
	};
}

async function main() {
	const direction = process.argv[2] || 's2d';
	const size = Number(process.env.PROFILE_MIB || 2048) * MIB;
	const outDir = process.env.PROFILE_OUT || '/tmp/profile-bigfile';
	fs.mkdirSync(outDir, { recursive: true });
	const inspectPort = await freePort();
	const stack = await startBenchStack({
		log,
		coreDropbox: false,
		// Only n8n main opens the inspector (the task runner gets its own env from n8n).
		n8nEnv: { ...JSON.parse(process.env.PROFILE_N8N_ENV || '{}'), NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort} ${process.env.PROFILE_NODE_OPTIONS ?? ''}`.trim() },
	});
	try {
		const hashes = await hashesOfGenerated(size, 'big');
		log(`seeding ${size / MIB} MiB`);
		await raw.dropboxUploadStream(stack.dropbox, '/Bench/source.bin', generatedStream(size, 'big'), size);
		const asset = await raw.smintioCreateAsset(stack.smintio, 'source.bin', generatedStream(size, 'big'), size);
		const chunkOptions = process.env.PROFILE_CHUNK_MIB ? { chunkSizeMib: Number(process.env.PROFILE_CHUNK_MIB) } : {};
		// PROFILE_ROUTE=url: the link node, then the upload node streaming from the link (File From URL).
		const route = process.env.PROFILE_ROUTE === 'url' ? 'url' : 'binary';
		const workflow =
			direction === 's2d'
				? wf.chain('Profile S→D', wf.transferNodes(route, 'dropbox', { assetId: asset.id, name: 'from-smintio-n8n.bin', options: chunkOptions }))
				: wf.chain('Profile D→S', wf.transferNodes(route, 'smintio', { sourcePath: '/Bench/source.bin', name: 'from-dropbox-n8n.bin' }));
		const imported = await stack.client.importWorkflow(workflow);

		const targets = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
		const cdp = inspector(targets[0].webSocketDebuggerUrl);
		await cdp.opened;
		await cdp.send('Runtime.enable');
		await cdp.send('HeapProfiler.collectGarbage');
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const before = await memoryUsage(cdp);
		const mappingsBefore = residentMappings(stack.n8n.pid);
		const spacesBefore = await heapSpaces(cdp);
		log(`before: ${JSON.stringify(before)}`);
		await cdp.send('Runtime.evaluate', { expression: GC_TALLY, returnByValue: true });

		const wantCpu = process.env.PROFILE_CPU === '1';
		if (wantCpu) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
			await cdp.send('Profiler.start');
		}
		const samples = [];
		let peak = before;
		let sampling = true;
		let atPeak = null;
		let spacesAtPeak = null;
		const sampler = (async () => {
			const started = Date.now();
			while (sampling) {
				const usage = await memoryUsage(cdp).catch(() => null);
				if (usage) {
					samples.push({ t: (Date.now() - started) / 1000, ...usage });
					if (usage.rss > peak.rss) {
						peak = usage;
						spacesAtPeak = await heapSpaces(cdp).catch(() => spacesAtPeak);
					}
				}
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		})();
		// At PROFILE_PROBE_S seconds into the run (0: never): force a full GC and look at what survives it.
		const probeAt = Number(process.env.PROFILE_PROBE_S || 8) * 1000;
		const probe = (async () => {
			if (probeAt === 0) return;
			await new Promise((resolve) => setTimeout(resolve, probeAt));
			const beforeGc = await memoryUsage(cdp);
			const spacesBeforeGc = await heapSpaces(cdp);
			await cdp.send('HeapProfiler.collectGarbage');
			const afterGc = await memoryUsage(cdp);
			const spacesAfterGc = await heapSpaces(cdp);
			let snapshot = null;
			if (process.env.PROFILE_SNAPSHOT === '1') {
				const parts = [];
				cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => parts.push(chunk));
				await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
				const text = parts.join('');
				fs.writeFileSync(path.join(outDir, `${direction}.heapsnapshot`), text);
				snapshot = summariseSnapshot(text);
			}
			atPeak = { atSeconds: probeAt / 1000, beforeGc, afterGc, spacesBeforeGc, spacesAfterGc, snapshot };
		})();

		await resetCounters(stack);
		const run = await runMeasured(stack, imported.id, { fetchData: false });
		sampling = false;
		await sampler;
		await probe.catch((error) => log(`probe failed: ${error.message}`));
		let cpu = null;
		if (wantCpu) {
			const { profile } = await cdp.send('Profiler.stop');
			fs.writeFileSync(path.join(outDir, `${direction}.cpuprofile`), JSON.stringify(profile));
			cpu = summariseProfile(profile);
		}
		const gc = await gcTally(cdp);
		await cdp.send('HeapProfiler.collectGarbage');
		const after = await memoryUsage(cdp);
		const spacesAfterGc = await heapSpaces(cdp);
		// What stays resident after the forced GC, mapping by mapping (malloc's [heap], anonymous
		// mappings of V8 or of malloc's thread arenas, libraries).
		const residentAfterGc = residentGrowth(mappingsBefore, residentMappings(stack.n8n.pid));
		cdp.close();
		const maxOf = (key) => Math.max(...samples.map((s) => s[key]));
		const result = {
			direction,
			sizeMib: size / MIB,
			status: run.summary.status,
			n8nSeconds: run.n8nSeconds,
			groupMemory: run.memory,
			mainBefore: before,
			mainPeak: peak,
			mainMax: { rss: maxOf('rss'), heapUsed: maxOf('heapUsed'), external: maxOf('external'), arrayBuffers: maxOf('arrayBuffers') },
			probe: atPeak,
			mainAfterGc: after,
			residentAfterGc,
			// GC pauses in n8n main during the run (the probe's forced GC included), by kind.
			gc,
			heapSpaces: { before: spacesBefore, atPeak: spacesAtPeak, afterGc: spacesAfterGc },
			calls: await counters(stack),
			cpu,
			samples: process.env.PROFILE_SAMPLES === '1' ? samples : samples.filter((_, i) => i % 10 === 0),
		};
		process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
	} finally {
		await stack.stop();
	}
}

module.exports = { inspector, summariseProfile };

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
}
