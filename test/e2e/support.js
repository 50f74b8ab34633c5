'use strict';
// Shared pieces of the end-to-end tests: one sandbox stack (both emulators + real n8n with the
// package, credentials and templates) per test file, admin clients for the emulators, and
// helpers to run a template and read its output.

const axios = require('axios');
const { startStack } = require('../../sandbox/stack');

/**
 * Queue mode for every e2e file from the environment: E2E_QUEUE_WORKERS=4 runs the same tests
 * (same state assertions) against n8n main + 4 workers on Redis and PostgreSQL.
 * @returns {{ workers: number } | undefined}
 */
function queueFromEnv() {
	const value = process.env.E2E_QUEUE_WORKERS;
	if (value === undefined || value === '' || value === '0') return undefined;
	const workers = Number(value);
	if (!Number.isInteger(workers) || workers < 1) throw new Error(`E2E_QUEUE_WORKERS must be a number of workers, got "${value}"`);
	return { workers };
}

/**
 * Starts the stack in temp dirs for one test file. Call in beforeAll; the returned object's
 * fields are filled once started.
 *   queue: n8n in queue mode (Redis, PostgreSQL, main + workers), as test/e2e/queue/ runs it
 * startStack: another stack with startStack's options and result (the Cloud editions' stack,
 * test/cloud/stack.js).
 * @param {{ emulatorOptions?: object, n8nEnv?: Record<string,string>, queue?: { workers: number, concurrency?: number }, startStack?: typeof startStack }} [options]
 */
function sandboxForTests(options = {}) {
	const context = { stack: null, dropboxAdmin: null, smintioAdmin: null };
	context.start = async () => {
		context.stack = await (options.startStack || startStack)({
			dataDir: null,
			emulatorOptions: options.emulatorOptions,
			n8nEnv: options.n8nEnv,
			queue: options.queue ?? queueFromEnv(),
			log: process.env.E2E_VERBOSE ? undefined : () => {},
		});
		context.dropboxAdmin = adminClient(context.stack.dropbox.baseUrl);
		context.smintioAdmin = adminClient(context.stack.smintio.baseUrl);
		return context;
	};
	context.stop = async () => {
		if (context.stack) await context.stack.stop();
	};
	/** Both emulators back to their seed (n8n keeps its workflows and credentials). */
	context.resetEmulators = async () => {
		await context.dropboxAdmin.post('/reset');
		await context.smintioAdmin.post('/reset');
	};
	/** @param {string} fileOrName a template file name (e.g. "01-....json") or workflow name */
	context.template = (fileOrName) => {
		const found = context.stack.templates.find((t) => t.file === fileOrName || t.name === fileOrName);
		if (!found) throw new Error(`no template ${fileOrName}; have: ${context.stack.templates.map((t) => t.file).join(', ')}`);
		return found;
	};
	/** Runs a template from its Manual Trigger and returns the finished execution. */
	context.runTemplate = async (fileOrName, runOptions = {}) => {
		const template = context.template(fileOrName);
		return await context.stack.client.runWorkflow(template.id, { timeoutMs: 300000, ...runOptions });
	};
	return context;
}

/** An axios client for an emulator's /__admin API that throws readable errors. */
function adminClient(baseUrl) {
	const client = axios.create({ baseURL: `${baseUrl}/__admin`, timeout: 60000 });
	const wrap = (method) => async (url, body, config) => {
		try {
			const response =
				method === 'get' ? await client.get(url, body) : method === 'delete' ? await client.delete(url, { data: body }) : await client[method](url, body, config);
			return response.data;
		} catch (error) {
			const detail = error.response ? `${error.response.status} ${JSON.stringify(error.response.data)}` : error.message;
			throw new Error(`admin ${method.toUpperCase()} ${url} failed: ${detail}`);
		}
	};
	return { get: wrap('get'), post: wrap('post'), put: wrap('put'), delete: wrap('delete') };
}

/** The json of every item a node output (first output unless `output` is given). */
function outputOf(execution, nodeName, output = 0) {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs) return [];
	return runs.flatMap((run) => (run.data?.main?.[output] || []).map((item) => item.json));
}

/** Fails with the workflow's own error when an execution did not succeed. */
function expectSuccess(execution) {
	if (execution.status !== 'success') {
		const error = execution.data?.resultData?.error;
		// n8n sometimes stores a non-string message (an error object); show it, not "[object Object]".
		const message = error && (typeof error.message === 'string' ? error.message : JSON.stringify(error.message ?? error).slice(0, 1500));
		throw new Error(
			`execution ${execution.id} ended "${execution.status}": ${error ? `${message}${error.description ? ` (${String(error.description).slice(0, 300)})` : ''} (node ${error.node?.name})` : 'no error recorded'}`,
		);
	}
	return execution;
}

module.exports = { sandboxForTests, queueFromEnv, adminClient, outputOf, expectSuccess };
