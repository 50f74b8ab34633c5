'use strict';
// `npm run sandbox:smintio`: starts the Smint.io emulator alone and prints ONE JSON line on
// stdout: {"baseUrl","tenant","portalUuid","clientId","clientSecret","accessToken","refreshToken"}.
// Everything else goes to stderr.
//
// Environment: PORT (default 8790; 0 = any free port), HOST (default 127.0.0.1),
// DATA_DIR (default <repo>/.sandbox/smintio; seeded on first start only), PUBLIC_BASE_URL
// (when clients reach it under another address, e.g. from a container), TASK_DELAY_MS
// (default 1500), LONG_RUNNING_METHODS (comma-separated Interface.method names run as
// long-running tasks; default: those the contract marks, i.e. IAssetsRead.getAssetsAsync;
// "none" for none), ACCESS_TOKEN_LIFETIME_SECONDS (default 3600), DOWNLOAD_URL_LIFETIME_SECONDS
// (default 3600), SANDBOX_FAULTS (fault config JSON or a path to it).

const path = require('path');
const { startSmintioEmulator } = require('./index');
const { faultConfigFromEnv } = require('../common/faults');

function numberFromEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
	return value;
}

/** LONG_RUNNING_METHODS: comma-separated "Interface.method" names, "none", or unset (default). */
function longRunningFromEnv() {
	const raw = (process.env.LONG_RUNNING_METHODS ?? '').trim();
	if (raw === '') return undefined;
	if (raw.toLowerCase() === 'none') return [];
	return raw.split(',').map((name) => name.trim()).filter(Boolean);
}

async function main() {
	const repoRoot = path.resolve(__dirname, '..', '..');
	const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(repoRoot, '.sandbox', 'smintio');
	const emulator = await startSmintioEmulator({
		port: numberFromEnv('PORT', 8790),
		host: process.env.HOST || '127.0.0.1',
		dataDir,
		publicBaseUrl: process.env.PUBLIC_BASE_URL || undefined,
		taskDelayMs: numberFromEnv('TASK_DELAY_MS', 1500),
		longRunningMethods: longRunningFromEnv(),
		accessTokenLifetimeSeconds: numberFromEnv('ACCESS_TOKEN_LIFETIME_SECONDS', 3600),
		downloadUrlLifetimeSeconds: numberFromEnv('DOWNLOAD_URL_LIFETIME_SECONDS', 3600),
		faults: faultConfigFromEnv(),
	});
	const { credentials } = emulator;
	process.stdout.write(
		`${JSON.stringify({
			baseUrl: emulator.publicBaseUrl,
			tenant: credentials.tenant,
			portalUuid: credentials.portalUuid,
			clientId: credentials.clientId,
			clientSecret: credentials.clientSecret,
			accessToken: credentials.accessToken,
			refreshToken: credentials.refreshToken,
		})}\n`,
	);
	process.stderr.write(`smintio emulator: listening on ${emulator.baseUrl}, data in ${dataDir}\n`);
	let closing = false;
	const stop = async (signal) => {
		if (closing) return;
		closing = true;
		process.stderr.write(`smintio emulator: ${signal}, closing\n`);
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(`smintio emulator failed to start: ${error.stack || error.message}\n`);
	process.exit(1);
});
