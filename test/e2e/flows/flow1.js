'use strict';
// Flow 1: files in Approved folders below /Campaigns become Smint.io assets (tags and metadata
// from the path, rights defaults, External ID dropbox:{file id}, content_hash in the metadata).

const { runWithSnapshots, itemsOf, makeReport } = require('./common');

const FILE = '01-approved-dropbox-to-smintio.json';
const SOURCE_FOLDER = '/Campaigns';

/** Dropbox files below the source folder, split into those in an Approved folder and the rest. */
function campaignFiles(snapshot) {
	const files = Object.values(snapshot.dropbox.home).filter(
		(entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(`${SOURCE_FOLDER.toLowerCase()}/`),
	);
	const approved = files.filter((entry) => entry.path_lower.split('/').slice(0, -1).includes('approved'));
	return { approved, other: files.filter((entry) => !approved.includes(entry)) };
}

/** Smint.io assets (of a snapshot) by External ID. */
function assetsByExternalId(snapshot) {
	const byId = new Map();
	for (const asset of Object.values(snapshot.smintio.assets)) if (asset.externalId) byId.set(asset.externalId, asset);
	return byId;
}

module.exports = {
	file: FILE,
	title: 'Approved Dropbox folders → Smint.io catalog',
	SOURCE_FOLDER,
	campaignFiles,
	assetsByExternalId,

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff, after } = execution.sandbox;
		const listed = itemsOf(execution, 'List approved files');
		const toUpload = itemsOf(execution, 'New or changed files');
		const uploads = itemsOf(execution, 'Upload to Smint.io');
		const { other } = campaignFiles(after);
		const catalogued = assetsByExternalId(after);
		const leaked = other.filter((entry) => catalogued.has(`dropbox:${entry.id}`));
		return makeReport({
			itemsIn: listed.length,
			created: diff.assets.created.length,
			updated: diff.assets.updated.length,
			skipped: listed.length - toUpload.length + uploads.filter((item) => item.skipped).length,
			notes: [
				`${other.length} files outside Approved folders stayed in Dropbox${leaked.length ? `; ${leaked.length} of them are in Smint.io (WRONG)` : ''}`,
			],
		});
	},
};
