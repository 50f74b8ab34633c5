'use strict';
// scripts/pack-check.js accepts a well-formed community package and names each way a packed
// package can be wrong. Runs the real script (npm run build, npm pack, tar) on copies of
// fixtures/probe-package, one broken on purpose per case.

const { probePackage, runScript, removeCopies, NODE_FILE, CREDENTIAL_FILE } = require('./probe-package');

afterAll(removeCopies);

test('a well-formed package passes and is summarised', () => {
	const { status, stdout } = runScript('pack-check.js', ['--dir', probePackage()]);

	expect(stdout).toContain('pack-check passed');
	expect(stdout).toMatch(/n8n-nodes-packcheck-probe@1\.0\.0: .*, 8 files/);
	expect(stdout).toContain('top level: LICENSE, package.json, README.md');
	expect(stdout).toMatch(/packcheckProbe "Packcheck Probe" .*codex \[Utility\] +icons: packcheckProbe\.svg \+ packcheckProbe\.dark\.svg/);
	expect(stdout).toContain('packcheckProbeApi "Packcheck Probe API"');
	expect(status).toBe(0);
});

/** @type {Array<[string, (dir: string, edit: import('./probe-package').Editor) => void, string]>} */
const brokenPackages = [
	[
		'a file outside dist is published',
		(_dir, edit) => edit.json('package.json', (p) => p.files.push('build.js')),
		'tarball contains "build.js": only dist/**, package.json, README.md, LICENSE may be published',
	],
	['LICENSE is missing', (_dir, edit) => edit.remove('LICENSE'), 'tarball lacks LICENSE'],
	[
		'a runtime dependency',
		(_dir, edit) => edit.json('package.json', (p) => (p.dependencies = { lodash: '^4.17.21' })),
		'package.json has dependencies ({"lodash":"^4.17.21"}): a community package may have no runtime dependencies',
	],
	[
		'a second peer dependency',
		(_dir, edit) => edit.json('package.json', (p) => (p.peerDependencies['n8n-core'] = '*')),
		'package.json peerDependencies must be exactly {"n8n-workflow":"*"}',
	],
	[
		'an install script',
		(_dir, edit) => edit.json('package.json', (p) => (p.scripts.postinstall = 'node setup.js')),
		'package.json has a "postinstall" script',
	],
	[
		'n8n.nodes names a file the tarball lacks',
		(_dir, edit) => edit.json('package.json', (p) => p.n8n.nodes.push('dist/nodes/Other/Other.node.js')),
		'n8n.nodes lists "dist/nodes/Other/Other.node.js" but the tarball does not contain it',
	],
	[
		'no nodes at all',
		(_dir, edit) => edit.json('package.json', (p) => (p.n8n.nodes = [])),
		'n8n.nodes lists no nodes',
	],
	[
		'the dark icon is missing',
		(_dir, edit) => edit.remove('nodes/PackcheckProbe/packcheckProbe.dark.svg'),
		'icon file:packcheckProbe.dark.svg -> dist/nodes/PackcheckProbe/packcheckProbe.dark.svg is not in the tarball',
	],
	[
		'a single icon instead of light and dark',
		(_dir, edit) =>
			edit.text(NODE_FILE, (t) => t.replace("icon: { light: 'file:packcheckProbe.svg', dark: 'file:packcheckProbe.dark.svg' }", "icon: 'file:packcheckProbe.svg'")),
		'is a single icon; declare { light:',
	],
	[
		'an icon that is not an SVG',
		(_dir, edit) => edit.text('nodes/PackcheckProbe/packcheckProbe.svg', () => 'not an image\n'),
		'dist/nodes/PackcheckProbe/packcheckProbe.svg is not an SVG image',
	],
	[
		'the codex file is missing',
		(_dir, edit) => edit.remove('nodes/PackcheckProbe/PackcheckProbe.node.json'),
		'codex file dist/nodes/PackcheckProbe/PackcheckProbe.node.json is missing',
	],
	[
		'a codex without categories',
		(_dir, edit) => edit.json('nodes/PackcheckProbe/PackcheckProbe.node.json', (c) => delete c.categories),
		'PackcheckProbe.node.json has no categories',
	],
	[
		'a node that needs a package n8n does not provide',
		(_dir, edit) => edit.text(NODE_FILE, (t) => t.replace('"use strict";', '"use strict";\nrequire("left-pad");')),
		"PackcheckProbe.node.js does not load with only n8n-workflow installed: Cannot find module 'left-pad'",
	],
	[
		'a class name that does not match the file name',
		(_dir, edit) => edit.text(CREDENTIAL_FILE, (t) => t.replace(/exports\.PackcheckProbeApi = /g, 'exports.ProbeApi = ')),
		'PackcheckProbeApi.credentials.js does not export a class named PackcheckProbeApi',
	],
	[
		'a node that uses a credential the package does not declare',
		(_dir, edit) => edit.text(NODE_FILE, (t) => t.replace("name: 'packcheckProbeApi'", "name: 'otherApi'")),
		'uses credential type "otherApi", which n8n.credentials does not provide',
	],
	[
		'stale build output in dist',
		(_dir, edit) => edit.text('build.js', (t) => `${t}fs.writeFileSync(path.join(__dirname, 'dist', 'nodes', 'Removed.node.js'), '');\n`),
		'dist/nodes/Removed.node.js has no source',
	],
];

test.each(brokenPackages)('fails on %s', (_name, mutate, finding) => {
	const { status, stdout } = runScript('pack-check.js', ['--dir', probePackage(mutate)]);

	expect(stdout).toContain('pack-check FAILED');
	expect(stdout).toContain(finding);
	expect(status).toBe(1);
});
