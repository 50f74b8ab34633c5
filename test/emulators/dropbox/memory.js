'use strict';
// Peak memory of the Dropbox emulator during a 1 GiB round trip (not part of `npm test`):
//
//   node test/emulators/dropbox/memory.js [sizeMiB=1024] [chunkMiB=128] [sequential|concurrent]
//
// Starts the sandbox (`sandbox/dropbox/main.js`) as a child process on a temp data dir,
// uploads SIZE in an upload session (append_v2 requests of CHUNK, each streamed; a concurrent
// session sends two appends at a time and the emulator re-reads the file to hash it), downloads it
// back with four parallel Range requests, checks the content_hash three ways (computed while
// sending, computed while receiving, reported by the emulator), and prints the child's peak
// resident memory from /proc/<pid>/status (VmHWM). Exits 1 when it is 150 MB or more.

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const readline = require('readline');
const { spawn } = require('child_process');
const { BLOCK_SIZE } = require('../../../sandbox/dropbox/content-hash');

const MiB = 1024 * 1024;
const LIMIT_MB = 150;
const sizeMiB = Number(process.argv[2] || 1024);
const chunkMiB = Number(process.argv[3] || 128);
const mode = process.argv[4] || 'sequential';
const TOTAL = sizeMiB * MiB;
const CHUNK = chunkMiB * MiB;
const MAIN = path.join(__dirname, '..', '..', '..', 'sandbox', 'dropbox', 'main.js');

function status(pid) {
	const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)[1]);
	return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

function startSandbox(dataDir) {
	const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolve, reject) => {
		readline.createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
}

/** One HTTP request with a streamed body produced by `writeBody(req)`. */
function request(url, { method = 'POST', headers = {}, writeBody, onData }) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers }, (res) => {
			const chunks = [];
			res.on('data', (chunk) => (onData ? onData(chunk) : chunks.push(chunk)));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: onData ? null : Buffer.concat(chunks).toString() }));
			res.on('error', reject);
		});
		req.on('error', reject);
		if (writeBody) writeBody(req).catch(reject);
		else req.end();
	});
}

/**
 * Streams `size` random bytes, hashing each 4 MiB block as it passes. Pieces start on block
 * boundaries, so pieces sent in parallel still yield the whole file's block digests.
 */
async function writePseudoRandom(req, size, digests, firstBlock) {
	let block = firstBlock;
	let blockHash = crypto.createHash('sha256');
	let inBlock = 0;
	for (let sent = 0; sent < size; ) {
		const piece = crypto.randomBytes(Math.min(MiB, size - sent));
		blockHash.update(piece);
		inBlock += piece.length;
		if (inBlock === BLOCK_SIZE) {
			digests[block++] = blockHash.digest();
			blockHash = crypto.createHash('sha256');
			inBlock = 0;
		}
		sent += piece.length;
		if (!req.write(piece)) await new Promise((resolve) => req.once('drain', resolve));
	}
	if (inBlock > 0) digests[block] = blockHash.digest();
	req.end();
}

const combine = (digests) => crypto.createHash('sha256').update(Buffer.concat(digests)).digest('hex');

