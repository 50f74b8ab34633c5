'use strict';
// The two packages this repository publishes, and which of its files each one ships.
//
// One source tree, one `tsc` build into dist/ (the root package.json lists every node and
// credential, as n8n's lint of the sources requires); scripts/build-packages.js then assembles
// one publishable folder per package under dist/packages/<name>/ from that output. Ownership
// goes by folder-name pattern, so a new nodes/DropboxSync<Something>/ node lands in the Dropbox
// Sync package without editing this file. Code both need (nodes/shared/) is copied into each
// package, so neither requires a file of the other at run time.
// Pure: no build, no n8n; used by the build, the package checks and the tests.

const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGES_DIR = path.join(REPO_ROOT, 'dist', 'packages');
/** Per-package files kept in the repository (README.md of each package). */
const PACKAGE_SOURCES_DIR = path.join(REPO_ROOT, 'packages');
/** Folders under nodes/ that every package gets a copy of. */
const SHARED_NODE_DIRS = ['shared'];

/**
 * @typedef {{
 *   name: string,
 *   description: string,
 *   keywords: string[],
 *   nodeDirs: RegExp,
 *   credentialFiles: RegExp,
 *   extraDirs: string[],
 *   verifiable: boolean,
 * }} PackageSpec
 *   nodeDirs: which nodes/<Dir>/ folders the package owns; credentialFiles: which
 *   credentials/<File> it owns; extraDirs: other dist/ folders it ships (templates);
 *   verifiable: meant to pass n8n's verification (one service, no duplicate of a core node)
 */

/** @type {PackageSpec[]} */
const PACKAGES = [
	{
		name: 'n8n-nodes-smintio',
		description:
			'Smint.io for n8n: a node for assets, collections, licence rights and purchases, a trigger on changes and licence purchases, a rights check, and eight template workflows.',
		keywords: ['n8n-community-node-package', 'n8n', 'smint.io', 'dam', 'digital-asset-management', 'licensing'],
		nodeDirs: /^SmintIo/,
		credentialFiles: /^SmintIo/,
		extraDirs: ['workflows'],
		verifiable: true,
	},
	{
		name: 'n8n-nodes-dropbox-sync',
		description:
			'Dropbox Sync for self-hosted n8n: streamed uploads of any size in upload sessions, streamed downloads, rev-checked writes, shared links, sharing, file properties and a change trigger.',
		keywords: ['n8n-community-node-package', 'n8n', 'dropbox', 'file-sync', 'upload-sessions'],
		nodeDirs: /^DropboxSync/,
		credentialFiles: /^DropboxSync/,
		extraDirs: [],
		verifiable: false,
	},
];

/** Fields every package takes from the root package.json, so they cannot drift apart. */
const COMMON_FIELDS = ['version', 'license', 'homepage', 'author', 'repository', 'engines', 'peerDependencies'];

/** @param {string} name @returns {PackageSpec} */
function packageSpec(name) {
	const spec = PACKAGES.find((p) => p.name === name);
	if (!spec) throw new Error(`unknown package "${name}": this repository publishes ${PACKAGES.map((p) => p.name).join(', ')}`);
	return spec;
}

/** @returns {any} the root package.json */
function rootManifest() {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
}

/**
 * Which package owns a `dist/...` path of the root's n8n block, by its folder.
 * @param {string} distPath e.g. dist/nodes/SmintIo/SmintIo.node.js @returns {PackageSpec | undefined}
 */
function ownerOf(distPath) {
	const [, kind, entry] = distPath.split('/');
	if (kind === 'nodes') return PACKAGES.find((p) => p.nodeDirs.test(entry));
	if (kind === 'credentials') return PACKAGES.find((p) => p.credentialFiles.test(entry));
	return undefined;
}

/**
 * Splits the root's n8n block (every node and credential of the repository) into the packages.
 * Throws when an entry belongs to no package: it would silently ship in neither.
 * @param {any} [root] the root package.json
 * @returns {Map<string, { nodes: string[], credentials: string[] }>} package name -> its n8n lists
 */
function splitN8nBlock(root = rootManifest()) {
	/** @type {Map<string, { nodes: string[], credentials: string[] }>} */
	const split = new Map(PACKAGES.map((p) => [p.name, { nodes: [], credentials: [] }]));
	for (const kind of /** @type {const} */ (['nodes', 'credentials'])) {
		for (const distPath of root.n8n[kind] || []) {
			const owner = ownerOf(distPath);
			if (!owner) {
				throw new Error(
					`${distPath} (n8n.${kind} in package.json) belongs to no package: name its folder like ${PACKAGES.map((p) => (kind === 'nodes' ? p.nodeDirs : p.credentialFiles).source.slice(1)).join('* or ')}*, or add a package in scripts/lib/packages.js`,
				);
			}
			/** @type {{ nodes: string[], credentials: string[] }} */ (split.get(owner.name))[kind].push(distPath);
		}
	}
	return split;
}

/**
 * The package.json a package is published with: its own name, description and keywords, the
 * root's common fields, `files: ["dist"]`, no scripts and no dependencies, and the n8n block
 * with only its own nodes and credentials.
 * @param {string} name @param {any} [root] @returns {any}
 */
