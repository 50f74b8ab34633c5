'use strict';
// The package split (scripts/lib/packages.js), read from the repository's files (no build):
// every node and credential of the repository ships in exactly one package, by folder name;
// each package's package.json is a complete community-package manifest of its own.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO_ROOT, PACKAGES, rootManifest, splitN8nBlock, packageManifest, nodeTypesOf, ownedPaths, unownedPaths } = require('../../../scripts/lib/packages');

const root = rootManifest();

test('every node and credential of the root n8n block ships in exactly one package', () => {
	const split = splitN8nBlock(root);
	const shipped = [...split.values()].flatMap((lists) => [...lists.nodes, ...lists.credentials]);
	expect(shipped.sort()).toEqual([...root.n8n.nodes, ...root.n8n.credentials].sort());
	expect(new Set(shipped).size).toBe(shipped.length);
});

test('the Smint.io package has only the Smint.io node, trigger and credential; Dropbox Sync has every DropboxSync* one', () => {
	const smintio = packageManifest('n8n-nodes-smintio').n8n;
	const dropbox = packageManifest('n8n-nodes-dropbox-sync').n8n;
	expect(smintio.nodes).toEqual(['dist/nodes/SmintIo/SmintIo.node.js', 'dist/nodes/SmintIoTrigger/SmintIoTrigger.node.js']);
	expect(smintio.credentials).toEqual(['dist/credentials/SmintIoOAuth2Api.credentials.js']);
	const dropboxNodeDirs = fs.readdirSync(path.join(REPO_ROOT, 'nodes')).filter((dir) => dir.startsWith('DropboxSync'));
	expect(dropbox.nodes.map((file) => file.split('/')[2]).sort()).toEqual(dropboxNodeDirs.sort());
	expect(dropbox.credentials.every((file) => /^dist\/credentials\/DropboxSync/.test(file))).toBe(true);
	expect(dropbox.credentials.length).toBeGreaterThanOrEqual(2);
});

test('node types are named after their package', () => {
	expect([...nodeTypesOf('n8n-nodes-smintio').keys()].sort()).toEqual(['n8n-nodes-smintio.smintIo', 'n8n-nodes-smintio.smintIoTrigger']);
	const dropboxTypes = [...nodeTypesOf('n8n-nodes-dropbox-sync').keys()];
	expect(dropboxTypes).toEqual(expect.arrayContaining(['n8n-nodes-dropbox-sync.dropboxSync', 'n8n-nodes-dropbox-sync.dropboxSyncTrigger']));
	expect(dropboxTypes.every((type) => type.startsWith('n8n-nodes-dropbox-sync.'))).toBe(true);
});

test.each(PACKAGES.map((p) => [p.name]))('%s: its package.json is a community package of its own', (name) => {
	const manifest = packageManifest(name);
	expect(manifest).toMatchObject({
		name,
		version: root.version,
		license: 'MIT',
		author: root.author,
		repository: root.repository,
		files: ['dist'],
		peerDependencies: { 'n8n-workflow': '*' },
		n8n: { n8nNodesApiVersion: 1, strict: true },
	});
	expect(manifest.keywords).toContain('n8n-community-node-package');
	expect(manifest.description.length).toBeGreaterThan(20);
	expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/n8n-nodes-smintio\/n8n-nodes-smintio\//);
	for (const field of ['dependencies', 'devDependencies', 'scripts', 'optionalDependencies', 'overrides']) expect(manifest[field]).toBeUndefined();
	expect(fs.readFileSync(path.join(REPO_ROOT, 'packages', name, 'README.md'), 'utf8')).toMatch(new RegExp(`^# ${name}\\n`));
});

test('the Dropbox Sync README says it is for self-hosted n8n and why it is unverified', () => {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'packages', 'n8n-nodes-dropbox-sync', 'README.md'), 'utf8');
	expect(readme).toMatch(/self-hosted/i);
	expect(readme).toContain('n8n-nodes-base.dropbox');
	expect(readme).toMatch(/will not be verified/);
});

test('the Smint.io README has the sections n8n asks a verified package for', () => {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'packages', 'n8n-nodes-smintio', 'README.md'), 'utf8');
	const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
	expect(sections).toEqual(expect.arrayContaining(['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history']));
});

test('ownership goes by folder name: a new DropboxSync* node folder joins Dropbox Sync, an unknown folder joins nothing', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packages-test-'));
	try {
		for (const sub of ['nodes/SmintIo', 'nodes/shared', 'nodes/DropboxSyncWebhookTrigger', 'nodes/Other', 'credentials']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
		fs.writeFileSync(path.join(dir, 'credentials', 'DropboxSyncApi.credentials.js'), '');
		expect(ownedPaths('n8n-nodes-dropbox-sync', dir)).toEqual(['nodes/DropboxSyncWebhookTrigger', 'nodes/shared', 'credentials/DropboxSyncApi.credentials.js']);
		expect(ownedPaths('n8n-nodes-smintio', dir)).toEqual(['nodes/SmintIo', 'nodes/shared']);
		expect(unownedPaths(dir)).toEqual(['nodes/Other']);
		expect(() => splitN8nBlock({ n8n: { nodes: ['dist/nodes/Other/Other.node.js'], credentials: [] } })).toThrow(/belongs to no package/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('the repository has no node folder or credential outside the packages', () => {
	expect(unownedPaths(REPO_ROOT)).toEqual([]);
});
