'use strict';
// A client for a running n8n 2.41.x: the internal REST API the editor uses (/rest, cookie
// session) for owner setup, login, credentials, workflows, manual runs and executions, and the
// public API (/api/v1, X-N8N-API-KEY) with a key it creates. Request shapes were read from
// n8n 2.41.1's controllers and DTOs and are exercised by test/e2e/runtime.test.js.

const crypto = require('node:crypto');
const path = require('node:path');

const FINISHED_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

class N8nRequestError extends Error {
	/** @param {string} message @param {number} status @param {unknown} body */
	constructor(message, status, body) {
		super(message);
		this.name = 'N8nRequestError';
		this.status = status;
		this.body = body;
	}
}

class N8nClient {
	/**
	 * @param {{ baseUrl: string, installDir?: string, apiKey?: string }} options installDir lets
	 *   getExecution decode the REST API's `flatted` execution data with n8n's own copy of flatted
	 */
	constructor(options) {
		this.baseUrl = options.baseUrl.replace(/\/$/, '');
		this.installDir = options.installDir;
		/** @type {string | undefined} */
		this.apiKey = options.apiKey;
		/** @type {string | undefined} */
		this.authCookie = undefined;
		// n8n binds the session cookie to this header's value when it is sent at login.
		this.browserId = crypto.randomUUID();
	}

	/**
	 * Calls the internal REST API with the session cookie; returns the body's `data`.
	 * @param {string} method @param {string} route e.g. `/workflows` @param {unknown} [body]
	 * @param {Record<string, string>} [query]
	 */
	async rest(method, route, body, query) {
		const response = await this.send(method, `/rest${route}`, body, query, {
			...(this.authCookie ? { cookie: `n8n-auth=${this.authCookie}` } : {}),
			'browser-id': this.browserId,
		});
		const cookie = authCookieFrom(response.headers);
		if (cookie) this.authCookie = cookie;
		const parsed = await parseBody(response);
		if (!response.ok) throw requestError(method, route, response.status, parsed);
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/**
	 * Calls the public API (/api/v1) with the API key; returns the parsed body.
	 * @param {string} method @param {string} route e.g. `/workflows` @param {unknown} [body]
	 * @param {Record<string, string>} [query]
	 */
	async publicApi(method, route, body, query) {
		if (!this.apiKey) throw new Error('No API key: call createApiKey() (or signIn()) first');
		const response = await this.send(method, `/api/v1${route}`, body, query, {
			'x-n8n-api-key': this.apiKey,
		});
		const parsed = await parseBody(response);
		if (!response.ok) throw requestError(method, `/api/v1${route}`, response.status, parsed);
		return parsed;
	}

	/**
	 * @param {string} method @param {string} urlPath @param {unknown} body
	 * @param {Record<string, string> | undefined} query @param {Record<string, string>} headers
	 */
	async send(method, urlPath, body, query, headers) {
		const url = new URL(`${this.baseUrl}${urlPath}`);
		for (const [name, value] of Object.entries(query || {})) url.searchParams.set(name, value);
		return await fetch(url, {
			method,
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60000),
		});
	}

	/** Public settings before login, full settings after. */
	async settings() {
		return await this.rest('GET', '/settings');
	}

	/**
	 * Creates the instance owner (first start of a user folder) and keeps the session cookie.
	 * @param {{ email: string, password: string, firstName?: string, lastName?: string }} owner
	 *   password: 8-64 characters with a digit and an uppercase letter
	 */
	async setupOwner(owner) {
		return await this.rest('POST', '/owner/setup', {
			email: owner.email,
			password: owner.password,
			firstName: owner.firstName || 'Sandbox',
			lastName: owner.lastName || 'Owner',
		});
	}

	/** @param {{ email: string, password: string }} login */
	async login(login) {
		return await this.rest('POST', '/login', {
			emailOrLdapLoginId: login.email,
			password: login.password,
		});
	}

	/** Sets the owner up if this instance has none yet, else logs in. @param {{ email: string, password: string }} owner */
	async signIn(owner) {
		const settings = await this.settings();
		const needsSetup = Boolean(settings?.userManagement?.showSetupOnFirstLoad);
		if (needsSetup) await this.setupOwner(owner);
		else await this.login(owner);
		return { created: needsSetup };
	}

