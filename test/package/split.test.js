'use strict';
// The two tarballs read as files (no n8n): the Smint.io tarball has no Dropbox node, credential or
// code, the Dropbox Sync tarball no Smint.io one; every relative `require` in a tarball's
// JavaScript resolves to a file of that same tarball and no bare `require` names the other
// package (or anything but n8n-workflow and Node's built-ins), so each works where the other is
// not installed. Both carry the shared code (nodes/shared/) themselves.

const fs = require('node:fs');
const path = require('node:path');
const { packRepos } = require('./packed-repo');
const { listTarball, extractTarball } = require('../../scripts/lib/packed-package');
const { checkRelativeRequires } = require('../../scripts/lib/package-checks');

/** @type {Array<import('./packed-repo').PackedRepo & { entries: string[], dir: string }>} */
let packs = [];

beforeAll(() => {
	packs = packRepos().map((packed) => ({
		...packed,
		entries: listTarball(packed.tarball),
		dir: extractTarball(packed.tarball, path.join(path.dirname(packed.tarball), 'read')),
	}));
}, 5 * 60 * 1000);

afterAll(() => {
	for (const packed of packs) packed.cleanup();
});

const byName = (/** @type {string} */ name) => {
	const packed = packs.find((p) => p.name === name);
	if (!packed) throw new Error(`no tarball for ${name}`);
	return packed;
};

test('the Smint.io tarball has the Smint.io node, trigger, credential, rights check and templates, and nothing of Dropbox Sync', () => {
	const { entries } = byName('n8n-nodes-smintio');
	expect(entries).toEqual(expect.arrayContaining([
		'dist/nodes/SmintIo/SmintIo.node.js',
		'dist/nodes/SmintIoTrigger/SmintIoTrigger.node.js',
		'dist/credentials/SmintIoOAuth2Api.credentials.js',
		'dist/nodes/SmintIo/rights/checkUse.js',
		'dist/workflows/01-approved-dropbox-to-smintio.json',
	]));
	expect(entries.filter((entry) => /DropboxSync/.test(entry))).toEqual([]);
	const templates = fs.readdirSync(path.join(__dirname, '..', '..', 'workflows'), { recursive: true }).filter((f) => /\.(json|md)$/.test(String(f)));
	expect(entries.filter((entry) => entry.startsWith('dist/workflows/')).sort()).toEqual(templates.map((f) => `dist/workflows/${String(f).split(path.sep).join('/')}`).sort());
});

test('the Dropbox Sync tarball has every DropboxSync* node and credential, and nothing of Smint.io', () => {
	const { entries } = byName('n8n-nodes-dropbox-sync');
	const nodeDirs = fs.readdirSync(path.join(__dirname, '..', '..', 'nodes')).filter((dir) => dir.startsWith('DropboxSync'));
	for (const dir of nodeDirs) expect(entries).toContain(`dist/nodes/${dir}/${dir}.node.js`);
	expect(entries.filter((entry) => /SmintIo|workflows\//.test(entry))).toEqual([]);
});

test.each(['n8n-nodes-smintio', 'n8n-nodes-dropbox-sync'])('%s: every require resolves inside the tarball and none names the other package', (name) => {
	const packed = byName(name);
	expect(checkRelativeRequires(packed.dir)).toEqual([]);
	const other = packs.filter((p) => p.name !== name).map((p) => p.name);
	const js = packed.entries.filter((entry) => entry.endsWith('.js'));
	expect(js.length).toBeGreaterThan(10);
	const requires = js.flatMap((entry) => [...fs.readFileSync(path.join(packed.dir, entry), 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => ({ entry, request: m[1] })));
	const otherCode = name === 'n8n-nodes-smintio' ? /DropboxSync/ : /SmintIo/;
	expect(requires.filter(({ request }) => other.some((o) => request.includes(o)) || otherCode.test(request))).toEqual([]);
	// The shared code is in the tarball, and a node of the package uses it.
	expect(packed.entries).toEqual(expect.arrayContaining(['dist/nodes/shared/retry.js', 'dist/nodes/shared/parallelItems.js']));
	expect(requires.some(({ request }) => /\/shared\//.test(request))).toBe(true);
	expect(packed.findings).toEqual([]);
});

test('checkRelativeRequires names a require that leaves the package and a bare one n8n does not provide', () => {
	const dir = path.join(path.dirname(byName('n8n-nodes-smintio').tarball), 'broken');
	fs.mkdirSync(path.join(dir, 'dist', 'nodes', 'X'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'dist', 'nodes', 'X', 'X.node.js'), 'require("../../../../n8n-nodes-dropbox-sync/dist/nodes/shared/retry");\nrequire("n8n-nodes-dropbox-sync");\nrequire("n8n-workflow");\nrequire("node:crypto");\n');
	expect(checkRelativeRequires(dir)).toEqual([
		'dist/nodes/X/X.node.js requires "../../../../n8n-nodes-dropbox-sync/dist/nodes/shared/retry", which is not a file of this package',
		'dist/nodes/X/X.node.js requires "n8n-nodes-dropbox-sync", which n8n does not provide to a community package',
	]);
});
