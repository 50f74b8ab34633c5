'use strict';
// A token refresh is a remote call like any other: when n8n refreshes an expired Dropbox token
// inside a request and the token endpoint answers 429 or 5xx (or drops the connection), the node
// retries the call instead of failing the item, and names the item when it finally gives up.

const { startEnvironment } = require('./setup');

let env;
beforeAll(async () => {
	env = await startEnvironment({ emulator: { accessTokenLifetimeSeconds: 3600 } });
	await env.admin.write('/Refresh/a.txt', 'a');
});
afterAll(async () => env && (await env.close()));

const listFolder = () => env.run({ resource: 'folder', operation: 'list', folder: { __rl: true, mode: 'path', value: '/Refresh' }, returnAll: true, filters: {}, options: {} });

test.each([
	['429 with Retry-After', [{ fault: 'rateLimit', retryAfterSeconds: 0 }]],
	['503', [{ fault: 'serverError' }]],
	['429, then a dropped connection, then 500', [{ fault: 'rateLimit', retryAfterSeconds: 0 }, { fault: 'drop' }, { fault: 'serverError' }]],
])('the refresh answered %s: the listing still succeeds', async (_, faults) => {
	await env.admin.expireTokens();
	await env.admin.resetCounters();
	await env.admin.setFaults({ schedule: faults.map((fault, index) => ({ route: 'oauth2/token', call: index + 1, ...fault })) });
	let counters;
	try {
		const { items, error } = await listFolder();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.path_display)).toEqual(['/Refresh/a.txt']);
		counters = await env.admin.counters();
	} finally {
		await env.admin.setFaults({});
	}
	const injected = Object.values(counters.faults).reduce((sum, n) => sum + n, 0);
	expect(injected).toBe(faults.length);
	expect(counters.calls['oauth2/token']).toBe(faults.length + 1);
});

test('a refresh that keeps failing ends as a clear error after the bounded retries, naming the item', async () => {
	await env.admin.expireTokens();
	await env.admin.resetCounters();
	await env.admin.setFaults({ seed: 1, include: ['oauth2/token'], retryAfterSeconds: 0, probabilities: { serverError: 1 } });
	let counters;
	try {
		const { error } = await listFolder();
		expect(error).toBeDefined();
		expect(typeof error.message).toBe('string');
		expect(error.message).not.toMatch(/\[object Object\]/);
		expect(error.context.itemIndex ?? error.itemIndex).toBe(0);
		counters = await env.admin.counters();
	} finally {
		await env.admin.setFaults({});
	}
	expect(counters.calls['oauth2/token']).toBeGreaterThanOrEqual(2);
	expect(counters.calls['oauth2/token']).toBeLessThanOrEqual(12);
});
