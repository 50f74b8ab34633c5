'use strict';
// Template 1 on the webhook trigger in real n8n queue mode: Redis, PostgreSQL, n8n main (serving
// no production webhook: N8N_DISABLE_PRODUCTION_MAIN_PROCESS), 4 workers and 2 `n8n webhook`
// processes behind the stack's round-robin load balancer (sandbox/queue/balancer.js): Dropbox has
// ONE URL, consecutive notifications land on alternating processes, which race on one cursor.
// - a file written into Approved/ is received by a webhook process (main answers no production
//   URL), run on a worker, and is an asset once;
// - a burst (QUEUE_WEBHOOK_BURST files, 60 in CI, 200 full size): every change is emitted by
//   exactly one execution, every such execution was started by a webhook process from a
//   notification (mode `webhook`; the safety poll is off, any other mode is a failure), both webhook
//   processes received notifications, each execution is one coalesced catch-up (at least one
//   won claim each, no claim without a change, no empty execution), and each file is one asset.
// QUEUE_WEBHOOK_EAGER_ISOLATES=1: the baseline with n8n's default eager expression isolates on
// the webhook processes (sandbox/n8n/runtime.js turns on lazy acquisition).
// Run: npm run build && npx jest test/e2e/queue/webhook.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const flow1 = require('../flows/flow1');
const { makePng } = require('../../../sandbox/common/sample-files');
const { useFlowStack, waitUntil } = require('../flows/common');
const { expectSuccess } = require('../support');
const { workersThatRan } = require('./support');

const MINUTE = 60 * 1000;
const WORKERS = 4;
const WEBHOOK_PROCESSES = 2;
const BURST = Number(process.env.QUEUE_WEBHOOK_BURST ?? 60);
const WEBHOOK_TRIGGER = 'n8n-nodes-dropbox-sync.dropboxSyncWebhookTrigger';
const POLLER = 'n8n-nodes-dropbox-sync.dropboxSyncTrigger';
const TRIGGER_NAME = 'When files land in Approved (webhook)';
const FOLDER = '/Campaigns/Launch 2027/Germany/Shoes/Web/Approved';
// The safety poll is off here: it runs on main and would race the webhook processes for
// whatever they had not caught up yet (a 200-file burst under load: 84 of 200 reported by a 30 s
// poll), so an assertion that the webhook processes did the work could not hold. Recovery of a
// lost notification by the safety poll is test/e2e/webhook.test.js's; here every change must
// come from a notification.
const SAFETY_POLL_SECONDS = 0;
/** After the assets are there: time for late notifications and Dropbox's retries to run. */
const SETTLE_SECONDS = 15;

/** Attempts per status (200, 'timeout', 'error …', other codes). */
function statusCounts(attempts) {
	const counts = {};
	for (const attempt of attempts) counts[attempt.status] = (counts[attempt.status] ?? 0) + 1;
	return counts;
}

