'use strict';
// Flow 7: copies of Smint.io assets in the team folder (delivered by flow 2, carrying asset id,
// version and SHA-1 as file properties) are replaced when their asset has a newer approved
// version; the upload is rev-checked (Write Mode Update with the copy's rev); a copy edited in
// Dropbox since its delivery (SHA-1 differs) is reported as a conflict and left alone; Dropbox
// keeps the replaced version as an earlier revision.

const { runWithSnapshots, itemsOf, makeReport } = require('./common');
const flow2 = require('./flow2');

const FILE = '07-new-versions-replace-copies.json';
const COPIES_FOLDER = '/Team Assets/Approved';
/** Prepared: this asset gets a newer approved version; its copy is untouched (it is replaced). */
const REPLACED = 'l27-de-bags-social-01.png';
/** Prepared: this asset gets a newer approved version AND its copy is edited in Dropbox (conflict). */
const EDITED = 'l27-de-shoes-print-01.jpg';
const EDITED_BYTES = Buffer.from('edited in Dropbox by a colleague');

/** Copies (files below the copies folder in the team space) of a snapshot, with their properties. */
function copies(snapshot) {
	const prefix = `${COPIES_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.team)
		.filter((entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix))
		.map((entry) => ({
			...entry,
			properties: Object.fromEntries((entry.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value]))),
		}));
}

module.exports = {
	file: FILE,
	title: 'Newer approved versions → replace outdated Dropbox copies',
	COPIES_FOLDER,
	REPLACED,
	EDITED,
	EDITED_BYTES,
	copies,

	/**
	 * Flow 2 delivers the approved assets of "Launch 2027" into the team folder; then two of them
	 * get a newer approved version in Smint.io, and one of those two copies is edited in Dropbox.
	 */
	async prepare(ctx) {
		if (flow2.prepare) await flow2.prepare(ctx);
		const delivered = await flow2.run(ctx);
		const byName = new Map(copies(delivered.sandbox.after).map((copy) => [copy.name, copy]));
		for (const name of [REPLACED, EDITED]) {
			const copy = byName.get(name);
			if (!copy) throw new Error(`flow 2 did not deliver ${name} to ${COPIES_FOLDER}`);
			await ctx.smintioAdmin.post('/assets/publish-version', { assetId: copy.properties.smintio_asset_id, approvalState: 'approved' });
		}
		await ctx.dropboxAdmin.post('/files/write', { root: 'team', path: byName.get(EDITED).path_display, contentBase64: EDITED_BYTES.toString('base64') });
		ctx.log(`prepared: flow 2 delivered ${byName.size} copies; new approved versions of ${REPLACED} and ${EDITED}; ${EDITED} edited in Dropbox`);
	},

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff } = execution.sandbox;
		const inFolder = (entry) => entry.root === 'team' && entry.path_lower.startsWith(`${COPIES_FOLDER.toLowerCase()}/`);
		const conflicts = [...itemsOf(execution, 'Conflict: edited in Dropbox'), ...itemsOf(execution, 'Conflict: changed during the run')];
		const replaced = itemsOf(execution, 'Replaced');
		return makeReport({
			itemsIn: itemsOf(execution, 'List copies').length,
			created: diff.dropbox.files.created.filter(inFolder).length,
			updated: diff.dropbox.files.updated.filter((change) => inFolder(change.after) && change.changes.includes('content')).length,
			skipped: itemsOf(execution, 'Up to date').length,
			conflicts: conflicts.map((item) => ({ item: item.path, reason: item.reason })),
			notes: replaced.map((item) => `${item.path}: version ${item.fromVersion} → ${item.toVersion}; rev ${item.previousRev} kept as an earlier revision`),
		});
	},
};
