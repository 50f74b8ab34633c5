'use strict';
// This repository's packages as they would be published: built, each packed into a temp folder
// from its folder dist/packages/<name>, and described (node and credential type names read from
// the packed classes, as n8n reads them). Used by the install test and the browser test, which
// install these tarballs into real n8n.

const fs = require('node:fs');
const path = require('node:path');
const {
	REPO_ROOT,
	makeTempDir,
	buildPackage,
	packPackage,
	listTarball,
	extractTarball,
	resolveDevDependency,
} = require('../../scripts/lib/packed-package');
const { checkPackedPackage } = require('../../scripts/lib/package-checks');
const { PACKAGES, packageDir } = require('../../scripts/lib/packages');

/**
 * @typedef {{ tarball: string, name: string, version: string, findings: string[],
 *   nodes: Array<{ type: string, name: string, displayName: string, className: string, categories: string[] }>,
 *   credentials: Array<{ name: string, displayName: string, className: string }>,
 *   manifestNodes: string[], manifestCredentials: string[], names: string[], cleanup: () => void }} PackedRepo
 * @param {string} name one of PACKAGES (scripts/lib/packages.js)
 * @param {{ build?: boolean }} [options] build: run `npm run build` first (default true)
 * @returns {PackedRepo}
 */
function packRepo(name, options = {}) {
	if (options.build !== false) buildPackage(REPO_ROOT);
	const scratch = makeTempDir('packed-repo-');
	const packed = packPackage(packageDir(name), scratch);
	const unpackedDir = extractTarball(packed.tarball, path.join(scratch, 'unpacked'));
	const result = checkPackedPackage({
		entries: listTarball(packed.tarball),
		unpackedDir,
		hostModules: { 'n8n-workflow': path.dirname(resolveDevDependency('n8n-workflow/package.json')) },
	});
	const nodes = result.nodes
		.filter((n) => n.name)
		.map((n) => ({
			type: `${packed.name}.${n.name}`,
			name: String(n.name),
			displayName: String(n.displayName),
			className: n.className,
			categories: n.codex ? n.codex.categories : [],
		}));
	const credentials = result.credentials
		.filter((c) => c.name)
		.map((c) => ({ name: String(c.name), displayName: String(c.displayName), className: c.className }));
	return {
		tarball: packed.tarball,
		name: packed.name,
		version: packed.version,
		findings: result.findings,
		nodes,
		credentials,
		names: [packed.name, ...nodes.flatMap((n) => [n.name, n.className]), ...credentials.flatMap((c) => [c.name, c.className])],
		manifestNodes: (result.manifest && result.manifest.n8n && result.manifest.n8n.nodes) || [],
		manifestCredentials: (result.manifest && result.manifest.n8n && result.manifest.n8n.credentials) || [],
		cleanup: () => fs.rmSync(scratch, { recursive: true, force: true }),
	};
}

/**
 * Every package of this repository, built once. @param {{ build?: boolean }} [options]
 * @returns {PackedRepo[]}
 */
function packRepos(options = {}) {
	if (options.build !== false) buildPackage(REPO_ROOT);
	return PACKAGES.map((p) => packRepo(p.name, { build: false }));
}

module.exports = { packRepo, packRepos, REPO_ROOT };
