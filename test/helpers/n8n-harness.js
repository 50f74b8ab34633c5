'use strict';

/**
 * Runs our n8n nodes through n8n-core's real execution engine (WorkflowExecute, PollContext,
 * PollTriggerExecutor, LoadOptionsContext, and the real request, OAuth2 and binary-data helpers)
 * instead of a fake context.
 *
 * What is ours: the pieces that the n8n CLI normally provides and n8n-core does not ship — a
 * NodeTypes registry (./n8n/node-types.js), credential types and a CredentialsHelper over an
 * in-memory credential store (./n8n/credentials.js), and the `additionalData` object. Each
 * follows the CLI's code (packages/cli/src/credentials-helper.ts, node-types.ts,
 * services/dynamic-node-parameters.service.ts, workflow-execute-additional-data.ts).
 *
 * One live harness per process: n8n-core reads its services from a process-wide DI container.
 *
 * Example:
 *   const harness = await createHarness({
 *     nodeTypes: { 'n8n-nodes-dropbox-sync.dropboxSync': DropboxSync },
 *     credentialTypes: { DropboxSyncOAuth2Api },
 *     credentials: { Dropbox: { apiBaseUrl, clientId, clientSecret, oauthTokenData } },
 *   });
 *   const { items, error } = await harness.runNode({
 *     type: 'n8n-nodes-dropbox-sync.dropboxSync',
 *     parameters: { resource: 'file', operation: 'upload', path: '/a.jpg' },
 *     credentials: { dropboxSyncOAuth2Api: 'Dropbox' },
 *     inputItems: [{ json: {}, binary: { data: await harness.binaryFromFile('a.jpg') } }],
 *     continueOnFail: true,
 *   });
 *   await harness.close();
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const { Container, Logger, core, n8nWorkflow } = require('./n8n/core');
const { HarnessNodeTypes } = require('./n8n/node-types');
const { HarnessCredentialTypes, HarnessCredentialsHelper } = require('./n8n/credentials');

const { Workflow, LoggerProxy, createRunExecutionData } = n8nWorkflow;

const WORKFLOW_ID = 'harness-workflow';

const clone = (value) => (value === undefined ? undefined : structuredClone(value));

// ---------------------------------------------------------------------------------------------
// Logger: n8n-core logs through Container.get(Logger) and LoggerProxy. We keep the records so a
// test can assert on a warning (e.g. "was not retried after the token refresh").
// ---------------------------------------------------------------------------------------------
function createLogger(records) {
	const print = process.env.N8N_HARNESS_LOG === '1';
	const log = (level) => (message, meta) => {
		records.push({ level, message, meta });
		if (print) console.log(`[n8n ${level}] ${message}`);
	};
	const logger = {
		error: log('error'),
		warn: log('warn'),
		info: log('info'),
		debug: log('debug'),
		scoped: () => logger,
	};
	return logger;
}

// ---------------------------------------------------------------------------------------------
// The harness.
// ---------------------------------------------------------------------------------------------
let liveHarness;

/**
 * @param {{
 *   nodeTypes?: Record<string, unknown>,
 *   credentialTypes?: Record<string, unknown>,
 *   credentials?: Record<string, Record<string, unknown>>,
 *   binaryDataMode?: 'filesystem' | 'default',
 *   tmpDir?: string,
 * }} options
 */
async function createHarness(options = {}) {
	if (liveHarness) {
		throw new Error('Harness: another harness is still open in this process; call harness.close() first.');
	}
	const harness = new N8nHarness(options);
	liveHarness = harness;
	try {
		await harness.init();
	} catch (error) {
		await harness.close();
		throw error;
	}
	return harness;
}

