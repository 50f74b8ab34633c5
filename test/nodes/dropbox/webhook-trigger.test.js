'use strict';

// The Dropbox Sync Webhook Trigger through n8n-core (HookContext, WebhookContext, TriggerContext
// with n8n's cron scheduler), receiving the notifications the Dropbox emulator really sends
// (signed, retried) while "another device" changes files through the emulator's admin API.

const crypto = require('node:crypto');

const { startEnvironment, WEBHOOK_TRIGGER, TRIGGER, OAUTH } = require('./setup');
const { WebhookTriggerRun } = require('../../helpers/n8n/webhook-trigger');

const path = (value) => ({ __rl: true, mode: 'path', value });
const ALL_EVENTS = ['fileAdded', 'fileUpdated', 'fileDeleted', 'folderAdded'];

let env;
let admin;
let appSecret;

beforeAll(async () => {
	env = await startEnvironment({ emulator: { webhooks: { firstRetryMs: 50, maxRetryDelayMs: 200, giveUpAfterMs: 2000 } } });
	admin = env.admin;
	appSecret = env.dropbox.credentials.clientSecret;
});

afterAll(async () => {
	await env?.close();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, what, timeoutMs = 10000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(25);
	}
}

/** "event path" lines, sorted. */
const summary = (items) => (items ?? []).map((item) => `${item.json.event} ${item.json.path_lower}`).sort();

function webhookNode(folder, options = {}, extra = {}) {
	return {
		type: WEBHOOK_TRIGGER,
		name: 'Dropbox Webhook',
		parameters: { authentication: 'oAuth2', folder: path(folder), recursive: true, events: ALL_EVENTS, options: { safetyPollInterval: 0, ...options } },
		credentials: OAUTH,
		...extra,
	};
}

/** Activates a webhook trigger and registers its URL with the emulator (the App Console step). */
async function activate(folder, options, extra) {
	await admin.mkdir(folder).catch((error) => {
		if (error.status !== 409) throw error;
	});
	const run = await new WebhookTriggerRun(env.harness, webhookNode(folder, options, extra)).activate();
	runs.push(run);
	return run;
}

let runs = [];
afterEach(async () => {
	for (const run of runs) {
		if (run.url) await admin.call('DELETE', '/webhooks', { url: run.url });
		await run.close();
	}
	runs = [];
	await admin.call('PUT', '/webhooks/drop', { count: 0 });
});

