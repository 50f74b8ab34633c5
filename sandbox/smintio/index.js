'use strict';
// Programmatic entry point of the Smint.io emulator: identity, Portals Frontend API and
// CLAPI-C on one HTTP port, data on disk (restart-safe) or in a temp dir removed on close.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { EntityStore } = require('../common/entity-store');
const { BlobStore } = require('../common/blobstore');
const { FaultInjector } = require('../common/faults');
const { TokenIssuer } = require('../common/oauth');
const { createClock } = require('../common/clock');
const { listen, close: closeServer } = require('../common/http');
const { TENANT, PORTAL_UUID, CLIENTS, SANDBOX_USER, DEFAULT_SCOPE } = require('./constants');
const { createSmintioServer } = require('./server');
const { adminRoutes } = require('./admin');
const { TaskRunner } = require('./portals/tasks');
const { findMethod, resolveLongRunningMethods } = require('./portals/methods');
const { applySeed } = require('./seed');
const { META } = require('./model/meta');

const SANDBOX_CLIENT = CLIENTS.find((client) => !client.public);

/**
 * @param {{ port?: number, host?: string, dataDir?: string | null, seed?: boolean,
 *           accessTokenLifetimeSeconds?: number, rotateRefreshTokens?: boolean, taskDelayMs?: number, longRunningMethods?: string[],
 *           faults?: object,
 *           publicBaseUrl?: string, downloadUrlLifetimeSeconds?: number,
 *           changeRetention?: { maxChanges?: number, maxAgeDays?: number }, maxUploadBytes?: number }} [options]
 */
async function startSmintioEmulator(options = {}) {
	const {
		port = 0,
		host = '127.0.0.1',
		dataDir = null,
		seed = true,
		accessTokenLifetimeSeconds = 3600,
		rotateRefreshTokens = false,
		taskDelayMs = 1500,
		longRunningMethods,
		faults = {},
		publicBaseUrl,
		downloadUrlLifetimeSeconds = 3600,
		changeRetention = {},
		maxUploadBytes = 20 * 1024 * 1024 * 1024,
	} = options;
	// "Interface.method" names run as long-running tasks; default: those the contract marks.
	const longRunning = resolveLongRunningMethods(longRunningMethods);
	const temporary = !dataDir;
	const root = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-emulator-')) : path.resolve(dataDir);
	fs.mkdirSync(root, { recursive: true });

	const store = new EntityStore({ dir: path.join(root, 'metadata') });
	const clock = createClock();
	const ctx = {
		store,
		blobs: new BlobStore(path.join(root, 'files')),
		clock,
		faults: new FaultInjector(faults),
		config: {
			tenant: TENANT,
			portalUuid: PORTAL_UUID,
			publicBaseUrl: publicBaseUrl ? publicBaseUrl.replace(/\/+$/, '') : null,
			taskDelayMs,
			longRunningMethods: longRunning,
			accessTokenLifetimeSeconds,
			downloadUrlLifetimeSeconds,
			changeRetention,
			maxUploadBytes,
		},
		tokens: new TokenIssuer({
			store,
			clock,
			clients: CLIENTS,
			accessTokenLifetimeSeconds,
			accessTokenPrefix: 'smat.',
			refreshTokenPrefix: 'smrt.',
			rotateRefreshTokens,
		}),
		tasks: null,
	};
	ctx.tasks = new TaskRunner(ctx, findMethod);

	/** The sandbox user's refresh token persists with the data; each start issues a fresh access token. */
	function ensureCredentials(previous) {
		let saved = store.get(META, 'credentials');
		const refreshValid = saved && (store.get('refreshTokens', saved.refreshToken) || {}).revoked === false;
		if (!refreshValid) {
			if (previous) {
				ctx.tokens.seedTokens({
					accessToken: previous.accessToken,
					refreshToken: previous.refreshToken,
					clientId: SANDBOX_CLIENT.clientId,
					scope: DEFAULT_SCOPE,
					subject: SANDBOX_USER.sub,
					expiresAt: clock.now() + accessTokenLifetimeSeconds * 1000,
				});
				saved = { refreshToken: previous.refreshToken, accessToken: previous.accessToken };
				store.put(META, 'credentials', saved);
				return saved;
			}
			const tokens = ctx.tokens.issueTokens({
				clientId: SANDBOX_CLIENT.clientId,
				scope: DEFAULT_SCOPE,
				subject: SANDBOX_USER.sub,
				withRefresh: true,
			});
			saved = { refreshToken: tokens.refreshToken, accessToken: tokens.accessToken };
			store.put(META, 'credentials', saved);
			return saved;
		}
		const fresh = ctx.tokens.refresh({ refreshToken: saved.refreshToken, clientId: SANDBOX_CLIENT.clientId });
		saved = { refreshToken: fresh.refreshToken, accessToken: fresh.accessToken };
		store.put(META, 'credentials', saved);
		return saved;
	}

	let tokens;
	const currentCredentials = () => ({
		tenant: TENANT,
		portalUuid: PORTAL_UUID,
		clientId: SANDBOX_CLIENT.clientId,
		clientSecret: SANDBOX_CLIENT.clientSecret,
		accessToken: tokens.accessToken,
		refreshToken: tokens.refreshToken,
	});

	const emulator = {
		baseUrl: '',
		port: 0,
		dataDir: root,
		ctx,
		clock,
		faults: ctx.faults,
		/** {tenant, portalUuid, clientId, clientSecret, accessToken, refreshToken} (valid across resets) */
		get credentials() {
			return currentCredentials();
		},
		/** Back to the seed (or empty): data, clock and (unless keepFaults) fault config; credentials stay valid. */
		async reset({ seed: reseed = true, keepFaults = false } = {}) {
			ctx.tasks.close();
			const previous = { ...tokens };
			store.clear();
			clock.reset();
			if (keepFaults) ctx.faults.resetCounters();
			else ctx.faults.configure({});
			if (reseed) await applySeed(ctx);
			tokens = ensureCredentials(previous);
			return { ok: true, seeded: reseed, credentials: currentCredentials() };
		},
		seed: () => applySeed(ctx),
		/** Tokens for the sandbox user (or client credentials when clientCredentials is true). */
		issueTokens({ scope = DEFAULT_SCOPE, withRefresh = true, clientCredentials = false } = {}) {
			const issued = ctx.tokens.issueTokens({
				clientId: SANDBOX_CLIENT.clientId,
				scope,
				subject: clientCredentials ? `client:${SANDBOX_CLIENT.clientId}` : SANDBOX_USER.sub,
				withRefresh: withRefresh && !clientCredentials,
			});
			return { accessToken: issued.accessToken, refreshToken: issued.refreshToken || null, expiresIn: issued.expiresIn, scope };
		},
		async close() {
			ctx.tasks.close();
			await closeServer(server);
			store.close();
			if (temporary) fs.rmSync(root, { recursive: true, force: true });
		},
	};

	if (seed) await applySeed(ctx);
	tokens = ensureCredentials(null);
	const server = createSmintioServer(ctx, adminRoutes(ctx, emulator));
	const address = await listen(server, port, host);
	const localHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	emulator.port = address.port;
	emulator.baseUrl = `http://${localHost}:${address.port}`;
	if (!ctx.config.publicBaseUrl) ctx.config.publicBaseUrl = emulator.baseUrl;
	emulator.publicBaseUrl = ctx.config.publicBaseUrl;
	ctx.tasks.resume();
	return emulator;
}

module.exports = { startSmintioEmulator };
