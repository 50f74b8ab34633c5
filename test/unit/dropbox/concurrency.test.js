'use strict';

const { mapSettledBounded, inGroups } = require('../../../nodes/DropboxSync/helpers/concurrency');

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
