'use strict';
// The package as it would be published: built with `npm run build`, packed with `npm pack`
// (which applies package.json's `files` list, as `npm publish` does), listed and unpacked.
// Shared by scripts/pack-check.js, scripts/scan-package.js and the tests in test/package/.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs a command and fails with its output when it exits non-zero.
 * @param {string} command @param {string[]} args
 * @param {{ cwd?: string, capture?: boolean, env?: NodeJS.ProcessEnv }} [options]
 *   capture: return stdout instead of passing the output through (stderr is kept for errors)
 * @returns {string}
 */
function run(command, args, options = {}) {
	const result = spawnSync(command, args, {
		cwd: options.cwd,
		env: options.env || process.env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		// Output of builds goes to stderr so that a script's stdout stays its own report.
		stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', process.stderr, process.stderr],
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		const output = options.capture ? `\n${result.stdout || ''}${result.stderr || ''}`.trimEnd() : '';
		throw new Error(`${command} ${args.join(' ')} (in ${options.cwd || process.cwd()}) exited with ${result.status ?? result.signal}${output}`);
	}
	return options.capture ? result.stdout : '';
}

/** @param {string} prefix @returns {string} a new empty folder in the system's temp folder */
function makeTempDir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `npm run build` in the package folder. @param {string} packageDir */
function buildPackage(packageDir) {
	run('npm', ['run', 'build'], { cwd: packageDir });
}

/**
 * `npm pack` into `destination`. Lifecycle scripts are skipped: the package has none that
 * publishing would run (the community-node lint forbids prepare/install scripts), and n8n
 * installs community packages with scripts disabled as well.
 * @param {string} packageDir @param {string} destination
 * @returns {{ tarball: string, name: string, version: string, size: number, unpackedSize: number,
 *   files: Array<{ path: string, size: number }> }}
 */
function packPackage(packageDir, destination) {
	const out = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: packageDir,
		capture: true,
	});
	const [result] = JSON.parse(out);
	return {
		tarball: path.join(destination, result.filename),
		name: result.name,
		version: result.version,
		size: result.size,
		unpackedSize: result.unpackedSize,
		files: result.files.map((/** @type {{ path: string, size: number }} */ f) => ({ path: f.path, size: f.size })),
	};
}

/**
 * The tarball's entries as tar sees them (independent of npm's own report), without the
 * leading `package/` folder and without directory entries.
 * @param {string} tarball @returns {string[]}
 */
function listTarball(tarball) {
	return run('tar', ['-tzf', tarball], { capture: true })
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^[^/]+\//, ''));
}

/**
 * Unpacks like n8n and the scanner do: `tar -xzf <tgz> --strip-components=1`.
 * @param {string} tarball @param {string} destination created if missing @returns {string} destination
 */
function extractTarball(tarball, destination) {
	fs.mkdirSync(destination, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1']);
	return destination;
}

/**
 * Resolves a tool from the repository's devDependencies (never from a global install), with a
 * message that says what to do when it is missing.
 * @param {string} request e.g. 'playwright-core' or '@n8n/scan-community-package/scanner/scanner.mjs'
 */
function resolveDevDependency(request) {
	try {
		return require.resolve(request, { paths: [REPO_ROOT] });
	} catch {
		const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
		throw new Error(`${name} is not installed: it is a devDependency of this repository, run "npm ci" in ${REPO_ROOT}`);
	}
}

/** @param {number} bytes */
function formatBytes(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
	return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Parses `--flag` and `--name value` arguments. @param {string[]} argv
 * @param {{ flags?: string[], values?: string[] }} spec
 * @returns {Record<string, string | boolean>}
 */
function parseArgs(argv, spec) {
	/** @type {Record<string, string | boolean>} */
	const parsed = {};
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i].replace(/^--/, '');
		if ((spec.flags || []).includes(name)) parsed[name] = true;
		else if ((spec.values || []).includes(name) && i + 1 < argv.length) parsed[name] = argv[++i];
		else throw new Error(`unknown argument "${argv[i]}"`);
	}
	return parsed;
}

module.exports = {
	REPO_ROOT,
	run,
	makeTempDir,
	buildPackage,
	packPackage,
	listTarball,
	extractTarball,
	resolveDevDependency,
	formatBytes,
	parseArgs,
};
