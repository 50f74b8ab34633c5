#!/usr/bin/env node
'use strict';
// Runs n8n's community package scanner (@n8n/scan-community-package, a devDependency) on this
// package as it would be published, before it is published.
//
// What the scanner does (scanner/scanner.mjs, analyzePackageByName, version 0.32.0), and what
// this script does instead of each step:
//   1. Provenance: reads the registry's metadata and requires dist.attestations.provenance with
//      predicate https://slsa.dev/provenance/v1. An unpublished package has no registry entry and
//      no attestation, so this step is NOT APPLICABLE before publishing; it is reported as such.
//      The publish workflow (.github/workflows/publish.yml) publishes with --provenance. What the
//      later steps need from provenance is checked here: package.json's repository.url must name
//      a public GitHub repository (npm only attests GitHub/GitLab builds whose repository matches,
//      and the scanner only fetches sources from github.com).
//   2. Source leg: downloads the GitHub source at the attested commit, finds the folder whose
//      package.json has the package's name (findPackageRoot) and lints SOURCE_FILE_PATTERNS
//      (package.json, {nodes,credentials}/**/*.{js,ts,json}) with the full rule set.
//      Here: the working tree's files (`git ls-files`: tracked plus untracked-but-not-ignored
//      files, i.e. what a commit would contain) are copied into a temp folder, the package is
//      located with the scanner's own findPackageRoot and linted with its own
//      analyzePackage(dir, SOURCE_FILE_PATTERNS).
//   3. Tarball leg: `npm pack <name>@<version>` from the registry, unpacked with
//      `tar --strip-components=1`, then analyzePackage(dir, ['**/*.js', 'package.json']).
//      Here: `npm run build` (unless --no-build), `npm pack` of this folder (what `npm publish`
//      uploads), unpacked the same way, and the same analyzePackage call.
// The scanner's exported functions are called directly (not its CLI, which only takes a
// registry name), so the rules, the ESLint configuration and `allowInlineConfig: false`
// (eslint-disable comments do not count) are exactly the scanner's.
// For this repository's two packages (dist/packages/<name>, scripts/lib/packages.js) the source
// leg finds the root package.json for n8n-nodes-smintio (the repository is that package's home);
// n8n-nodes-dropbox-sync has none, which only matters for verification, which that package cannot
// get (it duplicates n8n's core Dropbox node). Each of them is also linted alone ("own-sources
// leg"): its own node folders, nodes/shared/ and credentials with its published package.json.
// Exits 1 when a leg fails or repository.url is unusable, 2 when the scan cannot run.
//
// Usage: node scripts/scan-package.js [--no-build] [--package <name> | --dir <package folder>]
//   default: each of this repository's packages

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const {
	run,
	makeTempDir,
	buildPackage,
	packPackage,
	extractTarball,
	resolveDevDependency,
	parseArgs,
} = require('./lib/packed-package');
const { packageTargets, packageSpec } = require('./lib/packages');
const { stagePackageSources } = require('./lib/package-sources');

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
// The scanner's own check of the provenance's source URI (parseSourceRepo), applied to repository.url.
const GITHUB_REPOSITORY = /^git\+https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?$/;

