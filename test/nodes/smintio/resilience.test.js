'use strict';
// 200 uploads in one execution while the emulator injects 429s, 5xx, connection resets before
// (drop) and after (dropAfter: the server acted, the reply is lost) handling, and access tokens
// expire every 2 s. Every asset must end up present exactly once (no duplicate External ID)
// with intact content (SHA-1), and a rerun must create nothing.

const crypto = require('node:crypto');
const { setup } = require('./setup');

const COUNT = 200;
let ctx;
beforeAll(async () => {
	ctx = await setup({ emulator: { accessTokenLifetimeSeconds: 2, taskDelayMs: 10 } });
});
afterAll(async () => ctx && (await ctx.close()));

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

test(`${COUNT} uploads under 429/5xx/resets/expiring tokens: each asset once, content intact`, async () => {
	const inputs = [];
	const expected = new Map();
	for (let i = 0; i < COUNT; i++) {
		const size = 2048 + ((i * 7919) % 60_000);
		const bytes = crypto.randomBytes(size);
		const externalId = `bulk:${String(i).padStart(3, '0')}`;
		expected.set(externalId, sha1(bytes));
		inputs.push({ json: { externalId }, binary: { data: await ctx.harness.binaryFromBuffer(bytes, { fileName: `bulk-${i}.png`, mimeType: 'image/png' }) } });
	}
	await ctx.setFaults({
		seed: 7,
		retryAfterSeconds: 0,
		exclude: ['connect/token'],
		probabilities: { rateLimit: 0.04, serverError: 0.008, drop: 0.006, dropAfter: 0.006 },
		// Lost replies of the create call are the duplicate risk: make them frequent.
		routes: { 'IAssetsWrite.createAssetAsync': { probabilities: { dropAfter: 0.05 } } },
	});
	// The current token is stale from the start (tokens live 2 s): at least one refresh is certain.
	await ctx.adminPost('/clock', { advanceSeconds: 3 });
	const tokensBefore = ctx.harness.credentialEvents.length;
	const started = Date.now();
	const { items, error } = await ctx.run(
		{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', externalId: '={{ $json.externalId }}', name: '={{ $json.externalId }}' },
		{ inputItems: inputs },
	);
	const seconds = (Date.now() - started) / 1000;
	const { faults, calls } = (await ctx.admin.get('/counters')).data;
	await ctx.setFaults({});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(COUNT);
	expect(items.map((item) => item.pairedItem.item)).toEqual([...Array(COUNT).keys()]);

	// Faults really happened, on the calls that matter, and tokens were refreshed.
	expect(faults.rateLimit).toBeGreaterThan(5);
	expect(faults.serverError).toBeGreaterThan(0);
	expect(faults.drop).toBeGreaterThan(0);
	expect(faults.dropAfter).toBeGreaterThan(0);
	expect(calls.uploadFile).toBeGreaterThan(COUNT);
	const refreshes = ctx.harness.credentialEvents.length - tokensBefore;
	expect(refreshes).toBeGreaterThanOrEqual(1);
	expect(items.filter((item) => item.json.recoveredAfterLostReply).length).toBeGreaterThan(0);

	// Emulator state: exactly one asset per External ID, with the uploaded bytes.
	const bulk = (await ctx.assets()).filter((asset) => String(asset.externalId).startsWith('bulk:'));
	const byExternalId = new Map();
	for (const asset of bulk) byExternalId.set(asset.externalId, [...(byExternalId.get(asset.externalId) ?? []), asset]);
	expect(bulk).toHaveLength(COUNT);
	expect(byExternalId.size).toBe(COUNT);
	for (const [externalId, assets] of byExternalId) {
		expect(assets).toHaveLength(1);
		expect(assets[0].fileMetadata.sha1Hash).toBe(expected.get(externalId));
	}
	for (const item of items) expect(item.json.sha1).toBe(expected.get(item.json.externalId));
	console.log(
		`${COUNT} uploads in ${seconds.toFixed(1)} s; faults injected ${JSON.stringify(faults)}; token refreshes ${refreshes}; ` +
			`lost create replies recovered ${items.filter((item) => item.json.recoveredAfterLostReply).length}`,
	);

	// A rerun of the same items finds every asset and sends no file (counters restart at 0).
	const rerun = await ctx.run(
		{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', externalId: '={{ $json.externalId }}', ifExists: 'skip' },
		{ inputItems: inputs },
	);
	expect(rerun.error).toBeUndefined();
	expect(rerun.items.every((item) => item.json.action === 'skipped')).toBe(true);
	expect((await ctx.admin.get('/counters')).data.calls.uploadFile ?? 0).toBe(0);
	expect((await ctx.assets()).filter((asset) => String(asset.externalId).startsWith('bulk:'))).toHaveLength(COUNT);
});

test('Search pages through more than one page (0-based) without gaps or repeats', async () => {
	const all = await ctx.run({ resource: 'asset', operation: 'search', queryString: 'bulk', returnAll: true });
	const ids = all.items.map((item) => item.json.id);
	expect(ids).toHaveLength(COUNT);
	expect(new Set(ids).size).toBe(COUNT);
	const pages = (await ctx.admin.get('/counters')).data.calls['IAssetsSearch.searchAssetsAsync'];
	expect(pages).toBeGreaterThan(0);
	const limited = await ctx.run({ resource: 'asset', operation: 'search', queryString: 'bulk', returnAll: false, limit: 150 });
	expect(limited.items.map((item) => item.json.id)).toEqual(ids.slice(0, 150));
});
