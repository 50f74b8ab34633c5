'use strict';
// Flow 5: the market / product / channel folders below /Campaigns become the Smint.io collection
// tree (Ensure Path, owner set on new levels) and every catalogued asset (External ID
// dropbox:{file id}, made by flow 1) is filed into the collection of its folder.

const { runWithSnapshots, itemsOf, makeReport } = require('./common');
const flow1 = require('./flow1');

const FILE = '05-campaign-tree-to-collections.json';
const CAMPAIGNS_FOLDER = '/Campaigns';
const OWNER = 'alex@northwind.example';

/** Dropbox folders of a snapshot that are channel folders: {campaigns}/{campaign}/{market}/{product}/{channel}. */
function channelFolders(snapshot) {
	const prefix = `${CAMPAIGNS_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.home).filter(
		(entry) => entry['.tag'] === 'folder' && entry.path_lower.startsWith(prefix) && entry.path_lower.slice(prefix.length).split('/').length === 4,
	);
}

/** The collection path ("Launch 2027/Germany/Shoes/Social") of a channel folder. */
function collectionPathOf(folder) {
	return folder.path_display.slice(CAMPAIGNS_FOLDER.length + 1);
}

/** Every collection of a snapshot by its full path of names (top level first). */
function collectionsByPath(snapshot) {
	const all = snapshot.smintio.collections;
	const pathOf = (collection) => {
		const names = [];
		for (let current = collection; current; current = current.parentCollectionId ? all[current.parentCollectionId] : null) names.unshift(current.name);
		return names.join('/');
	};
	/** @type {Map<string, any[]>} */
	const byPath = new Map();
	for (const collection of Object.values(all)) {
		const key = pathOf(collection);
		byPath.set(key, [...(byPath.get(key) || []), collection]);
	}
	return byPath;
}

module.exports = {
	file: FILE,
	title: 'Campaign folder tree → Smint.io collection tree',
	CAMPAIGNS_FOLDER,
	OWNER,
	channelFolders,
	collectionPathOf,
	collectionsByPath,

	/** Flow 1 catalogues the approved campaign files first (assets with External ID dropbox:{file id}). */
	async prepare(ctx) {
		if (flow1.prepare) await flow1.prepare(ctx);
		const execution = await flow1.run(ctx);
		ctx.log(`prepared: flow 1 catalogued ${execution.sandbox.diff.assets.created.length} approved files`);
	},

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff } = execution.sandbox;
		const files = itemsOf(execution, 'List files of the channel');
		const filed = diff.assets.updated.filter((change) => change.changes.includes('collections'));
		const notInSmintio = itemsOf(execution, 'Not in Smint.io yet');
		const channels = itemsOf(execution, 'Channel collection');
		return makeReport({
			itemsIn: files.length,
			created: diff.collections.created.length,
			updated: filed.length,
			skipped: itemsOf(execution, 'Already filed').length + notInSmintio.length,
			notes: [
				`${channels.length} channel folders → collections ${channels.map((channel) => channel.collectionPath).join(', ')}`,
				`${diff.collections.created.length} collections created (${diff.collections.created.map((c) => c.name).join(', ') || 'none'}), ${filed.length} assets filed`,
				`${notInSmintio.length} files have no asset in Smint.io (not approved, so flow 1 left them out)`,
			],
		});
	},
};