	/**
	 * Creates a public-API key with every scope the owner may grant, and uses it from now on.
	 * @param {string} [label]
	 * @returns {Promise<string>} the raw key (shown once by n8n)
	 */
	async createApiKey(label = `sandbox ${new Date().toISOString()}`) {
		const scopes = await this.rest('GET', '/api-keys/scopes');
		const created = await this.rest('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.rawApiKey;
		return created.rawApiKey;
	}

	/** @returns {Promise<Array<{ id: string, name: string, type: string }>>} */
	async listCredentials() {
		const list = await this.rest('GET', '/credentials');
		return list.map((/** @type {any} */ c) => ({ id: c.id, name: c.name, type: c.type }));
	}

	/**
	 * Creates credentials from plain data (n8n encrypts them), as `n8n import:credentials` accepts
	 * them: `[{ name, type, data: {...} }]` (an `id` is ignored; n8n assigns one). A credential of the
	 * same type and name that exists already is updated instead, so imports can be repeated.
	 * @param {Array<{ name: string, type: string, data: Record<string, unknown> }>} list
	 * @returns {Promise<Array<{ id: string, name: string, type: string }>>}
	 */
	async importCredentials(list) {
		const existing = await this.listCredentials();
		const result = [];
		for (const credential of list) {
			const same = existing.find((c) => c.type === credential.type && c.name === credential.name);
			const body = { name: credential.name, type: credential.type, data: credential.data };
			const saved = same
				? await this.rest('PATCH', `/credentials/${same.id}`, body)
				: await this.rest('POST', '/credentials', body);
			result.push({ id: saved.id, name: saved.name, type: saved.type });
		}
		return result;
	}

	/**
	 * Saves a workflow (n8n export / template JSON). Node credentials given by type and name only
	 * (templates carry no instance ids) are resolved to this instance's credential ids.
	 * The workflow is created inactive; see activateWorkflow.
	 * @param {any} workflow
	 * @returns {Promise<{ id: string, versionId: string, name: string }>}
	 */
	async importWorkflow(workflow) {
		const credentials = await this.listCredentials();
		const nodes = (workflow.nodes || []).map((/** @type {any} */ node) =>
			resolveNodeCredentials(node, credentials),
		);
		const saved = await this.rest('POST', '/workflows', {
			name: workflow.name,
			nodes,
			connections: workflow.connections || {},
			settings: workflow.settings || { executionOrder: 'v1' },
			pinData: workflow.pinData || {},
			staticData: workflow.staticData || null,
			meta: workflow.meta || null,
		});
		return { id: saved.id, versionId: saved.versionId, name: saved.name };
	}

	/** @param {string} id */
	async getWorkflow(id) {
		return await this.rest('GET', `/workflows/${id}`);
	}

	/**
	 * Publishes (activates) the workflow's current version: n8n 2.x registers its triggers and
	 * pollers. REST `POST /rest/workflows/:id/activate` with `{ versionId }`.
	 * @param {string} id
	 */
	async activateWorkflow(id) {
		const { versionId } = await this.getWorkflow(id);
		const workflow = await this.rest('POST', `/workflows/${id}/activate`, { versionId });
		if (!workflow.activeVersionId && !workflow.active) {
			throw new Error(`n8n did not activate workflow ${id}`);
		}
		return workflow;
	}

	/** @param {string} id */
	async deactivateWorkflow(id) {
		return await this.rest('POST', `/workflows/${id}/deactivate`, {});
	}

	/**
	 * Runs a saved workflow as the editor's "Execute workflow" button does and waits for it:
	 * REST `POST /rest/workflows/:id/run` with `{ triggerToStartFrom: { name } }`.
	 * @param {string} id
	 * @param {{ triggerName?: string, timeoutMs?: number }} [options] triggerName defaults to the
	 *   workflow's Manual Trigger
	 * @returns {Promise<Execution>}
	 */
	async runWorkflow(id, options = {}) {
		const workflow = await this.getWorkflow(id);
		const triggerName = options.triggerName || manualTriggerName(workflow);
		const started = await this.rest('POST', `/workflows/${id}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!started || !started.executionId) {
			throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(started)}`);
		}
		return await this.waitForExecution(started.executionId, options.timeoutMs);
	}

