'use strict';
// Flow 9 in real n8n against the sandbox: after flows 2, 3 and 6 delivered, one delivery per cause
// stops being cleared (un-approved, archived, deleted, rights changed so the partner's use is
// denied, a licence purchase cancelled in the CLAPI-C feed, a licence end date passed by moving
// both emulators' clocks); one more licence ends soon after the day judged (listed, not withdrawn). One run of template 9 revokes the
// shared links of exactly their copies (the links answer 404), moves the copies from every
// delivery folder into the withdrawal folder, writes an audit entry on each remaining asset's
// usage history, lists the copy edited in Dropbox separately and touches nothing else; a rerun
// withdraws nothing new. Asserted on the state of both emulators.
// Run: npm run build && npx jest test/e2e/flow9.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const flow = require('./flows/flow9');
const flow2 = require('./flows/flow2');
const flow3 = require('./flows/flow3');
const flow6 = require('./flows/flow6');
const { useFlowStack, describeDiff, changeCount, itemsOf, dropboxContent, snapshot, diffSnapshots, activateWithMinutePolls, deactivate, waitUntil } = require('./flows/common');

/** The delivered copies each cause must withdraw. */
function due(copies, causes) {
	const withdrawnIds = [causes.unapproved, causes.archived, causes.deleted, causes.expired].map((cause) => cause.assetId);
	return copies.filter(
		(copy) =>
			withdrawnIds.includes(copy.properties.smintio_asset_id) ||
			(copy.properties.smintio_asset_id === causes.rightsDenied.assetId && copy.where === 'partner') ||
			(copy.where === 'licensed' && copy.properties.smintio_purchase_uuid === causes.cancelled.purchaseUuid),
	);
}