/** The q-quantile of the attempts' answer times (nearest rank). */
function percentile(attempts, q) {
	const sorted = attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
	return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

describe(`queue mode: template 1 on the webhook trigger, ${WEBHOOK_PROCESSES} webhook processes, ${WORKERS} workers`, () => {
	// QUEUE_WEBHOOK_DUMP=<folder>: the webhook processes' logs and the emulator's delivery log are
	// written there after the burst (QUEUE_WEBHOOK_DEBUG=1: n8n at debug level, for finding where time goes).
	const DUMP = process.env.QUEUE_WEBHOOK_DUMP;
	const n8nEnv = { ...(process.env.QUEUE_WEBHOOK_DEBUG ? { N8N_LOG_LEVEL: 'debug' } : {}), ...(process.env.QUEUE_WEBHOOK_EAGER_ISOLATES ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'false' } : {}) };
	const ctx = useFlowStack({ queue: { workers: WORKERS, webhookProcesses: WEBHOOK_PROCESSES }, n8nEnv });
	let workflowId;
	let webhookId;
	let url;

	/** Every execution of the workflow (n8n pages its list by id). */
	async function allExecutions() {
		const all = [];
		let lastId;
		for (;;) {
			const page = await ctx.stack.client.rest('GET', '/executions', undefined, {
				filter: JSON.stringify({ workflowId }),
				limit: '100',
				...(lastId ? { lastId } : {}),
			});
			all.push(...page.results);
			if (page.results.length < 100) return all;
			lastId = page.results.at(-1).id;
		}
	}

	/** The trigger's items of every webhook / safety-poll execution: { executionId, ids[] }. */
	async function triggerReports() {
		const reports = [];
		for (const listed of await allExecutions()) {
			if (listed.mode === 'manual') continue;
			const execution = await ctx.stack.client.getExecution(listed.id);
			reports.push({ id: listed.id, mode: listed.mode, status: execution.status, ids: (execution.outputs[TRIGGER_NAME] || []).map((item) => item.id), execution });
		}
		return reports;
	}

	async function assetsByExternalId() {
		const { assets } = await ctx.smintioAdmin.get('/assets');
		const byId = new Map();
		for (const asset of assets) if (asset.externalId) byId.set(asset.externalId, [...(byId.get(asset.externalId) ?? []), asset]);
		return byId;
	}

	async function write(name, seed) {
		const { metadata } = await ctx.dropboxAdmin.post('/files/write', { path: `${FOLDER}/${name}`, contentBase64: makePng({ seed }).toString('base64'), mode: 'add' });
		return metadata.id;
	}

	/** The claim file of the trigger (webhook/guard.ts) with its revisions. */
	async function claimFile() {
		const { entries } = await ctx.dropboxAdmin.get(`/tree?${new URLSearchParams({ root: 'home', path: '/.n8n-dropbox-sync' })}`);
		const claims = entries.filter((entry) => entry['.tag'] === 'file');
		expect(claims).toHaveLength(1);
		return await ctx.dropboxAdmin.get(`/file?${new URLSearchParams({ path: claims[0].path_display, root: 'home' })}`);
	}

	/** Waits for `check`, then lets late notifications and retries run; returns when `check` held. */
	async function settle(check, what) {
		await waitUntil(check, { timeoutMs: 5 * MINUTE, intervalMs: 500, what });
		const held = Date.now();
		await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
		return held;
	}

	beforeAll(async () => {
		await ctx.resetEmulators();
		const { client } = ctx.stack;
		workflowId = ctx.template(flow1.file).id;
		const workflow = await client.getWorkflow(workflowId);
		const nodes = workflow.nodes.map((node) => {
			if (node.type === POLLER) return { ...node, disabled: true };
			if (node.type !== WEBHOOK_TRIGGER) return node;
			const options = { ...node.parameters.options, safetyPollInterval: SAFETY_POLL_SECONDS, safetyPollUnit: 'seconds' };
			return { ...node, disabled: false, parameters: { ...node.parameters, options } };
		});
		webhookId = nodes.find((node) => node.type === WEBHOOK_TRIGGER).webhookId;
		await client.rest('PATCH', `/workflows/${workflowId}`, { ...workflow, nodes, versionId: workflow.versionId });
		await client.activateWorkflow(workflowId);
		url = `${ctx.stack.webhookBalancer.baseUrl}/webhook/${webhookId}/dropbox`;
		// The App Console step: the load balancer's URL.
		await waitUntil(
			async () => {
				try {
					return await ctx.dropboxAdmin.put('/webhooks', { url });
				} catch {
					return null;
				}
			},
			{ timeoutMs: MINUTE, intervalMs: 500, what: `${url} to answer the verification challenge` },
		);
	}, 5 * MINUTE);

	afterAll(async () => {
		if (url) await ctx.dropboxAdmin.delete('/webhooks', { url }).catch(() => {});
		if (workflowId) await ctx.stack.client.deactivateWorkflow(workflowId).catch(() => {});
	});

	test('the webhook processes answer the production URL, main does not; a new file is one asset, run on a worker', async () => {
		expect(ctx.stack.webhooks).toHaveLength(WEBHOOK_PROCESSES);
		for (const webhook of ctx.stack.webhooks) expect(webhook.command).toBe('webhook');
		const challenge = async (base) => {
			const response = await fetch(`${base}/webhook/${webhookId}/dropbox?challenge=c123`);
			return { status: response.status, body: await response.text() };
		};
		for (const webhook of ctx.stack.webhooks) expect(await challenge(webhook.baseUrl)).toEqual({ status: 200, body: 'c123' });
		// Main registered no production webhook route (its editor answers the path with its page).
		expect((await challenge(ctx.stack.n8n.baseUrl)).body).not.toBe('c123');

		const id = await write('queue-webhook-single.png', 7001);
		await settle(async () => (await assetsByExternalId()).has(`dropbox:${id}`), 'the file in Smint.io');
		const reports = (await triggerReports()).filter((report) => report.ids.length > 0);
		expect(reports.flatMap((report) => report.ids)).toEqual([id]);
		// Started by a webhook process from the notification (not by main's safety poll).
		expect(reports[0].mode).toBe('webhook');
		expectSuccess(reports[0].execution);
		expect(workersThatRan(ctx.stack, reports[0].id)).toHaveLength(1);
		expect((await assetsByExternalId()).get(`dropbox:${id}`)).toHaveLength(1);
		// The notification went through the load balancer and was answered 200.
		const notifications = (await ctx.dropboxAdmin.get('/webhooks')).notifications;
		expect(notifications.some((entry) => entry.url === url && entry.delivered)).toBe(true);
	}, 10 * MINUTE);

	test(`a burst of ${BURST} files across ${WEBHOOK_PROCESSES} webhook processes: each change emitted once by a webhook process, one execution per won claim`, async () => {
		const before = await triggerReports();
		const claimBefore = await claimFile();
		const forwardedBefore = ctx.stack.webhookBalancer.forwarded();
		const ids = [];
		const started = Date.now();
		// 10 writers at a time, as a sync client uploading a folder would.
		let next = 0;
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				while (next < BURST) {
					const index = next++;
					ids.push(await write(`queue-burst-${String(index).padStart(3, '0')}.png`, 8000 + index));
				}
			}),
		);
		const written = Date.now() - started;
		const allIn =
			(await settle(async () => {
				const byId = await assetsByExternalId();
				return ids.every((id) => byId.has(`dropbox:${id}`));
			}, `all ${BURST} burst files in Smint.io`)) - started;

		const seen = new Set(before.map((report) => report.id));
		const reports = (await triggerReports()).filter((report) => !seen.has(report.id));
		const emitted = reports.flatMap((report) => report.ids);
		const times = new Map();
		for (const id of emitted) times.set(id, (times.get(id) ?? 0) + 1);
		const notifications = (await ctx.dropboxAdmin.get('/webhooks')).notifications.filter((entry) => entry.url === url);
		const claimsWon = (await claimFile()).revisions.length - claimBefore.revisions.length;
		if (DUMP) {
			const fs = require('node:fs');
			fs.mkdirSync(DUMP, { recursive: true });
			fs.writeFileSync(`${DUMP}/notifications.json`, JSON.stringify(notifications, null, 1));
			ctx.stack.webhooks.forEach((webhook, index) => fs.writeFileSync(`${DUMP}/webhook-${index + 1}.log`, webhook.logs()));
			fs.writeFileSync(`${DUMP}/main.log`, ctx.stack.n8n.logs());
			fs.writeFileSync(`${DUMP}/reports.json`, JSON.stringify(reports.map(({ id, mode, ids }) => ({ id, mode, items: ids.length }))));
		}
		const forwarded = ctx.stack.webhookBalancer.forwarded();
		const perProcess = ctx.stack.webhooks.map((webhook) => forwarded[webhook.baseUrl] - forwardedBefore[webhook.baseUrl]);
		const attempts = notifications.flatMap((entry) => entry.attempts);
		const ranOn = new Set(reports.flatMap((report) => workersThatRan(ctx.stack, report.id).map((worker) => worker.pid)));
		const calls = (await ctx.dropboxAdmin.get('/counters')).calls;
		// What the webhook processes went through (requests Dropbox gave up on before n8n read them, database waits).
		const trouble = ctx.stack.webhooks.map((webhook) => {
			const logs = webhook.logs();
			return { abortedBodies: logs.split('Request body stream was aborted').length - 1, dbPingFailures: logs.split('Database ping failed').length - 1 };
		});
		console.log(
			`queue webhook burst: ${BURST} files written in ${written} ms, all assets after ${allIn} ms; ${reports.length} executions ` +
				`(${reports.filter((report) => report.mode === 'webhook').length} from the webhook processes, ${reports.filter((report) => report.mode === 'trigger').length} from main's safety poll) on ${ranOn.size} workers, items per execution ` +
				`${JSON.stringify(reports.map((report) => report.ids.length))}, ${claimsWon} claims won; ${notifications.length} notifications, ${notifications.filter((entry) => entry.delivered).length} answered 200, ${attempts.length} attempts (${attempts.filter((attempt) => attempt.status !== 200).length} failed: ${JSON.stringify(statusCounts(attempts))}), answer time median ${percentile(attempts, 0.5)} ms / max ${percentile(attempts, 1)} ms; requests forwarded per webhook process ${JSON.stringify(perProcess)}; ` +
				`Dropbox calls so far: list_folder/continue ${calls['files/list_folder/continue'] ?? 0}, claim uploads ${calls['files/upload'] ?? 0}, files/download (flow 1's and claims) ${calls['files/download'] ?? 0}; ` +
				`webhook processes' logs ${JSON.stringify(trouble)}; load average ${require('node:os').loadavg()[0].toFixed(1)}`,
		);
		// Figures first (above), so a failing run still prints them.
		// Every change once, over all executions; nothing else.
		expect(ids.filter((id) => times.get(id) !== 1)).toEqual([]);
		expect(emitted).toHaveLength(BURST);
		// No empty execution, each succeeded.
		expect(reports.filter((report) => report.ids.length === 0).map((report) => report.id)).toEqual([]);
		reports.forEach((report) => expectSuccess(report.execution));
		// One execution per coalesced set: each execution is one coalesced run, whose reads each
		// claim what they found (one claim revision per read that found changes, all reported in
		// that run's one execution); a read that finds nothing writes no claim.
		expect(claimsWon).toBeGreaterThanOrEqual(reports.length);
		expect(claimsWon).toBeLessThanOrEqual(emitted.length);
		const byId = await assetsByExternalId();
		expect(ids.filter((id) => byId.get(`dropbox:${id}`)?.length !== 1)).toEqual([]);

		// The webhook processes did the work: every reporting execution came from a notification
		// (main's safety poll, mode `trigger`, reporting any of them means notifications failed),
		// and both processes behind the balancer got notifications.
		expect(reports.filter((report) => report.mode !== 'webhook').map((report) => `${report.id} (${report.mode}, ${report.ids.length} items)`)).toEqual([]);
		expect(perProcess.every((count) => count > 0)).toBe(true);
	}, 15 * MINUTE);
});
