'use strict';
// Flow 9: every copy templates 2, 3 and 6 delivered (found by the Dropbox property search on
// smintio_delivery) is checked again for the use it was delivered for; a copy no longer cleared
// has its shared links revoked, is moved to the withdrawal folder (same sub-path, team space) and
// gets an audit entry on its asset's usage history in Smint.io.
//
// prepare() delivers with flows 2 (team folder), 3 (licensed stock purchases into the project's
// Licensed folder) and 6 (partner folder, shared links), shares both licensed copies by hand, runs
// flow 9 once (withdrawing what was never cleared: template 2 checks approval only), then makes
// one delivery no longer cleared per cause: un-approved, archived (its team copy also edited in
// Dropbox), deleted, rights changed so the partner's use is denied, the licence purchase 80112
// cancelled in the CLAPI-C feed, and a licence end date that passes when both emulators' clocks
// move 10 days forward (the template judges the date given in its Settings, set here to the
// emulators' day: n8n's own clock cannot move). One more asset's licence ends 15 days after that
// day: listed as ending soon, not withdrawn.

const { runWithSnapshots, itemsOf, makeReport, snapshot: takeSnapshot } = require('./common');
const flow2 = require('./flow2');
const flow3 = require('./flow3');
const flow6 = require('./flow6');

const FILE = '09-withdraw-no-longer-cleared.json';
const WITHDRAWAL_FOLDER = '/Team Assets/Withdrawn';
const DAY_MS = 24 * 3600 * 1000;
/** How far prepare() moves both emulators' clocks (past the end date it gives the EXPIRED asset). */
const CLOCK_ADVANCE_DAYS = 10;
const EDITED_BYTES = Buffer.from('edited in Dropbox after delivery');

/**
 * Sets Settings values of the imported copy of a template in n8n (the template file keeps its
 * defaults).
 * @param {any} ctx @param {string} file @param {Record<string, unknown>} values
 */
async function setSettings(ctx, file, values) {
	const { client } = ctx.stack;
	const { id } = ctx.template(file);
	const workflow = await client.getWorkflow(id);
	const nodes = workflow.nodes.map((node) => {
		if (node.name !== 'Settings') return node;
		const assignments = node.parameters.assignments.assignments.map((assignment) =>
			Object.hasOwn(values, assignment.name) ? { ...assignment, value: values[assignment.name] } : assignment,
		);
		return { ...node, parameters: { ...node.parameters, assignments: { assignments } } };
	});
	await client.rest('PATCH', `/workflows/${id}`, { ...workflow, nodes, versionId: workflow.versionId });
}

/** Every delivered copy in a snapshot (team copies: team-space paths; partner and licensed copies: home paths). */
function deliveredCopies(snapshot) {
	return [
		...flow2.teamCopies(snapshot).map((copy) => ({ ...copy, where: 'team' })),
		...flow6.partnerCopies(snapshot).map((copy) => ({ ...copy, where: 'partner' })),
		...flow3.licensedCopies(snapshot).map((copy) => ({ ...copy, where: 'licensed' })),
	];
}

/** Where the withdrawal folder holds a copy: its team-space path below the folder (the member's home is mounted at /Alex Example). */
function withdrawnPathOf(copy) {
	return `${WITHDRAWAL_FOLDER}${copy.where === 'team' ? copy.path_display : `/Alex Example${copy.path_display}`}`;
}