describe('flow 9: withdraw copies and shared links that are no longer cleared', () => {
	const ctx = useFlowStack();
	/** @type {any} */
	let first;
	/** @type {any} */
	let prepared;

	beforeAll(async () => {
		await ctx.resetEmulators();
		await flow.prepare(ctx);
		prepared = ctx.flow9;
		first = await flow.run(ctx);
	}, 10 * 60 * 1000);

	test('the first run withdraws exactly the team copies whose licence had already ended (template 2 checks approval only, so nothing else about the licence), no partner copy', () => {
		const { before, diff } = prepared.baseline.sandbox;
		const ended = (asset) => (asset.rights?.licenseTerms ?? []).length > 0 &&
			asset.rights.licenseTerms.every((term) => [term.validUntil, term.toBeUsedUntil].some((date) => date && Date.parse(date) < Date.now()));
		const expected = flow2.teamCopies(before).filter((copy) => ended(before.smintio.assets[copy.properties.smintio_asset_id]));
		const withdrawn = itemsOf(prepared.baseline, 'Withdrawn');
		expect(withdrawn.map((item) => item.copyPath).sort()).toEqual(expected.map((copy) => copy.path_display).sort());
		for (const item of withdrawn) {
			expect([item.copyPath, item.deliveredBy]).toEqual([item.copyPath, 'template 2: team folder']);
			expect([item.copyPath, item.reason]).toEqual([item.copyPath, expect.stringMatching(/^licence no longer allows the delivered use: .*(expired|ended|until)/i)]);
		}
		expect(diff.dropbox.files.deleted.map((entry) => entry.id).sort()).toEqual(expected.map((copy) => copy.id).sort());
	});

	test('every copy of each withdrawn asset left its delivery folder and sits in the withdrawal folder, same sub-path', async () => {
		const { before, after } = first.sandbox;
		const { causes } = prepared;
		const ids = (list) => new Set(list.map((copy) => copy.properties.smintio_asset_id));
		const expected = due(flow.deliveredCopies(before), causes);
		// unapproved: team + partner copy; rights denied: partner copy only; archived, deleted, expired: team copy; cancelled purchase: licensed copy.
		expect(expected.map((copy) => copy.where).sort()).toEqual(['licensed', 'partner', 'partner', 'team', 'team', 'team', 'team']);
		const remaining = flow.deliveredCopies(after);
		for (const copy of expected) expect([copy.path_display, remaining.some((candidate) => candidate.id === copy.id)]).toEqual([copy.path_display, false]);
		const withdrawn = flow.withdrawnCopies(after);
		for (const copy of expected) {
			const moved = withdrawn.find((candidate) => candidate.id === copy.id);
			expect([copy.path_display, moved?.path_display]).toEqual([copy.path_display, flow.withdrawnPathOf(copy)]);
			expect([moved.properties.smintio_asset_id, moved.properties.smintio_purchase_uuid]).toEqual([copy.properties.smintio_asset_id, copy.properties.smintio_purchase_uuid]);
		}
		// The other licensed copy (80101, still completed) stays in the Licensed folder.
		expect(remaining.filter((copy) => copy.where === 'licensed').map((copy) => copy.properties.smintio_purchase_uuid)).toEqual(['80101']);
		// The rights-denied asset's team copy (no use stated at delivery) is still cleared and stays.
		expect([...ids(remaining.filter((copy) => copy.where === 'team'))]).toContain(causes.rightsDenied.assetId);
		expect(await dropboxContent(ctx, withdrawn.find((copy) => copy.properties.smintio_asset_id === causes.archived.assetId).path_display, 'team')).toEqual(flow.EDITED_BYTES);
	});

	test('the shared links of withdrawn partner copies answer as revoked; the others still open', async () => {
		const { causes, links } = prepared;
		const partnerBefore = flow6.partnerCopies(first.sandbox.before);
		const assetOfFile = (file) => partnerBefore.find((copy) => copy.path_display === file)?.properties.smintio_asset_id;
		const revoked = links.filter((link) => [causes.unapproved.assetId, causes.rightsDenied.assetId].includes(assetOfFile(link.file)));
		expect(revoked).toHaveLength(2);
		for (const link of links.filter((candidate) => assetOfFile(candidate.file))) {
			const url = `${link.url.replace('dl=0', 'dl=1')}&password=${encodeURIComponent(flow6.LINK_PASSWORD)}`;
			const status = (await fetch(url)).status;
			expect([link.file, status]).toEqual([link.file, revoked.includes(link) ? 404 : 200]);
		}
		// The links someone made by hand to the licensed copies: the cancelled purchase's answers as revoked.
		for (const link of prepared.licensedLinks) {
			const status = (await fetch(link.url.replace('dl=0', 'dl=1'))).status;
			expect([link.purchaseUuid, status]).toEqual([link.purchaseUuid, link.purchaseUuid === causes.cancelled.purchaseUuid ? 404 : 200]);
		}
		expect(itemsOf(first, 'Revoke the link')).toHaveLength(3);
		const listed = await flow6.dropboxApi(ctx, 'sharing/list_shared_links', {});
		for (const link of [...revoked, ...prepared.licensedLinks.filter((candidate) => candidate.purchaseUuid === causes.cancelled.purchaseUuid)]) {
			expect(listed.links.map((candidate) => candidate.url)).not.toContain(link.url);
		}
	});

	test('the cancelled licence purchase: its copy carries the audit note (when, why, from where); CLAPI-C takes no write, so no Smint.io entry', () => {
		const { after, diff } = first.sandbox;
		const { causes } = prepared;
		const moved = flow.withdrawnCopies(after).find((copy) => copy.properties.smintio_purchase_uuid === causes.cancelled.purchaseUuid);
		const note = JSON.parse(moved.properties.smintio_withdrawal);
		expect(note).toEqual({ at: expect.any(String), reason: expect.stringMatching(/^licence purchase no longer allows the delivered use: .*cancelled/i), from: `/Alex Example${flow3.LICENSED_FOLDER}/${causes.cancelled.name}` });
		const item = itemsOf(first, 'Withdrawn').find((candidate) => candidate.purchaseUuid === causes.cancelled.purchaseUuid);
		expect(item).toEqual(expect.objectContaining({ deliveredBy: 'template 3: licensed stock to project', assetId: '', withdrawnTo: moved.path_display, reason: note.reason }));
		// The feed is only read: the purchase is as the cancel left it.
		expect(diff.assets.created).toEqual([]);
	});

	test('expiry ahead: the licence ending 15 days after the day judged is listed with its end date; nothing is withdrawn for it', () => {
		const { after, diff } = first.sandbox;
		const { endingAhead, checkDate } = prepared;
		const listed = itemsOf(first, 'Ending soon (renew)');
		const item = listed.find((candidate) => candidate.assetId === endingAhead.assetId);
		expect(item).toEqual(expect.objectContaining({ copyPath: `${flow2.TEAM_FOLDER}/${endingAhead.name}`, endsAt: expect.any(String) }));
		expect(Date.parse(item.endsAt)).toBeLessThanOrEqual(Date.parse(endingAhead.endsAt));
		const dayJudged = Date.parse(`${checkDate}T00:00:00Z`);
		expect(item.daysLeft).toBeGreaterThanOrEqual(14);
		expect(item.daysLeft).toBeLessThanOrEqual(16);
		expect(Date.parse(item.endsAt)).toBeGreaterThan(dayJudged);
		// Every listed copy is still where it was delivered and got no audit entry.
		const withdrawnPaths = itemsOf(first, 'Withdrawn').map((candidate) => candidate.copyPath);
		for (const entry of listed) expect([entry.copyPath, withdrawnPaths.includes(entry.copyPath)]).toEqual([entry.copyPath, false]);
		expect(flow.deliveredCopies(after).some((copy) => copy.properties.smintio_asset_id === endingAhead.assetId && copy.where === 'team')).toBe(true);
		expect(diff.assets.updated.map((change) => change.after.id)).not.toContain(endingAhead.assetId);
	});

	test('each asset still in Smint.io has one audit entry per withdrawn copy: where, when, why', () => {
		const { before, after, diff } = first.sandbox;
		const { causes } = prepared;
		const audited = [causes.unapproved, causes.rightsDenied, causes.archived, causes.expired];
		expect(diff.assets.updated.map((change) => change.after.id).sort()).toEqual(audited.map((cause) => cause.assetId).sort());
		const why = {
			[causes.unapproved.assetId]: /asset no longer approved \(in_review\)/,
			[causes.rightsDenied.assetId]: /licence no longer allows the delivered use: .*europe_germany|licence no longer allows the delivered use: .*German/i,
			[causes.archived.assetId]: /asset archived in Smint\.io/,
			[causes.expired.assetId]: /licence no longer allows the delivered use: .*(expired|ended|valid until)/i,
		};
		for (const { assetId } of audited) {
			const added = after.smintio.assets[assetId].usageHistory.slice(before.smintio.assets[assetId].usageHistory?.length ?? 0);
			const copies = assetId === causes.unapproved.assetId ? 2 : 1;
			expect([assetId, added.length]).toEqual([assetId, copies]);
			for (const entry of added) {
				expect(entry).toEqual({ at: expect.any(String), channel: 'dropbox_withdrawal', target: expect.stringMatching(/^dropbox:\/.+ → \/Team Assets\/Withdrawn\/.+: /), by: 'n8n: Withdraw what is no longer cleared' });
				expect([assetId, entry.target]).toEqual([assetId, expect.stringMatching(why[assetId])]);
			}
			expect(diff.assets.updated.find((change) => change.after.id === assetId).changes).toEqual(['usageHistory']);
		}
		expect(after.smintio.assets[causes.deleted.assetId]).toBeUndefined();
	});

	test('the copy edited in Dropbox is withdrawn and reported separately', () => {
		const edited = itemsOf(first, 'Withdrawn, edited in Dropbox');
		expect(edited.map((item) => item.copyPath)).toEqual([`${flow2.TEAM_FOLDER}/${prepared.causes.archived.name}`]);
		expect(itemsOf(first, 'Withdrawn').filter((item) => item.editedInDropbox)).toHaveLength(1);
	});

	test('nothing unrelated moved or changed: other copies, the file nobody delivered', () => {
		const { diff } = first.sandbox;
		const moves = diff.dropbox.files.deleted.map((entry) => entry.id).sort();
		expect(diff.dropbox.files.created.map((entry) => entry.id).sort()).toEqual(moves);
		expect(moves).toHaveLength(7);
		expect(diff.dropbox.files.updated).toEqual([]);
		expect(diff.dropbox.files.created.every((entry) => entry.path_lower.startsWith(`${flow.WITHDRAWAL_FOLDER.toLowerCase()}/`))).toBe(true);
		expect(first.sandbox.after.dropbox.team[`${flow2.TEAM_FOLDER}/team-notes.txt`.toLowerCase()]).toBeDefined();
		expect(diff.assets.created).toEqual([]);
		expect(diff.collections.updated).toEqual([]);
	});

	test('a rerun withdraws nothing new and writes no audit entry', async () => {
		const rerun = await flow.run(ctx);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		expect(changeCount(rerun.sandbox.diff)).toBe(0);
		expect(itemsOf(rerun, 'Withdrawn')).toEqual([]);
		expect(await flow.report(ctx, rerun)).toEqual(expect.objectContaining({ created: 0, updated: 0 }));
	});

	test('event path: with the workflow active, the Smint.io Trigger fires on un-approve, archive, delete and a cancelled purchase, and the sweep it starts withdraws exactly those copies', async () => {
		const before = await snapshot(ctx);
		const { endingAhead } = prepared;
		const cleared = flow.deliveredCopies(before).filter((copy) => copy.where === 'team' && before.smintio.assets[copy.properties.smintio_asset_id]?.approvalState === 'approved');
		const others = cleared.filter((copy) => copy.properties.smintio_asset_id !== endingAhead.assetId).sort((a, b) => (a.name < b.name ? -1 : 1));
		if (others.length < 2) throw new Error(`too few cleared team copies left for the event path (${others.length})`);
		const events = { unapproved: endingAhead.assetId, archived: others[0].properties.smintio_asset_id, deleted: others[1].properties.smintio_asset_id, cancelled: '80101' };
		const licensed80101 = flow.deliveredCopies(before).find((copy) => copy.where === 'licensed' && copy.properties.smintio_purchase_uuid === events.cancelled);
		const assetIds = [events.unapproved, events.archived, events.deleted];
		const due = flow.deliveredCopies(before).filter((copy) => assetIds.includes(copy.properties.smintio_asset_id) || copy.id === licensed80101.id);
		expect(due.length).toBeGreaterThanOrEqual(4);

		await activateWithMinutePolls(ctx, flow.file);
		try {
			await ctx.smintioAdmin.post('/assets/set-state', { assetId: events.unapproved, approvalState: 'in_review' });
			await ctx.smintioAdmin.post('/assets/set-state', { assetId: events.archived, approvalState: 'archived' });
			await ctx.smintioAdmin.post('/assets/delete', { assetId: events.deleted });
			await ctx.smintioAdmin.post('/purchases/cancel', { uuid: events.cancelled });
			const after = await waitUntil(
				async () => {
					const current = await snapshot(ctx);
					const withdrawn = flow.withdrawnCopies(current);
					return due.every((copy) => withdrawn.some((candidate) => candidate.id === copy.id)) ? current : null;
				},
				{ timeoutMs: 4 * 60 * 1000, intervalMs: 2000, what: 'the trigger-started sweep to withdraw the four copies' },
			);
			const executions = await waitUntil(
				async () => {
					const list = (await ctx.stack.client.listExecutions(ctx.template(flow.file).id)).filter((execution) => execution.mode === 'trigger');
					return list.length > 0 && list.every((execution) => ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) ? list : null;
				},
				{ timeoutMs: 2 * 60 * 1000, intervalMs: 1000, what: 'the trigger executions of flow 9 to finish' },
			);
			expect(executions.map((execution) => execution.status)).toEqual(executions.map(() => 'success'));
			const triggered = [];
			for (const { id } of executions) triggered.push(...((await ctx.stack.client.getExecution(id)).outputs['When assets or licences change'] ?? []));
			expect(triggered.map((item) => item.event)).toEqual(expect.arrayContaining(['assetUpdated', 'assetArchived', 'assetDeleted', 'licencePurchaseChanged']));
			expect(triggered.filter((item) => item.event === 'licencePurchaseChanged').map((item) => [item.uuid, item.state])).toContainEqual([events.cancelled, 'cancelled']);

			const diff = diffSnapshots(before, after);
			expect(diff.dropbox.files.deleted.map((entry) => entry.id).sort()).toEqual(due.map((copy) => copy.id).sort());
			for (const copy of due) expect(flow.withdrawnCopies(after).find((candidate) => candidate.id === copy.id).path_display).toBe(flow.withdrawnPathOf(copy));
			const link80101 = prepared.licensedLinks.find((link) => link.purchaseUuid === events.cancelled);
			expect((await fetch(link80101.url.replace('dl=0', 'dl=1'))).status).toBe(404);
			for (const assetId of [events.unapproved, events.archived]) {
				const added = after.smintio.assets[assetId].usageHistory.slice(before.smintio.assets[assetId].usageHistory?.length ?? 0);
				expect(added.every((entry) => entry.channel === 'dropbox_withdrawal')).toBe(true);
				expect([assetId, added.length]).toEqual([assetId, due.filter((copy) => copy.properties.smintio_asset_id === assetId).length]);
			}
		} finally {
			await deactivate(ctx, flow.file);
		}
		const rerun = await flow.run(ctx);
		expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
	}, 10 * 60 * 1000);

	test('withdrawMode "delete": the same copies are deleted (restorable in Dropbox), links revoked, audit says deleted; a rerun does nothing', async () => {
		await ctx.resetEmulators();
		await flow.prepare(ctx);
		await flow.setSettings(ctx, flow.file, { withdrawMode: 'delete' });
		try {
			const run = await flow.run(ctx);
			const { before, after, diff } = run.sandbox;
			const { causes } = ctx.flow9;
			expect(diff.dropbox.files.created).toEqual([]);
			expect(flow.withdrawnCopies(after)).toEqual([]);
			const gone = diff.dropbox.files.deleted.map((entry) => entry.id).sort();
			const dueCopies = due(flow.deliveredCopies(before), causes);
			expect(gone).toEqual(dueCopies.map((copy) => copy.id).sort());
			expect(itemsOf(run, 'Revoke the link')).toHaveLength(3);
			for (const link of ctx.flow9.links.filter((candidate) => dueCopies.some((copy) => copy.path_display === candidate.file))) {
				expect((await fetch(`${link.url.replace('dl=0', 'dl=1')}&password=${encodeURIComponent(flow6.LINK_PASSWORD)}`)).status).toBe(404);
			}
			const entries = after.smintio.assets[causes.archived.assetId].usageHistory.filter((entry) => entry.channel === 'dropbox_withdrawal');
			expect(entries).toEqual([expect.objectContaining({ target: expect.stringMatching(/ → deleted: asset archived in Smint\.io$/) })]);
			const rerun = await flow.run(ctx);
			expect(describeDiff(rerun.sandbox.diff)).toEqual([]);
		} finally {
			await flow.setSettings(ctx, flow.file, { withdrawMode: 'move' });
		}
	}, 10 * 60 * 1000);
});