async function post(url, body, headers = {}) {
	const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

const sign = (body, secret = appSecret) => crypto.createHmac('sha256', secret).update(body).digest('hex');
const notification = (accountId) => JSON.stringify({ list_folder: { accounts: [accountId] }, delta: { users: [12345678] } });

describe('Dropbox Sync Webhook Trigger', () => {
	test('answers the verification challenge as Dropbox requires; the emulator registers the URL only after it', async () => {
		const run = await activate('/Verify');
		const response = await fetch(`${run.url}?challenge=abc123XYZ`);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('abc123XYZ');
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect((await fetch(run.url)).status).toBe(400);

		const registered = await admin.call('PUT', '/webhooks', { url: run.url });
		expect(registered).toMatchObject({ ok: true, url: run.url, nosniff: 'nosniff' });
		expect((await admin.call('GET', '/webhooks')).targets).toContain(run.url);
		// A URL that does not echo the challenge is refused.
		await expect(admin.call('PUT', '/webhooks', { url: `${env.dropbox.baseUrl}/__admin/health` })).rejects.toMatchObject({ status: 400 });
	});

	test('a file written into Approved/ starts one execution with the same item the polling trigger reports', async () => {
		await admin.mkdir('/Same/Approved');
		const run = await activate('/Same', { pathGlob: '**/Approved/**' });
		await admin.call('PUT', '/webhooks', { url: run.url });
		// The polling trigger over the same folder and glob, for comparison.
		const pollNode = { type: TRIGGER, name: 'Poller', parameters: { authentication: 'oAuth2', folder: path('/Same'), recursive: true, events: ALL_EVENTS, options: { pathGlob: '**/Approved/**' } }, credentials: OAUTH };
		expect((await env.harness.poll(pollNode)).items).toBeNull();

		await admin.write('/Same/Approved/hero.jpg', 'hero v1');
		await admin.write('/Same/WIP/draft.jpg', 'not approved');
		await waitFor(() => run.executions.length >= 1, 'the webhook execution');
		await sleep(200);
		const polled = await env.harness.poll(pollNode);
		expect(summary(run.allItems())).toEqual(['fileAdded /same/approved/hero.jpg']);
		expect(run.allItems().map((item) => item.json)).toEqual(polled.items.map((item) => item.json));
		expect(run.nodeState().cursor).toEqual(expect.any(String));

		// An update and a delete: the same change kinds as the polling trigger.
		await admin.write('/Same/Approved/hero.jpg', 'hero v2');
		await waitFor(() => run.executions.length >= 2, 'the update');
		await admin.remove('/Same/Approved/hero.jpg');
		await waitFor(() => run.executions.length >= 3, 'the deletion');
		expect(run.executions.map((execution) => summary(execution.items))).toEqual([
			['fileAdded /same/approved/hero.jpg'],
			['fileUpdated /same/approved/hero.jpg'],
			['fileDeleted /same/approved/hero.jpg'],
		]);
		const deliveries = (await admin.call('GET', '/webhooks')).notifications.filter((entry) => entry.url === run.url);
		expect(deliveries.length).toBeGreaterThanOrEqual(3);
		expect(deliveries.every((entry) => entry.delivered && entry.attempts.length === 1)).toBe(true);
	});

	test('unsigned, wrongly signed or forged notifications get 403 and cause no Dropbox call and no execution', async () => {
		const run = await activate('/Forged');
		await admin.write('/Forged/a.jpg', 'a');
		const savedBefore = structuredClone(run.saved);
		await admin.resetCounters();
		const body = notification(env.dropbox.credentials.accountId);

		const attempts = [
			await post(run.url, body),
			await post(run.url, body, { 'X-Dropbox-Signature': 'not-hex' }),
			await post(run.url, body, { 'X-Dropbox-Signature': sign(body, 'another app secret') }),
			// Signed body, but a different body sent (re-serialized JSON does not match).
			await post(run.url, JSON.stringify(JSON.parse(body), null, 2), { 'X-Dropbox-Signature': sign(body) }),
		];
		expect(attempts.map((attempt) => attempt.status)).toEqual([403, 403, 403, 403]);
		expect(run.executions).toEqual([]);
		expect(run.saved).toEqual(savedBefore);
		expect((await admin.counters()).calls['files/list_folder/continue']).toBeUndefined();

		// The same body, signed with the app secret, is accepted and caught up.
		expect((await post(run.url, body, { 'X-Dropbox-Signature': sign(body) })).status).toBe(200);
		await waitFor(() => run.executions.length === 1, 'the signed notification');
		expect(summary(run.allItems())).toEqual(['fileAdded /forged/a.jpg']);
	});

	test('the Access Token credential takes the app secret from its App Secret field; without one the activation fails clearly', async () => {
		const run = await activate('/Token', {}, { parameters: { ...webhookNode('/Token').parameters, authentication: 'accessToken' }, credentials: { dropboxSyncApi: 'Dropbox token with app secret' } });
		await admin.call('PUT', '/webhooks', { url: run.url });
		await admin.write('/Token/t.jpg', 't');
		await waitFor(() => run.executions.length === 1, 'the token-credential execution');
		expect(summary(run.allItems())).toEqual(['fileAdded /token/t.jpg']);

		const without = new WebhookTriggerRun(env.harness, {
			...webhookNode('/Token'),
			name: 'No secret',
			parameters: { ...webhookNode('/Token').parameters, authentication: 'accessToken' },
			credentials: { dropboxSyncApi: 'Dropbox token' },
		});
		runs.push(without);
		await expect(without.activate()).rejects.toThrow('The credential has no app secret to check Dropbox signatures with');
	});

	test('many notifications at once lead to one catch-up: each change once, one list_folder/continue', async () => {
		const run = await activate('/Burst');
		for (let index = 0; index < 5; index++) await admin.write(`/Burst/file-${index}.jpg`, `file ${index}`);
		const body = notification(env.dropbox.credentials.accountId);
		// Slow Dropbox down a little so the notifications overlap the catch-up.
		await admin.setFaults({ routes: { 'files/list_folder/continue': { latencyMs: 300 } } });
		await admin.resetCounters();
		let calls;
		try {
			const replies = await Promise.all(Array.from({ length: 10 }, () => post(run.url, body, { 'X-Dropbox-Signature': sign(body) })));
			expect(replies.every((reply) => reply.status === 200)).toBe(true);
			await waitFor(() => run.executions.length >= 1, 'the coalesced catch-up');
			await sleep(800);
			calls = (await admin.counters()).calls;
		} finally {
			await admin.setFaults({});
		}
		expect(run.executions).toHaveLength(1);
		expect(summary(run.allItems())).toEqual(Array.from({ length: 5 }, (_, index) => `fileAdded /burst/file-${index}.jpg`).sort());
		// The first call read once; the nine that arrived meanwhile asked for at most one more read.
		expect(calls['files/list_folder/continue']).toBeGreaterThanOrEqual(1);
		expect(calls['files/list_folder/continue']).toBeLessThanOrEqual(2);
	});

	test('a receiver that fails is retried with backoff as Dropbox does; the trigger still reports the change once', async () => {
		// Without the claim file's own write, whose notification would reach the flaky receiver too.
		const run = await activate('/Retry', { processGuard: false });
		await admin.call('PUT', '/webhooks', { url: run.url });
		// A second receiver that echoes the challenge, then fails two notifications with 500.
		let failures = 0;
		const server = require('node:http').createServer((req, res) => {
			req.resume();
			if (req.method === 'GET') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(new URL(req.url, 'http://x').searchParams.get('challenge'));
			res.writeHead(failures++ < 2 ? 500 : 200).end();
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		const flaky = `http://127.0.0.1:${server.address().port}/hook`;
		try {
			await admin.call('PUT', '/webhooks', { url: flaky });
			await admin.write('/Retry/r.jpg', 'r');
			const entry = await waitFor(
				async () => (await admin.call('GET', '/webhooks')).notifications.find((candidate) => candidate.url === flaky && candidate.delivered),
				'the retried notification',
			);
			expect(entry.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
			// Exponential backoff (the emulator's first retry is set to 50 ms here).
			expect(entry.attempts.map((attempt) => attempt.retryInMs)).toEqual([50, 100, undefined]);
		} finally {
			await admin.call('DELETE', '/webhooks', { url: flaky });
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
		await waitFor(() => run.executions.length === 1, 'the trigger execution');
		expect(summary(run.allItems())).toEqual(['fileAdded /retry/r.jpg']);
	});

	test('a receiver that never answers 200 is given up after the retry window', async () => {
		const server = require('node:http').createServer((req, res) => {
			req.resume();
			if (req.method === 'GET') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(new URL(req.url, 'http://x').searchParams.get('challenge'));
			res.writeHead(503).end();
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		const down = `http://127.0.0.1:${server.address().port}/down`;
		try {
			await admin.call('PUT', '/webhooks', { url: down });
			await admin.write('/GiveUp/g.jpg', 'g');
			const entry = await waitFor(
				async () => (await admin.call('GET', '/webhooks')).notifications.find((candidate) => candidate.url === down && candidate.gaveUp),
				'the emulator to give up',
			);
			expect(entry.delivered).toBe(false);
			expect(entry.attempts.length).toBeGreaterThan(3);
			expect(entry.attempts.every((attempt) => attempt.status === 503)).toBe(true);
			// Doubling up to the cap (200 ms here), then no further retry.
			expect(entry.attempts.slice(0, 3).map((attempt) => attempt.retryInMs)).toEqual([50, 100, 200]);
			expect(entry.attempts.at(-1).retryInMs).toBeUndefined();
		} finally {
			await admin.call('DELETE', '/webhooks', { url: down });
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	test('a notification the emulator loses is recovered by the safety poll, once', async () => {
		const run = await activate('/Lost', { safetyPollInterval: 1, safetyPollUnit: 'seconds' });
		await admin.call('PUT', '/webhooks', { url: run.url });
		await admin.call('PUT', '/webhooks/drop', { count: 1 });
		await admin.write('/Lost/lost.jpg', 'never notified');
		const dropped = (await admin.call('GET', '/webhooks')).notifications.filter((entry) => entry.url === run.url);
		await waitFor(async () => (await admin.call('GET', '/webhooks')).notifications.some((entry) => entry.url === run.url && entry.dropped), 'the dropped notification');
		expect(dropped.every((entry) => !entry.delivered)).toBe(true);
		await waitFor(() => run.executions.length === 1, 'the safety poll', 5000);
		expect(run.executions[0].source).toBe('trigger');
		expect(summary(run.allItems())).toEqual(['fileAdded /lost/lost.jpg']);

		// The next notification (delivered) does not report it again; the poll ticks on with nothing new.
		await admin.write('/Lost/next.jpg', 'notified');
		await waitFor(() => run.executions.length === 2, 'the next change');
		await sleep(2200);
		expect(run.executions.map((execution) => summary(execution.items))).toEqual([['fileAdded /lost/lost.jpg'], ['fileAdded /lost/next.jpg']]);
	});

	test('a safety poll interval that cannot be scheduled fails the activation with the fix', async () => {
		const run = new WebhookTriggerRun(env.harness, webhookNode('/Bad', { safetyPollInterval: 90, safetyPollUnit: 'minutes' }));
		runs.push(run);
		await expect(run.activate()).rejects.toThrow('A safety poll every 90 minutes cannot be scheduled');
	});
});

describe('Dropbox Sync Webhook Trigger across n8n processes (queue mode with webhook processes)', () => {
	/**
	 * A second n8n process: its own copy of the node's modules (so its own in-process coalescer),
	 * the same workflow, node id and static data as `first` (n8n's database).
	 */
	async function secondProcess(first) {
		let IsolatedTrigger;
		jest.isolateModules(() => {
			({ DropboxSyncWebhookTrigger: IsolatedTrigger } = require('../../../nodes/DropboxSyncWebhookTrigger/DropboxSyncWebhookTrigger.node'));
		});
		const second = new WebhookTriggerRun(env.harness, { ...first.node, parameters: structuredClone(first.node.parameters) });
		second.nodeType = new IsolatedTrigger();
		Object.defineProperty(second, 'saved', { get: () => first.saved, set: (value) => (first.saved = value) });
		// The cursor is saved already, so this activation keeps it (checkExists) and starts no poll.
		await second.activate();
		runs.push(second);
		return second;
	}

	/** Both processes get the same signed notification at the same moment, `rounds` times. */
	async function notifyBoth(processes, rounds) {
		const body = notification(env.dropbox.credentials.accountId);
		for (let round = 0; round < rounds; round++) {
			const replies = await Promise.all(processes.map((run) => post(run.url, body, { 'X-Dropbox-Signature': sign(body) })));
			expect(replies.map((reply) => reply.status)).toEqual(processes.map(() => 200));
		}
	}

	async function race(folder, options) {
		const first = await activate(folder, options);
		const second = await secondProcess(first);
		for (let index = 0; index < 6; index++) await admin.write(`${folder}/file-${index}.jpg`, `file ${index}`);
		// A slow Dropbox, so both processes read the same saved cursor before either saves.
		await admin.setFaults({ routes: { 'files/list_folder/continue': { latencyMs: 300 } } });
		await admin.resetCounters();
		let calls;
		try {
			await notifyBoth([first, second], 3);
			await waitFor(() => first.executions.length + second.executions.length >= 1, 'an execution');
			await sleep(2500);
			calls = (await admin.counters()).calls;
		} finally {
			// (Setting the faults also resets the counters.)
			await admin.setFaults({});
		}
		const reported = [...first.allItems(), ...second.allItems()].map((item) => item.json.path_lower).sort();
		return { first, second, reported, calls };
	}

	const expected = (folder) => Array.from({ length: 6 }, (_, index) => `${folder.toLowerCase()}/file-${index}.jpg`).sort();

	test('without the guard, two processes reading the same cursor at once report the same changes twice', async () => {
		const { reported } = await race('/RaceUnguarded', { processGuard: false });
		expect(reported.length).toBeGreaterThan(6);
		expect([...new Set(reported)].sort()).toEqual(expected('/RaceUnguarded'));
	});

	test('with the guard (default), each change is reported once: the claim written with a rev-checked upload decides', async () => {
		const { first, second, reported, calls } = await race('/RaceGuarded', {});
		expect(reported).toEqual(expected('/RaceGuarded'));
		// Each execution is one won claim; the claim file holds the winner's cursor.
		const claims = (await admin.call('GET', `/tree?${new URLSearchParams({ path: '/.n8n-dropbox-sync' })}`)).entries.filter((entry) => entry['.tag'] === 'file');
		const claim = claims.find((entry) => entry.name.includes(first.node.id));
		const details = await admin.call('GET', `/file?${new URLSearchParams({ path: claim.path_display })}`);
		const executions = first.executions.length + second.executions.length;
		// Activation wrote the first revision; every execution one more.
		expect(details.revisions.length).toBe(1 + executions);
		// The loser downloaded the claim and read again from the winner's cursor.
		expect(calls['files/upload']).toBeGreaterThanOrEqual(executions);
		expect(calls['files/download']).toBeGreaterThanOrEqual(calls['files/upload'] - executions);
		// Nothing from the claim folder is ever reported.
		expect(reported.some((path) => path.startsWith('/.n8n-dropbox-sync'))).toBe(false);

		// Later changes still flow, once, whichever process gets the notification.
		await admin.write('/RaceGuarded/later.jpg', 'later');
		await notifyBoth([second, first], 1);
		await waitFor(() => [...first.allItems(), ...second.allItems()].some((item) => item.json.path_lower === '/raceguarded/later.jpg'), 'the later change');
		await sleep(500);
		expect([...first.allItems(), ...second.allItems()].filter((item) => item.json.path_lower === '/raceguarded/later.jpg')).toHaveLength(1);
	});

	/**
	 * The claim upload's first attempt goes through but its reply is lost; the retry then fails
	 * for good (a Retry-After beyond the cap), and with `downloadFails` so does reading the claim
	 * back. The catch-up fails; the next notification must still report the change, once.
	 */
	async function ownClaimWriteLost(folder, { downloadFails }) {
		const run = await activate(folder, {});
		await admin.write(`${folder}/lost-reply.jpg`, 'lost reply');
		const schedule = [
			{ route: 'files/upload', call: 1, fault: 'dropAfter' },
			{ route: 'files/upload', call: 2, fault: 'rateLimit', retryAfterSeconds: 400 },
			...(downloadFails ? [{ route: 'files/download', call: 1, fault: 'rateLimit', retryAfterSeconds: 400 }] : []),
		];
		await admin.setFaults({ schedule });
		try {
			await notifyBoth([run], 1);
			await waitFor(async () => ((await admin.counters()).calls['files/upload'] ?? 0) >= 2, 'the claim upload and its retry');
			await sleep(500);
		} finally {
			await admin.setFaults({});
		}
		await notifyBoth([run], 1);
		await waitFor(() => run.allItems().length >= 1, 'the change to be reported');
		await sleep(500);
		return run.allItems().map((item) => item.json.path_lower);
	}

	test('a claim upload whose reply was lost and whose retry failed is recognised as our own (read back): the change is reported once', async () => {
		expect(await ownClaimWriteLost('/LostClaimReply', { downloadFails: false })).toEqual(['/lostclaimreply/lost-reply.jpg']);
	});

	test('the same with reading the claim back failing too: the next notification recognises the claim as our own and reports the change once', async () => {
		expect(await ownClaimWriteLost('/LostClaimReplyUnread', { downloadFails: true })).toEqual(['/lostclaimreplyunread/lost-reply.jpg']);
	});

	test('a claim folder that is not a path fails the activation with the fix', async () => {
		const run = new WebhookTriggerRun(env.harness, webhookNode('/BadClaim', { claimFolder: 'claims' }));
		runs.push(run);
		await expect(run.activate()).rejects.toThrow('The claim folder "claims" is not a Dropbox path');
	});
});
