'use strict';
// Template 1 on the webhook trigger in real n8n queue mode: Redis, PostgreSQL, n8n main (serving
// no production webhook: N8N_DISABLE_PRODUCTION_MAIN_PROCESS), 4 workers and 2 `n8n webhook`
// processes. The Dropbox emulator has both webhook processes' URLs registered, so every change
// notifies both at the same moment: the harshest case of two processes reading one cursor.
// - a file written into Approved/ is received by a webhook process (main answers 404 for the
//   production URL), run on a worker, and is an asset once;
// - a burst (QUEUE_WEBHOOK_BURST files, 60 in CI, 200 full size) across the 2 webhook processes:
//   every change is emitted once over all executions (items counted, not only assets, since
//   flow 1's create is idempotent anyway), each execution is one won claim (the claim file's
//   revisions), no execution is empty, and each file is one asset.
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
// Main runs the safety poll (triggers run on main); it races the webhook processes too. Long
// enough that a notification normally arrives first, so the webhook processes do the work.
const SAFETY_POLL_SECONDS = 30;

describe(`queue mode: template 1 on the webhook trigger, ${WEBHOOK_PROCESSES} webhook processes, ${WORKERS} workers`, () => {
	const ctx = useFlowStack({ queue: { workers: WORKERS, webhookProcesses: WEBHOOK_PROCESSES } });
	let workflowId;
	let webhookId;
	let urls = [];

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

	async function settle(check, what) {
		await waitUntil(check, { timeoutMs: 5 * MINUTE, intervalMs: 500, what });
		// Let late notifications, retries and a safety poll run, then count.
		await new Promise((resolve) => setTimeout(resolve, (SAFETY_POLL_SECONDS + 5) * 1000));
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
		urls = ctx.stack.webhooks.map((webhook) => `${webhook.baseUrl}/webhook/${webhookId}/dropbox`);
		// The App Console step, once per webhook process (a load balancer would hold one URL).
		for (const url of urls) {
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
		}
	}, 5 * MINUTE);

	afterAll(async () => {
		for (const url of urls) await ctx.dropboxAdmin.delete('/webhooks', { url }).catch(() => {});
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
		// Both webhook processes got the notification at once and answered 200.
		const notifications = (await ctx.dropboxAdmin.get('/webhooks')).notifications;
		for (const url of urls) expect(notifications.some((entry) => entry.url === url && entry.delivered)).toBe(true);
	}, 10 * MINUTE);

	test(`a burst of ${BURST} files across ${WEBHOOK_PROCESSES} webhook processes: each change emitted once, one execution per won claim`, async () => {
		const before = await triggerReports();
		const claimBefore = await claimFile();
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
		await settle(async () => {
			const byId = await assetsByExternalId();
			return ids.every((id) => byId.has(`dropbox:${id}`));
		}, `all ${BURST} burst files in Smint.io`);
		const allIn = Date.now() - started;

		const seen = new Set(before.map((report) => report.id));
		const reports = (await triggerReports()).filter((report) => !seen.has(report.id));
		const emitted = reports.flatMap((report) => report.ids);
		const times = new Map();
		for (const id of emitted) times.set(id, (times.get(id) ?? 0) + 1);
		// Every change once, over all executions; nothing else.
		expect(ids.filter((id) => times.get(id) !== 1)).toEqual([]);
		expect(emitted).toHaveLength(BURST);
		// No empty execution, each succeeded.
		expect(reports.filter((report) => report.ids.length === 0).map((report) => report.id)).toEqual([]);
		reports.forEach((report) => expectSuccess(report.execution));
		// One execution per won claim: the claim file got one revision per reporting catch-up.
		const claimAfter = await claimFile();
		expect(claimAfter.revisions.length - claimBefore.revisions.length).toBe(reports.length);
		const byId = await assetsByExternalId();
		expect(ids.filter((id) => byId.get(`dropbox:${id}`)?.length !== 1)).toEqual([]);

		const notifications = (await ctx.dropboxAdmin.get('/webhooks')).notifications.filter((entry) => urls.includes(entry.url));
		const perProcess = urls.map((url) => notifications.filter((entry) => entry.url === url && entry.delivered).length);
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
				`${JSON.stringify(reports.map((report) => report.ids.length))}; notifications delivered per webhook process ${JSON.stringify(perProcess)}; ` +
				`Dropbox calls so far: list_folder/continue ${calls['files/list_folder/continue'] ?? 0}, claim uploads ${calls['files/upload'] ?? 0}, files/download (flow 1's and claims) ${calls['files/download'] ?? 0}; ` +
				`webhook processes' logs ${JSON.stringify(trouble)}; load average ${require('node:os').loadavg()[0].toFixed(1)}`,
		);
	}, 15 * MINUTE);
});