async function main() {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropbox-memory-'));
	const { child, info } = await startSandbox(dataDir);
	const auth = { Authorization: `Bearer ${info.accessToken}` };
	let sampledPeak = 0;
	const sampler = setInterval(() => {
		sampledPeak = Math.max(sampledPeak, status(child.pid).rssMb);
	}, 100);
	const baseline = status(child.pid);
	try {
		const started = Date.now();
		const uploadDigests = new Array(Math.ceil(TOTAL / BLOCK_SIZE));
		const start = await request(`${info.baseUrl}/2/files/upload_session/start`, {
			headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': JSON.stringify({ session_type: mode }) },
			writeBody: async (req) => req.end(),
		});
		const sessionId = JSON.parse(start.body).session_id;
		// Sequential sessions take one append after the other; a concurrent session gets two
		// appends in flight at a time.
		const append = (offset) => {
			const size = Math.min(CHUNK, TOTAL - offset);
			const arg = JSON.stringify({ cursor: { session_id: sessionId, offset }, close: offset + size === TOTAL });
			return request(`${info.baseUrl}/2/files/upload_session/append_v2`, {
				headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': arg, 'Content-Length': size },
				writeBody: (req) => writePseudoRandom(req, size, uploadDigests, offset / BLOCK_SIZE),
			}).then((appended) => {
				if (appended.status !== 200) throw new Error(`append at ${offset}: ${appended.status} ${appended.body}`);
			});
		};
		const offsets = [];
		for (let offset = 0; offset < TOTAL; offset += CHUNK) offsets.push(offset);
		if (mode === 'concurrent') {
			// The closing append goes last, after every other piece arrived.
			const last = offsets.pop();
			for (let i = 0; i < offsets.length; i += 2) await Promise.all(offsets.slice(i, i + 2).map(append));
			await append(last);
		} else {
			for (const offset of offsets) await append(offset);
		}
		const finishArg = JSON.stringify({ cursor: { session_id: sessionId, offset: TOTAL }, commit: { path: '/memory/round-trip.bin', mode: 'overwrite' } });
		const finished = await request(`${info.baseUrl}/2/files/upload_session/finish`, {
			headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': finishArg },
			writeBody: async (req) => req.end(),
		});
		if (finished.status !== 200) throw new Error(`finish: ${finished.status} ${finished.body}`);
		const metadata = JSON.parse(finished.body);
		const uploadSeconds = (Date.now() - started) / 1000;
		const afterUpload = status(child.pid);

		// Download in four parallel ranges on 4 MiB block boundaries; block digests are combined in order.
		const downloadStarted = Date.now();
		const blocks = Math.ceil(TOTAL / BLOCK_SIZE);
		const perRange = Math.ceil(blocks / 4);
		const digests = new Array(blocks);
		const arg = encodeURIComponent(JSON.stringify({ path: '/memory/round-trip.bin' }));
		await Promise.all(
			[0, 1, 2, 3].map(async (part) => {
				const first = part * perRange;
				if (first >= blocks) return;
				const startByte = first * BLOCK_SIZE;
				const endByte = Math.min(TOTAL, (first + perRange) * BLOCK_SIZE) - 1;
				let block = first;
				let blockHash = crypto.createHash('sha256');
				let inBlock = 0;
				const response = await request(`${info.baseUrl}/2/files/download?arg=${arg}`, {
					method: 'GET',
					headers: { ...auth, Range: `bytes=${startByte}-${endByte}` },
					onData: (chunk) => {
						let at = 0;
						while (at < chunk.length) {
							const take = Math.min(BLOCK_SIZE - inBlock, chunk.length - at);
							blockHash.update(chunk.subarray(at, at + take));
							inBlock += take;
							at += take;
							if (inBlock === BLOCK_SIZE) {
								digests[block++] = blockHash.digest();
								blockHash = crypto.createHash('sha256');
								inBlock = 0;
							}
						}
					},
				});
				if (response.status !== 206) throw new Error(`range ${part}: HTTP ${response.status}`);
				if (inBlock > 0) digests[block++] = blockHash.digest();
			}),
		);
		const downloadHash = combine(digests);
		const downloadSeconds = (Date.now() - downloadStarted) / 1000;
		const end = status(child.pid);
		clearInterval(sampler);

		const sentHash = combine(uploadDigests);
		const hashesAgree = sentHash === metadata.content_hash && downloadHash === metadata.content_hash;
		const report = {
			mode,
			sizeMiB,
			chunkMiB,
			uploadSeconds,
			downloadSeconds,
			contentHash: metadata.content_hash,
			hashesAgree,
			emulatorRssMb: {
				baseline: Number(baseline.rssMb.toFixed(1)),
				afterUpload: Number(afterUpload.rssMb.toFixed(1)),
				end: Number(end.rssMb.toFixed(1)),
				sampledPeak: Number(sampledPeak.toFixed(1)),
				peakVmHWM: Number(end.hwmMb.toFixed(1)),
			},
			limitMb: LIMIT_MB,
		};
		console.log(JSON.stringify(report, null, 2));
		if (!hashesAgree) throw new Error('content hashes differ');
		if (end.hwmMb >= LIMIT_MB) throw new Error(`emulator peak RSS ${end.hwmMb.toFixed(1)} MB is over ${LIMIT_MB} MB`);
		console.log(`OK: emulator peak RSS ${end.hwmMb.toFixed(1)} MB (VmHWM) for a ${sizeMiB} MiB round trip`);
	} finally {
		clearInterval(sampler);
		child.kill('SIGTERM');
		await new Promise((resolve) => child.once('exit', resolve));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error.stack || error);
	process.exit(1);
});
