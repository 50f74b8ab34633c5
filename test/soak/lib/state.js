'use strict';
// What the soak asserts, read from the emulators' admin APIs (the state of both systems, never
// the workflow's own output): for each flow, every item that should have arrived did, exactly
// once, with the same bytes on both sides.

const crypto = require('node:crypto');

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

async function bytes(baseUrl, route) {
	const response = await fetch(`${baseUrl}/__admin${route}`);
	if (!response.ok) throw new Error(`admin GET ${route}: ${response.status}`);
	return Buffer.from(await response.arrayBuffer());
}

async function dropboxFiles(stack, root, path) {
	const { entries } = await stack.dropboxAdmin.get(`/tree?${new URLSearchParams({ root, path })}`);
	return entries.filter((entry) => entry['.tag'] === 'file');
}

async function dropboxSha1(stack, root, path) {
	return sha1(await bytes(stack.dropbox.baseUrl, `/file/content?${new URLSearchParams({ path, root })}`));
}

async function inBatches(list, size, fn) {
	const out = [];
	for (let i = 0; i < list.length; i += size) out.push(...(await Promise.all(list.slice(i, i + size).map(fn))));
	return out;
}

async function smintioAssets(stack) {
	return (await stack.smintioAdmin.get('/assets')).assets;
}

/** Flow 1: every file below an Approved folder of /Campaigns is exactly one asset with its bytes. */
async function flow1State(stack) {
	const files = (await dropboxFiles(stack, 'home', '/Campaigns')).filter((f) => f.path_lower.includes('/approved/'));
	const others = (await dropboxFiles(stack, 'home', '/Campaigns')).filter((f) => !f.path_lower.includes('/approved/'));
	const assets = (await smintioAssets(stack)).filter((a) => String(a.externalId || '').startsWith('dropbox:'));
	const byExternalId = new Map();
	for (const asset of assets) byExternalId.set(asset.externalId, [...(byExternalId.get(asset.externalId) || []), asset]);
	const checks = await inBatches(files, 16, async (file) => {
		const matches = byExternalId.get(`dropbox:${file.id}`) || [];
		const expected = await dropboxSha1(stack, 'home', file.path_display);
		return { path: file.path_display, matches: matches.length, sameBytes: matches.length === 1 && matches[0].fileMetadata?.sha1Hash === expected };
	});
	const fileIds = new Set(files.map((f) => `dropbox:${f.id}`));
	return {
		files: files.length,
		assets: assets.length,
		missing: checks.filter((c) => c.matches === 0).map((c) => c.path),
		duplicated: checks.filter((c) => c.matches > 1).map((c) => c.path),
		differentBytes: checks.filter((c) => c.matches === 1 && !c.sameBytes).map((c) => c.path),
		strays: assets.filter((a) => !fileIds.has(a.externalId)).map((a) => a.externalId),
		notApprovedCatalogued: others.filter((f) => byExternalId.has(`dropbox:${f.id}`)).map((f) => f.path_display),
	};
}

function propertiesOf(metadata) {
	return Object.fromEntries((metadata.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value])));
}

/** The copies in a team folder, with their delivery properties and the SHA-1 of their bytes. */
async function teamCopies(stack, folder) {
	const files = (await dropboxFiles(stack, 'team', folder)).filter((f) => !f.path_lower.slice(folder.length + 1).includes('/'));
	return await inBatches(files, 16, async (file) => {
		const details = await stack.dropboxAdmin.get(`/file?${new URLSearchParams({ path: file.path_display, root: 'team' })}`);
		return {
			path: file.path_display,
			rev: file.rev,
			properties: propertiesOf(details.metadata),
			revisions: details.revisions.length,
			sha1: await dropboxSha1(stack, 'team', file.path_display),
		};
	});
}

async function collectionByName(stack, name) {
	const { collections } = await stack.smintioAdmin.get('/collections');
	const found = collections.find((c) => c.name === name && !c.parentCollectionId);
	if (!found) throw new Error(`no collection ${name}`);
	return found;
}

/** Flow 2: every approved asset of the collection is exactly one copy, same bytes, id + version recorded. */
async function flow2State(stack, { collection = 'Launch 2027', folder = '/Team Assets/Approved' } = {}) {
	const source = await collectionByName(stack, collection);
	const all = await smintioAssets(stack);
	const approved = all.filter((a) => source.assetIds.includes(a.id) && a.approvalState === 'approved');
	const copies = await teamCopies(stack, folder);
	const checks = approved.map((asset) => {
		const mine = copies.filter((c) => c.properties.smintio_asset_id === asset.id);
		return {
			asset: asset.id,
			copies: mine.length,
			sameBytes: mine.length === 1 && mine[0].sha1 === asset.fileMetadata.sha1Hash,
			versionRecorded: mine.length === 1 && String(mine[0].properties.smintio_asset_version) === String(asset.version),
		};
	});
	const approvedIds = new Set(approved.map((a) => a.id));
	return {
		approved: approved.length,
		copies: copies.length,
		missing: checks.filter((c) => c.copies === 0).map((c) => c.asset),
		duplicated: checks.filter((c) => c.copies > 1).map((c) => c.asset),
		differentBytes: checks.filter((c) => c.copies === 1 && !c.sameBytes).map((c) => c.asset),
		versionNotRecorded: checks.filter((c) => c.copies === 1 && !c.versionRecorded).map((c) => c.asset),
		strays: copies.filter((c) => !approvedIds.has(c.properties.smintio_asset_id)).map((c) => c.path),
		copiesList: copies,
	};
}

