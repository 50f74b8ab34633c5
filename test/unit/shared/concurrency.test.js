'use strict';
// The bounded pool (nodes/shared/concurrency.ts): order, limit, per-key serialization, stop on
// failure, synchronous throws; and the plain mapSettledBounded / inGroups forms.

const { runPool, mapSettledBounded, inGroups } = require('../../../nodes/shared/concurrency');

/** A task whose completion the test controls: `release(index)` or `fail(index)`. */
function controlled() {
	const pending = new Map();
	const log = [];
	let running = 0;
	let peak = 0;
	const task = (item, index) =>
		new Promise((resolve, reject) => {
			running++;
			peak = Math.max(peak, running);
			log.push(`start ${index}`);
			pending.set(index, {
				resolve: (value) => {
					running--;
					log.push(`end ${index}`);
					resolve(value);
				},
				reject: (error) => {
					running--;
					log.push(`fail ${index}`);
					reject(error);
				},
			});
		});
	const tick = () => new Promise((resolve) => setImmediate(resolve));
	return {
		task,
		log,
		peak: () => peak,
		started: () => [...pending.keys()],
		async release(index, value = `v${index}`) {
			pending.get(index).resolve(value);
			await tick();
		},
		async fail(index, message = `e${index}`) {
			pending.get(index).reject(new Error(message));
			await tick();
		},
		tick,
	};
}

test('results keep input order and the limit is never exceeded', async () => {
	let running = 0;
	let peak = 0;
	const results = await runPool(
		[5, 1, 4, 2, 3, 0, 6],
		async (value) => {
			running++;
			peak = Math.max(peak, running);
			for (let i = 0; i < value * 3; i++) await new Promise((resolve) => setImmediate(resolve));
			running--;
			return value * 10;
		},
		{ limit: 3 },
	);
	expect(peak).toBe(3);
	expect(results).toEqual([50, 10, 40, 20, 30, 0, 60].map((value) => ({ status: 'fulfilled', value })));
});

test('limit 1 runs strictly one after the other, in input order', async () => {
	const c = controlled();
	const done = runPool(['a', 'b', 'c'], c.task, { limit: 1 });
	await c.tick();
	expect(c.started()).toEqual([0]);
	await c.release(0);
	expect(c.started()).toEqual([0, 1]);
	await c.release(1);
	await c.release(2);
	expect(await done).toEqual([
		{ status: 'fulfilled', value: 'v0' },
		{ status: 'fulfilled', value: 'v1' },
		{ status: 'fulfilled', value: 'v2' },
	]);
	expect(c.log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
});

test('limits below 1 or not numbers mean 1', async () => {
	for (const limit of [0, -3, Number.NaN, 0.5]) {
		const c = controlled();
		const done = runPool([1, 2], c.task, { limit });
		await c.tick();
		expect(c.started()).toEqual([0]);
		await c.release(0);
		await c.release(1);
		await done;
	}
});

test('items with the same key never overlap and keep their order; other keys overtake them', async () => {
	const c = controlled();
	const keys = ['A', 'A', 'B', 'A', undefined];
	const done = runPool(keys, c.task, { limit: 3, keyOf: (key) => key });
	await c.tick();
	// 0 (A) runs; 1 (A) waits for it; 2 (B) and 4 (no key) fill the pool.
	expect(c.started()).toEqual([0, 2, 4]);
	await c.release(2);
	// A is still busy: nothing with key A starts, and nothing else is left.
	expect(c.started()).toEqual([0, 2, 4]);
	await c.release(0);
	expect(c.started()).toEqual([0, 2, 4, 1]);
	await c.release(4);
	expect(c.started()).toEqual([0, 2, 4, 1]);
	await c.release(1);
	expect(c.started()).toEqual([0, 2, 4, 1, 3]);
	await c.release(3);
	const results = await done;
	expect(results.map((result) => result.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
	const order = c.log.filter((entry) => /^(start|end) [013]$/.test(entry));
	expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 3', 'end 3']);
});

test('a failure settles in place and the others still run (no stopOnFailure)', async () => {
	const results = await runPool(
		[1, 2, 3],
		async (value) => {
			if (value === 2) throw new Error('two');
			return value;
		},
		{ limit: 2 },
	);
	expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
	expect(results[1].status).toBe('rejected');
	expect(results[1].error.message).toBe('two');
	expect(results[2]).toEqual({ status: 'fulfilled', value: 3 });
});

test('stopOnFailure: nothing new starts after a failure, in-flight tasks settle, the rest are skipped', async () => {
	const c = controlled();
	const done = runPool([0, 1, 2, 3, 4], c.task, { limit: 2, stopOnFailure: true });
	await c.tick();
	expect(c.started()).toEqual([0, 1]);
	await c.fail(1, 'one failed');
	// 0 is still in flight; nothing else starts.
	expect(c.started()).toEqual([0, 1]);
	await c.fail(0, 'zero failed later');
	const results = await done;
	expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'skipped', 'skipped', 'skipped']);
	expect(results[0].error.message).toBe('zero failed later');
	expect(results[1].error.message).toBe('one failed');
});

test('a synchronous throw and a non-Error rejection become Errors', async () => {
	const results = await runPool(
		['sync', 'text', 'ok'],
		(value) => {
			if (value === 'sync') throw new Error('thrown synchronously');
			if (value === 'text') return Promise.reject('plain text');
			return Promise.resolve(value);
		},
		{ limit: 5 },
	);
	expect(results[0].error).toBeInstanceOf(Error);
	expect(results[0].error.message).toBe('thrown synchronously');
	expect(results[1].error).toBeInstanceOf(Error);
	expect(results[1].error.message).toBe('plain text');
	expect(results[2]).toEqual({ status: 'fulfilled', value: 'ok' });
});

test('an empty list resolves at once', async () => {
	expect(await runPool([], async () => 1, { limit: 4 })).toEqual([]);
	expect(await mapSettledBounded([], 4, async () => 1)).toEqual([]);
});

test('mapSettledBounded keeps order, never exceeds the limit, and reports failures in place', async () => {
	let running = 0;
	let peak = 0;
	const results = await mapSettledBounded([5, 1, 4, 2, 3, 0], 3, async (value) => {
		running++;
		peak = Math.max(peak, running);
		await new Promise((resolve) => setImmediate(resolve));
		for (let i = 0; i < value; i++) await Promise.resolve();
		running--;
		if (value === 2) throw new Error('two');
		return value * 10;
	});
	expect(peak).toBe(3);
	expect(results.slice(0, 3)).toEqual([50, 10, 40]);
	expect(results[3]).toBeInstanceOf(Error);
	expect(results[3].message).toBe('two');
	expect(results.slice(4)).toEqual([30, 0]);
});

test('inGroups splits into groups of at most n', () => {
	expect(inGroups([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	expect(inGroups([], 1000)).toEqual([]);
	expect(inGroups(Array.from({ length: 2500 }, (_, i) => i), 1000).map((group) => group.length)).toEqual([1000, 1000, 500]);
});
