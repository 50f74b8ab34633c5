'use strict';
// Benchmark 2: one big file (default 2 GiB) Smint.io → Dropbox and Dropbox → Smint.io through
// our nodes in real n8n (binary data in filesystem mode), against a raw streaming HTTP copy of
// the same bytes between the same emulators, and against n8n's core Dropbox node.

const path = require('node:path');
const { startBenchStack, counters, resetCounters, runMeasured, executionError, nodeTimes } = require('./lib/stack');
const { generatedStream, hashesOfGenerated } = require('./lib/bytes');
const raw = require('./lib/raw-http');
const wf = require('./lib/workflows');
const { idleRss, groupRss, MB } = require('./lib/memory');
const { LEAN_N8N_ENV } = require('./lib/n8n-settings');

const MIB = 1024 * 1024;

async function adminFile(stack, path) {
	return await stack.dropboxAdmin.get(`/file?path=${encodeURIComponent(path)}&root=home`);
}

/** Puts the test bytes into both emulators (not timed). */
async function seed(stack, size, hashes, log) {
	log(`seeding ${size / MIB} MiB into both emulators`);
	const meta = await raw.dropboxUploadStream(stack.dropbox, '/Bench/source.bin', generatedStream(size, 'big'), size);
	if (meta.content_hash !== hashes.contentHash) throw new Error('seeded Dropbox file has the wrong content_hash');
	const asset = await raw.smintioCreateAsset(stack.smintio, 'source.bin', generatedStream(size, 'big'), size);
	if (asset.fileMetadata.sha1Hash !== hashes.sha1) throw new Error('seeded Smint.io asset has the wrong SHA-1');
	return asset.id;
}

/** n8n's execution time of each node, in seconds. */
function nodeSeconds(execution) {
	return Object.fromEntries(Object.entries(nodeTimes(execution)).map(([name, ms]) => [name, ms / 1000]));
}

/**
 * Our two transfers in n8n, each on a freshly started n8n, with the bytes that arrived checked.
 * `route`: 'binary' (a download node, then an upload node: the file passes n8n's binary-data
 * store) or 'url' (a link node, then the upload node with File From = URL: streamed).
 */
async function ourTransfers(stack, assetId, size, hashes, log, route = 'binary') {
	const results = {};
	const streamed = route === 'url';
	const suffix = streamed ? '-url' : '';
	const routeLabel = streamed ? ', File From URL' : '';
	const toDropbox = await stack.client.importWorkflow(
		wf.chain(`Bench · big file Smint.io → Dropbox (our nodes${routeLabel})`, wf.transferNodes(route, 'dropbox', { assetId, name: `from-smintio-n8n${suffix}.bin` })),
	);
	const toSmintio = await stack.client.importWorkflow(
		wf.chain(`Bench · big file Dropbox → Smint.io (our nodes${routeLabel})`, wf.transferNodes(route, 'smintio', { sourcePath: '/Bench/source.bin', name: `from-dropbox-n8n${suffix}.bin` })),
	);
	if (streamed) {
		// Each direction on a fresh n8n, as for the binary route.
		await stack.restartN8n();
		await idleRss(stack.n8n.pid, { settleMs: 10000 });
	}

	await resetCounters(stack);
	log(`our nodes${streamed ? ', File From URL' : ''}: Smint.io → Dropbox`);
	const a = await runMeasured(stack, toDropbox.id, { fetchData: true });
	const arrived = a.summary.status === 'success' ? await adminFile(stack, `/Bench/from-smintio-n8n${suffix}.bin`) : null;
	results.smintioToDropbox = {
		status: a.summary.status,
		error: executionError(a.execution),
		seconds: a.n8nSeconds,
		wallSeconds: a.seconds,
		memory: a.memory,
		calls: await counters(stack),
		nodeSeconds: nodeSeconds(a.execution),
		intact: arrived ? arrived.metadata.content_hash === hashes.contentHash && arrived.metadata.size === size : false,
	};

	// A fresh n8n for the second direction: memory the first transfer freed but n8n's allocator
	// kept would otherwise be reused and hide this transfer's growth.
	await stack.restartN8n();
	await idleRss(stack.n8n.pid, { settleMs: 10000 });
	await resetCounters(stack);
	log(`our nodes${streamed ? ', File From URL' : ''}: Dropbox → Smint.io`);
	const b = await runMeasured(stack, toSmintio.id, { fetchData: true });
	const created = b.execution?.outputs?.['Upload to Smint.io']?.[0];
	results.dropboxToSmintio = {
		status: b.summary.status,
		error: executionError(b.execution),
		seconds: b.n8nSeconds,
		wallSeconds: b.seconds,
		memory: b.memory,
		calls: await counters(stack),
		nodeSeconds: nodeSeconds(b.execution),
		intact: created ? created.fileMetadata?.sha1Hash === hashes.sha1 && created.fileMetadata?.fileSizeInBytes === size : false,
	};
	return results;
}

