'use strict';
// The stack the Cloud editions (workflows/cloud/) run on: both emulators, real n8n 2.41.1 with
// ONLY the Smint.io package installed (test/cloud/smintio-package.js) besides n8n's core nodes,
// the Smint.io credential and n8n's own Dropbox OAuth2 credentials, and the Cloud editions
// imported. n8n's core Dropbox node and the HTTP Request node (predefined credential type
// dropboxOAuth2Api) call Dropbox's real host names; for this one n8n process those resolve to a
// local TLS front that forwards to the Dropbox emulator (test/helpers/dropbox-tls-front.js, as
// the benchmarks do it). Same options and result as sandbox/stack.js startStack, so the e2e flow
// helpers (test/e2e/flows/common.js) work on it unchanged.

const path = require('node:path');
const { startDropboxEmulator } = require('../../sandbox/dropbox');
const { startSmintioEmulator } = require('../../sandbox/smintio');
const { startSandboxN8n } = require('../../sandbox/n8n/runtime');
const { sandboxCredentials, loadTemplates, CREDENTIAL_NAMES, REPO_ROOT } = require('../../sandbox/stack');
const { startDropboxTlsFront } = require('../helpers/dropbox-tls-front');
const { smintioOnlyPackage } = require('./smintio-package');

const CLOUD_TEMPLATE_DIR = path.join(REPO_ROOT, 'workflows', 'cloud');

/** Credential names the Cloud editions reference (workflows/cloud/README.md). */
const CLOUD_CREDENTIAL_NAMES = {
	dropbox: 'Dropbox account',
	dropboxTeam: 'Dropbox team space',
	smintio: CREDENTIAL_NAMES.smintio,
};

/**
 * n8n's dropboxOAuth2Api credential as n8n stores it after "Connect my account". APP Access Type
 * "App Folder" makes the core Dropbox node send no path root (paths start in the member's own
 * folder); "Full Dropbox" makes it send the account's root namespace (the team space).
 */
function coreDropboxCredentials(dropbox) {
	const d = dropbox.credentials;
	const data = (accessType) => ({
		clientId: d.clientId,
		clientSecret: d.clientSecret,
		accessType,
		oauthTokenData: { access_token: d.accessToken, refresh_token: d.refreshToken, token_type: 'bearer', account_id: d.accountId },
	});
	return [
		{ name: CLOUD_CREDENTIAL_NAMES.dropbox, type: 'dropboxOAuth2Api', data: data('folder') },
		{ name: CLOUD_CREDENTIAL_NAMES.dropboxTeam, type: 'dropboxOAuth2Api', data: data('full') },
	];
}

/** @param {Parameters<typeof import('../../sandbox/stack').startStack>[0]} [options] */
async function startCloudStack(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[cloud] ${line}\n`));
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch (error) {
				log(`stop failed: ${error.message}`);
			}
		}
		stops.length = 0;
	};
	try {
		const dropbox = await startDropboxEmulator({ port: 0, dataDir: null, ...(options.emulatorOptions?.dropbox || {}) });
		stops.push(() => dropbox.close());
		const smintio = await startSmintioEmulator({ port: 0, dataDir: null, ...(options.emulatorOptions?.smintio || {}) });
		stops.push(() => smintio.close());
		const front = await startDropboxTlsFront({ targetBaseUrl: dropbox.baseUrl, host: 'random' });
		stops.push(() => front.close());
		const smintioPackage = smintioOnlyPackage();
		stops.push(() => smintioPackage.cleanup());
		const { n8n, client, owner, stop } = await startSandboxN8n({
			communityPackages: [smintioPackage.dir],
			env: { ...front.n8nEnv(), ...(options.n8nEnv || {}) },
			log: (line) => log(`n8n: ${line}`),
		});
		stops.push(stop);
		const smintioCredential = sandboxCredentials(dropbox, smintio).filter((credential) => credential.type === 'smintIoOAuth2Api');
		const credentials = await client.importCredentials([...smintioCredential, ...coreDropboxCredentials(dropbox)]);
		const templates = [];
		if (options.templates !== false) {
			for (const { file, workflow } of loadTemplates(CLOUD_TEMPLATE_DIR)) {
				const saved = await client.importWorkflow(workflow);
				templates.push({ file, id: saved.id, name: workflow.name, workflow });
			}
		}
		log(`cloud stack up: dropbox ${dropbox.baseUrl} (front ${front.host}:443), smintio ${smintio.baseUrl}, n8n ${n8n.baseUrl}, package ${smintioPackage.dir}`);
		return { dropbox, smintio, front, n8n, client, owner, credentials, templates, smintioPackage, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

module.exports = { startCloudStack, coreDropboxCredentials, CLOUD_CREDENTIAL_NAMES, CLOUD_TEMPLATE_DIR };
