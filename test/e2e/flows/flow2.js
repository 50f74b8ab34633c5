'use strict';
// Flow 2: approved assets of the Smint.io collection "Launch 2027" are copied into the team
// space folder /Team Assets/Approved; each copy carries the asset id and version as Dropbox file
// properties; a re-approved new version overwrites its copy.

const { runWithSnapshots, itemsOf, makeReport } = require('./common');

const FILE = '02-approved-smintio-to-dropbox-team.json';
const SOURCE_COLLECTION = 'Launch 2027';
const TEAM_FOLDER = '/Team Assets/Approved';

/** The collection's member assets of a snapshot. */
function collectionAssets(snapshot, name = SOURCE_COLLECTION) {
	const collection = Object.values(snapshot.smintio.collections).find((c) => c.name === name && !c.parentCollectionId);
	if (!collection) throw new Error(`no collection "${name}" in the snapshot`);
	return collection.assetIds.map((id) => snapshot.smintio.assets[id]).filter(Boolean);
}

/** Files directly in the team folder of a snapshot, with their delivery properties as an object. */
function teamCopies(snapshot) {
	const prefix = `${TEAM_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.team)
		.filter((entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix) && !entry.path_lower.slice(prefix.length).includes('/'))
		.map((entry) => ({
			...entry,
			properties: Object.fromEntries((entry.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value]))),
		}));
}

module.exports = {
	file: FILE,
	title: 'Approved Smint.io assets → Dropbox team folder',
	SOURCE_COLLECTION,
	TEAM_FOLDER,
	collectionAssets,
	teamCopies,

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff, after } = execution.sandbox;
		const approved = itemsOf(execution, 'Approved assets');
		const toDeliver = itemsOf(execution, 'Not delivered yet');
		const notApproved = collectionAssets(after).filter((asset) => asset.approvalState !== 'approved');
		const inTeam = (entry) => entry.root === 'team';
		return makeReport({
			itemsIn: approved.length,
			created: diff.dropbox.files.created.filter(inTeam).length,
			updated: diff.dropbox.files.updated.filter((change) => inTeam(change.after) && change.changes.includes('content')).length,
			skipped: approved.length - toDeliver.length,
			notes: [
				`${notApproved.length} assets of "${SOURCE_COLLECTION}" are not approved (${[...new Set(notApproved.map((a) => a.approvalState))].join(', ')}) and were not delivered`,
			],
		});
	},
};
