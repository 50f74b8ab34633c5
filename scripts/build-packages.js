#!/usr/bin/env node
'use strict';
// Last step of `npm run build`: assembles one publishable folder per package
// (dist/packages/n8n-nodes-smintio/, dist/packages/n8n-nodes-dropbox-sync/) from the tsc and
// asset output in dist/: the package's own package.json (scripts/lib/packages.js), its README
// (packages/<name>/README.md), the LICENSE, and under dist/ its node folders, nodes/shared/, its
// credentials and, for the Smint.io package, the templates.
// Fails when a node or credential belongs to no package, or when a package's code requires a
// file that is not inside that package (it would break where the other package is missing).

const fs = require('node:fs');
const path = require('node:path');
const {
	REPO_ROOT,
	PACKAGES,
	PACKAGES_DIR,
	PACKAGE_SOURCES_DIR,
	packageManifest,
	ownedPaths,
	unownedPaths,
	packageDir,
} = require('./lib/packages');
const { checkRelativeRequires } = require('./lib/package-checks');

const BUILD_DIR = path.join(REPO_ROOT, 'dist');

function main() {
	const unowned = unownedPaths(BUILD_DIR);
	if (unowned.length > 0) {
		throw new Error(`${unowned.join(', ')} in dist/ belong to no package (scripts/lib/packages.js): they would ship in neither`);
	}
	fs.rmSync(PACKAGES_DIR, { recursive: true, force: true });
	/** @type {string[]} */
	const problems = [];
	for (const spec of PACKAGES) {
		const dir = packageDir(spec.name);
		fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageManifest(spec.name), null, 2)}\n`);
		fs.copyFileSync(path.join(PACKAGE_SOURCES_DIR, spec.name, 'README.md'), path.join(dir, 'README.md'));
		fs.copyFileSync(path.join(REPO_ROOT, 'LICENSE'), path.join(dir, 'LICENSE'));
		for (const owned of ownedPaths(spec.name, BUILD_DIR)) {
			fs.cpSync(path.join(BUILD_DIR, owned), path.join(dir, 'dist', owned), { recursive: true });
		}
		problems.push(...checkRelativeRequires(dir).map((p) => `${spec.name}: ${p}`));
		const files = countFiles(dir);
		process.stderr.write(`built ${path.relative(REPO_ROOT, dir)}/ (${files} files)\n`);
	}
	if (problems.length > 0) throw new Error(`a package requires files it does not contain:\n  ${problems.join('\n  ')}`);
}

/** @param {string} dir @returns {number} */
function countFiles(dir) {
	return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

try {
	main();
} catch (error) {
	console.error(`build-packages: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
}
