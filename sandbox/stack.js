'use strict';
// The whole sandbox in one call: both emulators (seeded), real n8n with this package installed
// the way n8n installs community packages, credentials pointing at the emulators, and the
// template workflows imported. Used by the main job (sandbox/start.js), the demo, the e2e tests
// and the benchmarks, so they all run the same stack.

const fs = require('fs');
const path = require('path');
const { startDropboxEmulator } = require('./dropbox');
const { startSmintioEmulator } = require('./smintio');
const { startSandboxN8n } = require('./n8n/runtime');
const { PACKAGES, packageDir } = require('../scripts/lib/packages');

const REPO_ROOT = path.resolve(__dirname, '..');
const TEMPLATE_DIR = path.join(REPO_ROOT, 'workflows');
// Both published packages, installed side by side as n8n installs community packages: the
// self-hosted templates use the Smint.io and the Dropbox Sync nodes.
const PACKAGE_DIRS = PACKAGES.map((p) => packageDir(p.name));

/** Throws unless `npm run build` has emitted every package folder. */
function ensurePackagesBuilt() {
	const missing = PACKAGE_DIRS.filter((dir) => !fs.existsSync(path.join(dir, 'package.json')));
	if (missing.length > 0) {
		throw new Error(`${missing.map((dir) => path.relative(REPO_ROOT, dir)).join(', ')} missing: run \`npm run build\` first (npm run sandbox does)`);
	}
}

/** Credential names the templates reference (templates carry type + name, never instance ids). */
const CREDENTIAL_NAMES = {
	dropbox: 'Dropbox Sync account',
	dropboxTeam: 'Dropbox Sync team space',
	smintio: 'Smint.io account',
};

/** @returns {Array<{ file: string, workflow: any }>} the templates in file-name order */
function loadTemplates(dir = TEMPLATE_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ file: name, workflow: JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) }));
}

/**
 * Credential data for the emulators, in the shape n8n stores for our credential types.
 * The OAuth2 token data is what n8n would have saved after a user clicked "Connect".
 */
function sandboxCredentials(dropbox, smintio) {
	const d = dropbox.credentials;
	const s = smintio.credentials;
	const dropboxData = (root) => ({
		apiBaseUrl: dropbox.baseUrl,
		root,
		clientId: d.clientId,
		clientSecret: d.clientSecret,
		oauthTokenData: {
			access_token: d.accessToken,
			refresh_token: d.refreshToken,
			token_type: 'bearer',
			account_id: d.accountId,
		},
	});
	return [
		// Paths in the member's own folder (/Campaigns, /Agency Drafts, /Projects, /Partners).
		{ name: CREDENTIAL_NAMES.dropbox, type: 'dropboxSyncOAuth2Api', data: dropboxData('home') },
		// The same account with the team space as root (/Team Assets, and /Alex Example/...).
		{ name: CREDENTIAL_NAMES.dropboxTeam, type: 'dropboxSyncOAuth2Api', data: dropboxData('team') },
		{
			name: CREDENTIAL_NAMES.smintio,
			type: 'smintIoOAuth2Api',
			data: {
				tenantId: s.tenant,
				portalUuid: s.portalUuid,
				grantType: 'authorizationCode',
				identityBaseUrl: smintio.baseUrl,
				portalsBaseUrl: `${smintio.baseUrl}/frontend/v1`,
				clapiBaseUrl: `${smintio.baseUrl}/consumer/v1`,
				clientId: s.clientId,
				clientSecret: s.clientSecret,
				oauthTokenData: {
					access_token: s.accessToken,
					refresh_token: s.refreshToken,
					token_type: 'Bearer',
				},
			},
		},
	];
}

/**
 * @param {{
 *   dataDir?: string | null,      // root for .sandbox-style persistent data; null = temp dirs
 *   fresh?: boolean,              // wipe dataDir first
 *   ports?: { dropbox?: number, smintio?: number, n8n?: number },
 *   emulatorOptions?: { dropbox?: object, smintio?: object },
 *   n8nEnv?: Record<string, string>,
 *   templates?: boolean,          // import the templates (default true)
 *   queue?: { workers: number, concurrency?: number, webhookProcesses?: number }, // n8n queue mode: Redis, PostgreSQL, main + workers (+ webhook processes)
 *   log?: (line: string) => void,
 * }} [options]
 */
async function startStack(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[sandbox] ${line}\n`));
	const dataDir = options.dataDir === undefined ? path.join(REPO_ROOT, '.sandbox') : options.dataDir;
	if (dataDir && options.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
	const dirFor = (name) => (dataDir ? path.join(dataDir, name) : null);
	const ports = options.ports || {};

	ensurePackagesBuilt();

	const started = [];
	const stopAll = async () => {
		for (const stop of started.reverse()) {
			try {
				await stop();
			} catch (error) {
				log(`stop failed: ${error.message}`);
			}
		}
	};
	try {
		const dropbox = await startDropboxEmulator({
			port: ports.dropbox ?? 0,
			dataDir: dirFor('dropbox'),
			...(options.emulatorOptions?.dropbox || {}),
		});
		started.push(() => dropbox.close());
		log(`Dropbox emulator: ${dropbox.baseUrl}`);

		const smintio = await startSmintioEmulator({
			port: ports.smintio ?? 0,
			dataDir: dirFor('smintio'),
			...(options.emulatorOptions?.smintio || {}),
		});
		started.push(() => smintio.close());
		log(`Smint.io emulator: ${smintio.baseUrl}`);

		const n8nDir = dirFor('n8n');
		const { n8n, workers, webhooks, webhookBalancer, startWorker, queue, client, owner, stop } = await startSandboxN8n({
			userFolder: n8nDir || undefined,
			port: ports.n8n,
			communityPackages: PACKAGE_DIRS,
			env: options.n8nEnv,
			queue: options.queue,
			log: (line) => log(`n8n: ${line}`),
		});
		started.push(stop);

		const credentials = await client.importCredentials(sandboxCredentials(dropbox, smintio));
		const templates = [];
		if (options.templates !== false) {
			const existing = await client.rest('GET', '/workflows');
			const existingList = Array.isArray(existing) ? existing : existing.data || [];
			for (const { file, workflow } of loadTemplates()) {
				// Re-starting the persistent sandbox must not pile up copies of the templates.
				const same = existingList.find((w) => w.name === workflow.name);
				const saved = same ? { id: same.id, name: same.name } : await client.importWorkflow(workflow);
				templates.push({ file, id: saved.id, name: workflow.name, workflow });
			}
		}
		return { dropbox, smintio, n8n, workers, webhooks, webhookBalancer, startWorker, queue, client, owner, credentials, templates, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

module.exports = { startStack, loadTemplates, sandboxCredentials, ensurePackagesBuilt, CREDENTIAL_NAMES, REPO_ROOT, TEMPLATE_DIR, PACKAGE_DIRS };
