'use strict';
// A token refresh is a remote call like any other: when n8n refreshes an expired Smint.io token
// inside a request and the token endpoint answers 429 or 5xx (or drops the connection), the node
// retries the call instead of failing the item.

const { setup } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup({ emulator: { accessTokenLifetimeSeconds: 60 } });
});
afterAll(async () => ctx && (await ctx.close()));

async function expireTokens() {
	await ctx.adminPost('/clock', { advanceSeconds: 61 });
}

test.each([
	['429 with Retry-After', [{ fault: 'rateLimit', retryAfterSeconds: 0 }]],
	['503', [{ fault: 'serverError' }]],
	['429, then a dropped connection, then 500', [{ fault: 'rateLimit', retryAfterSeconds: 0 }, { fault: 'drop' }, { fault: 'serverError' }]],
])('the refresh answered %s: the search still succeeds', async (_, faults) => {
	await expireTokens();
	await ctx.adminPost('/counters/reset');
	await ctx.setFaults({ schedule: faults.map((fault, index) => ({ route: 'connect/token', call: index + 1, ...fault })) });
	let counters;
	try {
		const { items, error } = await ctx.run({ resource: 'asset', operation: 'search', queryString: '', returnAll: false, limit: 3 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		counters = await ctx.adminGet('/counters');
	} finally {
		await ctx.setFaults({});
	}
	const { calls, faults: injected } = counters;
	const injectedCount = Object.values(injected).reduce((sum, n) => sum + n, 0);
	expect(injectedCount).toBe(faults.length);
	// Every failed refresh was followed by another one, and the last one succeeded.
	expect(calls['connect/token']).toBe(faults.length + 1);
});

test('a refresh that keeps failing ends as a clear error after the bounded retries, naming the item', async () => {
	await expireTokens();
	await ctx.adminPost('/counters/reset');
	await ctx.setFaults({ seed: 1, include: ['connect/token'], retryAfterSeconds: 0, probabilities: { serverError: 1 } });
	let counters;
	try {
		const { error } = await ctx.run({ resource: 'asset', operation: 'search', queryString: '', returnAll: false, limit: 1 });
		expect(error).toBeDefined();
		expect(error.message).toMatch(/Search assets failed: HTTP 50\d \(after \d+ attempts\)/);
		expect(error.context.itemIndex).toBe(0);
		counters = await ctx.adminGet('/counters');
	} finally {
		await ctx.setFaults({});
	}
	const { calls } = counters;
	expect(calls['connect/token']).toBeGreaterThanOrEqual(2);
	expect(calls['connect/token']).toBeLessThanOrEqual(12);
});
