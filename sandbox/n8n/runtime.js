'use strict';
// The project's real n8n, scriptable: install (cached), start isolated servers, sign in as the
// sandbox owner, and drive workflows through n8n's own APIs. See README.md in this folder.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ensureInstalled, installKey, cacheRoot } = require('./install');
const { startN8n, freePort } = require('./server');
const { N8nClient, N8nRequestError, nodeOutputs } = require('./client');
const { installCommunityPackage, communityNodesDir } = require('./community-package');
const { startQueueServices } = require('../queue/services');
const { startBalancer } = require('../queue/balancer');

const OWNER_FILE = 'sandbox-owner.json';
const DEFAULT_OWNER_EMAIL = 'owner@sandbox.example.com';

/**
 * The owner login of a user folder: read from `<userFolder>/sandbox-owner.json`, or made up
 * (random password meeting n8n's rules) and saved there, so later starts of the same folder log in.
 * @param {string} userFolder @param {{ email?: string, password?: string }} [wanted]
 * @returns {{ email: string, password: string, apiKey?: string }}
 */
function ownerLogin(userFolder, wanted = {}) {
	const file = path.join(userFolder, OWNER_FILE);
	if (fs.existsSync(file)) {
		const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (!wanted.email || wanted.email === saved.email) return saved;
	}
	const owner = {
		email: wanted.email || DEFAULT_OWNER_EMAIL,
		password: wanted.password || `Sandbox-${crypto.randomBytes(6).toString('hex')}-1`,
	};
	saveOwner(userFolder, owner);
	return owner;
}

/** @param {string} userFolder @param {object} owner */
function saveOwner(userFolder, owner) {
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(path.join(userFolder, OWNER_FILE), `${JSON.stringify(owner, null, 2)}\n`, {
		mode: 0o600,
	});
}

/**
 * Everything in one call: install (cached), put community packages into the user folder, start
 * n8n, create or log in the owner (printed), and get a public-API key. With `queue: { workers }`
 * n8n runs in queue mode: a private Redis and PostgreSQL (data in `<userFolder>/queue/`), n8n
 * main, then that many `n8n worker` processes sharing the user folder (same encryption key,
 * community packages and binary-data folder). With `queue.webhookProcesses` (1 or 2) that many
 * `n8n webhook` processes also start and serve the production webhook URLs; main then serves none
 * (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true, n8n 2.41's EndpointsConfig), as n8n's scaling guide
 * runs it behind a load balancer that sends /webhook/* to the webhook processes: `webhookBalancer`
 * is one (round robin on loopback, sandbox/queue/balancer.js).
 * @param {import('./server').StartOptions & {
 *   communityPackages?: string[],
 *   owner?: { email?: string, password?: string },
 *   apiKey?: boolean,
 *   queue?: { workers: number, concurrency?: number, webhookProcesses?: number },
 * }} [options] communityPackages: package folders or .tgz files, installed as n8n installs
 *   community packages; apiKey: false skips the public-API key; queue.concurrency: jobs per worker (n8n's default 10)
 * @returns {Promise<{ n8n: import('./server').N8nHandle, workers: import('./server').N8nHandle[], webhooks: import('./server').N8nHandle[], webhookBalancer: Awaited<ReturnType<typeof startBalancer>> | null, startWorker: () => Promise<import('./server').N8nHandle>, queue: Awaited<ReturnType<typeof startQueueServices>> | null, client: N8nClient, owner: { email: string, password: string }, stop: () => Promise<void> }>}
 */
