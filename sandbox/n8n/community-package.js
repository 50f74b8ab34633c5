'use strict';
// Installs a community-node package into an n8n user folder the way n8n 2.41.1 itself does
// (CommunityPackagesService.downloadPackage): the packed tarball is extracted into
// `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>`, its package.json loses dev/peer/optional
// dependencies, and `.n8n/nodes/package.json` lists it. At start n8n scans that folder for
// `n8n-nodes-*` and `@*/n8n-nodes-*` packages and loads them, whether or not its database knows them.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCommand } = require('./process-utils');

const COMMUNITY_PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/;

/** @param {string} userFolder */
function communityNodesDir(userFolder) {
	return path.join(path.resolve(userFolder), '.n8n', 'nodes');
}

/**
 * @param {{ userFolder: string, source: string, log?: (line: string) => void }} options
 *   source: a package folder (packed with `npm pack`, so only its published files count) or a .tgz
 * @returns {Promise<{ name: string, version: string, dir: string, nodes: string[], credentials: string[] }>}
 */
async function installCommunityPackage(options) {
	const log = options.log || (() => {});
	const source = path.resolve(options.source);
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-community-package-'));
	try {
		const tarball = fs.statSync(source).isDirectory() ? await pack(source, scratch) : source;
		const staging = path.join(scratch, 'package');
		fs.mkdirSync(staging);
		await runCommand('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);

		const manifestPath = path.join(staging, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		if (!COMMUNITY_PACKAGE_NAME.test(manifest.name)) {
			throw new Error(
				`package "${manifest.name}" would not be loaded: n8n only scans .n8n/nodes/node_modules for names n8n-nodes-* or @scope/n8n-nodes-*`,
			);
		}
		if (!manifest.n8n || (!manifest.n8n.nodes && !manifest.n8n.credentials)) {
			throw new Error(`package "${manifest.name}" has no "n8n" block listing nodes or credentials`);
		}
		const { devDependencies, peerDependencies, optionalDependencies, ...installed } = manifest;
		fs.writeFileSync(manifestPath, JSON.stringify(installed, null, 2));

		const nodesDir = communityNodesDir(options.userFolder);
		const target = path.join(nodesDir, 'node_modules', manifest.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(staging, target, { recursive: true });
		if (Object.keys(installed.dependencies || {}).length) {
			// Same flags as n8n; needs the registry, so only when the package has runtime dependencies.
			await runCommand(
				'npm',
				['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
				{ cwd: target, log },
			);
		}
		recordDependency(nodesDir, manifest.name, manifest.version);
		log(`installed community package ${manifest.name}@${manifest.version} into ${target}`);
		return {
			name: manifest.name,
			version: manifest.version,
			dir: target,
			nodes: manifest.n8n.nodes || [],
			credentials: manifest.n8n.credentials || [],
		};
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

/** `npm pack` applies the package's `files` list, as publishing would. @param {string} dir @param {string} destination */
async function pack(dir, destination) {
	const out = await runCommand(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
		{ cwd: dir, capture: true },
	);
	const [result] = JSON.parse(out);
	return path.join(destination, result.filename);
}

/** @param {string} nodesDir @param {string} name @param {string} version */
function recordDependency(nodesDir, name, version) {
	const file = path.join(nodesDir, 'package.json');
	const manifest = fs.existsSync(file)
		? JSON.parse(fs.readFileSync(file, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...(manifest.dependencies || {}), [name]: version };
	fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
}

module.exports = { installCommunityPackage, communityNodesDir };
