'use strict';

const { forEachBounded } = require('../../../nodes/DropboxSync/helpers/boundedPipeline');

/** A promise resolved from outside. */
function deferred() {
	let resolve;
	let reject;
	const promise = new Promise((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A source that records how far it has been read. */
function recordingSource(values, log) {
	return (async function* () {
		for (const value of values) {
			log.push(`read ${value}`);
			yield value;
		}
	})();
}

describe('forEachBounded', () => {
	test('never more than `limit` tasks in flight; every piece once, with its index', async () => {
		let now = 0;
		let max = 0;
		const seen = [];
		await forEachBounded(
			[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
			async (piece, index) => {
				now++;
				max = Math.max(max, now);
				seen.push([piece, index]);
				await new Promise((resolve) => setTimeout(resolve, (piece * 7) % 5));
				now--;
			},
			{ limit: 3 },
		);
		expect(max).toBe(3);
		expect(seen.sort((a, b) => a[1] - b[1])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value, index) => [value, index]));
	});

	test('the next piece is read while the earlier ones are in flight (limit 1 reads one ahead)', async () => {
		const log = [];
		const gates = [deferred(), deferred(), deferred()];
		const done = forEachBounded(
			recordingSource(['a', 'b', 'c'], log),
			async (piece, index) => {
				log.push(`start ${piece}`);
				await gates[index].promise;
				log.push(`end ${piece}`);
			},
			{ limit: 1 },
		);
		await tick();
		// 'a' is in flight and 'b' is already read, waiting for the slot.
		expect(log).toEqual(['read a', 'start a', 'read b']);
		gates[0].resolve();
		await tick();
		expect(log).toEqual(['read a', 'start a', 'read b', 'end a', 'start b', 'read c']);
		gates[1].resolve();
		gates[2].resolve();
		await done;
		expect(log.slice(-3)).toEqual(['end b', 'start c', 'end c']);
	});

	test('an exclusive piece starts only after every earlier one has finished', async () => {
		const log = [];
		const gates = [deferred(), deferred(), deferred()];
		const done = forEachBounded(
			['p0', 'p1', 'last'],
			async (piece, index) => {
				log.push(`start ${piece}`);
				await gates[index].promise;
				log.push(`end ${piece}`);
			},
			{ limit: 4, exclusive: (piece) => piece === 'last' },
		);
		await tick();
		expect(log).toEqual(['start p0', 'start p1']);
		gates[1].resolve();
		await tick();
		expect(log).toEqual(['start p0', 'start p1', 'end p1']);
		gates[0].resolve();
		gates[2].resolve();
		await done;
		expect(log).toEqual(['start p0', 'start p1', 'end p1', 'end p0', 'start last', 'end last']);
	});

	test('after a failure nothing new starts, the tasks in flight are waited for, the first failure is thrown', async () => {
		const started = [];
		const finished = [];
		const slow = deferred();
		const run = forEachBounded(
			[0, 1, 2, 3, 4, 5],
			async (piece) => {
				started.push(piece);
				if (piece === 1) throw new Error('piece 1 failed');
				if (piece === 0) await slow.promise;
				if (piece === 2) throw new Error('piece 2 failed');
				finished.push(piece);
			},
			{ limit: 3 },
		);
		let settled = false;
		run.then(
			() => (settled = true),
			() => (settled = true),
		);
		await tick();
		// Piece 0 is still in flight: the pipeline does not return before it ends.
		expect(settled).toBe(false);
		slow.resolve();
		await expect(run).rejects.toThrow('piece 1 failed');
		expect(started).toEqual([0, 1, 2]);
		expect(finished).toEqual([0]);
	});

	test('a synchronous throw of the task and a failing source are failures too', async () => {
		await expect(
			forEachBounded(
				[1, 2],
				() => {
					throw new Error('sync');
				},
				{ limit: 2 },
			),
		).rejects.toThrow('sync');

		const sent = [];
		const failing = (async function* () {
			yield 'a';
			throw new Error('read failed');
		})();
		await expect(forEachBounded(failing, async (piece) => void sent.push(piece), { limit: 2 })).rejects.toThrow('read failed');
		expect(sent).toEqual(['a']);
	});

	test('a limit below 1 or not a number means one at a time; an empty source does nothing', async () => {
		for (const limit of [0, -3, Number.NaN]) {
			let now = 0;
			let max = 0;
			await forEachBounded(
				[1, 2, 3],
				async () => {
					now++;
					max = Math.max(max, now);
					await tick();
					now--;
				},
				{ limit },
			);
			expect(max).toBe(1);
		}
		const calls = [];
		await forEachBounded([], async (piece) => void calls.push(piece), { limit: 2 });
		expect(calls).toEqual([]);
	});
});
