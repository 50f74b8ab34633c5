'use strict';

// Options > Parallel Requests on Set Properties and the read operations (Get Tags, List
// Revisions, Get Temporary Link, Get Properties): output order, pairing and error semantics as
// one by one, at most Parallel Requests calls in flight (counted at the emulator), items for the
// same file in input order, the property template created once, and 429s retried per item.

const http = require('node:http');

const { startEnvironment } = require('./setup');

const path = (value) => ({ __rl: true, mode: 'path', value });
const itemsFor = (paths) => paths.map((p) => ({ json: { p } }));
const FILES = Array.from({ length: 10 }, (_, index) => `/PPar/f${index}.txt`);
const TEMPLATE = 'Parallel test template';

let env;
let admin;

// Requests the emulator (in this process) is serving at once, per route.
const inFlight = new Map();
const maxInFlight = new Map();
const originalEmit = http.Server.prototype.emit;

beforeAll(async () => {
	env = await startEnvironment();
	admin = env.admin;
	http.Server.prototype.emit = function (event, req, res) {
		if (event === 'request' && req.url.startsWith('/2/')) {
			const route = req.url.slice(3).split('?')[0];
			inFlight.set(route, (inFlight.get(route) ?? 0) + 1);
			maxInFlight.set(route, Math.max(maxInFlight.get(route) ?? 0, inFlight.get(route)));
			res.once('close', () => inFlight.set(route, inFlight.get(route) - 1));
		}
		return originalEmit.apply(this, arguments);
	};
	for (const [index, file] of FILES.entries()) {
		await admin.write(file, `first ${index}`);
		await admin.write(file, `second ${index}`);
	}
	// Tags for Get Tags (one per file: its index).
	await env.run({ resource: 'file', operation: 'addTags', file: path('={{ $json.p }}'), tags: '={{ "tag_" + $json.p.match(/f(\\d+)/)[1] }}' }, { inputItems: itemsFor(FILES) });
});

afterAll(async () => {
	http.Server.prototype.emit = originalEmit;
	await env?.close();
});

async function measured(route, latencyMs, run) {
	maxInFlight.clear();
	await admin.setFaults({ routes: { [route]: { latencyMs } } });
	await admin.resetCounters();
	try {
		return { ...(await run()), maxInFlight: maxInFlight.get(route) ?? 0, counters: await admin.counters() };
	} finally {
		await admin.setFaults({});
	}
}

const setProperties = (inputItems, { parallelRequests, continueOnFail = false, value = '={{ $json.v ?? $json.p }}' } = {}) =>
	env.run(
		{
			resource: 'file',
			operation: 'setProperties',
			file: path('={{ $json.p }}'),
			templateName: TEMPLATE,
			properties: { property: [{ name: 'source_path', value }, { name: 'marker', value: 'parallel' }] },
			options: parallelRequests === undefined ? {} : { parallelRequests },
		},
		{ inputItems, continueOnFail },
	);

describe('Set Properties: Parallel Requests', () => {
	test('10 files, 4 at a time: output in input order and paired, the template created once, every file holds its values', async () => {
		const { items, error, maxInFlight: most, counters } = await measured('file_properties/properties/update', 80, async () => await setProperties(itemsFor(FILES), { parallelRequests: 4 }));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(FILES.map((_, index) => ({ item: index })));
		expect(items.map((item) => item.json.path)).toEqual(FILES);
		expect(items.map((item) => item.json.properties.source_path)).toEqual(FILES);
		expect(most).toBe(4);
		// Every item chained on the first one's template: one created, none extended.
		expect(counters.calls['file_properties/templates/add_for_user']).toBe(1);
		expect(counters.calls['file_properties/templates/update_for_user'] ?? 0).toBe(0);
		const templateId = items[0].json.template_id;
		for (const file of FILES) {
			const groups = (await admin.file(file)).metadata.property_groups;
			expect(groups).toEqual([{ template_id: templateId, fields: expect.arrayContaining([{ name: 'source_path', value: file }]) }]);
		}
	});

	test('Parallel Requests 1 works one item at a time', async () => {
		const { error, maxInFlight: most } = await measured('file_properties/properties/update', 30, async () => await setProperties(itemsFor(FILES.slice(0, 4)), { parallelRequests: 1 }));
		expect(error).toBeUndefined();
		expect(most).toBe(1);
	});

	test('items for the same file run in input order: the last item\'s value stays', async () => {
		const inputItems = [
			{ json: { p: '/PPar/f0.txt', v: 'one' } },
			{ json: { p: '/PPar/f1.txt', v: 'other' } },
			{ json: { p: '/ppar/F0.TXT', v: 'two' } },
			{ json: { p: '/PPar/f0.txt', v: 'three' } },
		];
		// The first update of f0 is slow: without ordering, "two" or "three" would land before it.
		await admin.setFaults({ schedule: [{ route: 'file_properties/properties/update', call: 1, fault: 'latency', latencyMs: 300 }] });
		const { items, error } = await setProperties(inputItems, { parallelRequests: 4 });
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.properties.source_path)).toEqual(['one', 'other', 'two', 'three']);
		const fields = (await admin.file('/PPar/f0.txt')).metadata.property_groups[0].fields;
		expect(fields).toContainEqual({ name: 'source_path', value: 'three' });
	});

	test('Continue On Fail: each failed item is its own error item at its place; the others are written', async () => {
		const paths = ['/PPar/f1.txt', '/PPar/missing.txt', 'relative.txt', '/PPar/f2.txt'];
		const { items, error } = await setProperties(itemsFor(paths), { parallelRequests: 3, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(items[1].json).toMatchObject({ error: expect.stringContaining('/PPar/missing.txt'), details: { itemIndex: 1 } });
		expect(items[2].json.error).toBe('The file path "relative.txt" does not start with "/" (item 2)');
		expect(items[0].json.properties.source_path).toBe('/PPar/f1.txt');
		expect(items[3].json.properties.source_path).toBe('/PPar/f2.txt');
	});

	test('without Continue On Fail the lowest-index failure is thrown', async () => {
		const { items, error } = await setProperties(itemsFor(['/PPar/f1.txt', '/PPar/missing-1.txt', 'bad-2.txt']), { parallelRequests: 3 });
		expect(items).toEqual([]);
		expect(error.context.itemIndex).toBe(1);
	});

	test('429 with Retry-After on writes in flight: retried, every file written once', async () => {
		await admin.resetCounters();
		await admin.setFaults({
			retryAfterSeconds: 0,
			schedule: [1, 3, 5].map((call) => ({ route: 'file_properties/properties/update', call, fault: 'rateLimit' })),
		});
		const { items, error } = await setProperties(itemsFor(FILES.slice(0, 6)).map((item) => ({ json: { ...item.json, v: `429-${item.json.p}` } })), { parallelRequests: 5 });
		const counters = await admin.counters();
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(counters.faults.rateLimit).toBe(3);
		expect(counters.calls['file_properties/properties/update']).toBe(6 + 3);
		expect(items.map((item) => item.json.properties.source_path)).toEqual(FILES.slice(0, 6).map((file) => `429-${file}`));
	});
});

