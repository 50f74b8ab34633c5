#!/usr/bin/env node
'use strict';
// Checks the package as `npm publish` would upload it: builds it (`npm run build`, unless
// --no-build), packs it with `npm pack` into a temp folder, and checks the tarball
// (scripts/lib/package-checks.js): only dist/**, package.json, README.md and LICENSE; no runtime
// dependencies; n8n-workflow as the only peer; every n8n.nodes / n8n.credentials path present and
// loadable with only n8n-workflow installed; each node with its codex file and light and dark icons;
// nothing in dist/ without a source (stale output of an earlier build).
// Prints a summary and exits 1 on any finding.
//
// Every `require` in the tarball's JavaScript stays inside the tarball (n8n-workflow and Node's
// built-ins aside), so neither of this repository's packages needs a file of the other.
//
// Usage: node scripts/pack-check.js [--no-build] [--package <name> | --dir <package folder>] [--keep]
//   --no-build  check the package folders that are there (CI builds just before)
//   --package   one of this repository's packages (default: each of them, dist/packages/<name>)
//   --dir       another package folder, built with its own `npm run build`
//   --keep      keep the temp folder with the tarball and its unpacked copy

const fs = require('node:fs');
const path = require('node:path');
const {
	makeTempDir,
	buildPackage,
	packPackage,
	listTarball,
	extractTarball,
	resolveDevDependency,
	formatBytes,
	parseArgs,
} = require('./lib/packed-package');
const { checkPackedPackage, checkBuildOutputFresh } = require('./lib/package-checks');
const { packageTargets } = require('./lib/packages');

function main() {
	const args = parseArgs(process.argv.slice(2), { flags: ['no-build', 'keep'], values: ['dir', 'package'] });
	const targets = packageTargets(args);
	if (!args['no-build']) for (const buildDir of new Set(targets.map((t) => t.sourceDir))) buildPackage(buildDir);
	let failed = 0;
	for (const target of targets) {
		if (checkOne(target.dir, target.sourceDir, Boolean(args.keep)) !== 0) failed++;
	}
	return failed === 0 ? 0 : 1;
}

/**
 * @param {string} packageDir the folder npm packs @param {string} sourceDir where its sources are
 * @param {boolean} keep @returns {number}
 */
function checkOne(packageDir, sourceDir, keep) {
	const started = Date.now();
	const scratch = makeTempDir('pack-check-');
	try {
		const packed = packPackage(packageDir, scratch);
		const entries = listTarball(packed.tarball);
		const unpackedDir = extractTarball(packed.tarball, path.join(scratch, 'package'));
		const hostModules = { 'n8n-workflow': path.dirname(resolveDevDependency('n8n-workflow/package.json')) };
		const result = checkPackedPackage({ entries, unpackedDir, hostModules });
		const findings = [...new Set([...result.findings, ...checkBuildOutputFresh(sourceDir, entries)])];

		printSummary(packed, entries, result);
		if (keep) console.log(`\nkept: ${scratch}`);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		if (findings.length > 0) {
			console.log(`\npack-check FAILED for ${packed.name} (${findings.length} finding${findings.length === 1 ? '' : 's'}, ${seconds} s):`);
			for (const finding of findings) console.log(`  - ${finding}`);
			return 1;
		}
		console.log(`\npack-check passed for ${packed.name} (${seconds} s)\n`);
		return 0;
	} finally {
		if (!keep) fs.rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * @param {ReturnType<typeof packPackage>} packed @param {string[]} entries
 * @param {import('./lib/package-checks').CheckResult} result
 */
function printSummary(packed, entries, result) {
	const dist = entries.filter((e) => e.startsWith('dist/'));
	const byKind = (/** @type {RegExp} */ re) => dist.filter((e) => re.test(e)).length;
	console.log(`${packed.name}@${packed.version}: ${path.basename(packed.tarball)}, ${formatBytes(packed.size)} packed, ${formatBytes(packed.unpackedSize)} unpacked, ${entries.length} files`);
	console.log(`  top level: ${entries.filter((e) => !e.startsWith('dist/')).join(', ') || '(none)'}`);
	console.log(`  dist: ${dist.length} files (${byKind(/\.js$/)} .js, ${byKind(/\.d\.ts$/)} .d.ts, ${byKind(/\.json$/)} .json, ${byKind(/\.svg$/)} .svg)`);
	if (result.manifest) {
		const deps = Object.keys(result.manifest.dependencies || {}).length;
		console.log(`  dependencies: ${deps === 0 ? 'none' : deps}; peerDependencies: ${JSON.stringify(result.manifest.peerDependencies || {})}`);
	}
	console.log(`  nodes (${result.nodes.length}):`);
	for (const node of result.nodes) {
		const codex = node.codex ? `codex [${node.codex.categories.join(', ')}]` : 'no codex';
		console.log(`    ${node.name} "${node.displayName}"  ${node.file}  ${codex}  icons: ${node.icons.map((i) => path.posix.basename(i)).join(' + ') || 'none'}`);
	}
	console.log(`  credentials (${result.credentials.length}):`);
	for (const credential of result.credentials) {
		console.log(`    ${credential.name} "${credential.displayName}"  ${credential.file}`);
	}
}

try {
	process.exitCode = main();
} catch (error) {
	console.error(`pack-check could not run: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 2;
}
