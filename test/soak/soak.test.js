'use strict';
// Soak under faults (issue 8). Both emulators answer 10% of API calls with 429 + Retry-After,
// 2% with 500/503 and drop 1% of connections; access tokens live 60 s and are expired every
// 15 s (clock advance + Dropbox token expiry). Over SOAK_ASSETS items (default 12, CI: 40, full: 500):
//   - flow 1 (Dropbox → Smint.io) and flow 2 (Smint.io → Dropbox): n8n is SIGKILLed (process
//     group) in the middle of the run, started again on the same user folder and the flow run
//     again: nothing lost, nothing duplicated, the same bytes on both sides;
//   - flow 7 (new versions replace copies, rev-checked): every copy carries the new version,
//     copies edited in Dropbox are left alone;
//   - flow 9 (withdrawal): a quarter of the assets un-approved, every copy shared; n8n killed a
//     third into the moves; after the next run every such copy is withdrawn once, links revoked,
//     one audit entry each, and no cleared copy or link touched;
//   - each of them run again creates nothing; then every template is run twice (its e2e flow
//     module prepares the seed state where there is one) and the second run creates nothing.
// Everything is asserted on the state of both emulators. Figures are printed at the end.
// Run: npm run test:soak   (SOAK_ASSETS=500 for the full size; SOAK_VERBOSE=1 for progress)

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startSoakStack, tokenChaos, soakFaults } = require('./lib/stack');
const { runTemplate, killMidRun, sleep } = require('./lib/runs');
const { flow1State, flow2State, flow7State, flow9State, collectionByName, sha1 } = require('./lib/state');
const { snapshot, diffSnapshots, describeDiff } = require('../e2e/flows/common');

const N = Number(process.env.SOAK_ASSETS || 12);
// Faults on the token endpoints too (a refresh is a remote call like any other); SOAK_TOKEN_FAULTS=0 spares them.
const TOKEN_FAULTS = process.env.SOAK_TOKEN_FAULTS !== '0';
// SOAK_QUEUE_WORKERS=N: n8n in queue mode (Redis, PostgreSQL, main + N workers); a kill then
// takes down main and every worker at once, as a host crash would.
const QUEUE_WORKERS = Number(process.env.SOAK_QUEUE_WORKERS || 0);
if (!Number.isInteger(QUEUE_WORKERS) || QUEUE_WORKERS < 0 || QUEUE_WORKERS > 32) throw new Error(`SOAK_QUEUE_WORKERS must be 0-32, got "${process.env.SOAK_QUEUE_WORKERS}"`);
const FLOW1 = '01-approved-dropbox-to-smintio.json';
const FLOW2 = '02-approved-smintio-to-dropbox-team.json';
const FLOW7 = '07-new-versions-replace-copies.json';
const FLOW9 = '09-withdraw-no-longer-cleared.json';
const TEAM_FOLDER = '/Team Assets/Approved';
const MARKETS = ['Germany', 'France', 'Austria', 'Italy', 'Spain'];
const log = (line) => process.env.SOAK_VERBOSE && process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const figures = { assets: N, queueWorkers: QUEUE_WORKERS, tokenEndpointFaults: TOKEN_FAULTS, phases: [], startedAt: Date.now() };
let stack;
let chaos;

/** What a rerun must not do: create anything, or change any binary. */
function creations(diff) {
	return [
		...diff.assets.created.map((a) => `+ asset ${a.id}`),
		...diff.assets.updated.filter((u) => u.changes.includes('binary')).map((u) => `~ asset ${u.after.id}: binary`),
		...diff.collections.created.map((c) => `+ collection ${c.name}`),
		...diff.dropbox.files.created.map((f) => `+ ${f.root} file ${f.path_display}`),
		...diff.dropbox.folders.created.map((f) => `+ ${f.root} folder ${f.path_display}`),
		...diff.dropbox.files.updated.filter((u) => u.changes.includes('content')).map((u) => `~ ${u.after.root} file ${u.after.path_display}: content`),
	];
}