class N8nHarness {
	constructor({ nodeTypes = {}, credentialTypes = {}, credentials = {}, binaryDataMode = 'filesystem', tmpDir }) {
		this.ownsTmpDir = tmpDir === undefined;
		this.tmpDir = tmpDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
		this.binaryDataMode = binaryDataMode;
		this.nodeTypes = new HarnessNodeTypes(nodeTypes);
		this.credentialTypes = new HarnessCredentialTypes(credentialTypes);
		/** @type {Map<string, {name: string, data: Record<string, unknown>}>} */
		this.credentialStore = new Map();
		for (const [name, data] of Object.entries(credentials)) this.setCredential(name, data);
		/** Credential writes made by n8n (token refreshes, preAuthentication), in order. */
		this.credentialEvents = [];
		/** Everything n8n-core logged. */
		this.logs = [];
		this.credentialsHelper = new HarnessCredentialsHelper(this.credentialTypes, this.credentialStore, this.credentialEvents);
		this.executionCounter = 0;
		/** Node static data per node name, kept between poll() calls. */
		this.staticDataByNode = {};
	}

	async init() {
		// Fresh service instances for this harness (registrations are kept, instances dropped), so
		// nothing built for an earlier harness (with its logger, its folders) is reused.
		Container.reset();
		const logger = createLogger(this.logs);
		// n8n-core and n8n-workflow log through these two.
		Container.set(Logger, logger);
		LoggerProxy.init(logger);

		// Every node context reads InstanceSettings (n8nFolder, instanceId). Built by hand so it
		// uses our temp folder instead of ~/.n8n and N8N_* env vars.
		const n8nFolder = path.join(this.tmpDir, '.n8n');
		fs.mkdirSync(n8nFolder, { recursive: true });
		const instanceSettings = new core.InstanceSettings(
			{ n8nFolder, userHome: this.tmpDir, encryptionKey: 'n8n-harness-encryption-key', enforceSettingsFilePermissions: false },
			logger,
		);
		Container.set(core.InstanceSettings, instanceSettings);

		// Binary data: the real BinaryDataService. In 'filesystem' mode it stores under
		// <tmpDir>/binaryData through n8n's FsByteStore and ids look like "filesystem-v2:…";
		// in 'default' mode there is no manager and data stays base64 in the item (n8n's memory mode).
		const errorReporter = Container.get(core.ErrorReporter); // built now, with our logger
		this.binaryDataService = new core.BinaryDataService(
			{ mode: this.binaryDataMode, localStoragePath: path.join(this.tmpDir, 'binaryData'), signingSecret: 'n8n-harness-signing-secret' },
			errorReporter,
			logger,
		);
		await this.binaryDataService.init();
		Container.set(core.BinaryDataService, this.binaryDataService);
		// OutboundHttp (the axios-based request client), LockService (OAuth2 single-flight
		// refresh), TriggersAndPollers, PollTriggerExecutor and Tracing come from the container
		// with their defaults: nothing of ours is needed there.
	}

	// ----------------------------------------------------------------------------- credentials

	/** Adds or replaces a credential in the store. */
	setCredential(name, data) {
		this.credentialStore.set(name, { name, data: clone(data) });
	}

	/** The stored (raw) data of a credential, including oauthTokenData written by n8n. */
	getCredentialData(name) {
		const entry = this.credentialStore.get(name);
		if (!entry) throw new Error(`Harness: no credential named "${name}"`);
		return clone(entry.data);
	}

	/**
	 * A credential as a node's getCredentials() sees it: `extends` merged, type defaults and
	 * hidden (pinned) fields applied, expressions such as `={{$self.baseUrl}}/token` resolved.
	 */
	async getDecryptedCredential(name, type) {
		return await this.credentialsHelper.getDecrypted(this.additionalData(), { id: name, name }, type, 'manual');
	}

	// ----------------------------------------------------------------------------- binary data

	/** Stores a Buffer through n8n-core's prepareBinaryData, as a node would. */
	async binaryFromBuffer(buffer, { fileName, mimeType } = {}) {
		return await core.prepareBinaryData(buffer, core.TEMP_EXECUTION_ID, WORKFLOW_ID, fileName, mimeType);
	}

	/** Copies a file into n8n binary data (filesystem mode: no read into memory) via n8n-core's copyBinaryFile. */
	async binaryFromFile(filePath, { fileName, mimeType } = {}) {
		return await core.copyBinaryFile(WORKFLOW_ID, core.TEMP_EXECUTION_ID, filePath, fileName ?? path.basename(filePath), mimeType);
	}

	/** The whole binary as a Buffer (small files only). */
	async readBinary(binaryData) {
		return await this.binaryDataService.getAsBuffer(binaryData);
	}

