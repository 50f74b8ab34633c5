'use strict';
// CLAPI-C: the licence feed (opaque cursor, limit, empty pages with a cursor, re-emission on
// cancel / new binary version / re-licence, nothing lost or repeated across pages and
// restarts), binaries with expiring pre-signed URLs, generic metadata, the real fixture served
// unchanged.

const fs = require('fs');
const os = require('os');
const path = require('path');
const axios = require('axios');
const { start, http, drainFeed } = require('./helpers');

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sandbox/smintio/seed/license-purchase-transaction.json'), 'utf8'));
const FEED = '/consumer/v1/sync/license-purchase-transactions';
const binariesPath = (lpt) => `/consumer/v1/sync/cart-purchase-transactions/${lpt.cart_purchase_transaction_uuid}/license-purchase-transactions/${lpt.uuid}/binaries`;

function typeOf(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** Every key path of `reference` with its JSON type (array element shapes from the first element). */
function shape(reference, prefix = '') {
	const out = {};
	for (const [key, value] of Object.entries(reference)) {
		const at = `${prefix}${key}`;
		out[at] = typeOf(value);
		if (typeOf(value) === 'object') Object.assign(out, shape(value, `${at}.`));
		if (typeOf(value) === 'array' && value.length > 0 && typeOf(value[0]) === 'object') Object.assign(out, shape(value[0], `${at}[].`));
	}
	return out;
}

let emulator;
let api;
let admin;

beforeAll(async () => {
	({ emulator, api, admin } = await start());
});
afterAll(() => emulator.close());

describe('licence feed', () => {
	test('pages with limit cover every purchase once; an empty page still carries a cursor', async () => {
		const { purchases, pages, cursor } = await drainFeed(api, null, 4);
		expect(purchases.length).toBe(16);
		expect(new Set(purchases.map((p) => p.uuid)).size).toBe(16);
		expect(pages.slice(0, -1).every((page) => page.count === page.license_purchase_transactions.length && page.count <= 4)).toBe(true);
		const last = pages[pages.length - 1];
		expect(last).toEqual({ count: 0, continuation_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), license_purchase_transactions: [] });
		const again = await api.get(FEED, { params: { continuation_uuid: cursor } });
		expect(again.data.count).toBe(0);
		expect(typeof again.data.continuation_uuid).toBe('string');
		const cursors = pages.map((page) => page.continuation_uuid);
		expect(new Set(cursors.slice(0, -1)).size).toBe(cursors.length - 1);
	});

	test('the default limit is 10 and both cursor spellings work', async () => {
		const first = await api.get(FEED);
		expect(first.data.count).toBe(10);
		const snake = await api.get(FEED, { params: { continuation_uuid: first.data.continuation_uuid } });
		const camel = await api.get(FEED, { params: { continuationUuid: first.data.continuation_uuid } });
		expect(camel.data).toEqual(snake.data);
		expect(snake.data.count).toBe(6);
		const all = await drainFeed(api, null, 5, { spelling: 'continuationUuid' });
		expect(all.purchases).toHaveLength(16);
	});

	test('the real fixture is served back unchanged', async () => {
		const { purchases } = await drainFeed(api, null, 50);
		const served = purchases.find((p) => p.uuid === FIXTURE.uuid);
		expect(served).toEqual(FIXTURE);
		expect(shape(served)).toEqual(shape(FIXTURE));
	});

	test('every seeded purchase has the fixture shape (keys and types)', async () => {
		const { purchases } = await drainFeed(api, null, 50);
		const reference = shape(FIXTURE);
		for (const purchase of purchases) {
			const actual = shape(purchase);
			for (const [key, type] of Object.entries(reference)) {
				// Nullable leaves may be null; containers must keep their type.
				expect([`${purchase.uuid} ${key}: ${type}`, `${purchase.uuid} ${key}: null`]).toContain(`${purchase.uuid} ${key}: ${actual[key]}`);
			}
			expect(purchase.project_name[0]).toEqual({ culture: 'en', value: expect.any(String) });
		}
	});

	test('the seed covers every rights rule', async () => {
		const { purchases } = await drainFeed(api, null, 50);
		const byUuid = Object.fromEntries(purchases.map((p) => [p.uuid, p]));
		const terms = (uuid) => byUuid[uuid].license_terms;
		expect(terms('80102')[0].valid_until < '2026-10-01').toBe(true);
		expect(terms('80103')[0].valid_from > '2029').toBe(true);
		expect(terms('80104')[0].to_be_used_until < '2026-10-01').toBe(true);
		expect(terms('80105')[0].is_editorial_use).toBe(true);
		expect(terms('80106')[0].restricted_geographies).toContain('europe_germany');
		expect(terms('80107')[0].restricted_usages).toContain('advertising_print_any');
		expect(byUuid['80108'].content_element.release_details.model_release_state).toBe('not_released');
		expect(byUuid['80109'].current_downloads).toBeGreaterThanOrEqual(byUuid['80109'].license_download_constraints.effective_max_downloads);
		expect(byUuid['80110'].state).toBe('cancelled');
		expect(byUuid['80112'].reused_license_purchase_transaction_uuid).toBe('80102');
		expect(byUuid['80113'].can_be_synced).toBe(false);
		expect(terms('80114')).toHaveLength(2);
		expect(terms('80115')[0].is_editorial_use).toBeNull();
	});

	test('errors: bad limit, too large a limit, foreign cursor, no token', async () => {
		const zero = await api.get(FEED, { params: { limit: 0 } });
		expect(zero.status).toBe(400);
		expect(zero.data.error_code).toBe('paging_limit_invalid');
		const text = await api.get(FEED, { params: { limit: 'ten' } });
		expect(text.status).toBe(400);
		const big = await api.get(FEED, { params: { limit: 51 } });
		expect(big.status).toBe(400);
		expect(big.data).toMatchObject({ error_code: 'max_paging_limit_exceeded', error_details: { name: 'limit' } });
		const cursor = await api.get(FEED, { params: { continuation_uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } });
		expect(cursor.status).toBe(400);
		expect(cursor.data).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'continuation_uuid' } });
		expect((await http(emulator.baseUrl).get(FEED)).status).toBe(401);
	});
});

