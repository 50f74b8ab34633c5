'use strict';
// Shared by the Dropbox emulator conformance tests: start an emulator in a temp dir and point
// the official `dropbox` SDK at it with a fetch that rewrites Dropbox's hosts to the emulator.

const { Dropbox, DropboxResponseError } = require('dropbox');
const { startDropboxEmulator } = require('../../../sandbox/dropbox');

const DROPBOX_HOSTS = new Set(['api.dropboxapi.com', 'content.dropboxapi.com', 'notify.dropboxapi.com']);

/**
 * A fetch for the SDK: https://{api,content,notify}.dropboxapi.com/... goes to the emulator
 * (path and query kept); `seen` records the original host of each call.
 */
function rewritingFetch(baseUrl, seen = []) {
	return (input, init) => {
		const url = new URL(typeof input === 'string' ? input : input.url);
		if (!DROPBOX_HOSTS.has(url.hostname)) throw new Error(`unexpected host ${url.hostname}`);
		seen.push({ host: url.hostname, path: url.pathname });
		return fetch(`${baseUrl}${url.pathname}${url.search}`, init);
	};
}

function startEmulator(options = {}) {
	return startDropboxEmulator({ longpollMaxWaitSeconds: 2, ...options });
}

/** An SDK client with the seeded long-lived access token. */
function client(emulator, options = {}) {
	return new Dropbox({ accessToken: emulator.credentials.accessToken, fetch: rewritingFetch(emulator.baseUrl), ...options });
}

/**
 * Awaits a rejected SDK call and checks the HTTP status and the error's tag path
 * (e.g. ['path', 'conflict', 'file']). Returns the DropboxResponseError.
 */
async function expectDropboxError(promise, status, tags) {
	let error;
	try {
		await promise;
	} catch (caught) {
		error = caught;
	}
	if (!(error instanceof DropboxResponseError)) {
		throw new Error(`expected a DropboxResponseError ${status}, got ${error ? error.stack || error : 'success'}`);
	}
	expect(error.status).toBe(status);
	if (tags) {
		expect(tagPath(error.error.error)).toEqual(tags);
		expect(error.error.error_summary.startsWith(`${tags.join('/')}/`)).toBe(true);
	}
	return error;
}

/** Members whose value is a struct with subtypes (it has a ".tag" but is not a union). */
const STRUCT_MEMBERS = new Set(['metadata', 'invalid_root', 'already_shared']);

/** ['path', 'conflict', 'file'] from a Stone union (following nested members and `reason`). */
function tagPath(union) {
	const tags = [];
	let current = union;
	while (current && typeof current === 'object' && typeof current['.tag'] === 'string') {
		const tag = current['.tag'];
		tags.push(tag);
		const inner = current[tag];
		if (inner && typeof inner === 'object' && typeof inner['.tag'] === 'string' && !STRUCT_MEMBERS.has(tag)) current = inner;
		else if (current.reason && typeof current.reason === 'object') current = current.reason;
		else break;
	}
	return tags;
}

/** Plain HTTP call to a route (for wire-level checks the SDK cannot make). */
async function rawCall(emulator, route, { body, headers = {}, method = 'POST', query = '', token = emulator.credentials.accessToken } = {}) {
	const response = await fetch(`${emulator.baseUrl}/2/${route}${query}`, {
		method,
		headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
		body,
		...(body && typeof body.getReader === 'function' ? { duplex: 'half' } : {}),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

module.exports = { rewritingFetch, startEmulator, client, expectDropboxError, tagPath, rawCall, Dropbox, DropboxResponseError };