	/** A readable stream over the binary (filesystem mode) or over its base64 payload (default mode). */
	async openBinaryStream(binaryData, chunkSize) {
		if (binaryData.id) return await this.binaryDataService.getAsStream(binaryData.id, chunkSize);
		const { Readable } = require('node:stream');
		return Readable.from([Buffer.from(binaryData.data, 'base64')]);
	}

	/** Hash and size of a binary, streamed. */
	async hashBinary(binaryData, algorithm = 'sha256') {
		const hash = crypto.createHash(algorithm);
		let bytes = 0;
		for await (const chunk of await this.openBinaryStream(binaryData)) {
			hash.update(chunk);
			bytes += chunk.length;
		}
		return { hash: hash.digest('hex'), bytes };
	}

	/** Path of the binary's file on disk (filesystem mode only). */
	binaryPath(binaryData) {
		if (!binaryData.id) throw new Error('Harness: binary data has no id (not stored in filesystem mode)');
		return this.binaryDataService.getPath(binaryData.id);
	}

	// ----------------------------------------------------------------------------- execution

	/** The object n8n-core receives as `additionalData` (CLI: WorkflowExecuteAdditionalData.getBase). */
	additionalData({ executionId, hooks, currentNodeParameters } = {}) {
		const notSupported = (what) => async () => {
			throw new Error(`Harness: ${what} is not supported`);
		};
		return {
			credentialsHelper: this.credentialsHelper,
			hooks,
			executionId,
			workflowId: WORKFLOW_ID,
			currentNodeExecutionIndex: 0,
			currentNodeParameters,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formBaseUrl: 'http://localhost:5678/form',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			formTestBaseUrl: 'http://localhost:5678/form-test',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			mcpBaseUrl: 'http://localhost:5678/mcp',
			mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
			variables: {},
			logAiEvent: () => {},
			executeWorkflow: notSupported('executeWorkflow (sub-workflows)'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: notSupported('startRunnerTask (Code node task runners)'),
		};
	}

	/** Fills the fields of a workflow node that a test may leave out. */
	normalizeNode(node) {
		const typeVersion = node.typeVersion ?? this.nodeTypes.defaultVersion(node.type);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, typeVersion);
		return {
			...node,
			id: node.id ?? crypto.randomUUID(),
			name: node.name ?? nodeType.description.defaults?.name ?? nodeType.description.displayName,
			position: node.position ?? [0, 0],
			parameters: clone(node.parameters ?? {}),
			typeVersion,
			credentials: toNodeCredentials(node.credentials),
		};
	}