describe('re-emission', () => {
	test('cancel, new binary version and re-licence come back through the feed', async () => {
		const { cursor } = await drainFeed(api, null, 50);
		const cancelled = (await admin.post('/__admin/purchases/cancel', { uuid: '80101' })).data;
		expect(cancelled).toMatchObject({ uuid: '80101', state: 'cancelled', version: 2 });
		await admin.post('/__admin/purchases/new-binary-version', { uuid: '80111', binaryUuid: '2' });
		const relicensed = (await admin.post('/__admin/purchases/relicense', { uuid: '80104' })).data;

		const { purchases } = await drainFeed(api, cursor, 2);
		expect(purchases.map((p) => p.uuid)).toEqual(['80101', '80111', relicensed.uuid]);
		expect(purchases[0]).toMatchObject({ state: 'cancelled', version: 2 });
		expect(purchases[0].last_updated_at > '2026-10').toBe(true);
		expect(purchases[1].version).toBe(2);
		expect(purchases[2]).toMatchObject({ reused_license_purchase_transaction_uuid: '80104', state: 'completed', version: 1 });
		expect(purchases[2].license_terms[0].to_be_used_until).toBeNull();
		expect(Object.keys(purchases[2]).slice(0, 3)).toEqual(['uuid', 'cart_purchase_transaction_uuid', 'reused_license_purchase_transaction_uuid']);

		const binaries = (await api.get(binariesPath(purchases[1]))).data;
		expect(binaries.map((b) => [b.uuid, b.version])).toEqual([
			['1', 1],
			['2', 2],
			['3', 1],
		]);
	});

	test('a purchase that changes mid-pagination is delivered again later, never lost', async () => {
		const { cursor } = await drainFeed(api, null, 50);
		const added = [];
		for (let i = 0; i < 5; i++) added.push((await admin.post('/__admin/purchases/add', { template: '80101' })).data.uuid);
		const first = (await api.get(FEED, { params: { continuation_uuid: cursor, limit: 2 } })).data;
		expect(first.license_purchase_transactions.map((p) => p.uuid)).toEqual(added.slice(0, 2));
		await admin.post('/__admin/purchases/cancel', { uuid: added[0] });
		await admin.post('/__admin/purchases/update', { uuid: added[3], patch: { current_downloads: 1 } });
		const rest = await drainFeed(api, first.continuation_uuid, 2);
		expect(rest.purchases.map((p) => p.uuid)).toEqual([added[2], added[4], added[0], added[3]]);
		expect(rest.purchases.find((p) => p.uuid === added[3]).current_downloads).toBe(1);
		const delivered = new Set([...first.license_purchase_transactions, ...rest.purchases].map((p) => p.uuid));
		expect([...delivered].sort()).toEqual([...added].sort());
	});

	test('cursors survive a restart on the same data dir', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-feed-'));
		try {
			let run = await start({ dataDir });
			const page = (await run.api.get(FEED, { params: { limit: 7 } })).data;
			await run.admin.post('/__admin/purchases/cancel', { uuid: page.license_purchase_transactions[0].uuid });
			await run.emulator.close();
			run = await start({ dataDir });
			try {
				const rest = await drainFeed(run.api, page.continuation_uuid, 4);
				const uuids = [...page.license_purchase_transactions, ...rest.purchases].map((p) => p.uuid);
				expect(uuids).toHaveLength(17);
				expect(new Set(uuids).size).toBe(16);
				expect(uuids[16]).toBe(page.license_purchase_transactions[0].uuid);
				expect(rest.purchases[rest.purchases.length - 1].state).toBe('cancelled');
			} finally {
				await run.emulator.close();
			}
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('binaries', () => {
	let byUuid;
	beforeAll(async () => {
		const { purchases } = await drainFeed(api, null, 50);
		byUuid = Object.fromEntries(purchases.map((p) => [p.uuid, p]));
	});

	test('the fixture purchase has one binary whose pre-signed URL works without Authorization', async () => {
		const response = await api.get(binariesPath(byUuid['79468']));
		expect(response.status).toBe(200);
		expect(response.data).toEqual([
			{
				uuid: '1',
				content_type: 'image',
				binary_type: 'standard',
				name: [],
				description: [],
				usage: [],
				download_url: expect.stringContaining('/files/'),
				recommended_file_name: 'adobestock_61019726.jpg',
				culture: 'en',
				version: 1,
			},
		]);
		const file = await axios.get(response.data[0].download_url, { responseType: 'arraybuffer' });
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('image/jpeg');
		expect(Buffer.from(file.data).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		expect(file.headers['content-disposition']).toContain('adobestock_61019726.jpg');
	});

	test('a compound purchase has several binaries; can_be_synced false has none', async () => {
		const compound = (await api.get(binariesPath(byUuid['80111']))).data;
		expect(compound.map((b) => b.uuid)).toEqual(['1', '2', '3']);
		expect(compound.map((b) => b.binary_type)).toEqual(['standard', 'alternative', 'layout']);
		expect(compound[2].content_type).toBe('document');
		const pdf = await axios.get(compound[2].download_url, { responseType: 'arraybuffer' });
		expect(Buffer.from(pdf.data).toString('latin1', 0, 5)).toBe('%PDF-');
		const none = await api.get(binariesPath(byUuid['80113']));
		expect(none.status).toBe(200);
		expect(none.data).toEqual([]);
	});

	test('download URLs expire: 403 after the clock moves an hour', async () => {
		const [binary] = (await api.get(binariesPath(byUuid['80115']))).data;
		expect((await axios.get(binary.download_url, { validateStatus: () => true })).status).toBe(200);
		await admin.post('/__admin/clock', { advanceSeconds: 3601 });
		try {
			const expired = await axios.get(binary.download_url, { validateStatus: () => true });
			expect(expired.status).toBe(403);
			expect(expired.data.error_code).toBe('permission_denied');
		} finally {
			await admin.post('/__admin/clock', { advanceSeconds: -3601 });
		}
	});

	test('wrong cart or unknown purchase → 404', async () => {
		const wrongCart = await api.get(`/consumer/v1/sync/cart-purchase-transactions/1/license-purchase-transactions/79468/binaries`);
		expect(wrongCart.status).toBe(404);
		expect(wrongCart.data.error_code).toBe('not_found');
		const unknown = await api.get(`/consumer/v1/sync/cart-purchase-transactions/3525/license-purchase-transactions/1/binaries`);
		expect(unknown.status).toBe(404);
	});
});

describe('generic metadata', () => {
	test('15 localized key lists in en and de, covering the keys the purchases use', async () => {
		const response = await api.get('/consumer/v1/sync/generic-metadata');
		expect(response.status).toBe(200);
		const lists = response.data;
		expect(Object.keys(lists).sort()).toEqual(
			[
				'providers',
				'content_types',
				'binary_types',
				'content_categories',
				'license_types',
				'release_states',
				'license_exclusivities',
				'license_usages',
				'license_sizes',
				'license_placements',
				'license_distributions',
				'license_geographies',
				'license_industries',
				'license_languages',
				'license_usage_limits',
			].sort(),
		);
		for (const entries of Object.values(lists)) {
			for (const entry of entries) expect(entry).toEqual({ culture: expect.stringMatching(/^(en|de)$/), metadata_element: expect.objectContaining({ key: expect.any(String), name: expect.any(String) }) });
			const keys = new Set(entries.map((e) => e.metadata_element.key));
			expect(entries.length).toBe(keys.size * 2);
		}
		const keysOf = (list) => lists[list].map((e) => e.metadata_element.key);
		const { purchases } = await drainFeed(api, null, 50);
		for (const purchase of purchases) {
			expect(keysOf('providers')).toContain(purchase.content_element.provider);
			for (const term of purchase.license_terms) {
				for (const key of [...term.allowed_geographies, ...term.restricted_geographies]) expect(keysOf('license_geographies')).toContain(key);
				for (const key of [...term.allowed_usages, ...term.restricted_usages]) expect(keysOf('license_usages')).toContain(key);
			}
		}
	});
});