async function main() {
	const args = parseArgs(process.argv.slice(2), { flags: ['no-build'], values: ['dir', 'package'] });
	const targets = packageTargets(args);
	const scannerFile = resolveDevDependency('@n8n/scan-community-package/scanner/scanner.mjs');
	const scannerVersion = require(path.join(path.dirname(scannerFile), '..', 'package.json')).version;
	if (!args['no-build']) for (const buildDir of new Set(targets.map((t) => t.sourceDir))) buildPackage(buildDir);

	const scratch = makeTempDir('scan-package-');
	const previousTmp = process.env.TMPDIR;
	try {
		// The scanner makes a temp folder when it is imported; keep it inside ours.
		fs.mkdirSync(path.join(scratch, 'tmp'));
		process.env.TMPDIR = path.join(scratch, 'tmp');
		const scanner = await import(pathToFileURL(scannerFile).href);
		const glob = createRequire(scannerFile)('fast-glob');
		let failed = 0;
		for (const [index, target] of targets.entries()) {
			const code = await scanOne(target, { scanner, glob, scannerVersion, scratch: path.join(scratch, String(index)) });
			if (code !== 0) failed++;
		}
		return failed === 0 ? 0 : 1;
	} finally {
		if (previousTmp === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previousTmp;
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * @param {{ name?: string, dir: string, sourceDir: string }} target
 * @param {{ scanner: any, glob: { sync: (patterns: string[], options: object) => string[] }, scannerVersion: string, scratch: string }} context
 * @returns {Promise<number>}
 */
async function scanOne(target, { scanner, glob, scannerVersion, scratch }) {
	const started = Date.now();
	fs.mkdirSync(scratch, { recursive: true });
	const packed = packPackage(target.dir, scratch);
	const label = `${packed.name}@${packed.version}`;
	console.log(`@n8n/scan-community-package ${scannerVersion} on ${label} (${path.basename(packed.tarball)})`);
	/** @type {string[]} */
	const failures = [];
	const count = (/** @type {string} */ dir, /** @type {string[]} */ patterns) =>
		glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;

	const manifest = JSON.parse(fs.readFileSync(path.join(target.dir, 'package.json'), 'utf8'));
	const repositoryUrl = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	const github = GITHUB_REPOSITORY.exec(repositoryUrl || '');
	console.log('  provenance: not applicable before publishing (checked by the publish workflow)');
	if (github) {
		console.log(`    repository.url names github.com/${github[1]}/${github[2]}, where provenance and the source leg will point`);
	} else {
		console.log(`    repository.url ${JSON.stringify(repositoryUrl)} is not git+https://github.com/<owner>/<repo>: npm provenance and the scanner's source fetch need it`);
		failures.push('repository.url');
	}

	// The scanner's own source leg: the repository at the commit, the folder whose package.json
	// has the package's name.
	const sourceDir = copySourceFiles(target.sourceDir, path.join(scratch, 'source'), glob);
	const root = scanner.findPackageRoot(sourceDir, packed.name);
	const spec = target.name ? packageSpec(target.name) : undefined;
	if (root) {
		const result = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
		report('source leg', `${count(root, scanner.SOURCE_FILE_PATTERNS)} files: ${scanner.SOURCE_FILE_PATTERNS.join(', ')}`, result, failures);
	} else if (spec && !spec.verifiable) {
		console.log(`  source leg: not applicable, the repository has no package.json named ${packed.name} (the scanner lints the source only for verification, which this package cannot get)`);
	} else {
		console.log(`  source leg: FAILED, no package.json named ${packed.name} in the source`);
		failures.push('source');
	}
	// This repository's packages also alone: their own sources with their own package.json
	// (scripts/lib/package-sources.js), so a package is judged on what it ships.
	if (spec) {
		const ownSources = stagePackageSources(spec.name, path.join(scratch, 'own-sources'));
		const result = await scanner.analyzePackage(ownSources, scanner.SOURCE_FILE_PATTERNS);
		report('own-sources leg', `${count(ownSources, scanner.SOURCE_FILE_PATTERNS)} files of ${spec.name} alone`, result, failures);
	}

	const unpackedDir = extractTarball(packed.tarball, path.join(scratch, 'package'));
	const result = await scanner.analyzePackage(unpackedDir, TARBALL_PATTERNS);
	report('tarball leg', `${count(unpackedDir, TARBALL_PATTERNS)} files: ${TARBALL_PATTERNS.join(', ')}`, result, failures);

	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (failures.length > 0) {
		console.log(`\nscan FAILED for ${label}: ${failures.join(', ')} (${seconds} s)\n`);
		return 1;
	}
	console.log(`\nscan passed for ${label}: every check but provenance, which applies once published (${seconds} s)\n`);
	return 0;
}

/**
 * Copies what the scanner's source leg downloads: the repository's files at a commit (it lints
 * SOURCE_FILE_PATTERNS, but rules such as icon-validation look at other files, e.g. the SVGs).
 * In a git work tree: tracked plus untracked-but-not-ignored files, i.e. what a commit would hold.
 * Elsewhere: every file but node_modules, dist, .git and caches.
 * @param {string} packageDir @param {string} destination
 * @param {{ sync: (patterns: string[], options: object) => string[] }} glob
 */
function copySourceFiles(packageDir, destination, glob) {
	const files = isInsideGitWorkTree(packageDir)
		? run('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: packageDir, capture: true })
				.split('\n')
				.filter((file) => file && fs.existsSync(path.join(packageDir, file)))
		: glob.sync(['**'], { cwd: packageDir, dot: true, ignore: ['**/node_modules/**', 'dist/**', '.git/**', '**/.cache/**', '.sandbox/**'] });
	for (const file of files) {
		if (!fs.statSync(path.join(packageDir, file)).isFile()) continue;
		fs.mkdirSync(path.dirname(path.join(destination, file)), { recursive: true });
		fs.copyFileSync(path.join(packageDir, file), path.join(destination, file));
	}
	return destination;
}

/** @param {string} dir */
function isInsideGitWorkTree(dir) {
	try {
		return run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, capture: true }).trim() === 'true';
	} catch {
		return false;
	}
}

/**
 * @param {string} leg @param {string} what
 * @param {{ passed: boolean, message?: string, details?: string }} result @param {string[]} failures
 */
function report(leg, what, result, failures) {
	if (result.passed) {
		console.log(`  ${leg}: passed (${what})`);
		return;
	}
	failures.push(leg);
	console.log(`  ${leg}: FAILED (${what}): ${result.message}`);
	if (result.details) console.log(result.details.replace(/^/gm, '    '));
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(`scan-package could not run: ${error instanceof Error ? error.message : error}`);
		process.exitCode = 2;
	},
);