	newWorkflow({ nodes, connections = {}, pinData, staticData, settings }) {
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'Harness workflow',
			nodes,
			connections,
			pinData,
			staticData,
			settings: { executionOrder: 'v1', ...settings },
			active: false,
			nodeTypes: this.nodeTypes,
		});
	}

	/**
	 * Runs a workflow through WorkflowExecute.processRunExecutionData, the engine's main loop.
	 * `nodes` may leave out id, position, typeVersion (default version) and parameters; node
	 * `credentials` are `{ credentialType: 'credential name' }`. `inputItems` are fed to the start
	 * node (a trigger if any, else the first node without parents, or `startNode`) the way a
	 * trigger's output is. `pinData` (`{ nodeName: items }`) replaces those nodes' output.
	 * @returns {Promise<WorkflowResult>} items(node, output), outputs(), error, runData, nodeExecutionOrder
	 */
	async runWorkflow({ nodes, connections, pinData, inputItems = [{ json: {} }], startNode, mode = 'manual', settings, staticData }) {
		const workflowNodes = nodes.map((node) => this.normalizeNode(node));
		const workflow = this.newWorkflow({ nodes: workflowNodes, connections, pinData, staticData, settings });
		const start = startNode ? workflow.getNode(startNode) : findStartNode(workflow, workflowNodes);
		if (!start) throw new Error('Harness: the workflow has no start node');

		const executionId = String(++this.executionCounter);
		const hooks = new core.ExecutionLifecycleHooks(mode, executionId, {
			id: WORKFLOW_ID,
			name: workflow.name,
			nodes: workflowNodes,
			connections: workflow.connectionsBySourceNode,
			active: false,
			settings: workflow.settings,
		});
		const nodeExecutionOrder = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName) => nodeExecutionOrder.push(nodeName));

		const runExecutionData = createRunExecutionData({
			// Pinned data replaces a node's output (the engine reads it from here, not from the Workflow).
			resultData: { pinData },
			executionData: {
				nodeExecutionStack: [{ node: start, data: { main: [inputItems] }, source: null }],
			},
		});
		const additionalData = this.additionalData({ executionId, hooks });
		const run = await new core.WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		return new WorkflowResult(run, nodeExecutionOrder, workflow);
	}

	/**
	 * Runs one node with the given input items.
	 * `credentials` maps credential type -> credential name in the store.
	 * `continueOnFail`: true | 'regularOutput' | 'errorOutput' sets the node's "On Error" setting.
	 */
	async runNode({ type, typeVersion, name, parameters = {}, credentials, inputItems = [{ json: {} }], continueOnFail = false, mode = 'manual', staticData }) {
		const node = { type, typeVersion, name, parameters, credentials };
		if (continueOnFail) node.onError = continueOnFail === 'errorOutput' ? 'continueErrorOutput' : 'continueRegularOutput';
		const normalized = this.normalizeNode(node);
		const result = await this.runWorkflow({ nodes: [normalized], inputItems, mode, staticData });
		const nodeRun = result.lastRun(normalized.name);
		return {
			/** Items of the first output. */
			items: nodeRun?.data?.main?.[0] ?? [],
			/** All outputs (index = output). */
			outputs: nodeRun?.data?.main ?? [],
			/** The node's error when it failed without Continue On Fail: the engine's plain copy ({ ...error, message, stack }, with name, httpCode, description, context), as n8n stores it. */
			error: nodeRun?.error ?? result.error,
			nodeName: normalized.name,
			runData: result.runData,
			run: result.run,
			staticData: result.staticData,
		};
	}

	/**
	 * Runs a polling trigger's `poll()` through n8n-core.
	 * mode 'trigger' (active workflow): a PollContext driven by PollTriggerExecutor, as
	 *   ActiveWorkflowTriggers does on each cron tick; emitted data and emitted errors are
	 *   returned instead of starting executions.
	 * mode 'manual' ("Fetch test event"): the node is run by WorkflowExecute, which calls poll()
	 *   with a manual PollContext (executePollNode).
	 * Static data persists between calls per node name; pass `staticData` to override it (e.g. to
	 * simulate a restart from a saved copy). Returns the node's static data after the poll.
	 */
	async poll({ type, typeVersion, name, parameters = {}, credentials, staticData, mode = 'trigger', activation = 'activate' }) {
		const node = this.normalizeNode({ type, typeVersion, name, parameters, credentials });
		const key = `node:${node.name}`;
		const before = clone(staticData ?? this.staticDataByNode[node.name] ?? {});

		let items = null;
		let error;
		let workflowStaticData;
		if (mode === 'manual') {
			const result = await this.runWorkflow({ nodes: [node], staticData: { [key]: before } });
			const nodeRun = result.lastRun(node.name);
			items = nodeRun?.data?.main?.[0] ?? null;
			error = nodeRun?.error ?? result.error;
			workflowStaticData = result.workflow.staticData;
		} else {
			const workflow = this.newWorkflow({ nodes: [node], staticData: { [key]: before } });
			const workflowNode = workflow.getNode(node.name);
			const emitted = [];
			const emittedErrors = [];
			const executionId = String(++this.executionCounter);
			const pollFunctions = new core.PollContext(
				workflow,
				workflowNode,
				this.additionalData({ executionId }),
				'trigger',
				activation,
				(data) => emitted.push(data),
				(emittedError) => emittedErrors.push(emittedError),
			);
			const executePoll = Container.get(core.PollTriggerExecutor).create(workflow, workflowNode, pollFunctions, () => true);
			await executePoll(false);
			items = emitted.length > 0 ? emitted[0][0] : null;
			error = emittedErrors[0];
			workflowStaticData = workflow.staticData;
		}

		const after = JSON.parse(JSON.stringify(workflowStaticData[key] ?? {}));
		this.staticDataByNode[node.name] = after;
		return {
			/** Items emitted (first output); null when poll() returned null (nothing new). */
			items,
			error,
			staticData: after,
			/** Whether the node changed its static data (n8n saves the workflow only then). */
			staticDataChanged: workflowStaticData.__dataChanged === true,
		};
	}

	/** Runs a `methods.listSearch` function in a LoadOptionsContext (CLI: DynamicNodeParametersService). */
	async listSearch({ method, filter, paginationToken, ...rest }) {
		const { fn, context } = this.loadOptionsContext('listSearch', method, rest);
		return await fn.call(context, filter, paginationToken);
	}

	/** Runs a `methods.loadOptions` function in a LoadOptionsContext. */
	async loadOptions({ method, ...rest }) {
		const { fn, context } = this.loadOptionsContext('loadOptions', method, rest);
		return await fn.call(context);
	}

	loadOptionsContext(kind, method, { type, typeVersion, parameters = {}, credentials, path: parameterPath = 'parameters' }) {
		const version = typeVersion ?? this.nodeTypes.defaultVersion(type);
		const nodeType = this.nodeTypes.getByNameAndVersion(type, version);
		const fn = nodeType.methods?.[kind]?.[method];
		if (typeof fn !== 'function') throw new Error(`Harness: node type "${type}" has no methods.${kind}.${method}`);
		const node = {
			parameters: clone(parameters),
			id: 'uuid-1234',
			name: 'Temp-Node',
			type,
			typeVersion: version,
			position: [0, 0],
			credentials: toNodeCredentials(credentials),
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const workflowNode = workflow.getNode('Temp-Node');
		// The editor sends the node's full parameters (defaults included) as currentNodeParameters;
		// n8n-core checks credential displayOptions against them.
		const additionalData = this.additionalData({ currentNodeParameters: clone(workflowNode.parameters) });
		const context = new core.LoadOptionsContext(workflow, workflowNode, additionalData, parameterPath);
		return { fn, context };
	}

	/** Removes the temp folder (binary data, settings) and frees the process-wide slot. */
	async close() {
		if (liveHarness === this) {
			liveHarness = undefined;
			Container.reset();
		}
		if (this.ownsTmpDir) await fsp.rm(this.tmpDir, { recursive: true, force: true });
		else await fsp.rm(path.join(this.tmpDir, 'binaryData'), { recursive: true, force: true });
	}
}

