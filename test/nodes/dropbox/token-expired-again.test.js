'use strict';
// A token that has expired again by the time the call n8n sent after refreshing it arrives (a
// slow machine, a clock jump): the node tries again so n8n refreshes again, a bounded number of
// times. Its own file: the n8n harness allows one environment per jest process.

const { startEnvironment } = require('./setup');

describe('a token that has expired again by the time the refreshed call arrives', () => {
	let shortLived;
	beforeAll(async () => {
		// Lifetime 0: every token the endpoint hands out is expired on arrival, so each attempt's
		// refresh is followed by another 401 — the worst case of a token expiring right after n8n
		// refreshed it (a slow machine, a clock jump). The node tries again a bounded number of times.
		shortLived = await startEnvironment({ emulator: { accessTokenLifetimeSeconds: 0 } });
		await shortLived.admin.write('/Refresh/a.txt', 'a');
	});
	afterAll(async () => shortLived && (await shortLived.close()));

	test('is refreshed again at most twice more, then fails with the reconnect hint, naming the item', async () => {
		await shortLived.admin.expireTokens();
		await shortLived.admin.resetCounters();
		const { error } = await shortLived.run({ resource: 'folder', operation: 'list', folder: { __rl: true, mode: 'path', value: '/Refresh' }, returnAll: true, filters: {}, options: {} });
		expect(error).toBeDefined();
		expect(error.context.dropboxErrorTag).toBe('expired_access_token');
		expect(error.context.itemIndex ?? error.itemIndex).toBe(0);
		const counters = await shortLived.admin.counters();
		// One refresh per attempt: the first attempt and the two retries for an expired token.
		expect(counters.calls['oauth2/token']).toBe(3);
	});
});
