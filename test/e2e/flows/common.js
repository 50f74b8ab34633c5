'use strict';
// Shared helpers of the per-flow modules (test/e2e/flows/flowN.js), used by the e2e tests and by
// sandbox/demo.js: the flow context, snapshots of both emulators through their admin APIs, the
// difference of two snapshots, running a template between two snapshots, activating a template
// with short poll times, and the demo's table. README.md in this folder is the contract.

const { sandboxForTests, outputOf, expectSuccess } = require('../support');

/**
 * Smint.io's background tasks (creating assets, preparing downloads) stay "in progress" for this
 * long in the emulator used by the flows (its default is 1500 ms). The nodes still poll every
 * 1000 ms, as the templates keep Smint.io's minimum poll interval.
 */
const FLOW_TASK_DELAY_MS = 200;

/**
 * The context every flow module receives: the sandboxForTests() context (start, stop,
 * resetEmulators, template, runTemplate, dropboxAdmin, smintioAdmin, stack) plus `log`.
 * @param {{ log?: (line: string) => void, emulatorOptions?: any, n8nEnv?: Record<string,string>, queue?: { workers: number, concurrency?: number }, startStack?: Function }} [options]
 *   queue: n8n in queue mode (default: E2E_QUEUE_WORKERS, see support.js)
 */
function createFlowContext(options = {}) {
	const emulatorOptions = {
		...(options.emulatorOptions || {}),
		smintio: { taskDelayMs: FLOW_TASK_DELAY_MS, ...(options.emulatorOptions?.smintio || {}) },
	};
	const ctx = sandboxForTests({ emulatorOptions, n8nEnv: options.n8nEnv, queue: options.queue, startStack: /** @type {any} */ (options.startStack) });
	ctx.log = options.log || (() => {});
	return ctx;
}

/**
 * One stack for a jest test file: started in beforeAll, stopped in afterAll.
 * @param {{ emulatorOptions?: object, n8nEnv?: Record<string,string>, queue?: { workers: number, concurrency?: number }, startStack?: Function }} [options]
 */