/**
 * Flow 7: copies whose asset has a newer approved version carry it (bytes, version property, the
 * old revision kept); copies edited in Dropbox are left alone.
 * @param {Map<string, string>} edited path → SHA-1 of the edit
 * @param {Set<string>} newVersionAssetIds assets that got a newer version (their copies keep the old revision)
 */
async function flow7State(stack, edited, newVersionAssetIds, { folder = '/Team Assets/Approved' } = {}) {
	const all = new Map((await smintioAssets(stack)).map((a) => [a.id, a]));
	const copies = await teamCopies(stack, folder);
	const notReplaced = [];
	const overwrittenEdits = [];
	const oldRevisionLost = [];
	for (const copy of copies) {
		const asset = all.get(copy.properties.smintio_asset_id);
		if (!asset) continue;
		if (edited.has(copy.path)) {
			if (copy.sha1 !== edited.get(copy.path)) overwrittenEdits.push(copy.path);
			continue;
		}
		if (asset.approvalState !== 'approved') continue;
		if (copy.sha1 !== asset.fileMetadata.sha1Hash || String(copy.properties.smintio_asset_version) !== String(asset.version)) notReplaced.push(copy.path);
		else if (newVersionAssetIds.has(asset.id) && copy.revisions < 2) oldRevisionLost.push(copy.path);
	}
	return { copies: copies.length, edited: edited.size, notReplaced, overwrittenEdits, oldRevisionLost, copiesList: copies };
}

/**
 * Flow 9: for each copy of `withdrawIds` (assets no longer cleared), whether it left the team
 * folder for the withdrawal folder, once, with every shared link revoked and an audit entry;
 * for every other copy of `keptIds`, that it stayed with its link live. Read from both emulators.
 * @param {Array<{ path: string, id: string, assetId: string, url: string }>} shared the copies and the link each got
 * @param {Set<string>} withdrawIds @param {Set<string>} keptIds
 */
async function flow9State(stack, shared, withdrawIds, keptIds, { withdrawalFolder = '/Team Assets/Withdrawn' } = {}) {
	const withdrawn = await dropboxFiles(stack, 'team', withdrawalFolder).catch(() => []);
	const inTeamFolder = await dropboxFiles(stack, 'team', '/Team Assets/Approved');
	const assets = new Map((await smintioAssets(stack)).map((asset) => [asset.id, asset]));
	const linkState = async (copy) => {
		const where = withdrawn.find((file) => file.id === copy.id) || inTeamFolder.find((file) => file.id === copy.id);
		if (!where) return { ...copy, moved: false, revoked: null, gone: true };
		const { links } = await stack.dropboxAdmin.get(`/links?${new URLSearchParams({ path: where.path_display, root: 'team' })}`);
		return { ...copy, moved: withdrawn.some((file) => file.id === copy.id), revoked: links.find((link) => link.url === copy.url)?.revoked === true };
	};
	const states = await inBatches(shared, 16, linkState);
	const audits = (assetId) => (assets.get(assetId)?.usageHistory || []).filter((entry) => entry.channel === 'dropbox_withdrawal');
	const due = states.filter((copy) => withdrawIds.has(copy.assetId));
	const kept = states.filter((copy) => keptIds.has(copy.assetId));
	return {
		withdrawn: due.filter((copy) => copy.moved).length,
		notWithdrawn: due.filter((copy) => !copy.moved).map((copy) => copy.path),
		linkStillLive: due.filter((copy) => copy.revoked === false).map((copy) => copy.path),
		revokedButNotMoved: due.filter((copy) => copy.revoked && !copy.moved).map((copy) => copy.path),
		clearedMoved: kept.filter((copy) => copy.moved || copy.gone).map((copy) => copy.path),
		clearedLinkRevoked: kept.filter((copy) => copy.revoked).map((copy) => copy.path),
		auditMissing: due.filter((copy) => audits(copy.assetId).length === 0).map((copy) => copy.path),
		auditDuplicated: due.filter((copy) => audits(copy.assetId).length > 1).map((copy) => copy.path),
	};
}

module.exports = { flow1State, flow2State, flow7State, flow9State, teamCopies, collectionByName, smintioAssets, sha1 };