async function runDefault({ size, coreUploadMib, log }) {
	const stack = await startBenchStack({ log });
	try {
		const hashes = await hashesOfGenerated(size, 'big');
		const assetId = await seed(stack, size, hashes, log);
		const idle = await idleRss(stack.n8n.pid, { settleMs: 20000 });
		log(`idle n8n RSS ${idle.totalMb} MB (main ${idle.mainMb}, runner ${idle.runnerMb})`);

		await resetCounters(stack);
		log('raw copy: Smint.io → Dropbox');
		const rawA = await raw.timed(() => raw.rawCopySmintioToDropbox(stack.smintio, stack.dropbox, assetId, '/Bench/from-smintio-raw.bin'));
		const rawACalls = await counters(stack);
		await resetCounters(stack);
		log('raw copy: Dropbox → Smint.io');
		const rawB = await raw.timed(() => raw.rawCopyDropboxToSmintio(stack.dropbox, stack.smintio, '/Bench/source.bin', 'from-dropbox-raw.bin'));
		const rawBCalls = await counters(stack);
		// Store and forward (download to a file, then upload it): the floor of n8n's node-by-node hand-off.
		const spool = path.join(stack.workDir, 'store-and-forward.bin');
		log('store and forward: Smint.io → Dropbox');
		const sfA = await raw.storeAndForwardSmintioToDropbox(stack.smintio, stack.dropbox, assetId, '/Bench/from-smintio-sf.bin', spool);
		log('store and forward: Dropbox → Smint.io');
		const sfB = await raw.storeAndForwardDropboxToSmintio(stack.dropbox, stack.smintio, '/Bench/source.bin', 'from-dropbox-sf.bin', spool);

		const ours = await ourTransfers(stack, assetId, size, hashes, log);
		ours.streamed = await ourTransfers(stack, assetId, size, hashes, log, 'url');

		// The same Smint.io → Dropbox transfer with the Dropbox Sync node's Chunk Size at 64 MiB
		// (default 8): fewer session calls, each paying the injected latency.
		const chunk64 = await stack.client.importWorkflow(
			wf.chain('Bench · big file Smint.io → Dropbox, chunks of 64 MiB', [wf.smintioDownload(assetId), wf.dropboxUpload('/Bench', 'from-smintio-n8n-64.bin', { chunkSizeMib: 64 })]),
		);
		await resetCounters(stack);
		log('our nodes: Smint.io → Dropbox with 64 MiB chunks');
		const c64 = await runMeasured(stack, chunk64.id);
		const c64File = c64.summary.status === 'success' ? await adminFile(stack, '/Bench/from-smintio-n8n-64.bin') : null;
		ours.smintioToDropboxChunk64 = {
			status: c64.summary.status,
			error: executionError(c64.execution),
			seconds: c64.n8nSeconds,
			memory: c64.memory,
			calls: await counters(stack),
			intact: c64File ? c64File.metadata.content_hash === hashes.contentHash && c64File.metadata.size === size : false,
		};

		// n8n's core Dropbox node: an upload above 150 MB (its only upload is one files/upload call)…
		const coreSize = coreUploadMib * MIB;
		await raw.dropboxUploadStream(stack.dropbox, '/Bench/core-source.bin', generatedStream(coreSize, 'core'), coreSize);
		const coreUploadWf = await stack.client.importWorkflow(
			wf.chain(`Bench · core Dropbox node uploads ${coreUploadMib} MiB`, [
				wf.dropboxDownload('/Bench/core-source.bin'),
				wf.coreDropboxUpload('/Alex Example/Bench/core-upload.bin'),
			]),
		);
		await resetCounters(stack);
		log(`core Dropbox node: upload ${coreUploadMib} MiB`);
		const coreUp = await runMeasured(stack, coreUploadWf.id);
		const coreUpCalls = await counters(stack);

		// …and a download of the big file (it holds the whole file in memory).
		const coreDownloadWf = await stack.client.importWorkflow(
			wf.chain('Bench · core Dropbox node downloads the big file', [wf.coreDropboxDownload('/Alex Example/Bench/source.bin')]),
		);
		await resetCounters(stack);
		log(`core Dropbox node: download ${size / MIB} MiB`);
		// The core node holds the whole file in memory; n8n may not survive it (then it stops answering).
		let coreDown;
		let coreDownExec = null;
		try {
			coreDown = await runMeasured(stack, coreDownloadWf.id, { timeoutMs: 20 * 60 * 1000, fetchData: false });
			if (coreDown.summary.status !== 'success') coreDownExec = await stack.client.getExecution(coreDown.summary.id);
		} catch (error) {
			log(`core Dropbox node download: n8n stopped answering (${error.message})`);
			coreDown = { summary: { status: 'n8n stopped answering' }, n8nSeconds: null, memory: null, failure: error.message };
		}
		const coreDownCalls = await counters(stack);
		let after = { totalBytes: 0 };
		try {
			after = groupRss(stack.n8n.pid);
		} catch {
			// n8n is gone
		}

		return {
			sizeBytes: size,
			hashes,
			idle,
			raw: {
				smintioToDropbox: { seconds: rawA.seconds, intact: rawA.value.metadata.content_hash === hashes.contentHash, calls: rawACalls },
				dropboxToSmintio: { seconds: rawB.seconds, intact: rawB.value.asset.fileMetadata.sha1Hash === hashes.sha1, calls: rawBCalls },
			},
			storeAndForward: {
				smintioToDropbox: { seconds: sfA.downloadSeconds + sfA.uploadSeconds, downloadSeconds: sfA.downloadSeconds, uploadSeconds: sfA.uploadSeconds, intact: sfA.metadata.content_hash === hashes.contentHash },
				dropboxToSmintio: { seconds: sfB.downloadSeconds + sfB.uploadSeconds, downloadSeconds: sfB.downloadSeconds, uploadSeconds: sfB.uploadSeconds, intact: sfB.asset.fileMetadata.sha1Hash === hashes.sha1 },
			},
			ours,
			core: {
				upload: {
					sizeBytes: coreSize,
					status: coreUp.summary.status,
					error: executionError(coreUp.execution),
					seconds: coreUp.n8nSeconds,
					memory: coreUp.memory,
					calls: coreUpCalls,
				},
				download: {
					sizeBytes: size,
					status: coreDown.summary.status,
					error: coreDown.failure ? { message: coreDown.failure } : executionError(coreDownExec),
					seconds: coreDown.n8nSeconds,
					memory: coreDown.memory,
					calls: coreDownCalls,
					rssAfterMb: Math.round(after.totalBytes / MB),
				},
			},
			frontRequests: stack.front.forwardedRequests(),
		};
	} finally {
		await stack.stop();
	}
}

async function runLean({ size, log }) {
	const stack = await startBenchStack({ log, coreDropbox: false, n8nEnv: LEAN_N8N_ENV });
	try {
		const hashes = await hashesOfGenerated(size, 'big');
		const assetId = await seed(stack, size, hashes, log);
		const idle = await idleRss(stack.n8n.pid, { settleMs: 20000 });
		log(`lean n8n idle RSS ${idle.totalMb} MB`);
		const ours = await ourTransfers(stack, assetId, size, hashes, log);
		return { env: LEAN_N8N_ENV, idle, ours };
	} finally {
		await stack.stop();
	}
}

/**
 * @param {{ sizeMib?: number, coreUploadMib?: number, lean?: boolean, log: (line: string) => void }} options
 */
async function runBigFile({ sizeMib = 2048, coreUploadMib = 300, lean = true, log }) {
	const size = sizeMib * MIB;
	const standard = await runDefault({ size, coreUploadMib, log });
	const leanResult = lean ? await runLean({ size, log }) : null;
	return { standard, lean: leanResult };
}

module.exports = { runBigFile, seedBigFile: seed };
