'use strict';
// Programmatic start of the Dropbox emulator (tests, benchmarks, the sandbox script).
//
//   const { startDropboxEmulator } = require('./sandbox/dropbox');
//   const dropbox = await startDropboxEmulator({ accessTokenLifetimeSeconds: 5 });
//   ... dropbox.baseUrl, dropbox.credentials ...
//   await dropbox.close();

const fs = require('fs');
const os = require('os');
const path = require('path');
const { FaultInjector } = require('../common/faults');
const { createClock } = require('../common/clock');
const { listen, close: closeServer } = require('../common/http');
const { DropboxEmulator } = require('./emulator');
const { createDropboxServer } = require('./server');

const MiB = 1024 * 1024;

/**
 * @param {{ port?: number, host?: string, dataDir?: string | null, seed?: boolean, accessTokenLifetimeSeconds?: number,
 *           faults?: object, publicBaseUrl?: string, maxRequestBytes?: number, longpollMaxWaitSeconds?: number,
 *           autoApprove?: boolean, propertySearchPageSize?: number, webhooks?: { timeoutMs?: number, firstRetryMs?: number, maxRetryDelayMs?: number, giveUpAfterMs?: number } }} [options]
 *   dataDir: null = a temp dir, removed on close. seed=false: the account and namespaces only, no files.
 *   longpollMaxWaitSeconds: caps a longpoll's wait (tests), Dropbox's timeout bounds still apply to the argument.
 *   propertySearchPageSize: matches per page of file_properties/properties/search (default 100; tests lower it to page).
 *   autoApprove: /oauth2/authorize redirects back at once instead of showing the consent page.
 *   webhooks: delivery timing of webhook notifications (defaults: Dropbox's 10 s answer limit, retries for 10 minutes).
 */
async function startDropboxEmulator(options = {}) {
	const {
		port = 0,
		host = '127.0.0.1',
		dataDir = null,
		seed = true,
		accessTokenLifetimeSeconds = 4 * 3600,
		faults = {},
		publicBaseUrl,
		maxRequestBytes = 150 * MiB,
		longpollMaxWaitSeconds,
		autoApprove = false,
		webhooks,
		propertySearchPageSize,
	} = options;
	const dir = dataDir ? path.resolve(dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'dropbox-emulator-'));
	fs.mkdirSync(dir, { recursive: true });
	const clock = createClock();
	const emulator = new DropboxEmulator({
		dir,
		clock,
		faults: new FaultInjector(faults),
		options: { accessTokenLifetimeSeconds, maxRequestBytes, longpollMaxWaitSeconds, autoApprove, seed, publicBaseUrl, webhooks, propertySearchPageSize },
	});
	const server = createDropboxServer(emulator);
	const address = await listen(server, port, host);
	emulator.baseUrl = publicBaseUrl || address.baseUrl;
	await emulator.init();

	let closed = false;
	return {
		baseUrl: emulator.baseUrl,
		port: address.port,
		dataDir: dir,
		get credentials() {
			return emulator.credentials();
		},
		emulator,
		faults: emulator.faults,
		clock,
		/** Back to the seed (same as POST /__admin/reset). */
		reset: () => emulator.reset(),
		async close() {
			if (closed) return;
			closed = true;
			emulator.close();
			await closeServer(server);
			if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startDropboxEmulator };