function useFlowStack(options = {}) {
	const ctx = createFlowContext({ ...options, log: process.env.E2E_VERBOSE ? (line) => process.stdout.write(`${line}\n`) : undefined });
	beforeAll(async () => {
		await ctx.start();
	}, 10 * 60 * 1000);
	afterAll(async () => {
		await ctx.stop();
	}, 2 * 60 * 1000);
	return ctx;
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/**
 * Dropbox entries of one root ("home" or "team") by path_lower. Files also get `tags`,
 * `property_groups` and `revisions` (from /__admin/file), so tag, property and revision changes
 * show up in a diff. Entries get `root` set.
 */
async function dropboxTree(ctx, root = 'home', path = '') {
	const query = new URLSearchParams({ root, ...(path ? { path } : {}) });
	const { entries } = await ctx.dropboxAdmin.get(`/tree?${query}`);
	/** @type {Record<string, any>} */
	const byPath = {};
	for (const entry of entries) byPath[entry.path_lower] = { ...entry, root };
	await Promise.all(
		entries
			.filter((entry) => entry['.tag'] === 'file')
			.map(async (entry) => {
				const details = await dropboxFile(ctx, entry.path_display, root);
				Object.assign(byPath[entry.path_lower], {
					tags: details.tags,
					property_groups: details.metadata.property_groups || [],
					revisions: details.revisions,
				});
			}),
	);
	return byPath;
}

/** /__admin/file of one path: `{ metadata (with property_groups), sha256, revisions[], tags }`. */
async function dropboxFile(ctx, path, root = 'home') {
	return await ctx.dropboxAdmin.get(`/file?${new URLSearchParams({ path, root })}`);
}

/** The current bytes of a Dropbox file (admin /file/content), as a Buffer. */
async function dropboxContent(ctx, path, root = 'home') {
	const data = await ctx.dropboxAdmin.get(`/file/content?${new URLSearchParams({ path, root })}`, { responseType: 'arraybuffer' });
	return Buffer.from(data);
}

/** Whether a Dropbox path exists (any kind). */
async function dropboxExists(ctx, path, root = 'home') {
	try {
		await dropboxFile(ctx, path, root);
		return true;
	} catch (error) {
		if (/ 404 /.test(String(error.message))) return false;
		throw error;
	}
}

/** The team space without the member's home folder mounted in it (that one is the "home" tree). */
function withoutHomeMount(teamByPath, homeByPath) {
	const homeIds = new Set(Object.values(homeByPath).map((entry) => entry.id));
	const mounts = new Set(
		Object.values(teamByPath)
			.filter((entry) => homeIds.has(entry.id))
			.map((entry) => entry.path_lower.split('/')[1]),
	);
	return Object.fromEntries(Object.entries(teamByPath).filter(([pathLower]) => !mounts.has(pathLower.split('/')[1])));
}

/**
 * Both systems as seen through the emulators' admin APIs.
 * @returns {Promise<Snapshot>}
 * @typedef {{
 *   takenAt: string,
 *   smintio: { assets: Record<string, any>, collections: Record<string, any> },
 *   dropbox: { home: Record<string, any>, team: Record<string, any> },
 * }} Snapshot
 */
async function snapshot(ctx) {
	const [assets, collections, home, team] = await Promise.all([
		ctx.smintioAdmin.get('/assets'),
		ctx.smintioAdmin.get('/collections'),
		dropboxTree(ctx, 'home'),
		dropboxTree(ctx, 'team'),
	]);
	return {
		takenAt: new Date().toISOString(),
		smintio: {
			assets: Object.fromEntries(assets.assets.map((asset) => [asset.id, asset])),
			collections: Object.fromEntries(collections.collections.map((collection) => [collection.collectionId, collection])),
		},
		dropbox: { home, team: withoutHomeMount(team, home) },
	};
}

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (list) => [...(list || [])].sort();

/** What changed on one Smint.io asset (names of the changed aspects; [] when nothing). */
function assetChanges(before, after) {
	const changes = [];
	if (before.version !== after.version || before.fileMetadata?.sha1Hash !== after.fileMetadata?.sha1Hash) changes.push('binary');
	if (before.approvalState !== after.approvalState) changes.push('approvalState');
	if (!sameJson(sorted(before.collectionIds), sorted(after.collectionIds))) changes.push('collections');
	if (before.eTag !== after.eTag) {
		for (const field of ['name', 'description', 'localizedTags', 'metadata', 'rights', 'externalId', 'usageHistory', 'publishFrom', 'publishUntil']) {
			if (!sameJson(before[field], after[field])) changes.push(field);
		}
		if (changes.length === 0) changes.push('eTag');
	}
	return changes;
}

/** What changed on one collection. */
function collectionChanges(before, after) {
	const changes = [];
	for (const field of ['name', 'description', 'parentCollectionId', 'ownerEmail']) {
		if (before[field] !== after[field]) changes.push(field);
	}
	if (!sameJson(sorted(before.assetIds), sorted(after.assetIds))) changes.push('assets');
	return changes;
}

/** What changed on one Dropbox entry. */
function dropboxChanges(before, after) {
	const changes = [];
	if (before.rev !== after.rev) changes.push('content');
	if (before.path_display !== after.path_display) changes.push('name');
	if (!sameJson(before.tags, after.tags)) changes.push('tags');
	if (!sameJson(before.property_groups, after.property_groups)) changes.push('properties');
	return changes;
}

/** created / updated (with the changed aspects) / deleted between two keyed maps. */
function diffMaps(before, after, changesOf) {
	const created = [];
	const updated = [];
	const deleted = [];
	for (const [key, value] of Object.entries(after)) {
		if (!(key in before)) created.push(value);
		else {
			const changes = changesOf(before[key], value);
			if (changes.length > 0) updated.push({ before: before[key], after: value, changes });
		}
	}
	for (const [key, value] of Object.entries(before)) if (!(key in after)) deleted.push(value);
	return { created, updated, deleted };
}

/** Dropbox entries are keyed by path; a moved file is "deleted" at its old path and "created" at the new one. */
function diffDropbox(before, after) {
	const prefixed = (tree, root) => Object.fromEntries(Object.entries(tree).map(([key, value]) => [`${root}:${key}`, value]));
	const all = diffMaps({ ...prefixed(before.home, 'home'), ...prefixed(before.team, 'team') }, { ...prefixed(after.home, 'home'), ...prefixed(after.team, 'team') }, dropboxChanges);
	const isFile = (entry) => entry['.tag'] === 'file';
	return {
		files: {
			created: all.created.filter(isFile),
			updated: all.updated.filter((change) => isFile(change.after)),
			deleted: all.deleted.filter(isFile),
		},
		folders: {
			created: all.created.filter((entry) => !isFile(entry)),
			deleted: all.deleted.filter((entry) => !isFile(entry)),
		},
	};
}

/**
 * The difference of two snapshots.
 * @param {Snapshot} before @param {Snapshot} after
 */
function diffSnapshots(before, after) {
	return {
		assets: diffMaps(before.smintio.assets, after.smintio.assets, assetChanges),
		collections: diffMaps(before.smintio.collections, after.smintio.collections, collectionChanges),
		dropbox: diffDropbox(before.dropbox, after.dropbox),
	};
}

/** One line per change, for notes and failure messages. */
function describeDiff(diff) {
	const lines = [];
	const assetName = (asset) => asset.name?.['x-default'] ?? asset.name?.en ?? asset.id;
	for (const asset of diff.assets.created) lines.push(`+ asset ${assetName(asset)} (${asset.approvalState})`);
	for (const change of diff.assets.updated) lines.push(`~ asset ${assetName(change.after)}: ${change.changes.join(', ')}`);
	for (const asset of diff.assets.deleted) lines.push(`- asset ${assetName(asset)}`);
	for (const collection of diff.collections.created) lines.push(`+ collection ${collection.name}`);
	for (const change of diff.collections.updated) lines.push(`~ collection ${change.after.name}: ${change.changes.join(', ')}`);
	for (const entry of diff.dropbox.folders.created) lines.push(`+ ${entry.root} folder ${entry.path_display}`);
	for (const entry of diff.dropbox.files.created) lines.push(`+ ${entry.root} file ${entry.path_display}`);
	for (const change of diff.dropbox.files.updated) lines.push(`~ ${change.after.root} file ${change.after.path_display}: ${change.changes.join(', ')}`);
	for (const entry of diff.dropbox.files.deleted) lines.push(`- ${entry.root} file ${entry.path_display}`);
	return lines;
}

/** Total number of changes of any kind (0 means: the run changed nothing in either system). */
function changeCount(diff) {
	return describeDiff(diff).length;
}

// ---------------------------------------------------------------------------------------------
// Running

/** Seconds an n8n execution took (startedAt → stoppedAt). */
function executionSeconds(execution) {
	const started = Date.parse(execution.startedAt);
	const stopped = Date.parse(execution.stoppedAt);
	return Number.isFinite(started) && Number.isFinite(stopped) ? (stopped - started) / 1000 : undefined;
}

/**
 * Runs a template from its Manual Trigger between two snapshots and fails unless the execution
 * succeeded. The returned execution carries `sandbox: { before, after, diff, seconds }`.
 * @param {any} ctx @param {string} file template file, e.g. "01-....json"
 * @param {{ triggerName?: string, allowFailure?: boolean }} [options]
 */
async function runWithSnapshots(ctx, file, options = {}) {
	const before = await snapshot(ctx);
	const execution = await ctx.runTemplate(file, options.triggerName ? { triggerName: options.triggerName } : {});
	const after = await snapshot(ctx);
	execution.sandbox = { before, after, diff: diffSnapshots(before, after), seconds: executionSeconds(execution) };
	if (!options.allowFailure) expectSuccess(execution);
	return execution;
}

/**
 * The node a name stands for in this execution: a Cloud edition (test/cloud/flows/) names some
 * steps differently and lists the self-hosted names it answers for in `execution.nodeAliases`.
 */
function nodeNameIn(execution, nodeName) {
	return execution.nodeAliases?.[nodeName] ?? nodeName;
}

/** Items of every run of a node, as json (first output unless `output`). */
function itemsOf(execution, nodeName, output = 0) {
	return outputOf(execution, nodeNameIn(execution, nodeName), output);
}

/** Whether the node ran at all in this execution. */
function nodeRan(execution, nodeName) {
	return Boolean(execution.data?.resultData?.runData?.[nodeNameIn(execution, nodeName)]);
}

/**
 * Activates the imported copy of a template with its polling triggers set to poll every minute
 * (n8n refuses poll intervals under a minute: "The polling interval is too short"); the template
 * file keeps its person-friendly default. Patches the workflow stored in n8n, publishes it and
 * waits until n8n reports it published: n8n 2.x publishes through an outbox, and the first poll
 * (which sets each trigger's "from now" cursor) runs then, so make changes only after this returns.
 * @param {any} ctx @param {string} file @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<any>} the workflow as saved
 */
async function activateWithMinutePolls(ctx, file, options = {}) {
	const { client } = ctx.stack;
	const { id } = ctx.template(file);
	const workflow = await client.getWorkflow(id);
	const nodes = workflow.nodes.map((node) =>
		node.parameters?.pollTimes ? { ...node, parameters: { ...node.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } } } : node,
	);
	const saved = await client.rest('PATCH', `/workflows/${id}`, { ...workflow, nodes, versionId: workflow.versionId });
	await client.activateWorkflow(id);
	const status = await waitUntil(
		async () => {
			const current = await client.rest('GET', `/workflows/${id}/publication-status`);
			return ['published', 'partial', 'failed'].includes(current.status) ? current : null;
		},
		{ timeoutMs: options.timeoutMs ?? 60000, intervalMs: 250, what: `n8n to publish ${file}` },
	);
	const failed = (status.triggers || []).filter((trigger) => trigger.status === 'failed');
	if (status.status !== 'published' || failed.length > 0) {
		throw new Error(`n8n did not publish ${file} (${status.status}): ${failed.map((trigger) => trigger.errorMessage).join('; ')}`);
	}
	return saved;
}