const READS = [
	{ operation: 'getTags', route: 'files/tags/get', check: (item, index) => expect(item.json.tags).toEqual([`tag_${index}`]) },
	{ operation: 'listRevisions', route: 'files/list_revisions', parameters: { limit: 5 }, perItem: 2, check: (item, index) => expect(item.json.path_display).toBe(FILES[index]) },
	{ operation: 'getTemporaryLink', route: 'files/get_temporary_link', check: (item, index) => expect(item.json).toMatchObject({ path_display: FILES[index], link: expect.any(String) }) },
	{
		operation: 'getProperties',
		route: 'files/get_metadata',
		parameters: { templateName: TEMPLATE },
		check: (item, index) => expect(item.json).toMatchObject({ path: FILES[index], properties: { marker: 'parallel' } }),
	},
];

describe.each(READS)('$operation: Parallel Requests', ({ operation, route, parameters = {}, perItem = 1, check }) => {
	const read = (paths, { parallelRequests, continueOnFail = false } = {}) =>
		env.run(
			{ resource: 'file', operation, file: path('={{ $json.p }}'), ...parameters, options: parallelRequests === undefined ? {} : { parallelRequests } },
			{ inputItems: itemsFor(paths), continueOnFail },
		);

	beforeAll(async () => {
		// Get Properties reads what Set Properties wrote on every file.
		if (operation === 'getProperties') expect((await setProperties(itemsFor(FILES), { parallelRequests: 5 })).error).toBeUndefined();
	});

	test('10 items, 5 at a time (the default): output in input order, paired', async () => {
		const { items, error, maxInFlight: most } = await measured(route, 80, async () => await read(FILES));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(FILES.length * perItem);
		const firstOfItem = items.filter((_, position) => position % perItem === 0);
		expect(firstOfItem.map((item) => item.pairedItem.item)).toEqual(FILES.map((_, index) => index));
		firstOfItem.forEach((item, index) => check(item, index));
		expect(most).toBe(5);
	});

	test('Parallel Requests 1 reads one by one', async () => {
		const { error, maxInFlight: most } = await measured(route, 30, async () => await read(FILES.slice(0, 3), { parallelRequests: 1 }));
		expect(error).toBeUndefined();
		expect(most).toBe(1);
	});

	test('Continue On Fail: a missing file is its own error item at its place', async () => {
		const { items, error } = await read(['/PPar/f0.txt', '/PPar/nope.txt', '/PPar/f2.txt'], { parallelRequests: 3, continueOnFail: true });
		expect(error).toBeUndefined();
		const paired = items.map((item) => item.pairedItem.item);
		expect([...new Set(paired)]).toEqual([0, 1, 2]);
		const failed = items.filter((item) => item.pairedItem.item === 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({ error: expect.stringContaining('/PPar/nope.txt'), details: { itemIndex: 1 } });
		check(items.find((item) => item.pairedItem.item === 2), 2);
	});

	test('without Continue On Fail the lowest-index failure is thrown', async () => {
		const { items, error } = await read(['/PPar/f0.txt', '/PPar/nope-1.txt', 'bad-2.txt'], { parallelRequests: 3 });
		expect(items).toEqual([]);
		expect(error.context.itemIndex).toBe(1);
	});

	test('429 with Retry-After on calls in flight: retried per item, output as without faults', async () => {
		await admin.resetCounters();
		await admin.setFaults({ retryAfterSeconds: 0, schedule: [1, 2, 4].map((call) => ({ route, call, fault: 'rateLimit' })) });
		const { items, error } = await read(FILES.slice(0, 5), { parallelRequests: 5 });
		const counters = await admin.counters();
		await admin.setFaults({});
		expect(error).toBeUndefined();
		expect(counters.faults.rateLimit).toBe(3);
		expect(counters.calls[route]).toBe(5 + 3);
		items.filter((_, position) => position % perItem === 0).forEach((item, index) => check(item, index));
	});
});
