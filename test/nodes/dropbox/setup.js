'use strict';

// Shared setup for the Dropbox Sync node tests: the Dropbox emulator (sandbox/dropbox) and the
// n8n harness (n8n-core's real engine) with the Dropbox Sync node, trigger and credentials, plus
// helpers that read the emulator's state through its admin API (what Dropbox really holds).

const crypto = require('node:crypto');

const { startDropboxEmulator } = require('../../../sandbox/dropbox');
const { createHarness } = require('../../helpers/n8n-harness');
const { DropboxSync } = require('../../../nodes/DropboxSync/DropboxSync.node');
const { DropboxSyncTrigger } = require('../../../nodes/DropboxSyncTrigger/DropboxSyncTrigger.node');
const { DropboxSyncWebhookTrigger } = require('../../../nodes/DropboxSyncWebhookTrigger/DropboxSyncWebhookTrigger.node');
const { DropboxSyncOAuth2Api } = require('../../../credentials/DropboxSyncOAuth2Api.credentials');
const { DropboxSyncApi } = require('../../../credentials/DropboxSyncApi.credentials');
const { contentHashOf } = require('../../../nodes/DropboxSync/helpers/contentHash');

const NODE = 'n8n-nodes-dropbox-sync.dropboxSync';
const TRIGGER = 'n8n-nodes-dropbox-sync.dropboxSyncTrigger';
const WEBHOOK_TRIGGER = 'n8n-nodes-dropbox-sync.dropboxSyncWebhookTrigger';
const OAUTH = { dropboxSyncOAuth2Api: 'Dropbox' };

/**
 * @param {{ emulator?: object, binaryDataMode?: 'filesystem' | 'default', root?: 'home' | 'team' }} [options]
 *   emulator: options for startDropboxEmulator (seed, faults, accessTokenLifetimeSeconds ...)
 */
async function startEnvironment({ emulator: emulatorOptions = {}, binaryDataMode = 'filesystem' } = {}) {
	const dropbox = await startDropboxEmulator({ seed: false, ...emulatorOptions });
	const { accessToken, refreshToken, clientId, clientSecret } = dropbox.credentials;
	const oauthTokenData = { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer' };
	const harness = await createHarness({
		nodeTypes: { [NODE]: DropboxSync, [TRIGGER]: DropboxSyncTrigger, [WEBHOOK_TRIGGER]: DropboxSyncWebhookTrigger },
		credentialTypes: { DropboxSyncOAuth2Api, DropboxSyncApi },
		binaryDataMode,
		credentials: {
			Dropbox: { apiBaseUrl: dropbox.baseUrl, clientId, clientSecret, oauthTokenData, root: 'home' },
			'Dropbox team': { apiBaseUrl: dropbox.baseUrl, clientId, clientSecret, oauthTokenData, root: 'team' },
			'Dropbox token': { apiBaseUrl: dropbox.baseUrl, accessToken, root: 'home' },
			'Dropbox token with app secret': { apiBaseUrl: dropbox.baseUrl, accessToken, appSecret: clientSecret, root: 'home' },
		},
	});
	const admin = adminClient(dropbox.baseUrl);
	return {
		dropbox,
		harness,
		admin,
		/** Runs the Dropbox Sync node once. */
		async run(parameters, { inputItems, continueOnFail = false, credentials = OAUTH } = {}) {
			const authentication = credentials.dropboxSyncApi ? 'accessToken' : 'oAuth2';
			return await harness.runNode({ type: NODE, parameters: { authentication, ...parameters }, credentials, inputItems, continueOnFail });
		},
		/** Input items carrying the given buffers as binary data (field "data"). */
		async binaryItems(files) {
			const items = [];
			for (const { name, data, json = {} } of files) {
				items.push({ json, binary: { data: await harness.binaryFromBuffer(data, { fileName: name, mimeType: 'application/octet-stream' }) } });
			}
			return items;
		},
		async close() {
			await harness.close();
			await dropbox.close();
		},
	};
}

function adminClient(baseUrl) {
	const send = (method, path, body) =>
		fetch(`${baseUrl}/__admin${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	const call = async (method, path, body) => {
		let response;
		try {
			response = await send(method, path, body);
		} catch (error) {
			// fetch reuses a keep-alive socket; when a slow test leaves it idle past the server's
			// keep-alive timeout, the server closes it as the next call goes out (ECONNRESET before
			// the request was read). A new connection is what the call needed.
			if (error?.cause?.code !== 'ECONNRESET') throw error;
			response = await send(method, path, body);
		}
		const text = await response.text();
		const parsed = text ? JSON.parse(text) : null;
		if (!response.ok) {
			const error = new Error(`admin ${method} ${path}: ${response.status} ${text}`);
			error.status = response.status;
			throw error;
		}
		return parsed;
	};
	const query = (params) => new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined)).toString();
	return {
		call,
		/** Every entry below a folder ("" = root), as Dropbox metadata. */
		tree: async (path = '', root) => (await call('GET', `/tree?${query({ path, root })}`)).entries,
		/** Details of one path ({ metadata, revisions, tags, sha256 }), or null when nothing is there. */
		file: async (path, root) => {
			try {
				return await call('GET', `/file?${query({ path, root })}`);
			} catch (error) {
				if (error.status === 404) return null;
				throw error;
			}
		},
		write: async (path, content, extra = {}) => await call('POST', '/files/write', { path, contentBase64: Buffer.from(content).toString('base64'), ...extra }),
		mkdir: async (path, extra = {}) => await call('POST', '/files/create_folder', { path, ...extra }),
		move: async (from, to, extra = {}) => await call('POST', '/files/move', { from, to, ...extra }),
		copy: async (from, to, extra = {}) => await call('POST', '/files/copy', { from, to, ...extra }),
		remove: async (path, extra = {}) => await call('POST', '/files/delete', { path, ...extra }),
		counters: async () => await call('GET', '/counters'),
		resetCounters: async () => await call('POST', '/counters/reset', {}),
		setFaults: async (config) => await call('PUT', '/faults', config),
		advanceClock: async (seconds) => await call('POST', '/clock', { advanceSeconds: seconds }),
		expireTokens: async () => await call('POST', '/tokens/expire', {}),
	};
}

/** Deterministic pseudo-random bytes (fast, no crypto per byte). */
function bytes(size, seed = 1) {
	const out = Buffer.allocUnsafe(size);
	let offset = 0;
	let counter = 0;
	while (offset < size) {
		const block = crypto.createHash('sha256').update(`${seed}:${counter++}`).digest();
		offset += block.copy(out, offset);
	}
	return out;
}

/** A list_folder cursor (emulator format) whose epoch no longer matches: Dropbox answers `reset`. */
function staleCursor(cursor) {
	const payload = JSON.parse(Buffer.from(cursor.slice(2), 'base64url').toString('utf8'));
	payload.e = (payload.e ?? 0) + 1000;
	return `AA${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
}

module.exports = { startEnvironment, bytes, contentHashOf, staleCursor, NODE, TRIGGER, WEBHOOK_TRIGGER, OAUTH };