/** Deactivates a template's workflow (no-op when it is not active). */
async function deactivate(ctx, file) {
	const { id } = ctx.template(file);
	await ctx.stack.client.deactivateWorkflow(id);
}

/** Polls `check` (async, returns a truthy value when done) until it passes or times out. */
async function waitUntil(check, { timeoutMs = 60000, intervalMs = 500, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

// ---------------------------------------------------------------------------------------------
// Reports and the demo table

/**
 * A report with defaults filled in. See README.md for the fields.
 * @param {Partial<FlowReport>} fields
 * @returns {FlowReport}
 * @typedef {{ itemsIn: number, created: number, updated: number, skipped: number,
 *   denied: Array<{ item: string, reasons: string[] }>, conflicts: Array<{ item: string, reason: string }>,
 *   notes: string[], seconds?: number }} FlowReport
 */
function makeReport(fields) {
	return {
		itemsIn: fields.itemsIn ?? 0,
		created: fields.created ?? 0,
		updated: fields.updated ?? 0,
		skipped: fields.skipped ?? 0,
		denied: fields.denied ?? [],
		conflicts: fields.conflicts ?? [],
		notes: fields.notes ?? [],
		...(fields.seconds !== undefined ? { seconds: fields.seconds } : {}),
	};
}

/**
 * The demo's table for one flow: one column per run ("run", "rerun"), then the denied items
 * with their reasons, conflicts and notes of the first run.
 * @param {{ number: number, title: string, file: string, runs: Array<{ label: string, report: FlowReport, seconds: number }> }} flow
 */
function formatFlowTable(flow) {
	const rows = [
		['items in', (r) => String(r.report.itemsIn)],
		['created', (r) => String(r.report.created)],
		['updated', (r) => String(r.report.updated)],
		['skipped', (r) => String(r.report.skipped)],
		['denied', (r) => String(r.report.denied.length)],
		['conflicts', (r) => String(r.report.conflicts.length)],
		['seconds', (r) => r.seconds.toFixed(1)],
	];
	const header = ['', ...flow.runs.map((run) => run.label)];
	const body = rows.map(([label, value]) => [label, ...flow.runs.map(value)]);
	const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => row[column].length)));
	const line = (row) => `  | ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
	const rule = `  |${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
	const out = [`Flow ${flow.number} · ${flow.title}  (workflows/${flow.file})`, line(header), rule, ...body.map(line)];
	const seen = new Set();
	for (const run of flow.runs) {
		for (const denied of run.report.denied) {
			const text = `  denied   ${denied.item}: ${denied.reasons.join('; ')}`;
			if (!seen.has(text)) out.push(text);
			seen.add(text);
		}
		for (const conflict of run.report.conflicts) {
			const text = `  conflict ${conflict.item}: ${conflict.reason}`;
			if (!seen.has(text)) out.push(text);
			seen.add(text);
		}
		for (const note of run.report.notes) {
			const text = `  ${note}`;
			if (!seen.has(text)) out.push(flow.runs.length > 1 && run !== flow.runs[0] ? `  ${run.label}: ${note}` : text);
			seen.add(text);
		}
	}
	return out.join('\n');
}

module.exports = {
	createFlowContext,
	useFlowStack,
	snapshot,
	dropboxTree,
	dropboxFile,
	dropboxContent,
	dropboxExists,
	diffSnapshots,
	describeDiff,
	changeCount,
	runWithSnapshots,
	executionSeconds,
	itemsOf,
	nodeRan,
	activateWithMinutePolls,
	deactivate,
	waitUntil,
	makeReport,
	formatFlowTable,
	expectSuccess,
	outputOf,
};