/** Files below the withdrawal folder in a snapshot's team space, with their properties. */
function withdrawnCopies(snapshot) {
	const prefix = `${WITHDRAWAL_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.team)
		.filter((entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix))
		.map((entry) => ({
			...entry,
			properties: Object.fromEntries((entry.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value]))),
		}));
}

/** The team-space path of a partner copy (home paths are below the member's home mount). */
async function teamPathOf(ctx, copy) {
	if (copy.where === 'team') return copy.path_display;
	const file = await ctx.dropboxAdmin.get(`/file?${new URLSearchParams({ path: copy.path_display, root: 'home' })}`);
	const team = await ctx.dropboxAdmin.get(`/tree?${new URLSearchParams({ root: 'team' })}`);
	const entry = team.entries.find((candidate) => candidate.id === file.metadata.id);
	if (!entry) throw new Error(`${copy.path_display} is not reachable from the team space`);
	return entry.path_display;
}

module.exports = {
	file: FILE,
	title: 'Withdraw what is no longer cleared',
	WITHDRAWAL_FOLDER,
	CLOCK_ADVANCE_DAYS,
	EDITED_BYTES,
	setSettings,
	deliveredCopies,
	withdrawnPathOf,
	withdrawnCopies,
	teamPathOf,

	async prepare(ctx) {
		await setSettings(ctx, FILE, { checkDate: '', withdrawMode: 'move' });
		if (flow2.prepare) await flow2.prepare(ctx);
		await flow2.run(ctx);
		const delivery = await flow6.run(ctx);
		await flow3.run(ctx);
		// Someone shared both licensed copies by hand: the cancelled purchase's link must be revoked, the other stay.
		const licensedLinks = [];
		for (const copy of flow3.licensedCopies(await takeSnapshot(ctx))) {
			// Through the admin API (a person shares it): never faulted, no access token to go stale in the soak.
			const link = await ctx.dropboxAdmin.post('/links/create', { path: copy.path_display, root: 'home' });
			licensedLinks.push({ file: copy.path_display, url: link.url, purchaseUuid: copy.properties.smintio_purchase_uuid });
		}
		// What is already not cleared at delivery time (template 2 does not check licences) is
		// withdrawn by this first run, so the run after the changes below shows only their effect.
		const baseline = await runWithSnapshots(ctx, FILE);
		const snapshot = baseline.sandbox.after;
		const team = flow2.teamCopies(snapshot);
		const partner = flow6.partnerCopies(snapshot);
		const byName = (a, b) => (a.name < b.name ? -1 : 1);
		const partnerIds = new Set(partner.map((copy) => copy.properties.smintio_asset_id));
		const both = team.filter((copy) => partnerIds.has(copy.properties.smintio_asset_id)).sort(byName);
		const teamOnly = team.filter((copy) => !partnerIds.has(copy.properties.smintio_asset_id)).sort(byName);
		const licensed = flow3.licensedCopies(snapshot);
		if (both.length < 2 || teamOnly.length < 4) throw new Error(`flows 2 and 6 delivered too little to prepare flow 9 (${both.length} shared, ${teamOnly.length} team only)`);
		if (licensed.map((copy) => copy.properties.smintio_purchase_uuid).sort().join() !== '80101,80112') throw new Error(`flow 3 delivered ${licensed.length} copies, not 80101 and 80112`);
		const pick = (copy) => ({ assetId: copy.properties.smintio_asset_id, name: copy.name });
		const causes = {
			unapproved: pick(both[0]),
			rightsDenied: pick(both[1]),
			archived: pick(teamOnly[0]),
			deleted: pick(teamOnly[1]),
			expired: pick(teamOnly[2]),
			cancelled: { purchaseUuid: '80112', name: licensed.find((copy) => copy.properties.smintio_purchase_uuid === '80112').name },
		};
		const endingAhead = pick(teamOnly[3]);
		const asset = (id) => snapshot.smintio.assets[id];
		const clock = await ctx.smintioAdmin.get('/clock');
		const endsAt = new Date(Date.parse(clock.now) + 5 * DAY_MS).toISOString();

		await ctx.smintioAdmin.post('/assets/set-state', { assetId: causes.unapproved.assetId, approvalState: 'in_review' });
		const denied = asset(causes.rightsDenied.assetId).rights;
		await ctx.smintioAdmin.post('/assets/update', {
			assetId: causes.rightsDenied.assetId,
			// The partner's use is in Germany: now excluded. The team copy (no use stated) stays cleared.
			changes: { rights: { ...denied, licenseTerms: denied.licenseTerms.map((term) => ({ ...term, allowedGeographies: ['europe_france'], restrictedGeographies: ['europe_germany'] })) } },
		});
		await ctx.smintioAdmin.post('/assets/set-state', { assetId: causes.archived.assetId, approvalState: 'archived' });
		const archivedCopy = teamOnly[0];
		await ctx.dropboxAdmin.post('/files/write', { root: 'team', path: archivedCopy.path_display, contentBase64: EDITED_BYTES.toString('base64') });
		await ctx.smintioAdmin.post('/assets/delete', { assetId: causes.deleted.assetId });
		const expiring = asset(causes.expired.assetId).rights;
		await ctx.smintioAdmin.post('/assets/update', {
			assetId: causes.expired.assetId,
			changes: { rights: { ...expiring, licenseTerms: expiring.licenseTerms.map((term) => ({ ...term, validUntil: endsAt })) } },
		});
		await ctx.smintioAdmin.post('/purchases/cancel', { uuid: causes.cancelled.purchaseUuid });
		const ahead = asset(endingAhead.assetId).rights;
		const aheadEndsAt = new Date(Date.parse(clock.now) + (CLOCK_ADVANCE_DAYS + 15) * DAY_MS).toISOString();
		await ctx.smintioAdmin.post('/assets/update', {
			assetId: endingAhead.assetId,
			changes: { rights: { ...ahead, licenseTerms: ahead.licenseTerms.map((term) => ({ ...term, validUntil: aheadEndsAt, toBeUsedUntil: null })) } },
		});
		// A file nobody delivered, next to the copies: must stay where it is.
		await ctx.dropboxAdmin.post('/files/write', { root: 'team', path: `${flow2.TEAM_FOLDER}/team-notes.txt`, contentBase64: Buffer.from('notes').toString('base64') });

		for (const admin of [ctx.smintioAdmin, ctx.dropboxAdmin]) await admin.post('/clock', { advanceSeconds: CLOCK_ADVANCE_DAYS * 24 * 3600 });
		const moved = await ctx.smintioAdmin.get('/clock');
		await setSettings(ctx, FILE, { checkDate: moved.now.slice(0, 10) });
		const links = itemsOf(delivery, 'Delivery list').map((item) => ({ file: item.file, url: item.link }));
		ctx.flow9 = { causes, links, licensedLinks, endingAhead: { ...endingAhead, endsAt: aheadEndsAt }, endsAt, baseline, checkDate: moved.now.slice(0, 10) };
		ctx.log(`prepared: ${team.length} team and ${partner.length} partner copies; ${Object.entries(causes).map(([cause, { name }]) => `${cause}: ${name}`).join(', ')}; clocks +${CLOCK_ADVANCE_DAYS} days`);
	},

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff } = execution.sandbox;
		const withdrawn = itemsOf(execution, 'Withdrawn');
		const edited = itemsOf(execution, 'Withdrawn, edited in Dropbox');
		const endingSoon = itemsOf(execution, 'Ending soon (renew)');
		return makeReport({
			itemsIn: itemsOf(execution, 'Not withdrawn yet').length,
			created: diff.dropbox.files.created.filter((entry) => entry.path_lower.startsWith(`${WITHDRAWAL_FOLDER.toLowerCase()}/`)).length,
			updated: diff.assets.updated.filter((change) => change.changes.includes('usageHistory')).length,
			skipped: itemsOf(execution, 'Not withdrawn yet').length - withdrawn.length,
			denied: withdrawn.map((item) => ({ item: item.copyPath, reasons: [item.reason] })),
			conflicts: edited.map((item) => ({ item: item.copyPath, reason: 'edited in Dropbox after delivery; withdrawn all the same' })),
			notes: [
				`${itemsOf(execution, 'Revoke the link').length} shared links revoked; copies moved to ${WITHDRAWAL_FOLDER}`,
				...endingSoon.map((item) => `${item.copyPath}: licence ends ${item.endsAt} (${item.daysLeft} days left)`),
			],
		});
	},
};
