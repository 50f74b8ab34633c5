'use strict';

/**
 * Runs a webhook trigger node the way n8n's CLI does, through n8n-core's real contexts:
 * - activate(): webhookMethods.checkExists / create in a HookContext (ActiveWorkflowManager.addWebhooks),
 *   then trigger() in a TriggerContext whose cron jobs go to n8n-core's ScheduledTaskManager;
 * - an HTTP server standing in for n8n's webhook server: each request gets its own Workflow
 *   built from the SAVED static data (LiveWebhooks loads the workflow from the database per
 *   request), webhook() runs in a WebhookContext with the request (raw body kept, as n8n's
 *   body parser does) and response, and the static data is saved after it returns when the
 *   node changed it (WorkflowStaticDataService.saveStaticData). Requests run concurrently.
 * - every execution the node starts (webhook workflowData or trigger emit) is recorded.
 * Follows packages/cli/src/webhooks/live-webhooks.ts, webhook-helpers.ts and active-workflow-manager.ts.
 */

const http = require('node:http');

const { Container, core, n8nWorkflow } = require('./core');

const { Workflow } = n8nWorkflow;

class WebhookTriggerRun {
	/**
	 * @param {import('../n8n-harness')} harness an open harness (createHarness)
	 * @param {{ type: string, name?: string, parameters?: object, credentials?: object }} node
	 */
	constructor(harness, node) {
		this.harness = harness;
		this.node = harness.normalizeNode({ ...node, webhookId: node.webhookId ?? 'b2d1c6f0-0000-4000-8000-000000000014' });
		this.nodeType = harness.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		/** The workflow's static data as the database holds it. */
		this.saved = {};
		/** @type {Array<{ source: 'webhook' | 'trigger', items: object[] }>} */
		this.executions = [];
		/** @type {Array<{ method: string, status: number, body: string }>} */
		this.responses = [];
		this.url = undefined;
	}

	workflow() {
		return new Workflow({
			id: 'harness-workflow',
			name: 'Harness workflow',
			nodes: [structuredClone(this.node)],
			connections: {},
			active: true,
			nodeTypes: this.harness.nodeTypes,
			staticData: structuredClone(this.saved),
			settings: { executionOrder: 'v1' },
		});
	}

	save(workflow) {
		if (workflow.staticData.__dataChanged === true) {
			const copy = JSON.parse(JSON.stringify(workflow.staticData));
			delete copy.__dataChanged;
			this.saved = copy;
		}
	}

	webhookData(workflow, name) {
		const description = this.nodeType.description.webhooks.find((webhook) => webhook.name === name);
		return {
			httpMethod: description.httpMethod,
			node: this.node.name,
			path: `${this.node.webhookId}/${description.path}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.harness.additionalData(),
			webhookId: this.node.webhookId,
		};
	}

	/** Starts the webhook server, then activates the workflow (hooks, then trigger()). */
	async activate({ mode = 'trigger' } = {}) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(String(error.message));
			});
		});
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${this.server.address().port}/webhook/${this.node.webhookId}/dropbox`;

		// The leader instance runs crons (a single main instance is the leader).
		Container.get(core.InstanceSettings).markAsLeader();
		const workflow = this.workflow();
		const workflowNode = workflow.getNode(this.node.name);
		const methods = this.nodeType.webhookMethods?.default;
		if (methods) {
			const hook = new core.HookContext(workflow, workflowNode, this.harness.additionalData(), mode, 'activate', this.webhookData(workflow, 'default'));
			if (!(await methods.checkExists.call(hook))) await methods.create.call(hook);
		}
		this.save(workflow);

		// The trigger keeps the workflow object of its activation (as ActiveWorkflowManager does).
		this.triggerWorkflow = this.workflow();
		const triggerNode = this.triggerWorkflow.getNode(this.node.name);
		const context = new core.TriggerContext(
			this.triggerWorkflow,
			triggerNode,
			this.harness.additionalData(),
			mode,
			'activate',
			(data) => {
				this.executions.push({ source: 'trigger', items: data[0] });
				this.save(this.triggerWorkflow);
			},
			(error) => {
				this.triggerErrors = [...(this.triggerErrors ?? []), error];
			},
		);
		this.triggerResponse = await this.nodeType.trigger.call(context);
		return this;
	}

	async handle(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const url = new URL(req.url, 'http://webhook.invalid');
		req.rawBody = Buffer.concat(chunks);
		req.query = Object.fromEntries(url.searchParams);
		req.body = req.headers['content-type'] === 'application/json' && req.rawBody.length > 0 ? JSON.parse(req.rawBody.toString('utf8')) : {};

		const workflow = this.workflow();
		const workflowNode = workflow.getNode(this.node.name);
		const name = this.nodeType.description.webhooks.find((webhook) => webhook.httpMethod === req.method)?.name;
		if (!name) {
			res.writeHead(404).end();
			return;
		}
		const additionalData = { ...this.harness.additionalData(), httpRequest: req, httpResponse: res };
		const context = new core.WebhookContext(workflow, workflowNode, additionalData, 'webhook', this.webhookData(workflow, name), [], null);
		const result = await this.nodeType.webhook.call(context);
		this.save(workflow);
		if (result.workflowData) this.executions.push({ source: 'webhook', items: result.workflowData[0] });
		if (!result.noWebhookResponse && !res.headersSent) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: 'Workflow was started' }));
		}
	}

	/** The node's saved static data. */
	nodeState() {
		return this.saved[`node:${this.node.name}`] ?? {};
	}

	/** Items of every execution, in order. */
	allItems() {
		return this.executions.flatMap((execution) => execution.items);
	}

	async close() {
		await this.triggerResponse?.closeFunction?.();
		Container.get(core.ScheduledTaskManager).deregisterGroup({ type: 'workflow', id: 'harness-workflow' });
		const methods = this.nodeType.webhookMethods?.default;
		if (methods) {
			const workflow = this.workflow();
			const hook = new core.HookContext(workflow, workflow.getNode(this.node.name), this.harness.additionalData(), 'trigger', 'activate', this.webhookData(workflow, 'default'));
			await methods.delete.call(hook);
		}
		if (this.server) {
			this.server.closeAllConnections();
			await new Promise((resolve) => this.server.close(resolve));
		}
	}
}

module.exports = { WebhookTriggerRun };
