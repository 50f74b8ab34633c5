'use strict';
// The sandbox seed (see brief/seed-scenario.md, Dropbox part): Alex Example, member of team
// "Northwind Marketing" in a team space. The team root namespace holds the team folder
// "/Team Assets" and Alex's home folder "/Alex Example"; without a Path-Root header paths are
// in the home namespace. Every id, token, timestamp and byte is deterministic.

const { createRandom } = require('../common/random');
const { makePng, sampleJpeg, pseudoRandomStream } = require('../common/sample-files');
const { ContentHasher } = require('./content-hash');
const { commitFile } = require('./write');

const SEED_DATE_MS = Date.parse('2026-10-01T09:00:00Z');
const MB = 1024 * 1024;

const USER_SCOPES = [
	'account_info.read',
	'files.metadata.read',
	'files.metadata.write',
	'files.content.read',
	'files.content.write',
	'files.permanent_delete',
	'sharing.read',
	'sharing.write',
	'file_requests.read',
	'file_requests.write',
	'contacts.read',
	'contacts.write',
];
const TEAM_SCOPES = [...USER_SCOPES, 'team_info.read', 'team_data.member', 'team_data.team_space', 'members.read', 'groups.read'];

/** One folder of the seed: path under the home folder and the files in it. */
const SEED_FOLDERS = [
	{
		path: '/Campaigns/Launch 2027/Germany/Shoes/Social/Approved',
		files: [
			{ name: 'shoes-social-01.jpg', jpeg: 'product-shoes.jpg' },
			{ name: 'shoes-social-02.jpg', jpeg: 'launch-hero.jpg' },
			{ name: 'shoes-social-03.png', png: { from: '#7c2d12', to: '#fdba74' } },
		],
	},
	{
		path: '/Campaigns/Launch 2027/Germany/Shoes/Social/WIP',
		files: [
			{ name: 'shoes-social-draft-04.jpg', jpeg: 'product-shoes.jpg' },
			{ name: 'shoes-social-draft-05.png', png: { from: '#44403c', to: '#d6d3d1' } },
		],
	},
	{
		path: '/Campaigns/Launch 2027/Germany/Shoes/Print/Approved',
		files: [
			{ name: 'shoes-print-a4.jpg', jpeg: 'product-shoes.jpg' },
			{ name: 'shoes-print-poster.png', png: { from: '#1e3a8a', to: '#93c5fd', width: 256, height: 362 } },
		],
	},
	{
		path: '/Campaigns/Launch 2027/France/Bags/Web/Approved',
		files: [
			{ name: 'sac-à-main-été.jpg', jpeg: 'launch-hero.jpg' },
			{ name: 'bags-web-banner.png', png: { from: '#581c87', to: '#f0abfc', width: 320, height: 100 } },
		],
	},
	{
		path: '/Campaigns/Launch 2027/France/Bags/Web/Review',
		files: [{ name: 'bags-web-teaser.jpg', jpeg: 'texture-stock.jpg' }],
	},
	{
		path: '/Campaigns/Summer Sale 2026/Germany/Apparel/Social/Approved',
		files: [
			{ name: 'apparel-social-01.jpg', jpeg: 'summer-sale.jpg' },
			{ name: 'apparel-social-02.png', png: { from: '#065f46', to: '#6ee7b7' } },
		],
	},
	{
		path: '/Campaigns/Launch 2027/Finals',
		files: [
			{ name: 'launch-keyvisual.jpg', jpeg: 'launch-hero.jpg' },
			{ name: 'launch-banner.png', png: { from: '#0f172a', to: '#38bdf8', width: 728, height: 90 } },
			{ name: 'launch-teaser.mp4', random: 24 * MB },
		],
	},
	{
		path: '/Agency Drafts/Launch 2027',
		files: [
			{ name: 'launch-keyvisual-v1.jpg', jpeg: 'launch-hero.jpg' },
			{ name: 'launch-banner-v2.png', png: { from: '#111827', to: '#22d3ee', width: 728, height: 90 } },
			{ name: 'launch-teaser-draft.mp4', random: 6 * MB + 123 },
		],
	},
	{ path: '/Projects/Website Relaunch/Licensed', files: [] },
	{ path: '/Partners/Acme Retail', files: [] },
];

/** Folders created in the team folder (path relative to the team root). */
const TEAM_FOLDERS = ['/Team Assets/Approved'];

function idFrom(random, prefix, length) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
	let out = prefix;
	for (let i = 0; i < length; i += 1) out += alphabet[random.int(0, alphabet.length - 1)];
	return out;
}

function lowerAlnum(random, length) {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	let out = '';
	for (let i = 0; i < length; i += 1) out += alphabet[random.int(0, alphabet.length - 1)];
	return out;
}