async function startSandboxN8n(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[n8n] ${line}\n`));
	const installed = await ensureInstalled({ log, cacheDir: options.cacheDir });
	const userFolder = path.resolve(
		options.userFolder ||
			fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'n8n-sandbox-')),
	);
	for (const source of options.communityPackages || []) {
		await installCommunityPackage({ userFolder, source, log });
	}
	const queue = options.queue ? await startQueueServices({ dir: path.join(userFolder, 'queue'), log }) : null;
	const webhookProcesses = options.queue?.webhookProcesses || 0;
	if (!Number.isInteger(webhookProcesses) || webhookProcesses < 0) throw new Error(`queue.webhookProcesses must be a whole number, got ${webhookProcesses}`);
	const env = { ...(queue ? queue.env(path.join(userFolder, '.n8n', 'storage')) : {}), ...(options.env || {}) };
	/** @type {import('./server').N8nHandle[]} */
	const workers = [];
	/** @type {import('./server').N8nHandle[]} */
	const webhooks = [];
	let n8n = null;
	/** @type {Awaited<ReturnType<typeof startBalancer>> | null} */
	let webhookBalancer = null;
	const stop = async () => {
		if (webhookBalancer) await webhookBalancer.stop();
		await Promise.allSettled([...workers, ...webhooks].map((child) => child.stop()));
		if (n8n) await n8n.stop();
		if (queue) await queue.stop();
	};
	let workerNumber = 0;
	const startWorker = async () => {
		workerNumber += 1;
		const worker = await startN8n({
			...options,
			port: undefined,
			userFolder,
			env,
			command: 'worker',
			args: options.queue?.concurrency ? [`--concurrency=${options.queue.concurrency}`] : [],
			logName: `worker-${workerNumber}.log`,
			log,
		});
		workers.push(worker);
		return worker;
	};
	// n8n 2.41.1 takes an expression isolate for every webhook request to a node other than its own
	// Webhook node (LiveWebhooks.webhookPhaseNeedsIsolate), from a pool of 1 that disposes it after
	// the request: each concurrent request cold-starts one (about 0.1 s of CPU, longer event-loop
	// stalls in a burst, see README "Running at scale"). Lazy acquisition builds one only when an
	// expression needs it; the Dropbox Sync Webhook Trigger's webhook() evaluates none.
	// (options.env can set it back to false for a baseline.)
	const webhookEnv = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', ...env };
	const startWebhookProcess = async (number) => {
		const webhook = await startN8n({ ...options, port: undefined, userFolder, env: webhookEnv, command: 'webhook', logName: `webhook-${number}.log`, log });
		webhooks.push(webhook);
		return webhook;
	};
	try {
		// With webhook processes, main answers no production webhook (they do).
		const mainEnv = webhookProcesses > 0 ? { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : env;
		n8n = await startN8n({ ...options, env: mainEnv, userFolder, log });
		// After main: it runs the migrations and writes the encryption key the workers read.
		await Promise.all([
			...Array.from({ length: options.queue?.workers || 0 }, startWorker),
			...Array.from({ length: webhookProcesses }, (_, index) => startWebhookProcess(index + 1)),
		]);
		// One URL for Dropbox, as behind a real deployment's load balancer.
		if (webhooks.length > 0) webhookBalancer = await startBalancer({ targets: webhooks.map((webhook) => webhook.baseUrl), log });
		const client = new N8nClient({ baseUrl: n8n.baseUrl, installDir: installed.installDir });
		const owner = ownerLogin(userFolder, options.owner);
		const { created } = await client.signIn(owner);
		// Intended: the sandbox owner's login is printed so a person can open the editor.
		log(`owner ${created ? 'created' : 'logged in'}: ${owner.email} / ${owner.password}  (editor: ${n8n.baseUrl})`);
		if (options.apiKey !== false) await useApiKey(client, userFolder, owner);
		return { n8n, workers, webhooks, webhookBalancer, startWorker, queue, client, owner, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Reuses the key saved for this user folder if n8n still accepts it, else creates one. */
/** @param {N8nClient} client @param {string} userFolder @param {{ email: string, password: string, apiKey?: string }} owner */
async function useApiKey(client, userFolder, owner) {
	if (owner.apiKey) {
		client.apiKey = owner.apiKey;
		try {
			await client.publicApi('GET', '/workflows', undefined, { limit: '1' });
			return;
		} catch (error) {
			if (![401, 403].includes(/** @type {N8nRequestError} */ (error).status)) throw error;
		}
	}
	owner.apiKey = await client.createApiKey();
	saveOwner(userFolder, owner);
}

module.exports = {
	ensureInstalled,
	installKey,
	cacheRoot,
	startN8n,
	startSandboxN8n,
	freePort,
	N8nClient,
	N8nRequestError,
	nodeOutputs,
	installCommunityPackage,
	communityNodesDir,
	ownerLogin,
};
