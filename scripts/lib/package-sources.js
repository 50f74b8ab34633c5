'use strict';
// One package's sources on their own, as if it were its own repository: its node folders,
// nodes/shared/, its credentials, its templates, its published package.json (n8n block with only
// its own nodes and credentials), the default eslint.config.mjs and tsconfig.json, and the
// repository's node_modules linked in. n8n's lint and the scanner's source leg then judge the
// package alone: a node using another package's credential or file fails there, even though the
// whole repository lints clean.

const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT, packageManifest, ownedPaths } = require('./packages');

const TOOLING_FILES = ['eslint.config.mjs', 'tsconfig.json'];

/**
 * @param {string} name the package @param {string} destination a new or empty folder
 * @returns {string} destination
 */
function stagePackageSources(name, destination) {
	fs.mkdirSync(destination, { recursive: true });
	for (const owned of ownedPaths(name, REPO_ROOT)) {
		fs.cpSync(path.join(REPO_ROOT, owned), path.join(destination, owned), { recursive: true });
	}
	for (const file of TOOLING_FILES) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(destination, file));
	fs.writeFileSync(path.join(destination, 'package.json'), `${JSON.stringify(packageManifest(name), null, 2)}\n`);
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(destination, 'node_modules'), 'dir');
	return destination;
}

module.exports = { stagePackageSources };
