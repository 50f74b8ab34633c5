'use strict';
// The "raw copy": plain Node HTTP against the emulators, streaming, no n8n. It speaks the same
// protocols our nodes speak (Dropbox upload sessions; Smint.io uploadFile + createAssetAsync),
// so the time it takes is the floor a connector can approach on this machine.
// Also used to put big test files into the emulators.

const fs = require('node:fs');
const http = require('node:http');
const { pipeline } = require('node:stream/promises');
const { hashingTap } = require('./bytes');

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One HTTP request; `body` a Buffer, string, or readable (streamed). Resolves { status, headers, body }. */
function request(url, { method = 'POST', headers = {}, body, responseStream } = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent }, (res) => {
			if (responseStream && res.statusCode === 200) return resolve({ status: res.statusCode, headers: res.headers, stream: res });
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
		else pipeline(body, req).catch(reject);
	});
}

function json(response, what) {
	if (response.status < 200 || response.status >= 300) throw new Error(`${what}: HTTP ${response.status} ${String(response.body).slice(0, 300)}`);
	return response.body ? JSON.parse(response.body) : {};
}

// ---- Dropbox ----

function dropboxHeaders(token, arg, extra = {}) {
	return { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'dropbox-api-arg': JSON.stringify(arg), ...extra };
}

async function dropboxRpc(dropbox, route, arg) {
	const response = await request(`${dropbox.baseUrl}/2/${route}`, {
		headers: { authorization: `Bearer ${dropbox.credentials.accessToken}`, 'content-type': 'application/json' },
		body: arg === undefined ? 'null' : JSON.stringify(arg),
	});
	return json(response, route);
}

/**
 * Streams `source` (a readable of `size` bytes) into Dropbox at `path` through one upload
 * session: pieces of `chunkBytes` go up as they arrive, without holding a piece in memory.
 */
async function dropboxUploadStream(dropbox, path, source, size, { chunkBytes = 64 * 1024 * 1024, mode = 'overwrite' } = {}) {
	const token = dropbox.credentials.accessToken;
	const started = json(await request(`${dropbox.baseUrl}/2/files/upload_session/start`, { headers: dropboxHeaders(token, { close: false }), body: '' }), 'upload_session/start');
	const sessionId = started.session_id;
	let offset = 0;
	const iterator = source[Symbol.asyncIterator]();
	let carry = null;
	while (offset < size) {
		const want = Math.min(chunkBytes, size - offset);
		let sent = 0;
		// A readable that yields exactly `want` bytes from the source.
		const piece = require('node:stream').Readable.from(
			(async function* () {
				while (sent < want) {
					let chunk = carry;
					carry = null;
					if (!chunk) {
						const next = await iterator.next();
						if (next.done) throw new Error('source ended early');
						chunk = next.value;
					}
					if (chunk.length > want - sent) {
						carry = chunk.subarray(want - sent);
						chunk = chunk.subarray(0, want - sent);
					}
					sent += chunk.length;
					yield chunk;
				}
			})(),
			{ objectMode: false },
		);
		const response = await request(`${dropbox.baseUrl}/2/files/upload_session/append_v2`, {
			headers: dropboxHeaders(token, { cursor: { session_id: sessionId, offset }, close: false }, { 'content-length': String(want) }),
			body: piece,
		});
		json(response, 'upload_session/append_v2');
		offset += want;
	}
	const finished = await request(`${dropbox.baseUrl}/2/files/upload_session/finish`, {
		headers: dropboxHeaders(token, { cursor: { session_id: sessionId, offset }, commit: { path, mode, autorename: false, mute: true } }),
		body: '',
	});
	return json(finished, 'upload_session/finish');
}

/** A readable of a Dropbox file's bytes (files/download). */
async function dropboxDownloadStream(dropbox, path) {
	const response = await request(`${dropbox.baseUrl}/2/files/download`, {
		headers: { authorization: `Bearer ${dropbox.credentials.accessToken}`, 'dropbox-api-arg': JSON.stringify({ path }) },
		body: '',
		responseStream: true,
	});
	if (!response.stream) throw new Error(`files/download ${path}: HTTP ${response.status} ${response.body}`);
	return { stream: response.stream, metadata: JSON.parse(response.headers['dropbox-api-result']) };
}

// ---- Smint.io Portals ----

function portals(smintio) {
	return `${smintio.baseUrl}/frontend/v1`;
}

function bearer(smintio) {
	return `Bearer ${smintio.credentials.accessToken}`;
}

/** Executes a Portals method and waits for its background task (polled every `pollMs`). */
async function smintioCall(smintio, iface, method, params, { pollMs = 100 } = {}) {
	const url = `${portals(smintio)}/portals/${smintio.credentials.portalUuid}/portalsContext/${iface}/execute/${method}`;
	let task = json(await request(url, { headers: { authorization: bearer(smintio), 'content-type': 'application/json' }, body: JSON.stringify([JSON.stringify(params)]) }), `${iface}.${method}`);
	while (task.state !== 'completed') {
		if (task.state === 'error') throw new Error(`${iface}.${method} failed: ${task.result_string}`);
		await new Promise((resolve) => setTimeout(resolve, pollMs));
		task = json(await request(`${portals(smintio)}/backgroundTasks/${task.uuid}`, { method: 'GET', headers: { authorization: bearer(smintio) } }), 'backgroundTasks');
	}
	return task.result_string ? JSON.parse(task.result_string) : {};
}