	/**
	 * Polls an execution until it has finished (success, error, crashed or canceled).
	 * @param {string} executionId @param {number} [timeoutMs]
	 * @returns {Promise<Execution>}
	 */
	async waitForExecution(executionId, timeoutMs = 120000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let execution;
			try {
				execution = await this.getExecution(executionId);
			} catch (error) {
				if (/** @type {N8nRequestError} */ (error).status !== 404) throw error;
			}
			if (execution && FINISHED_STATUSES.has(execution.status)) return execution;
			if (Date.now() > deadline) {
				throw new Error(`execution ${executionId} not finished after ${timeoutMs / 1000} s (status ${execution?.status})`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * One execution with its full run data decoded (`data.resultData.runData[node][run].data.main`),
	 * plus `outputs`: each node's output items of its last run (`{ [node]: json[] }`, first output).
	 * @param {string} executionId
	 * @returns {Promise<Execution>}
	 */
	async getExecution(executionId) {
		const execution = await this.rest('GET', `/executions/${executionId}`);
		if (!execution) throw new N8nRequestError(`execution ${executionId} not found`, 404, null);
		const data = typeof execution.data === 'string' ? this.unflatten(execution.data) : execution.data;
		return { ...execution, data, outputs: nodeOutputs(data) };
	}

	/**
	 * Executions of a workflow, newest first (metadata only; see getExecution for the data).
	 * @param {string} workflowId
	 * @returns {Promise<Array<{ id: string, status: string, mode: string, startedAt: string, stoppedAt: string | null }>>}
	 */
	async listExecutions(workflowId) {
		const page = await this.rest('GET', '/executions', undefined, {
			filter: JSON.stringify({ workflowId }),
			limit: '100',
		});
		return page.results.map((/** @type {any} */ e) => ({
			id: e.id,
			status: e.status,
			mode: e.mode,
			startedAt: e.startedAt,
			stoppedAt: e.stoppedAt,
		}));
	}

	/**
	 * Waits until a workflow has an execution that satisfies `accept` (e.g. one made by an
	 * activated trigger) and returns it with its data.
	 * @param {string} workflowId
	 * @param {{ timeoutMs?: number, accept?: (e: { id: string, status: string, mode: string }) => boolean }} [options]
	 */
	async waitForWorkflowExecution(workflowId, options = {}) {
		const accept = options.accept || ((e) => FINISHED_STATUSES.has(e.status));
		const deadline = Date.now() + (options.timeoutMs || 60000);
		while (Date.now() < deadline) {
			const found = (await this.listExecutions(workflowId)).find(accept);
			if (found) return await this.getExecution(found.id);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`no matching execution of workflow ${workflowId} within ${options.timeoutMs || 60000} ms`);
	}

	/**
	 * The node types this server knows (as the editor loads them), e.g. to check a community
	 * package loaded. `GET /types/nodes.json` needs the session cookie.
	 * @returns {Promise<Array<{ name: string, displayName: string, version: number | number[] }>>}
	 */
	async nodeTypes() {
		const response = await this.send('GET', '/types/nodes.json', undefined, undefined, {
			cookie: `n8n-auth=${this.authCookie}`,
			'browser-id': this.browserId,
		});
		const parsed = await parseBody(response);
		if (!response.ok) throw requestError('GET', '/types/nodes.json', response.status, parsed);
		return parsed;
	}

	/** @returns {Promise<Array<{ name: string, displayName: string }>>} */
	async credentialTypes() {
		const response = await this.send('GET', '/types/credentials.json', undefined, undefined, {
			cookie: `n8n-auth=${this.authCookie}`,
			'browser-id': this.browserId,
		});
		const parsed = await parseBody(response);
		if (!response.ok) throw requestError('GET', '/types/credentials.json', response.status, parsed);
		return parsed;
	}

	/** @param {string} text */
	unflatten(text) {
		if (!this.installDir) throw new Error('N8nClient needs installDir to decode execution data');
		// n8n stores run data with `flatted` (it has circular references); use n8n's own copy.
		return require(path.join(this.installDir, 'node_modules', 'flatted')).parse(text);
	}
}

/**
 * @typedef {{ id: string, status: string, mode: string, finished: boolean, workflowId: string,
 *   startedAt: string, stoppedAt: string | null, data: any,
 *   outputs: Record<string, Array<Record<string, unknown>>> }} Execution
 */

/** @param {any} data */
function nodeOutputs(data) {
	/** @type {Record<string, Array<Record<string, unknown>>>} */
	const outputs = {};
	const runData = data?.resultData?.runData || {};
	for (const [node, runs] of Object.entries(runData)) {
		const last = /** @type {any[]} */ (runs)[/** @type {any[]} */ (runs).length - 1];
		const items = last?.data?.main?.[0] || [];
		outputs[node] = items.map((/** @type {any} */ item) => item.json);
	}
	return outputs;
}

/** @param {any} workflow */
function manualTriggerName(workflow) {
	const triggers = workflow.nodes.filter((/** @type {any} */ n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (triggers.length !== 1) {
		throw new Error(
			`workflow ${workflow.id} has ${triggers.length} Manual Trigger nodes: pass options.triggerName`,
		);
	}
	return triggers[0].name;
}

/**
 * @param {any} node
 * @param {Array<{ id: string, name: string, type: string }>} credentials
 */
function resolveNodeCredentials(node, credentials) {
	if (!node.credentials) return node;
	/** @type {Record<string, { id: string, name: string }>} */
	const resolved = {};
	for (const [type, reference] of Object.entries(node.credentials)) {
		const ref = /** @type {{ id?: string, name?: string }} */ (reference);
		const byId = ref.id && credentials.find((c) => c.id === ref.id && c.type === type);
		const byName = credentials.find((c) => c.type === type && c.name === ref.name);
		const match = byId || byName;
		if (!match) {
			throw new Error(
				`node "${node.name}" uses a ${type} credential named "${ref.name}" that this n8n does not have: import it first`,
			);
		}
		resolved[type] = { id: match.id, name: match.name };
	}
	return { ...node, credentials: resolved };
}

/** @param {Headers} headers */
function authCookieFrom(headers) {
	const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
	for (const cookie of cookies) {
		const match = /^n8n-auth=([^;]*)/.exec(cookie);
		if (match && match[1]) return match[1];
	}
	return undefined;
}

/** @param {Response} response */
async function parseBody(response) {
	const text = await response.text();
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** @param {string} method @param {string} route @param {number} status @param {any} body */
function requestError(method, route, status, body) {
	const detail = body && typeof body === 'object' ? body.message || JSON.stringify(body) : String(body).slice(0, 300);
	return new N8nRequestError(`n8n ${method} ${route} answered ${status}: ${detail}`, status, body);
}

module.exports = { N8nClient, N8nRequestError, nodeOutputs };
