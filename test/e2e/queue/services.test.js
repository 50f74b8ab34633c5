'use strict';
// Queue mode's Redis and PostgreSQL (sandbox/queue/): real servers as child processes, a private
// cluster that keeps its data across restarts, and no orphan when the process that started them
// is SIGKILLed (the watchdog stops their process groups).
// Run: npx jest test/e2e/queue/services.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { startQueueServices } = require('../../../sandbox/queue/services');
const { runCommand } = require('../../../sandbox/n8n/process-utils');
const { findPostgresBin } = require('../../../sandbox/queue/install');
const { alive } = require('./support');

async function waitFor(check, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

describe('queue services: Redis and PostgreSQL as supervised child processes', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-services-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('PostgreSQL keeps what was written across a stop and a start of the same folder', async () => {
		const psql = async (services, sql) =>
			await runCommand(
				path.join(/** @type {string} */ (findPostgresBin()), 'psql'),
				['-h', services.postgres.host, '-p', String(services.postgres.port), '-U', services.postgres.user, '-d', services.postgres.database, '-tAc', sql],
				{ capture: true, env: { ...process.env, PGPASSWORD: services.postgres.password } },
			);
		const first = await startQueueServices({ dir: path.join(dir, 'kept') });
		try {
			await psql(first, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES (\'still here\')');
			expect(first.env('/data/storage')).toEqual(
				expect.objectContaining({ EXECUTIONS_MODE: 'queue', DB_TYPE: 'postgresdb', QUEUE_BULL_REDIS_PORT: String(first.redis.port), DB_POSTGRESDB_PORT: String(first.postgres.port) }),
			);
		} finally {
			await first.stop();
		}
		expect(alive(first.postgres.pid)).toBe(false);
		expect(alive(first.redis.pid)).toBe(false);
		const second = await startQueueServices({ dir: path.join(dir, 'kept') });
		try {
			expect((await psql(second, 'SELECT value FROM kept')).trim()).toBe('still here');
		} finally {
			await second.stop();
		}
	}, 180000);

	test('a SIGKILLed parent leaves no Redis or PostgreSQL running', async () => {
		const script = `
			const { startQueueServices } = require(${JSON.stringify(path.resolve(__dirname, '../../../sandbox/queue/services'))});
			startQueueServices({ dir: ${JSON.stringify(path.join(dir, 'orphan'))} }).then((s) => {
				process.stdout.write(JSON.stringify({ redis: s.redis.pid, postgres: s.postgres.pid }) + '\\n');
				setInterval(() => {}, 1000);
			});`;
		const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
		const pids = await new Promise((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk) => {
				out += chunk;
				if (out.includes('\n')) resolve(JSON.parse(out));
			});
			child.on('exit', (code) => reject(new Error(`child exited with ${code} before starting the services`)));
		});
		expect(alive(pids.redis)).toBe(true);
		expect(alive(pids.postgres)).toBe(true);
		child.kill('SIGKILL');
		await waitFor(() => !alive(pids.redis) && !alive(pids.postgres), 60000, 'the watchdog to stop Redis and PostgreSQL');
	}, 180000);
});
