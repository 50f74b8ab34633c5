#!/usr/bin/env node
'use strict';
// n8n's community-node lint (`n8n-node lint`, strict mode, the default eslint.config.mjs) on each
// package alone: its sources staged as their own repository with the package's published
// package.json (scripts/lib/package-sources.js). `npm run lint` judges the whole repository;
// this judges what each package claims, e.g. that the Smint.io package's nodes use only its own
// credentials and every node it ships is registered in its own n8n block.
//
// Usage: node scripts/lint-package.js [--package <name>]   (default: every package)

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGES } = require('./lib/packages');
const { stagePackageSources } = require('./lib/package-sources');
const { REPO_ROOT, makeTempDir, parseArgs } = require('./lib/packed-package');
const { spawnSync } = require('node:child_process');

function main() {
	const args = parseArgs(process.argv.slice(2), { values: ['package'] });
	const names = args.package ? [String(args.package)] : PACKAGES.map((p) => p.name);
	const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'n8n-node');
	if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run "npm ci" in ${REPO_ROOT}`);
	let failed = 0;
	for (const name of names) {
		const scratch = makeTempDir('lint-package-');
		try {
			const dir = stagePackageSources(name, path.join(scratch, name));
			const started = Date.now();
			const result = spawnSync(bin, ['lint'], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			const output = `${result.stdout || ''}${result.stderr || ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim();
			if (result.status === 0) {
				console.log(`n8n-node lint (strict) on ${name} alone: passed (${seconds} s)`);
			} else {
				failed++;
				console.log(`n8n-node lint (strict) on ${name} alone: FAILED (exit ${result.status ?? result.signal}, ${seconds} s)`);
				console.log(output.replace(new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), name).replace(/^/gm, '  '));
			}
		} finally {
			fs.rmSync(scratch, { recursive: true, force: true });
		}
	}
	return failed === 0 ? 0 : 1;
}

try {
	process.exitCode = main();
} catch (error) {
	console.error(`lint-package could not run: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 2;
}
