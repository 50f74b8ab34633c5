'use strict';
// `npm run sandbox:dropbox`: starts the emulator alone. PORT (default 8791; the Smint.io
// sandbox uses 8790) and DATA_DIR (default .sandbox/dropbox under the repo root) come from the
// environment; SANDBOX_FAULTS sets injected faults. The state is seeded on the first start
// only. Prints one JSON line with the seeded credentials on stdout; everything else goes to
// stderr.

const path = require('path');
const { faultConfigFromEnv } = require('../common/faults');
const { startDropboxEmulator } = require('./index');

async function main() {
	const port = process.env.PORT ? Number(process.env.PORT) : 8791;
	const dataDir = process.env.DATA_DIR || path.join(__dirname, '..', '..', '.sandbox', 'dropbox');
	const dropbox = await startDropboxEmulator({
		port,
		host: process.env.HOST || '127.0.0.1',
		dataDir,
		faults: faultConfigFromEnv(),
		publicBaseUrl: process.env.PUBLIC_BASE_URL || undefined,
		accessTokenLifetimeSeconds: process.env.ACCESS_TOKEN_LIFETIME_SECONDS ? Number(process.env.ACCESS_TOKEN_LIFETIME_SECONDS) : undefined,
		autoApprove: process.env.OAUTH_AUTO_APPROVE === '1',
	});
	const { accessToken, refreshToken, clientId, clientSecret, accountId } = dropbox.credentials;
	process.stdout.write(`${JSON.stringify({ baseUrl: dropbox.baseUrl, accessToken, refreshToken, clientId, clientSecret, accountId })}\n`);
	process.stderr.write(`[dropbox-emulator] listening on ${dropbox.baseUrl}, data in ${dropbox.dataDir}\n`);
	const stop = async (signal) => {
		process.stderr.write(`[dropbox-emulator] ${signal}: closing\n`);
		await dropbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(`[dropbox-emulator] failed to start: ${error.stack || error}\n`);
	process.exit(1);
});