/** A trigger/poller if there is one (n8n's own choice), else the first node without main parents. */
function findStartNode(workflow, nodes) {
	const trigger = workflow.getStartNode();
	if (trigger) return trigger;
	const first = nodes.find((node) => workflow.getParentNodes(node.name).length === 0);
	return first && workflow.getNode(first.name);
}

/** `{ type: 'credential name' }` -> the `{ type: { id, name } }` a workflow node carries. */
function toNodeCredentials(credentials) {
	if (!credentials) return undefined;
	const result = {};
	for (const [type, reference] of Object.entries(credentials)) {
		result[type] = typeof reference === 'string' ? { id: reference, name: reference } : reference;
	}
	return result;
}

/** Read-only view of an IRun. */
class WorkflowResult {
	constructor(run, nodeExecutionOrder, workflow) {
		this.run = run;
		this.nodeExecutionOrder = nodeExecutionOrder;
		this.workflow = workflow;
		this.runData = run.data.resultData.runData;
		/** The execution's error (a node failed without Continue On Fail). */
		this.error = run.data.resultData.error;
		this.status = run.status;
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData));
	}

	lastRun(nodeName) {
		const runs = this.runData[nodeName];
		return runs?.[runs.length - 1];
	}

	/** Items of one output of a node's last run. */
	items(nodeName, outputIndex = 0) {
		return this.lastRun(nodeName)?.data?.main?.[outputIndex] ?? [];
	}

	/** All outputs of a node's last run, as `{ [nodeName]: items[][] }` when no name is given. */
	outputs(nodeName) {
		if (nodeName !== undefined) return this.lastRun(nodeName)?.data?.main ?? [];
		return Object.fromEntries(Object.keys(this.runData).map((name) => [name, this.outputs(name)]));
	}
}

module.exports = { createHarness, WORKFLOW_ID };