/** Account, team, namespaces, clients and long-lived tokens (runs synchronously). */
function seedAccount(emulator) {
	const { db } = emulator;
	const random = createRandom(20261001);
	const account = {
		accountId: idFrom(random, 'dbid:AAB', 40),
		uid: '4242420017',
		teamMemberId: idFrom(random, 'dbmid:AAD', 40),
		teamId: idFrom(random, 'dbtid:AAC', 40),
		email: 'alex@northwind.example',
		givenName: 'Alex',
		surname: 'Example',
		displayName: 'Alex Example',
		teamName: 'Northwind Marketing',
		country: 'DE',
		homePath: '/Alex Example',
		rootNamespaceId: null,
		homeNamespaceId: null,
	};
	const clients = [
		{ clientId: lowerAlnum(random, 15), clientSecret: lowerAlnum(random, 15), kind: 'user', scopes: USER_SCOPES },
		{ clientId: lowerAlnum(random, 15), clientSecret: lowerAlnum(random, 15), kind: 'team', scopes: TEAM_SCOPES },
	];
	const tokens = {
		user: { accessToken: `sl.${idFrom(random, '', 120)}`, refreshToken: idFrom(random, '', 64) },
		team: { accessToken: `sl.${idFrom(random, '', 120)}`, refreshToken: idFrom(random, '', 64) },
	};
	db.write(() => {
		const rootNs = db.sharedFolders.newNamespaceId();
		const homeNs = db.sharedFolders.newNamespaceId();
		account.rootNamespaceId = rootNs;
		account.homeNamespaceId = homeNs;
		db.accounts.setAccount(account);
		db.store.put('meta', 'clients', { list: clients });
		const root = db.tree.createRoot({ ns: rootNs });
		db.tree.createFolder(root.id, account.displayName, { ns: homeNs });
		const teamFolder = db.tree.createFolder(root.id, 'Team Assets');
		db.sharedFolders.share(teamFolder, {
			policy: { aclUpdatePolicy: 'editors', memberPolicy: 'team', sharedLinkPolicy: 'anyone', viewerInfoPolicy: 'enabled' },
			owner: account,
			teamFolder: true,
		});
		for (const folder of TEAM_FOLDERS) createFolderPath(db, root.id, folder);
		db.accounts.addUser({ accountId: idFrom(random, 'dbid:AAB', 40), email: 'sam@northwind.example', displayName: 'Sam Rivera', sameTeam: true, teamMemberId: idFrom(random, 'dbmid:AAD', 40) });
		db.accounts.addUser({ accountId: idFrom(random, 'dbid:AAB', 40), email: 'dana@brightlight-agency.example', displayName: 'Dana Brightlight', sameTeam: false });
		db.accounts.addUser({ accountId: idFrom(random, 'dbid:AAB', 40), email: 'priya@acme-retail.example', displayName: 'Priya Shah', sameTeam: false });
		// Long-lived on purpose: a person pastes them into n8n and works for days.
		const expiresAt = SEED_DATE_MS + 10 * 365 * 24 * 3600 * 1000;
		const seeded = {};
		for (const [kind, pair] of Object.entries(tokens)) {
			const client = clients.find((c) => c.kind === kind);
			const subject = { accountId: account.accountId, kind, offline: true };
			emulator.tokens.seedTokens({ ...pair, clientId: client.clientId, scope: client.scopes.join(' '), subject, expiresAt });
			emulator.linkTokens(pair.accessToken, pair.refreshToken);
			seeded[kind] = { ...pair, clientId: client.clientId, clientSecret: client.clientSecret };
		}
		db.store.put('meta', 'seededCredentials', seeded);
	});
}

function createFolderPath(db, rootId, path) {
	let parent = db.tree.node(rootId);
	for (const name of path.split('/').filter(Boolean)) {
		parent = db.tree.child(parent.id, name) || db.tree.createFolder(parent.id, name);
	}
	return parent;
}

function fileSource(file, index) {
	if (file.jpeg) return [sampleJpeg(file.jpeg, `seed-${index}-${file.name}`)];
	if (file.png) return [makePng({ seed: 1000 + index, ...file.png })];
	return pseudoRandomStream(file.random, 5000 + index);
}

/** The campaign files (streams the large ones into the blob store). */
async function seedFiles(emulator) {
	const { db } = emulator;
	const home = db.tree.byNamespace(db.accounts.homeNamespaceId());
	const ctx = { db, rootId: home.id, emulator };
	let index = 0;
	for (const folder of SEED_FOLDERS) {
		db.write(() => createFolderPath(db, home.id, folder.path));
		for (const file of folder.files) {
			index += 1;
			const stored = await db.blobs.put(fileSource(file, index), { hashers: { content: () => new ContentHasher() } });
			const modified = db.timestamp(SEED_DATE_MS - (100 - index) * 3600 * 1000);
			db.write(() =>
				commitFile(
					ctx,
					{ path: `${folder.path}/${file.name}`, mode: { '.tag': 'add' }, clientModified: modified, serverModified: modified },
					{ key: stored.key, size: stored.size, hash: stored.hashes.content },
				),
			);
		}
	}
}

module.exports = { seedAccount, seedFiles, SEED_FOLDERS, USER_SCOPES, TEAM_SCOPES, SEED_DATE_MS };
