'use strict';
// Shared setup for the Smint.io node tests: the emulator (sandbox/smintio) on a free port, the
// n8n harness with the Smint.io node, trigger and credential, and small helpers to run
// operations and to read the emulator's state through its admin API.

const axios = require('axios');
const { createHarness } = require('../../helpers/n8n-harness');
const { startSmintioEmulator } = require('../../../sandbox/smintio');
const { SmintIo } = require('../../../nodes/SmintIo/SmintIo.node');
const { SmintIoTrigger } = require('../../../nodes/SmintIoTrigger/SmintIoTrigger.node');
const { SmintIoOAuth2Api } = require('../../../credentials/SmintIoOAuth2Api.credentials');

const NODE = 'n8n-nodes-smintio.smintIo';
const TRIGGER = 'n8n-nodes-smintio.smintIoTrigger';
const CREDENTIALS = { smintIoOAuth2Api: 'Smint.io' };
/** Fast background-task polling for the sandbox (production default is 1000 ms). */
const FAST = { taskPollIntervalMs: 15 };

/** The emulator's sandbox credentials (a function or an object, depending on its version). */
function emulatorCredentials(emulator) {
	return typeof emulator.credentials === 'function' ? emulator.credentials() : emulator.credentials;
}

function credentialData(emulator, overrides = {}) {
	const creds = emulatorCredentials(emulator);
	return {
		tenantId: creds.tenant,
		portalUuid: creds.portalUuid,
		identityBaseUrl: emulator.baseUrl,
		portalsBaseUrl: `${emulator.baseUrl}/frontend/v1`,
		clapiBaseUrl: `${emulator.baseUrl}/consumer/v1`,
		grantType: 'authorizationCode',
		clientId: creds.clientId,
		clientSecret: creds.clientSecret,
		oauthTokenData: { access_token: creds.accessToken, refresh_token: creds.refreshToken, token_type: 'Bearer' },
		...overrides,
	};
}

/**
 * @param {{ emulator?: object, binaryDataMode?: 'filesystem' | 'default', credential?: object, nodeTypes?: object }} [options]
 */
async function setup(options = {}) {
	const emulator = await startSmintioEmulator({ taskDelayMs: 30, ...options.emulator });
	const harness = await createHarness({
		nodeTypes: { [NODE]: SmintIo, [TRIGGER]: SmintIoTrigger, ...options.nodeTypes },
		credentialTypes: { SmintIoOAuth2Api },
		credentials: { 'Smint.io': credentialData(emulator, options.credential) },
		binaryDataMode: options.binaryDataMode ?? 'filesystem',
	});
	const admin = axios.create({ baseURL: `${emulator.baseUrl}/__admin`, validateStatus: () => true });

	const ctx = {
		emulator,
		harness,
		admin,
		credentials: () => emulatorCredentials(emulator),
		/** Runs the Smint.io node once; `options` are merged over the fast task polling. */
		run(parameters, runOptions = {}) {
			const withOptions = { ...parameters, options: { ...FAST, ...(parameters.options ?? {}) } };
			return harness.runNode({ type: NODE, parameters: withOptions, credentials: CREDENTIALS, ...runOptions });
		},
		/** Polls the trigger: `{ name, parameters, staticData, mode }` as harness.poll takes them. */
		poll({ parameters = {}, ...pollOptions }) {
			const withOptions = { ...parameters, options: { ...FAST, ...(parameters.options ?? {}) } };
			return harness.poll({ type: TRIGGER, parameters: withOptions, credentials: CREDENTIALS, ...pollOptions });
		},
		async adminGet(path) {
			const response = await admin.get(path);
			if (response.status !== 200) throw new Error(`admin GET ${path}: ${response.status} ${JSON.stringify(response.data)}`);
			return response.data;
		},
		async adminPost(path, body = {}) {
			const response = await admin.post(path, body);
			if (response.status !== 200) throw new Error(`admin POST ${path}: ${response.status} ${JSON.stringify(response.data)}`);
			return response.data;
		},
		async setFaults(config) {
			const response = await admin.put('/faults', config);
			if (response.status !== 200) throw new Error(`faults: ${response.status} ${JSON.stringify(response.data)}`);
		},
		/** Stored assets (admin view, with internal parts). */
		async assets() {
			return (await ctx.adminGet('/assets')).assets;
		},
		async assetByFileName(fileName) {
			const found = (await ctx.assets()).find((asset) => asset.fileMetadata.fileName === fileName);
			if (!found) throw new Error(`no seeded asset ${fileName}`);
			return found;
		},
		async collections() {
			return (await ctx.adminGet('/collections')).collections;
		},
		async close() {
			await harness.close();
			await emulator.close();
		},
	};
	return ctx;
}

/** Seed collection ids (sandbox/smintio/README.md). */
const SEED_COLLECTIONS = {
	brandBasics: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a01',
	launch2027: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a02',
	germany: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a03',
	summerSale: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a04',
	review: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05',
	archive: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a06',
	partnerPicks: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a07',
};

const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

/** Distinct PNG-signed bytes for a seed (size bytes after the signature). */
function pngBytes(seed, size = 2000) {
	const bytes = require('node:crypto').createHash('sha256').update(String(seed)).digest();
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size, bytes)]);
}

module.exports = { setup, credentialData, emulatorCredentials, NODE, TRIGGER, CREDENTIALS, FAST, SEED_COLLECTIONS, rl, pngBytes };
