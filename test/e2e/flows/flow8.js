'use strict';
// Flow 8: the campaign finals (/Campaigns/Launch 2027/Finals) are archived into the Smint.io
// collection "Campaign Archive" (External ID dropbox:{file id}) with metadata, rights and a usage
// history gathered from Dropbox: shared links, revisions and deliveries (copies with the same
// content hash in /Partners and /Projects). A rerun adds only new usage.

const { runWithSnapshots, itemsOf, makeReport } = require('./common');
const { dropboxApi } = require('./flow6');

const FILE = '08-archive-campaign-finals.json';
const FINALS_FOLDER = '/Campaigns/Launch 2027/Finals';
const ARCHIVE_COLLECTION = 'Campaign Archive';
/** Prepared usage (see prepare): */
const SHARED = 'launch-teaser.mp4'; // has a shared link
const REVISED = 'launch-banner.png'; // has a second revision
const DELIVERED = 'launch-keyvisual.jpg'; // was copied to the partner folder
const DELIVERY_PATH = `/Partners/Acme Retail/${DELIVERED}`;
const REVISED_BYTES = Buffer.from('launch banner, final cut');

/** The finals (files directly in the finals folder) of a snapshot. */
function finals(snapshot) {
	const prefix = `${FINALS_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.home).filter(
		(entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix) && !entry.path_lower.slice(prefix.length).includes('/'),
	);
}

/** The archive collection of a snapshot. */
function archiveCollection(snapshot) {
	return Object.values(snapshot.smintio.collections).find((collection) => collection.name === ARCHIVE_COLLECTION && !collection.parentCollectionId);
}

module.exports = {
	file: FILE,
	title: 'Campaign finals → Smint.io archive with usage history',
	FINALS_FOLDER,
	ARCHIVE_COLLECTION,
	SHARED,
	REVISED,
	DELIVERED,
	DELIVERY_PATH,
	REVISED_BYTES,
	finals,
	archiveCollection,

	/** Usage for the finals to carry: a shared link of the teaser, a second revision of the banner, the key visual delivered to the partner. */
	async prepare(ctx) {
		await dropboxApi(ctx, 'sharing/create_shared_link_with_settings', { path: `${FINALS_FOLDER}/${SHARED}`, settings: { audience: 'public' } });
		await ctx.dropboxAdmin.post('/files/write', { path: `${FINALS_FOLDER}/${REVISED}`, contentBase64: REVISED_BYTES.toString('base64') });
		await ctx.dropboxAdmin.post('/files/copy', { from: `${FINALS_FOLDER}/${DELIVERED}`, to: DELIVERY_PATH });
		ctx.log(`prepared: a shared link of ${SHARED}, a second revision of ${REVISED}, ${DELIVERED} delivered to ${DELIVERY_PATH}`);
	},

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff } = execution.sandbox;
		const archived = itemsOf(execution, 'Archive in Smint.io');
		const usage = itemsOf(execution, 'Usage history');
		const count = (channel) => usage.reduce((sum, item) => sum + item.usageHistory.filter((entry) => entry.channel === channel).length, 0);
		return makeReport({
			itemsIn: itemsOf(execution, 'List finals').length,
			created: diff.assets.created.length,
			updated: diff.assets.updated.length,
			skipped: archived.filter((item) => item.skipped).length,
			notes: [
				`usage found in Dropbox: ${count('dropbox_shared_link')} shared links, ${count('dropbox_revision')} revisions, ${count('dropbox_delivery')} deliveries`,
				`archived into "${ARCHIVE_COLLECTION}": ${archived.map((item) => `${item.name} (${item.action})`).join(', ')}`,
			],
		});
	},
};
