'use strict';
// Refresh-token rotation with concurrent executions: the emulator answers every refresh with a
// new refresh token and revokes the used one (rotateRefreshTokens), so a second refresh with the
// same token is invalid_grant. Several executions whose access token expired at the same moment
// must not fail and the credential must stay usable. The nodes refresh only through n8n's
// OAuth2 helpers: n8n 2.41 runs a refresh under a per-credential lease (in-process here; Redis in
// queue mode) and re-reads the stored credential inside it, so the executions that waited use
// the token the first one saved instead of refreshing again. The harness's credential store
// plays n8n's database. Across worker processes: test/e2e/queue/concurrency.test.js.

const { setup } = require('./setup');

const EXECUTIONS = 4;
let ctx;
beforeAll(async () => {
	ctx = await setup({ emulator: { rotateRefreshTokens: true, accessTokenLifetimeSeconds: 60 } });
});
afterAll(async () => ctx && (await ctx.close()));

const search = () => ctx.run({ resource: 'asset', operation: 'search', returnAll: false, limit: 5 });

test(`${EXECUTIONS} executions refreshing one rotating token at once all succeed, and the credential keeps working`, async () => {
	for (let round = 1; round <= 3; round++) {
		await ctx.adminPost('/clock', { advanceSeconds: 61 }); // every token the credential holds is expired
		const refreshesBefore = (await ctx.admin.get('/counters')).data.calls['connect/token'] ?? 0;
		const results = await Promise.all(Array.from({ length: EXECUTIONS }, search));
		for (const { error, items } of results) {
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
		}
		const refreshes = ((await ctx.admin.get('/counters')).data.calls['connect/token'] ?? 0) - refreshesBefore;
		// One refresh for all of them: the others re-read the credential the first one saved.
		expect(refreshes).toBe(1);
	}
	// The stored refresh token is the newest one: a later execution still works.
	await ctx.adminPost('/clock', { advanceSeconds: 61 });
	const later = await search();
	expect(later.error).toBeUndefined();
});