async function phase(name, fn) {
	const started = Date.now();
	const before = await stack.counters();
	const result = await fn();
	const after = await stack.counters();
	const injected = {};
	for (const side of ['dropbox', 'smintio']) {
		for (const [kind, count] of Object.entries(after[side].faults)) injected[kind] = (injected[kind] || 0) + count - (before[side].faults[kind] || 0);
	}
	const calls = after.dropbox.totalCalls - before.dropbox.totalCalls + after.smintio.totalCalls - before.smintio.totalCalls;
	const refreshes = (after.dropbox.calls['oauth2/token'] || 0) - (before.dropbox.calls['oauth2/token'] || 0) +
		(after.smintio.calls['connect/token'] || 0) - (before.smintio.calls['connect/token'] || 0);
	figures.phases.push({ name, seconds: Math.round((Date.now() - started) / 100) / 10, calls, injected, tokenRefreshes: refreshes, ...(result || {}) });
	log(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s, ${calls} calls, faults ${JSON.stringify(injected)}, refreshes ${refreshes}`);
	return result;
}

async function rerunCreatesNothing(file) {
	const before = await snapshot(stack);
	const run = await runTemplate(stack, file);
	const diff = diffSnapshots(before, await snapshot(stack));
	return { run, created: creations(diff), otherChanges: describeDiff(diff).length };
}

beforeAll(async () => {
	stack = await startSoakStack({ log, faults: soakFaults(8, { tokenEndpoints: TOKEN_FAULTS }), queue: QUEUE_WORKERS ? { workers: QUEUE_WORKERS } : undefined });
	const dropboxFiles = [];
	for (let i = 0; i < N; i++) {
		const market = MARKETS[i % MARKETS.length];
		const content = crypto.createHash('sha512').update(`soak file ${i}`).digest();
		const body = Buffer.concat(Array.from({ length: 320 }, () => content)); // 20 KiB, distinct per file
		dropboxFiles.push({ path: `/Campaigns/Soak 2027/${market}/Shoes/Social/Approved/soak-${String(i).padStart(4, '0')}.bin`, sha1: sha1(body), body });
	}
	for (let i = 0; i < dropboxFiles.length; i += 16) {
		await Promise.all(dropboxFiles.slice(i, i + 16).map((f) => stack.dropboxAdmin.post('/files/write', { path: f.path, contentBase64: f.body.toString('base64') })));
	}
	await stack.dropboxAdmin.post('/files/write', { path: '/Campaigns/Soak 2027/Germany/Shoes/Social/WIP/not-approved.bin', content: 'work in progress' });
	const launch = await collectionByName(stack, 'Launch 2027');
	for (let i = 0; i < N; i++) {
		await stack.smintioAdmin.post('/assets/create', {
			name: `Soak asset ${i}`, approvalState: 'approved', collectionIds: [launch.collectionId], fileName: `soak-asset-${String(i).padStart(4, '0')}.png`,
		});
	}
	await stack.dropboxAdmin.post('/counters/reset');
	await stack.smintioAdmin.post('/counters/reset');
	await stack.applyFaults();
	chaos = tokenChaos(stack);
	log(`stack up, ${N} files and ${N} assets added; faults on`);
}, 15 * 60 * 1000);

afterAll(async () => {
	chaos?.stop();
	figures.minutes = Math.round((Date.now() - figures.startedAt) / 6000) / 10;
	figures.tokenChaosRounds = chaos?.rounds();
	figures.n8nRestarts = stack?.restarts;
	const text = JSON.stringify(figures, null, 1);
	process.stdout.write(`\nsoak figures (${N} assets):\n${text}\n`);
	if (process.env.SOAK_FIGURES_FILE) fs.writeFileSync(path.resolve(process.env.SOAK_FIGURES_FILE), text);
	await stack?.stop();
}, 5 * 60 * 1000);

const long = 4 * 3600 * 1000;

test(`flow 1 over ${N} files: n8n killed mid-run and restarted; nothing lost, nothing duplicated, same bytes`, async () => {
	const baseline = (await stack.smintioAdmin.get('/state')).counts.assets;
	const kill = await phase('flow 1: run, SIGKILL n8n at a third', () =>
		killMidRun(stack, FLOW1, { progress: async () => (await stack.smintioAdmin.get('/state')).counts.assets - baseline, atLeast: Math.ceil(N / 3), log }));
	expect(kill.killedWhileRunning).toBe(true);
	const run = await phase('flow 1: run again after the restart', () => runTemplate(stack, FLOW1));
	expect(run).toEqual(expect.objectContaining({ status: 'success' }));
	const state = await flow1State(stack);
	figures.flow1 = { files: state.files, assets: state.assets, killedAtAssets: kill.progressAtKill };
	expect(state.files).toBeGreaterThanOrEqual(N);
	expect({ missing: state.missing, duplicated: state.duplicated, differentBytes: state.differentBytes, strays: state.strays, notApproved: state.notApprovedCatalogued })
		.toEqual({ missing: [], duplicated: [], differentBytes: [], strays: [], notApproved: [] });
}, long);

test('flow 1 run again creates nothing', async () => {
	const { run, created } = await phase('flow 1: rerun', () => rerunCreatesNothing(FLOW1));
	expect(run.status).toBe('success');
	expect(created).toEqual([]);
}, long);

test(`flow 2 over ${N} assets: n8n killed mid-run and restarted; nothing lost, nothing duplicated, same bytes`, async () => {
	// n8n runs node by node: all downloads, then all uploads (committed together), then the
	// properties one file at a time. Killing a third into the properties leaves copies that
	// carry no asset id yet: the hardest case for a rerun.
	const propertyCalls = async () => {
		const { calls } = await stack.dropboxAdmin.get('/counters');
		return Object.entries(calls).filter(([route]) => route.startsWith('file_properties/properties/')).reduce((sum, [, n]) => sum + n, 0);
	};
	const startCalls = await propertyCalls();
	const kill = await phase('flow 2: run, SIGKILL n8n a third into recording properties', () =>
		killMidRun(stack, FLOW2, { progress: async () => (await propertyCalls()) - startCalls, atLeast: Math.ceil(N / 3), log }));
	expect(kill.killedWhileRunning).toBe(true);
	const run = await phase('flow 2: run again after the restart', () => runTemplate(stack, FLOW2));
	expect(run).toEqual(expect.objectContaining({ status: 'success' }));
	const state = await flow2State(stack);
	figures.flow2 = { approvedAssets: state.approved, copies: state.copies, killedAtCopies: kill.progressAtKill };
	expect(state.approved).toBeGreaterThanOrEqual(N);
	expect({ missing: state.missing, duplicated: state.duplicated, differentBytes: state.differentBytes, versionNotRecorded: state.versionNotRecorded, strays: state.strays })
		.toEqual({ missing: [], duplicated: [], differentBytes: [], versionNotRecorded: [], strays: [] });
}, long);

test('flow 2 run again creates nothing', async () => {
	const { run, created } = await phase('flow 2: rerun', () => rerunCreatesNothing(FLOW2));
	expect(run.status).toBe('success');
	expect(created).toEqual([]);
}, long);

test(`flow 7 over ${N} copies: every copy gets the new version, copies edited in Dropbox are left alone`, async () => {
	const { collectionId } = await collectionByName(stack, 'Launch 2027');
	const copies = (await flow2State(stack)).copiesList;
	const soakAssets = (await stack.smintioAdmin.get('/assets')).assets.filter((a) => String(a.name?.['x-default'] || '').startsWith('Soak asset'));
	expect(soakAssets.length).toBe(N);
	// Newer approved versions in Smint.io (faults off for the admin's own changes only).
	for (const asset of soakAssets) await stack.smintioAdmin.post('/assets/publish-version', { assetId: asset.id, approvalState: 'approved' });
	// One copy in twenty edited in Dropbox since delivery: those must be reported, not overwritten.
	const edited = new Map();
	const soakCopies = copies.filter((c) => soakAssets.some((a) => a.id === c.properties.smintio_asset_id));
	for (const copy of soakCopies.filter((_, i) => i % 20 === 0)) {
		const body = Buffer.from(`edited in Dropbox: ${copy.path}`);
		await stack.dropboxAdmin.post('/files/write', { path: copy.path, root: 'team', contentBase64: body.toString('base64') });
		edited.set(copy.path, sha1(body));
	}
	const run = await phase('flow 7: replace outdated copies', () => runTemplate(stack, FLOW7));
	expect(run).toEqual(expect.objectContaining({ status: 'success' }));
	const state = await flow7State(stack, edited, new Set(soakAssets.map((a) => a.id)));
	figures.flow7 = { copies: state.copies, newVersions: soakAssets.length, editedInDropbox: edited.size, collectionId };
	expect({ notReplaced: state.notReplaced, overwrittenEdits: state.overwrittenEdits, oldRevisionLost: state.oldRevisionLost })
		.toEqual({ notReplaced: [], overwrittenEdits: [], oldRevisionLost: [] });
}, long);

test('flow 7 run again creates nothing', async () => {
	const { run, created } = await phase('flow 7: rerun', () => rerunCreatesNothing(FLOW7));
	expect(run.status).toBe('success');
	expect(created).toEqual([]);
}, long);

test(`flow 9 over ${N} copies: n8n killed mid-run; nothing half withdrawn, every copy no longer cleared withdrawn with its link revoked`, async () => {
	const copies = (await flow2State(stack)).copiesList;
	const soakIds = new Set((await stack.smintioAdmin.get('/assets')).assets.filter((a) => String(a.name?.['x-default'] || '').startsWith('Soak asset')).map((a) => a.id));
	const soakCopies = copies.filter((copy) => soakIds.has(copy.properties.smintio_asset_id));
	expect(soakCopies).toHaveLength(N);
	// One asset in four is un-approved in Smint.io; every soak copy was shared with a link.
	const withdrawIds = new Set(soakCopies.filter((_, i) => i % 4 === 0).map((copy) => copy.properties.smintio_asset_id));
	const keptIds = new Set([...soakIds].filter((id) => !withdrawIds.has(id)));
	for (const assetId of withdrawIds) await stack.smintioAdmin.post('/assets/set-state', { assetId, approvalState: 'in_review' });
	const shared = [];
	for (const copy of soakCopies) {
		const link = await stack.dropboxAdmin.post('/links/create', { path: copy.path, root: 'team' });
		const { metadata } = await stack.dropboxAdmin.get(`/file?${new URLSearchParams({ path: copy.path, root: 'team' })}`);
		shared.push({ path: copy.path, id: metadata.id, assetId: copy.properties.smintio_asset_id, url: link.url });
	}
	const moves = async () => (await stack.dropboxAdmin.get('/counters')).calls['files/move_v2'] || 0;
	const startMoves = await moves();
	const kill = await phase('flow 9: run, SIGKILL n8n a third into the moves', () =>
		killMidRun(stack, FLOW9, { progress: async () => (await moves()) - startMoves, atLeast: Math.ceil(withdrawIds.size / 3), log }));
	const halfway = await flow9State(stack, shared, withdrawIds, keptIds);
	const run = await phase('flow 9: run again after the restart', () => runTemplate(stack, FLOW9));
	expect(run).toEqual(expect.objectContaining({ status: 'success' }));
	const state = await flow9State(stack, shared, withdrawIds, keptIds);
	figures.flow9 = { copies: soakCopies.length, toWithdraw: [...withdrawIds].length, killedWhileRunning: kill.killedWhileRunning, atKill: { withdrawn: halfway.withdrawn, revokedButNotMoved: halfway.revokedButNotMoved.length }, withdrawn: state.withdrawn };
	// Whatever the kill interrupted, the next run finished it: every link revoked, every copy moved once.
	expect({ notWithdrawn: state.notWithdrawn, linkStillLive: state.linkStillLive, revokedButNotMoved: state.revokedButNotMoved, clearedMoved: state.clearedMoved, clearedLinkRevoked: state.clearedLinkRevoked, auditMissing: state.auditMissing, auditDuplicated: state.auditDuplicated })
		.toEqual({ notWithdrawn: [], linkStillLive: [], revokedButNotMoved: [], clearedMoved: [], clearedLinkRevoked: [], auditMissing: [], auditDuplicated: [] });
	// Cleared copies are never touched, not even half way.
	expect({ clearedMoved: halfway.clearedMoved, clearedLinkRevoked: halfway.clearedLinkRevoked }).toEqual({ clearedMoved: [], clearedLinkRevoked: [] });
}, long);

test('flow 9 run again creates nothing', async () => {
	const { run, created } = await phase('flow 9: rerun', () => rerunCreatesNothing(FLOW9));
	expect(run.status).toBe('success');
	expect(created).toEqual([]);
}, long);

test('every template, run twice from its seed state under the same faults: the second run creates nothing', async () => {
	const files = stack.templates.map((t) => t.file);
	const results = [];
	for (const file of files) {
		const n = Number(file.slice(0, 2));
		const modulePath = path.join(__dirname, '..', 'e2e', 'flows', `flow${n}.js`);
		const flow = fs.existsSync(modulePath) ? require(modulePath) : null;
		await stack.dropboxAdmin.post('/reset');
		await stack.smintioAdmin.post('/reset', { seed: true });
		await stack.applyFaults();
		const ctx = {
			...stack,
			stack,
			log,
			template: (f) => stack.templates.find((t) => t.file === f || t.name === f),
			runTemplate: (f, options = {}) => stack.client.runWorkflow(stack.templates.find((t) => t.file === f).id, { timeoutMs: 1800000, ...options }),
			resetEmulators: async () => {
				await stack.dropboxAdmin.post('/reset');
				await stack.smintioAdmin.post('/reset', { seed: true });
				await stack.applyFaults();
			},
		};
		const outcome = await phase(`template ${file}: run twice`, async () => {
			try {
				if (flow?.prepare) await flow.prepare(ctx);
				const first = flow ? await flow.run(ctx, { attempt: 1 }) : await runTemplate(stack, file);
				if (!flow && first.status !== 'success') return { file, error: `first run ${first.status}: ${first.error}` };
				const before = await snapshot(stack);
				const second = flow ? await flow.run(ctx, { attempt: 2 }) : await runTemplate(stack, file);
				if (!flow && second.status !== 'success') return { file, error: `second run ${second.status}: ${second.error}` };
				const diff = diffSnapshots(before, await snapshot(stack));
				return { file, usedFlowModule: Boolean(flow), created: creations(diff), otherChanges: describeDiff(diff).filter((line) => !creations(diff).includes(line)) };
			} catch (error) {
				return { file, error: String(error.message).slice(0, 800) };
			}
		});
		results.push(outcome);
	}
	figures.templatesTwice = results;
	expect(results.map((r) => ({ file: r.file, error: r.error ?? null, created: r.created ?? null })))
		.toEqual(files.map((file) => ({ file, error: null, created: [] })));
}, long);
