'use strict';
// Flow 7 in real n8n against the sandbox: after flow 2 delivered copies to the team folder, two
// assets get a newer approved version and one of their copies is edited in Dropbox. The run
// replaces the untouched copy (rev-checked upload; the old revision stays in list_revisions),
// reports the edited one as a conflict and leaves it as it is; a rerun changes nothing; a copy
// edited while the run is under way is caught by the rev check. Asserted on both emulators.
// Run: npm run build && npx jest test/e2e/flow7.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const crypto = require('crypto');
const flow = require('./flows/flow7');
const { dropboxApi } = require('./flows/flow6');
const { useFlowStack, snapshot, dropboxContent, changeCount, describeDiff, itemsOf, waitUntil } = require('./flows/common');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

describe('flow 7: newer approved versions replace outdated copies, rev-checked', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let prepared;
	/** @type {any} */
	let first;
	const copyNamed = (snap, name) => flow.copies(snap).find((copy) => copy.name === name);

	beforeAll(async () => {
		await ctx.resetEmulators();
		await flow.prepare(ctx);
		prepared = await snapshot(ctx);
		first = await flow.run(ctx);
	}, 5 * 60 * 1000);

	test('the copy of a newer approved version is replaced in place, with the new bytes and properties', async () => {
		const before = copyNamed(prepared, flow.REPLACED);
		const asset = prepared.smintio.assets[before.properties.smintio_asset_id];
		expect(Number(before.properties.smintio_asset_version)).toBe(asset.version - 1);
		const after = copyNamed(first.sandbox.after, flow.REPLACED);
		expect(after.id).toBe(before.id);
		expect(after.rev).not.toBe(before.rev);
		expect(after.properties).toEqual({
			smintio_asset_id: asset.id,
			smintio_asset_version: String(asset.version),
			smintio_approval_state: 'approved',
			smintio_sha1: asset.fileMetadata.sha1Hash,
			// Kept from the delivery (template 2); the content hash follows the replacement.
			smintio_delivery: 'asset',
			smintio_delivered_by: 'template 2: team folder',
			smintio_delivered_use: '{}',
			smintio_content_hash: after.content_hash,
		});
		expect(sha1(await dropboxContent(ctx, after.path_display, 'team'))).toBe(asset.fileMetadata.sha1Hash);
		expect(itemsOf(first, 'Replaced')).toEqual([
			expect.objectContaining({ path: after.path_display, assetId: asset.id, fromVersion: asset.version - 1, toVersion: asset.version, previousRev: before.rev, rev: after.rev }),
		]);
	});

	test('the replaced version stays as an earlier revision (list_revisions), with its old bytes', async () => {
		const before = copyNamed(prepared, flow.REPLACED);
		const { entries } = await dropboxApi(ctx, 'files/list_revisions', { path: before.path_display, limit: 10 }, { root: 'team' });
		expect(entries.map((entry) => entry.rev)).toEqual([copyNamed(first.sandbox.after, flow.REPLACED).rev, before.rev]);
		const old = await dropboxApi(ctx, 'files/download', { path: `rev:${before.rev}` }, { root: 'team', content: true });
		expect(sha1(old)).toBe(before.properties.smintio_sha1);
	});

	test('a copy edited in Dropbox since its delivery is reported as a conflict and not overwritten', async () => {
		const before = copyNamed(prepared, flow.EDITED);
		const asset = prepared.smintio.assets[before.properties.smintio_asset_id];
		expect(Number(before.properties.smintio_asset_version)).toBeLessThan(asset.version);
		const after = copyNamed(first.sandbox.after, flow.EDITED);
		expect([after.rev, after.properties]).toEqual([before.rev, before.properties]);
		expect(await dropboxContent(ctx, after.path_display, 'team')).toEqual(flow.EDITED_BYTES);
		expect(itemsOf(first, 'Conflict: edited in Dropbox')).toEqual([
			expect.objectContaining({ path: before.path_display, assetId: asset.id, copyVersion: asset.version - 1, latestVersion: asset.version, reason: expect.stringMatching(/edited in Dropbox/) }),
		]);
		expect(itemsOf(first, 'Conflict: changed during the run')).toEqual([]);
	});

	test('nothing else changes: up-to-date copies are left alone, Smint.io is only read', async () => {
		expect(describeDiff(first.sandbox.diff)).toEqual([`~ team file ${flow.COPIES_FOLDER}/${flow.REPLACED}: content, properties`]);
		const copies = flow.copies(prepared);
		expect(itemsOf(first, 'List copies')).toHaveLength(copies.length);
		expect(itemsOf(first, 'Up to date')).toHaveLength(copies.length - 2);
		const report = await flow.report(ctx, first);
		expect(report).toEqual(expect.objectContaining({ itemsIn: copies.length, created: 0, updated: 1, skipped: copies.length - 2 }));
		expect(report.conflicts).toEqual([{ item: `${flow.COPIES_FOLDER}/${flow.EDITED}`, reason: expect.stringMatching(/edited in Dropbox/) }]);
	});

	test('a rerun changes nothing; the edited copy is still reported', async () => {
		const rerun = await flow.run(ctx, { attempt: 2 });
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(changeCount(rerun.sandbox.diff)).toBe(0);
		expect(itemsOf(rerun, 'Replaced')).toEqual([]);
		expect(itemsOf(rerun, 'Conflict: edited in Dropbox').map((item) => item.path)).toEqual([`${flow.COPIES_FOLDER}/${flow.EDITED}`]);
	});

	test('a copy edited while the run is under way is caught by the rev check and not overwritten', async () => {
		const target = flow.copies(await snapshot(ctx)).find((copy) => ![flow.REPLACED, flow.EDITED].includes(copy.name));
		await ctx.smintioAdmin.post('/assets/publish-version', { assetId: target.properties.smintio_asset_id, approvalState: 'approved' });
		// Hold the download of the new version for 3 s; a colleague saves the copy meanwhile.
		await ctx.smintioAdmin.put('/faults', { schedule: [{ route: 'download', call: 1, fault: 'latency', latencyMs: 3000 }] });
		try {
			const running = flow.run(ctx, { attempt: 3 });
			await waitUntil(async () => ((await ctx.smintioAdmin.get('/counters')).calls?.download ?? 0) >= 1, { timeoutMs: 60000, intervalMs: 100, what: 'the download of the new version' });
			const edit = Buffer.from('saved by a colleague during the run');
			await ctx.dropboxAdmin.post('/files/write', { root: 'team', path: target.path_display, contentBase64: edit.toString('base64') });
			const execution = await running;
			expect(await dropboxContent(ctx, target.path_display, 'team')).toEqual(edit);
			const after = copyNamed(execution.sandbox.after, target.name);
			expect(after.properties).toEqual(target.properties);
			expect(itemsOf(execution, 'Replaced')).toEqual([]);
			expect(itemsOf(execution, 'Conflict: changed during the run')).toEqual([
				expect.objectContaining({ path: target.path_display, reason: expect.stringMatching(/different revision/) }),
			]);
		} finally {
			await ctx.smintioAdmin.put('/faults', {});
		}
	});
});
