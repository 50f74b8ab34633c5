'use strict';
// Plain-HTTP helpers for the Smint.io emulator's protocol tests: start an emulator, call
// Portals methods with the array-of-one-JSON-string body, poll background tasks, call the
// admin API, build multipart bodies and read stored zips.

const axios = require('axios');
const crypto = require('crypto');
const { startSmintioEmulator } = require('../../../sandbox/smintio');

const PORTAL = '7c3f9a52-4d1e-4b8a-9f2e-6a1d0c5e8b47';

/** An axios instance that never throws on HTTP status. */
function http(baseURL, token) {
	return axios.create({
		baseURL,
		validateStatus: () => true,
		maxRedirects: 0,
		headers: token ? { Authorization: `Bearer ${token}` } : {},
	});
}

async function start(options = {}) {
	const emulator = await startSmintioEmulator({ taskDelayMs: 150, ...options });
	const api = http(emulator.baseUrl, emulator.credentials.accessToken);
	return { emulator, api, admin: http(emulator.baseUrl) };
}

const methodPath = (iface, method, portal = PORTAL) => `/frontend/v1/portals/${portal}/portalsContext/${iface}/execute/${method}`;

/** Encodes parameters the Portals way: ["{...}"], or [] for none. */
const encode = (params) => (params === undefined ? [] : [JSON.stringify(params)]);

/** POST execute; returns the raw response (a task on 200). */
function execute(api, iface, method, params, options = {}) {
	return api.post(methodPath(iface, method, options.portal), encode(params), {
		headers: { 'Content-Type': 'application/json' },
		params: options.query,
	});
}

async function pollTask(api, uuid, { intervalMs = 25, timeoutMs = 10000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	const states = [];
	for (;;) {
		const response = await api.get(`/frontend/v1/backgroundTasks/${uuid}`);
		if (response.status !== 200) throw new Error(`task poll answered ${response.status}: ${JSON.stringify(response.data)}`);
		states.push(response.data.state);
		if (response.data.state === 'completed' || response.data.state === 'error') return { task: response.data, states };
		if (Date.now() > deadline) throw new Error(`task ${uuid} did not finish: ${JSON.stringify(response.data)}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * Calls a method and waits for its task.
 * @returns {Promise<{ status: number, task: any, result?: any, error?: any, states: string[] }>}
 */
async function call(api, iface, method, params, options) {
	const response = await execute(api, iface, method, params, options);
	if (response.status !== 200) return { status: response.status, body: response.data, states: [] };
	let task = response.data;
	const states = [task.state];
	if (task.state !== 'completed' && task.state !== 'error') {
		const polled = await pollTask(api, task.uuid);
		task = polled.task;
		states.push(...polled.states);
	}
	const parsed = task.result_string === null ? null : JSON.parse(task.result_string);
	return task.state === 'completed'
		? { status: 200, task, result: parsed, states }
		: { status: 200, task, error: parsed, states };
}

/** Like call(), but fails the test unless the task completed. */
async function ok(api, iface, method, params) {
	const outcome = await call(api, iface, method, params);
	if (!outcome.result) throw new Error(`${iface}.${method} failed: ${JSON.stringify(outcome.error || outcome.body)}`);
	return outcome.result;
}

/** A multipart/form-data body with one file part (small files; see upload-large.test.js for streams). */
function multipart(fileName, bytes, mediaType = 'application/octet-stream', field = 'file') {
	const boundary = `----smintio-test-${crypto.randomBytes(8).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${mediaType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(api, fileName, bytes, mediaType) {
	const { body, contentType } = multipart(fileName, bytes, mediaType);
	const response = await api.post(`/frontend/v1/portals/${PORTAL}/portalsContext/uploadFile`, body, {
		headers: { 'Content-Type': contentType },
	});
	if (response.status !== 200) throw new Error(`upload answered ${response.status}: ${JSON.stringify(response.data)}`);
	return response.data.uuid;
}

const sha1 = (bytes) => crypto.createHash('sha1').update(bytes).digest('hex');

/** Entries of a stored (uncompressed) zip, read from its central directory. */
function readStoredZip(buffer) {
	const endAt = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endAt < 0) throw new Error('no end of central directory');
	const count = buffer.readUInt16LE(endAt + 10);
	let at = buffer.readUInt32LE(endAt + 16);
	const entries = [];
	for (let i = 0; i < count; i++) {
		if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central header');
		const crc = buffer.readUInt32LE(at + 16);
		const size = buffer.readUInt32LE(at + 24);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const localAt = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		if (buffer.readUInt32LE(localAt) !== 0x04034b50) throw new Error('bad local header');
		const dataAt = localAt + 30 + buffer.readUInt16LE(localAt + 26) + buffer.readUInt16LE(localAt + 28);
		entries.push({ name, crc, size, data: buffer.subarray(dataAt, dataAt + size) });
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** Pages through the change feed until hasMoreResults is false. */
async function drainChanges(api, cursor, pageSize = 50) {
	const changes = [];
	let current = cursor;
	for (;;) {
		const page = await ok(api, 'IAssetsChanges', 'getChangesAsync', { continuationUuid: current, pageSize });
		changes.push(...page.changes);
		current = page.details.continuationUuid;
		if (!page.details.hasMoreResults) return { changes, cursor: current, last: page };
	}
}

/** Pages through the licence feed until an empty page. */
async function drainFeed(api, cursor, limit = 10, { spelling = 'continuation_uuid' } = {}) {
	const purchases = [];
	let current = cursor;
	const pages = [];
	for (;;) {
		const params = { limit };
		if (current) params[spelling] = current;
		const response = await api.get('/consumer/v1/sync/license-purchase-transactions', { params });
		if (response.status !== 200) throw new Error(`feed answered ${response.status}: ${JSON.stringify(response.data)}`);
		pages.push(response.data);
		current = response.data.continuation_uuid;
		if (response.data.count === 0) return { purchases, cursor: current, pages };
		purchases.push(...response.data.license_purchase_transactions);
	}
}

module.exports = {
	PORTAL,
	http,
	start,
	methodPath,
	encode,
	execute,
	pollTask,
	call,
	ok,
	multipart,
	upload,
	sha1,
	readStoredZip,
	drainChanges,
	drainFeed,
};
