'use strict';
// A private PostgreSQL cluster for n8n's database in queue mode: `initdb` into the given folder
// on first use, then the `postgres` server as a child process on a free loopback port (no system
// service, no pg_ctl daemon that would outlive us). PostgreSQL refuses to run as root, so as root
// both run as the unprivileged `postgres` user that Debian's package creates (setpriv, which
// exec's in place: the server stays our child and the leader of its own process group).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { freePort } = require('../n8n/server');
const { runCommand } = require('../n8n/process-utils');
const { startServiceProcess, waitForService } = require('./service-process');

const SERVICE_USER = 'postgres';
const DATABASE = 'n8n';
const ROLE = 'n8n';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** @returns {{ uid: number, gid: number }} */
function serviceUserIds() {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${SERVICE_USER}:`));
	if (!line) throw new Error(`running as root needs the "${SERVICE_USER}" user (Debian's postgresql package creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** @param {string} bin @param {string[]} args @returns {[string, string[]]} command and args, dropped to the service user when root */
function asServiceUser(bin, args) {
	if (!isRoot()) return [bin, args];
	return ['setpriv', ['--reuid', SERVICE_USER, '--regid', SERVICE_USER, '--init-groups', '--', bin, ...args]];
}

/**
 * The service user must reach the data folder: make each folder above it that we own and that
 * others cannot enter (e.g. a 0700 temp folder) enterable (x only, nothing becomes listable).
 * @param {string} dir
 */
function letServiceUserReach(dir) {
	for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
		const stat = fs.statSync(current);
		if ((stat.mode & 0o001) === 0 && stat.uid === process.getuid?.()) fs.chmodSync(current, stat.mode | 0o001);
	}
}

/**
 * @param {{ postgresBin: string, dir: string, port?: number, log?: (line: string) => void }} options
 *   dir: our folder for the cluster (`data/` inside it, `postgres.log`, `login.json`)
 * @returns {Promise<{ host: string, port: number, database: string, user: string, password: string, pid: number, logFile: string, stop: () => Promise<void>, kill: () => Promise<void> }>}
 */
async function startPostgres(options) {
	const log = options.log || (() => {});
	const bin = (name) => path.join(options.postgresBin, name);
	fs.mkdirSync(options.dir, { recursive: true });
	const dataDir = path.join(options.dir, 'data');
	const loginFile = path.join(options.dir, 'login.json');
	const logFile = path.join(options.dir, 'postgres.log');
	const owner = isRoot() ? serviceUserIds() : null;
	if (owner) letServiceUserReach(dataDir);

	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.mkdirSync(dataDir, { mode: 0o700 });
		const password = crypto.randomBytes(18).toString('base64url');
		const passwordFile = path.join(options.dir, '.initdb-password');
		fs.writeFileSync(passwordFile, password, { mode: 0o600 });
		if (owner) {
			fs.chownSync(dataDir, owner.uid, owner.gid);
			fs.chownSync(passwordFile, owner.uid, owner.gid);
		}
		log(`initdb ${dataDir}`);
		try {
			const [command, args] = asServiceUser(bin('initdb'), [
				'-D', dataDir, '-U', ROLE, '-E', 'UTF8', '--locale=C',
				'--auth-local=scram-sha-256', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`,
			]);
			await runCommand(command, args, { capture: true });
		} finally {
			fs.rmSync(passwordFile, { force: true });
		}
		fs.writeFileSync(loginFile, `${JSON.stringify({ user: ROLE, password, database: DATABASE })}\n`, { mode: 0o600 });
	}
	const login = JSON.parse(fs.readFileSync(loginFile, 'utf8'));
	const port = options.port || (await freePort());
	const [command, args] = asServiceUser(bin('postgres'), [
		'-D', dataDir,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${dataDir}`,
		// A sandbox: losing the last commits on a machine crash is fine, waiting for each flush is not.
		'-c', 'synchronous_commit=off',
		'-c', 'max_connections=200',
	]);
	if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
	const service = startServiceProcess({ command, args, logFile, cwd: options.dir, stopSignal: 'SIGINT' /* fast shutdown */ });
	const env = { ...process.env, PGPASSWORD: login.password };
	const ready = () =>
		runCommand(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', login.user, '-d', 'postgres'], { capture: true, env }).then(
			() => true,
			() => false,
		);
	await waitForService(ready, service, `PostgreSQL on port ${port}`);
	const exists = await runCommand(
		bin('psql'),
		['-h', '127.0.0.1', '-p', String(port), '-U', login.user, '-d', 'postgres', '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`],
		{ capture: true, env },
	);
	if (exists.trim() !== '1') {
		await runCommand(bin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', login.user, DATABASE], { capture: true, env });
	}
	log(`PostgreSQL ready on 127.0.0.1:${port} (pid ${service.pid}, data ${dataDir})`);
	return {
		host: '127.0.0.1',
		port,
		database: DATABASE,
		user: login.user,
		password: login.password,
		pid: service.pid,
		logFile,
		stop: service.stop,
		kill: service.kill,
	};
}

module.exports = { startPostgres };