/** Streams `source` (`size` bytes) to uploadFile as multipart/form-data; resolves the upload uuid. */
async function smintioUploadStream(smintio, fileName, source, size, mimeType = 'application/octet-stream') {
	const boundary = `----bench${Date.now().toString(16)}`;
	const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mimeType}\r\n\r\n`);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const body = require('node:stream').Readable.from(
		(async function* () {
			yield head;
			for await (const chunk of source) yield chunk;
			yield tail;
		})(),
		{ objectMode: false },
	);
	const response = await request(`${portals(smintio)}/portals/${smintio.credentials.portalUuid}/portalsContext/uploadFile`, {
		headers: { authorization: bearer(smintio), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) },
		body,
	});
	return json(response, 'uploadFile').uuid;
}

/** uploadFile + createAssetAsync: the asset. */
async function smintioCreateAsset(smintio, fileName, source, size, params = {}) {
	const uploadedFileUuid = await smintioUploadStream(smintio, fileName, source, size);
	const result = await smintioCall(smintio, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid, name: fileName, ...params });
	return result.assetDataObject;
}

/** A readable of an asset's Original (download groups → initiate → pre-signed URL). */
async function smintioDownloadStream(smintio, assetId) {
	const groups = await smintioCall(smintio, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: assetId }] });
	const item = groups.assetDownloadGroups.flatMap((g) => g.assetDownloadItems).find((i) => i.itemId === 'Original');
	const initiated = await smintioCall(smintio, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', {
		assetIds: [{ id: assetId }], assetDownloadItems: [item], immediatelyDownload: true,
	});
	const response = await request(initiated.assetDownloadUrl.url, { method: 'GET', responseStream: true });
	if (!response.stream) throw new Error(`asset download: HTTP ${response.status} ${response.body}`);
	return { stream: response.stream, size: Number(response.headers['content-length']) };
}

// ---- the raw copies (what the benchmark times) ----

/** Smint.io asset → Dropbox path, streaming; returns the hashes of what passed. */
async function rawCopySmintioToDropbox(smintio, dropbox, assetId, path, options) {
	const { stream, size } = await smintioDownloadStream(smintio, assetId);
	const tap = hashingTap();
	const metadata = await dropboxUploadStream(dropbox, path, stream.pipe(tap), size, options);
	return { metadata, ...tap.result() };
}

/** Dropbox path → new Smint.io asset, streaming; returns the asset and hashes. */
async function rawCopyDropboxToSmintio(dropbox, smintio, path, fileName) {
	const { stream, metadata } = await dropboxDownloadStream(dropbox, path);
	const tap = hashingTap();
	const asset = await smintioCreateAsset(smintio, fileName, stream.pipe(tap), metadata.size);
	return { asset, ...tap.result() };
}

// ---- store and forward: what n8n's node-by-node execution has to do, without n8n ----
// n8n runs a workflow's nodes one after the other and hands a file from one node to the next
// through its binary-data store, so a download node finishes writing the whole file before the
// upload node reads the first byte. These copies do the same with plain Node: socket → file,
// then file → socket (same protocols as the streaming copies above). Their time is the floor
// any two-node transfer in n8n can approach; our time over it is what n8n and our nodes add.

async function timed(fn) {
	const started = process.hrtime.bigint();
	const value = await fn();
	return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Smint.io asset → `file` → Dropbox path; the two legs timed apart. */
async function storeAndForwardSmintioToDropbox(smintio, dropbox, assetId, path, file, options) {
	const down = await timed(async () => {
		const { stream, size } = await smintioDownloadStream(smintio, assetId);
		await pipeline(stream, fs.createWriteStream(file));
		return size;
	});
	const tap = hashingTap();
	try {
		const up = await timed(() => dropboxUploadStream(dropbox, path, fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(tap), down.value, options));
		return { metadata: up.value, downloadSeconds: down.seconds, uploadSeconds: up.seconds, ...tap.result() };
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Dropbox path → `file` → new Smint.io asset; the two legs timed apart. */
async function storeAndForwardDropboxToSmintio(dropbox, smintio, path, fileName, file) {
	const down = await timed(async () => {
		const { stream, metadata } = await dropboxDownloadStream(dropbox, path);
		await pipeline(stream, fs.createWriteStream(file));
		return metadata.size;
	});
	const tap = hashingTap();
	try {
		const up = await timed(() => smintioCreateAsset(smintio, fileName, fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(tap), down.value));
		return { asset: up.value, downloadSeconds: down.seconds, uploadSeconds: up.seconds, ...tap.result() };
	} finally {
		fs.rmSync(file, { force: true });
	}
}

module.exports = {
	request, dropboxRpc, dropboxUploadStream, dropboxDownloadStream,
	smintioCall, smintioUploadStream, smintioCreateAsset, smintioDownloadStream,
	rawCopySmintioToDropbox, rawCopyDropboxToSmintio, timed,
	storeAndForwardSmintioToDropbox, storeAndForwardDropboxToSmintio,
};