function packageManifest(name, root = rootManifest()) {
	const spec = packageSpec(name);
	const lists = /** @type {{ nodes: string[], credentials: string[] }} */ (splitN8nBlock(root).get(name));
	/** @type {Record<string, unknown>} */
	const manifest = { name: spec.name, version: root.version, description: spec.description, keywords: spec.keywords };
	for (const field of COMMON_FIELDS) if (root[field] !== undefined) manifest[field] = root[field];
	manifest.homepage = `${String(root.homepage).replace(/#.*$/, '')}/tree/main/packages/${spec.name}#readme`;
	manifest.files = ['dist'];
	manifest.n8n = {
		n8nNodesApiVersion: root.n8n.n8nNodesApiVersion,
		strict: root.n8n.strict,
		credentials: lists.credentials,
		nodes: lists.nodes,
	};
	return manifest;
}

/**
 * The node type names of a package as n8n names them (`<package>.<description.name>`), read from
 * the node sources (no build needed): `name: '…'` and `version: …` of each description.
 * @param {string} name @returns {Map<string, number[]>} type -> versions
 */
function nodeTypesOf(name) {
	/** @type {Map<string, number[]>} */
	const types = new Map();
	for (const compiled of packageManifest(name).n8n.nodes) {
		const source = fs.readFileSync(path.join(REPO_ROOT, compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
		const description = source.slice(source.indexOf('description'));
		const nodeName = /\bname:\s*'([^']+)'/.exec(description);
		const version = /\bversion:\s*(\[[^\]]*\]|[\d.]+)/.exec(description);
		if (!nodeName || !version) throw new Error(`no name or version in the description of ${compiled}`);
		types.set(`${name}.${nodeName[1]}`, JSON.parse(version[1]));
	}
	return types;
}

/** The credential type names of a package (`name = '…'` of each credential class). @param {string} name @returns {string[]} */
function credentialTypesOf(name) {
	return packageManifest(name).n8n.credentials.map((/** @type {string} */ compiled) => {
		const source = fs.readFileSync(path.join(REPO_ROOT, compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
		const credentialName = /\bname\s*=\s*'([^']+)'/.exec(source);
		if (!credentialName) throw new Error(`no name in ${compiled}`);
		return credentialName[1];
	});
}

/**
 * The repository-relative folders and files (under dist/ in the build, or as sources) that a
 * package ships: its node folders, the shared folders, its credential files and extra folders.
 * @param {string} name @param {string} root folder listing nodes/ and credentials/ (dist/ or the repository)
 * @returns {string[]} paths relative to `root`
 */
function ownedPaths(name, root) {
	const spec = packageSpec(name);
	const list = (/** @type {string} */ dir) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)).sort() : []);
	const nodeDirs = list('nodes').filter((dir) => spec.nodeDirs.test(dir) || SHARED_NODE_DIRS.includes(dir));
	const credentials = list('credentials').filter((file) => spec.credentialFiles.test(file));
	return [
		...nodeDirs.map((dir) => `nodes/${dir}`),
		...credentials.map((file) => `credentials/${file}`),
		...spec.extraDirs.filter((dir) => fs.existsSync(path.join(root, dir))),
	];
}

/**
 * Top-level folders under nodes/ and files under credentials/ that no package owns (and that are
 * not shared): they would ship in neither package.
 * @param {string} root @returns {string[]}
 */
function unownedPaths(root) {
	const owned = new Set(PACKAGES.flatMap((p) => ownedPaths(p.name, root)));
	const all = ['nodes', 'credentials'].flatMap((dir) =>
		fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)).map((entry) => `${dir}/${entry}`) : [],
	);
	return all.filter((entry) => !owned.has(entry));
}

/** @param {string} name @returns {string} the package's publishable folder, dist/packages/<name> */
function packageDir(name) {
	return path.join(PACKAGES_DIR, packageSpec(name).name);
}

/**
 * What a package script works on: `--dir <folder>` (any package folder, e.g. a test fixture,
 * built in place), else `--package <name>` or every package of this repository (built by the
 * repository's `npm run build` into dist/packages/<name>).
 * @param {Record<string, string | boolean>} args parsed arguments
 * @returns {Array<{ name?: string, dir: string, sourceDir: string }>} sourceDir: the folder whose
 *   `npm run build` makes `dir`, and whose nodes/, credentials/ and workflows/ are the sources
 */
function packageTargets(args) {
	if (args.dir) {
		const dir = path.resolve(String(args.dir));
		return [{ dir, sourceDir: dir }];
	}
	const names = args.package ? [packageSpec(String(args.package)).name] : PACKAGES.map((p) => p.name);
	return names.map((name) => ({ name, dir: packageDir(name), sourceDir: REPO_ROOT }));
}

module.exports = {
	packageTargets,
	REPO_ROOT,
	PACKAGES,
	PACKAGES_DIR,
	PACKAGE_SOURCES_DIR,
	SHARED_NODE_DIRS,
	packageSpec,
	rootManifest,
	splitN8nBlock,
	packageManifest,
	nodeTypesOf,
	credentialTypesOf,
	ownedPaths,
	unownedPaths,
	packageDir,
};
