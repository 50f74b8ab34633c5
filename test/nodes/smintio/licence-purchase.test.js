'use strict';
// Licence Purchase > Get Many (one page with cursor in/out, or all), Get Binaries,
// Download Binary (pre-signed download_url, no Authorization; expired link renewed once).

const crypto = require('node:crypto');
const { setup } = require('./setup');
const { startDownloadProxy } = require('./download-proxy');

let ctx;
let proxy;
beforeAll(async () => {
	proxy = await startDownloadProxy();
	ctx = await setup({ emulator: { publicBaseUrl: proxy.baseUrl } });
	proxy.target = ctx.emulator.baseUrl;
});
afterAll(async () => {
	if (ctx) await ctx.close();
	if (proxy) await proxy.close();
});
beforeEach(() => {
	proxy.requests.length = 0;
	proxy.beforeForward = null;
});

const feedOrder = async () => (await ctx.adminGet('/purchases')).purchases.map((p) => p.uuid);

test('Get Many, one page at a time: cursor in, cursor out, every purchase once', async () => {
	const expected = await feedOrder();
	const seen = [];
	let cursor = '';
	for (let page = 0; page < 20; page++) {
		const { items, error } = await ctx.run({ resource: 'licensePurchase', operation: 'getMany', returnAll: false, limit: 4, continuationUuid: cursor });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const json = items[0].json;
		expect(typeof json.continuation_uuid).toBe('string');
		seen.push(...json.license_purchase_transactions.map((p) => p.uuid));
		cursor = json.continuation_uuid;
		if (json.count === 0) break;
	}
	expect(seen).toEqual(expected);
});

test('Get Many, Return All: latest state of each purchase, with the filters', async () => {
	const all = await ctx.run({ resource: 'licensePurchase', operation: 'getMany', returnAll: true });
	const uuids = all.items.map((i) => i.json.uuid);
	expect(new Set(uuids).size).toBe(uuids.length);
	expect(uuids.sort()).toEqual((await feedOrder()).sort());

	const filtered = await ctx.run({ resource: 'licensePurchase', operation: 'getMany', returnAll: true, options: { completedOnly: true, syncableOnly: true } });
	const stored = (await ctx.adminGet('/purchases')).purchases.map((p) => p.lpt);
	expect(filtered.items.map((i) => i.json.uuid).sort()).toEqual(
		stored.filter((p) => p.state === 'completed' && p.can_be_synced === true).map((p) => p.uuid).sort(),
	);
	expect(filtered.items.length).toBeLessThan(all.items.length);
});

test('Get Binaries lists the files of a compound purchase', async () => {
	const { items, error } = await ctx.run(
		{ resource: 'licensePurchase', operation: 'getBinaries' },
		{ inputItems: [{ json: { uuid: '80111', cart_purchase_transaction_uuid: '3611' } }] },
	);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.uuid)).toEqual(['1', '2', '3']);
	expect(items[0].json).toEqual(expect.objectContaining({ licensePurchaseTransactionUuid: '80111', cartPurchaseTransactionUuid: '3611', download_url: expect.any(String) }));
	const wrong = await ctx.run({ resource: 'licensePurchase', operation: 'getBinaries' }, { inputItems: [{ json: { uuid: '80111', cart_purchase_transaction_uuid: '9999' } }] });
	expect(wrong.error.name).toBe('NodeOperationError');
	expect(wrong.error.message).toContain("No licence purchase '80111' in cart purchase '9999'");
});

test('Download Binary streams the licensed file without Authorization; an expired URL is renewed once', async () => {
	const record = await ctx.adminGet('/purchases?uuid=80111');
	proxy.beforeForward = async (request) => {
		if (request.index === 0) await ctx.adminPost('/clock', { advanceSeconds: 3700 });
	};
	const { items, error } = await ctx.run(
		{ resource: 'licensePurchase', operation: 'downloadBinary', binaryUuid: '3', binaryPropertyName: 'file' },
		{ inputItems: [{ json: { uuid: '80111', cart_purchase_transaction_uuid: '3611' } }] },
	);
	expect(error).toBeUndefined();
	expect(items[0].json.download.linkRenewed).toBe(true);
	expect(items[0].json.download_url).toBeUndefined();
	expect(proxy.requests).toHaveLength(2);
	expect(proxy.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
	const bytes = await ctx.harness.readBinary(items[0].binary.file);
	expect(items[0].binary.file.fileName).toBe(record.binaries.find((b) => b.uuid === '3').recommended_file_name);
	expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
	const { bytes: size } = items[0].json.download;
	expect(size).toBe(bytes.length);
	expect(crypto.createHash('sha1').update(bytes).digest('hex')).toHaveLength(40);
});

test('Download Binary of a purchase that cannot be synced explains why', async () => {
	const { error } = await ctx.run(
		{ resource: 'licensePurchase', operation: 'downloadBinary', binaryPropertyName: 'data' },
		{ inputItems: [{ json: { uuid: '80113', cart_purchase_transaction_uuid: (await ctx.adminGet('/purchases?uuid=80113')).lpt.cart_purchase_transaction_uuid } }] },
	);
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(/has no files to download/);
	expect(error.description).toMatch(/can_be_synced/);
});

test('missing purchase IDs name the fix', async () => {
	const { error } = await ctx.run({ resource: 'licensePurchase', operation: 'getBinaries' }, { inputItems: [{ json: {} }] });
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(/Cart Purchase Transaction UUID is empty/);
});
