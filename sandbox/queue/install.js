'use strict';
// Finds Redis and PostgreSQL on this machine, installing Debian's `redis-server` and `postgresql`
// packages with apt-get when they are missing (CI and the project's machines run as root). Only
// the programs are used: no system service is enabled or started (see redis.js, postgres.js).

const fs = require('node:fs');
const path = require('node:path');
const { runCommand } = require('../n8n/process-utils');

const POSTGRES_LIB = '/usr/lib/postgresql';

/** @returns {string | null} the newest installed PostgreSQL's bin folder (Debian layout) */
function findPostgresBin() {
	if (!fs.existsSync(POSTGRES_LIB)) return null;
	const versions = fs
		.readdirSync(POSTGRES_LIB)
		.filter((name) => /^\d+$/.test(name) && fs.existsSync(path.join(POSTGRES_LIB, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(POSTGRES_LIB, versions[0], 'bin') : null;
}

/** @returns {string | null} */
function findRedisServer() {
	for (const dir of (process.env.PATH || '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])) {
		const candidate = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	return null;
}

/**
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ redisServer: string, postgresBin: string }>}
 */
async function ensureQueueServices(options = {}) {
	const log = options.log || (() => {});
	const missing = [];
	if (!findRedisServer()) missing.push('redis-server');
	if (!findPostgresBin()) missing.push('postgresql');
	if (missing.length) {
		if (typeof process.getuid === 'function' && process.getuid() !== 0) {
			throw new Error(`queue mode needs ${missing.join(' and ')}: install with \`sudo apt-get install -y ${missing.join(' ')}\``);
		}
		log(`installing ${missing.join(', ')} with apt-get (no service is started)`);
		// Another run may hold the dpkg lock: wait for it instead of failing.
		const apt = ['-o', 'DPkg::Lock::Timeout=600', '-y', '--no-install-recommends'];
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		try {
			await runCommand('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env, log });
		} catch (error) {
			log(`apt-get update failed, trying the cached lists: ${/** @type {Error} */ (error).message.split('\n')[0]}`);
		}
		// Where the host lets packages start services (no policy-rc.d), Debian's service may come up
		// on its default port: harmless, the sandbox runs its own servers on free ports.
		await runCommand('apt-get', [...apt, 'install', ...missing], { env, log });
	}
	const redisServer = findRedisServer();
	const postgresBin = findPostgresBin();
	if (!redisServer || !postgresBin) throw new Error('redis-server or PostgreSQL still missing after apt-get install');
	return { redisServer, postgresBin };
}

module.exports = { ensureQueueServices, findPostgresBin, findRedisServer };
