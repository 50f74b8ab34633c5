'use strict';
// Licence Right > Get and Check Use, from a Portals asset, a CLAPI-C purchase by UUID and a
// purchase given as input data; input errors with suggestions.

const fs = require('node:fs');
const path = require('node:path');
const { setup, rl } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));

const check = (parameters, runOptions) => ctx.run({ resource: 'rights', operation: 'checkUse', ...parameters }, runOptions);

test('Get normalizes a Portals asset\'s rights', async () => {
	const asset = await ctx.assetByFileName('l27-de-shoes-social-01.jpg');
	const { items, error } = await ctx.run({ resource: 'rights', operation: 'get', source: 'asset', asset: rl(asset.id) });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual(
		expect.objectContaining({ source: 'portals-asset', ids: expect.objectContaining({ assetId: asset.id }), licenseType: asset.rights.licenseType }),
	);
	expect(items[0].json.licenseTerms).toHaveLength(asset.rights.licenseTerms.length);
});

test('Get normalizes a CLAPI-C purchase looked up by UUID (latest state in the feed)', async () => {
	await ctx.adminPost('/purchases/cancel', { uuid: '80114' }); // re-emitted: the later state must win
	const { items, error } = await ctx.run({ resource: 'rights', operation: 'get', source: 'purchaseUuid', purchaseUuid: '80114' });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual(expect.objectContaining({ source: 'clapi-purchase', purchaseState: 'cancelled' }));
	expect(items[0].json.licenseTerms).toHaveLength(2);
	const missing = await ctx.run({ resource: 'rights', operation: 'get', source: 'purchaseUuid', purchaseUuid: '424242' });
	expect(missing.error.message).toContain("No licence purchase with UUID '424242'");
});

describe('Check Use', () => {
	test('an allowed use lists the matching term; a denied one the reasons, term by term', async () => {
		const allowed = await check({
			source: 'purchaseUuid',
			purchaseUuid: '80101',
			usage: 'digital_media_social_media',
			geography: 'europe_germany',
			date: '2027-03-01',
			useType: 'commercial',
		});
		expect(allowed.error).toBeUndefined();
		expect(allowed.items[0].json).toEqual(expect.objectContaining({ allowed: true, source: 'clapi-purchase' }));
		expect(allowed.items[0].json.matchingTerms).toHaveLength(1);

		const denied = await check({ source: 'purchaseUuid', purchaseUuid: '80106', geography: 'europe_germany', date: '2027-03-01' });
		expect(denied.items[0].json.allowed).toBe(false);
		expect(denied.items[0].json.reasons).toEqual(
			expect.arrayContaining([expect.objectContaining({ code: 'dimension_restricted', dimension: 'geography', term: 1 })]),
		);
	});

	test('a Portals asset: editorial-only denies commercial use, allows editorial', async () => {
		const asset = await ctx.assetByFileName('l27-fr-bags-social-02.png');
		const commercial = await check({ source: 'asset', asset: rl(asset.id), useType: 'commercial', date: '2027-01-10' });
		expect(commercial.items[0].json.allowed).toBe(false);
		expect(commercial.items[0].json.reasons.map((r) => r.code)).toContain('editorial_use_only');
	});

	test('the real fixture given as input data', async () => {
		const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sandbox/smintio/seed/license-purchase-transaction.json'), 'utf8'));
		const { items, error } = await check(
			{ source: 'purchaseData', purchaseData: '={{ $json }}', usage: 'digital_media_any', options: { includeTermResults: true } },
			{ inputItems: [{ json: fixture }] },
		);
		expect(error).toBeUndefined();
		expect(typeof items[0].json.allowed).toBe('boolean');
		expect(items[0].json.termResults.length).toBe(fixture.license_terms.length);
		expect(items[0].json.ids).toEqual(expect.objectContaining({ licensePurchaseTransactionUuid: fixture.uuid }));
	});

	test('Warn When Ending Within (Days): items carry expiry, endingSoon and its reason; 0 is off', async () => {
		// 80101: valid until 2028-08-20, web and social in Europe.
		const use = { source: 'purchaseUuid', purchaseUuid: '80101', usage: 'digital_media_social_media', geography: 'europe_germany', date: '2028-08-01', useType: 'editorial' };
		const soon = await check({ ...use, options: { expiringWithinDays: 30 } });
		expect(soon.error).toBeUndefined();
		expect(soon.items[0].json).toEqual(expect.objectContaining({ allowed: true, needsReview: false, notes: [] }));
		expect(soon.items[0].json.expiry).toEqual({ endsAt: '2028-08-20T00:00:00.000Z', daysLeft: 19, endingSoon: true });
		expect(soon.items[0].json.reasons).toEqual(
			expect.arrayContaining([expect.objectContaining({ code: 'licence_ending_soon', severity: 'info', message: expect.stringContaining('valid until 2028-08-20') })]),
		);
		for (const options of [{}, { expiringWithinDays: 0 }, { expiringWithinDays: 18 }]) {
			const later = await check({ ...use, options });
			expect(later.items[0].json.expiry).toEqual({ endsAt: '2028-08-20T00:00:00.000Z', daysLeft: 19, endingSoon: false });
			expect(later.items[0].json.reasons.map((r) => r.code)).not.toContain('licence_ending_soon');
		}
	});

	test('a dimension the licence limits but the use leaves empty: review, or denied with Unknown Facts: Deny', async () => {
		const use = { source: 'purchaseUuid', purchaseUuid: '80101', usage: 'digital_media_social_media', date: '2027-03-01', useType: 'editorial' };
		const warn = await check(use);
		expect(warn.items[0].json).toEqual(expect.objectContaining({ allowed: true, needsReview: true }));
		expect(warn.items[0].json.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'dimension_unstated', dimension: 'geography', severity: 'warning' })]));
		const deny = await check({ ...use, options: { unknownPolicy: 'deny' } });
		expect(deny.items[0].json).toEqual(expect.objectContaining({ allowed: false, needsReview: false }));
	});

	test('an unknown usage key is a NodeOperationError suggesting close keys', async () => {
		const { error } = await check({ source: 'purchaseUuid', purchaseUuid: '80101', usage: 'digital_media_socal_media' });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/Unknown usage key 'digital_media_socal_media'.*\(item index 0\)/);
		expect(error.description).toContain('digital_media_social_media');
	});

	test('a date in the wrong format is a NodeOperationError with the expected format', async () => {
		const { error } = await check({ source: 'purchaseUuid', purchaseUuid: '80101', date: '1.3.2027' });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/Invalid date "1.3.2027"/);
		expect(error.description).toMatch(/yyyy-mm-dd/);
	});

	test('input data that is not a purchase is refused with a hint', async () => {
		const { error, items } = await check(
			{ source: 'purchaseData', purchaseData: '={{ $json }}' },
			{ inputItems: [{ json: { hello: 'world' } }, { json: { uuid: 'x', license_terms: [] } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/does not look like a CLAPI-C licence purchase .*\(item index 0\)/);
		expect(items[1].json).toEqual(expect.objectContaining({ allowed: false }));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test("the tenant's vocabulary (generic metadata) is used when asked", async () => {
		const { items, error } = await check({
			source: 'purchaseUuid',
			purchaseUuid: '80101',
			usage: 'digital_media_any',
			options: { tenantVocabulary: true },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.allowed).toBe(true);
		const counters = (await ctx.admin.get('/counters')).data.calls;
		expect(counters['clapi/generic-metadata']).toBeGreaterThan(0);
	});
});
