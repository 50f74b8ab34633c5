'use strict';
// Flow 6: the approved assets of the Smint.io collection "Partner Picks: Acme Retail" whose
// licence allows the partner's intended use are copied into /Partners/Acme Retail (asset id and
// version as file properties) and shared with a link that expires and needs a password; the
// others are listed with the reasons of the rights check and never copied.

const { runWithSnapshots, itemsOf, makeReport } = require('./common');

const FILE = '06-partner-delivery.json';
const PARTNER_COLLECTION = 'Partner Picks: Acme Retail';
const PARTNER_FOLDER = '/Partners/Acme Retail';
const LINK_PASSWORD = 'Acme-Launch-2027';
const LINK_EXPIRY_DAYS = 30;

/**
 * Calls a Dropbox API v2 route of the emulator as the sandbox user: RPC routes (JSON in, JSON out,
 * e.g. sharing/list_shared_links) or, with `content: true`, a download route (argument in the
 * Dropbox-API-Arg header; returns the bytes). `root: 'team'` works in the team space.
 * @param {any} ctx @param {string} route @param {object} arg
 * @param {{ root?: 'home' | 'team', content?: boolean }} [options]
 */
async function dropboxApi(ctx, route, arg, options = {}) {
	const credentials = await ctx.dropboxAdmin.get('/credentials');
	const headers = { Authorization: `Bearer ${credentials.accessToken}` };
	if (options.root === 'team') headers['Dropbox-API-Path-Root'] = JSON.stringify({ '.tag': 'root', root: credentials.rootNamespaceId });
	if (options.content) headers['Dropbox-API-Arg'] = JSON.stringify(arg);
	else headers['Content-Type'] = 'application/json';
	const response = await fetch(`${ctx.stack.dropbox.baseUrl}/2/${route}`, { method: 'POST', headers, body: options.content ? undefined : JSON.stringify(arg) });
	if (!response.ok) throw new Error(`Dropbox ${route} failed: ${response.status} ${await response.text()}`);
	return options.content ? Buffer.from(await response.arrayBuffer()) : await response.json();
}

/** Files directly in the partner folder of a snapshot, with their file properties as an object. */
function partnerCopies(snapshot) {
	const prefix = `${PARTNER_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.home)
		.filter((entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix) && !entry.path_lower.slice(prefix.length).includes('/'))
		.map((entry) => ({
			...entry,
			properties: Object.fromEntries((entry.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value]))),
		}));
}

/** The approved member assets of the partner collection in a snapshot. */
function partnerPicks(snapshot) {
	const collection = Object.values(snapshot.smintio.collections).find((candidate) => candidate.name === PARTNER_COLLECTION);
	if (!collection) throw new Error(`no collection "${PARTNER_COLLECTION}" in the snapshot`);
	return collection.assetIds.map((id) => snapshot.smintio.assets[id]).filter((asset) => asset && asset.approvalState === 'approved');
}

module.exports = {
	file: FILE,
	title: 'Partner delivery: cleared assets → partner folder with shared links',
	PARTNER_COLLECTION,
	PARTNER_FOLDER,
	LINK_PASSWORD,
	LINK_EXPIRY_DAYS,
	dropboxApi,
	partnerCopies,
	partnerPicks,

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff } = execution.sandbox;
		const inPartnerFolder = (entry) => entry.root === 'home' && entry.path_lower.startsWith(`${PARTNER_FOLDER.toLowerCase()}/`);
		const delivered = itemsOf(execution, 'Delivery list');
		const denied = itemsOf(execution, 'Not delivered (reasons)');
		const expiries = [...new Set(delivered.map((item) => item.linkExpires))];
		return makeReport({
			itemsIn: itemsOf(execution, 'Approved assets of the collection').length,
			created: diff.dropbox.files.created.filter(inPartnerFolder).length,
			updated: diff.dropbox.files.updated.filter((change) => inPartnerFolder(change.after) && change.changes.includes('content')).length,
			skipped: delivered.filter((item) => !item.newCopy).length,
			denied: denied.map((item) => ({ item: item.asset, reasons: item.reasons })),
			notes: [
				`${delivered.length} cleared assets in ${PARTNER_FOLDER}, each with a password-protected shared link (expires ${expiries.join(', ') || '-'})`,
			],
		});
	},
};
