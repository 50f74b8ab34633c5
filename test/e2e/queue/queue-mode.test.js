'use strict';
// n8n's queue mode in real n8n: a private Redis and PostgreSQL, n8n main and 4 workers with this
// package. Proves the stack itself (processes, database, queue) and that executions run on the
// workers, with flow 1's state assertions on both emulators.
// Run: npm run build && npx jest test/e2e/queue/queue-mode.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const fs = require('node:fs');
const flow = require('../flows/flow1');
const { useFlowStack } = require('../flows/common');
const { alive, workersThatRan } = require('./support');

const WORKERS = 4;

describe(`queue mode: Redis, PostgreSQL, n8n main + ${WORKERS} workers`, () => {
	const ctx = useFlowStack({ queue: { workers: WORKERS } });

	test('main, workers, Redis and PostgreSQL are separate running processes on loopback ports', () => {
		const { n8n, workers, queue } = ctx.stack;
		expect(workers).toHaveLength(WORKERS);
		const pids = [n8n.pid, ...workers.map((worker) => worker.pid), queue.redis.pid, queue.postgres.pid];
		expect(new Set(pids).size).toBe(pids.length);
		for (const pid of pids) expect(alive(pid)).toBe(true);
		for (const worker of workers) expect(worker.command).toBe('worker');
		expect(queue.redis.host).toBe('127.0.0.1');
		expect(queue.postgres.host).toBe('127.0.0.1');
		// PostgreSQL runs unprivileged even when the tests run as root.
		const uid = Number(/^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${queue.postgres.pid}/status`, 'utf8'))[1]);
		if (process.getuid() === 0) expect(uid).not.toBe(0);
	});

	test('flow 1 runs on one worker, not on main, with the same result as in one process', async () => {
		await ctx.resetEmulators();
		const execution = await flow.run(ctx);
		const ran = workersThatRan(ctx.stack, execution.id);
		expect(ran).toHaveLength(1);
		expect(ctx.stack.n8n.logs()).not.toMatch(new RegExp(`Worker started execution ${execution.id} `));
		const { before, diff } = execution.sandbox;
		const { approved } = flow.campaignFiles(before);
		expect(approved).toHaveLength(9);
		expect(diff.assets.created.map((asset) => asset.externalId).sort()).toEqual(approved.map((entry) => `dropbox:${entry.id}`).sort());
		expect(diff.dropbox.files.created).toEqual([]);
	});
});
