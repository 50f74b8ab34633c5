'use strict';

// File > Search by Property through n8n-core's engine against the Dropbox emulator, whose
// property search pages 2 matches at a time here so paging is exercised.

const { startEnvironment } = require('./setup');

const path = (value) => ({ __rl: true, mode: 'path', value });

let env;
let admin;

beforeAll(async () => {
	env = await startEnvironment({ emulator: { propertySearchPageSize: 2 } });
	admin = env.admin;
	const files = [
		['/Team/a1.jpg', 'A-1'],
		['/Partners/Acme/a1.jpg', 'A-1'],
		['/Projects/Web/a1.jpg', 'A-1'],
		['/Partners/Acme/a2.jpg', 'A-2'],
		['/Partners/Acme/a3.jpg', 'A-3'],
	];
	for (const [file] of files) await admin.write(file, file);
	await admin.write('/Other/plain.jpg', 'nobody delivered this');
	const set = await env.run(
		{
			resource: 'file',
			operation: 'setProperties',
			file: path('={{ $json.file }}'),
			templateName: 'Smint.io delivery',
			properties: { property: [{ name: 'smintio_asset_id', value: '={{ $json.asset }}' }] },
		},
		{ inputItems: files.map(([file, asset]) => ({ json: { file, asset } })) },
	);
	expect(set.error).toBeUndefined();
	// The same value under another template must not be found when a template is named.
	const other = await env.run({
		resource: 'file',
		operation: 'setProperties',
		file: path('/Other/plain.jpg'),
		templateName: 'Another template',
		properties: { property: [{ name: 'smintio_asset_id', value: 'A-1' }] },
	});
	expect(other.error).toBeUndefined();
});

afterAll(async () => {
	await env?.close();
});

const callsTo = async (route) => (await admin.counters()).calls[route] ?? 0;
const search = (parameters, runOptions) =>
	env.run({ resource: 'file', operation: 'searchProperties', templateName: 'Smint.io delivery', propertyName: 'smintio_asset_id', ...parameters }, runOptions);

test('Return All pages through search/continue and returns every copy once, with its properties', async () => {
	await admin.resetCounters();
	const { items, error } = await search({ values: 'A-1, A-2', returnAll: true });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.path).sort()).toEqual(['/Partners/Acme/a1.jpg', '/Partners/Acme/a2.jpg', '/Projects/Web/a1.jpg', '/Team/a1.jpg']);
	for (const item of items) {
		expect(item.json.id).toMatch(/^id:/);
		expect(item.json.properties).toEqual({ smintio_asset_id: item.json.path.endsWith('a2.jpg') ? 'A-2' : 'A-1' });
		expect(item.pairedItem).toEqual({ item: 0 });
	}
	expect(await callsTo('file_properties/properties/search')).toBe(1);
	expect(await callsTo('file_properties/properties/search/continue')).toBe(1);
	expect(await callsTo('files/list_folder')).toBe(0);
});

test('Limit stops early; a list of values from an expression works', async () => {
	await admin.resetCounters();
	const { items } = await search({ values: '={{ ["A-1", "A-3"] }}', returnAll: false, limit: 2 });
	expect(items).toHaveLength(2);
	expect(await callsTo('file_properties/properties/search/continue')).toBe(0);
	const all = await search({ values: '={{ ["A-1", "A-3"] }}', returnAll: true });
	expect(all.items.map((item) => item.json.path).sort()).toEqual(['/Partners/Acme/a1.jpg', '/Partners/Acme/a3.jpg', '/Projects/Web/a1.jpg', '/Team/a1.jpg']);
});

test('without a template name every template is searched', async () => {
	const { items } = await search({ templateName: '', values: 'A-1', returnAll: true });
	expect(items.map((item) => item.json.path)).toContain('/Other/plain.jpg');
	expect(items).toHaveLength(4);
});

test('Include Metadata adds rev and content_hash; moved files are found where they are now', async () => {
	await admin.move('/Partners/Acme/a2.jpg', '/Withdrawn/a2.jpg');
	const { items } = await search({ values: 'A-2', returnAll: true, options: { includeMetadata: true } });
	expect(items).toHaveLength(1);
	const stored = await admin.file('/Withdrawn/a2.jpg');
	expect(items[0].json).toMatchObject({ path: '/Withdrawn/a2.jpg', metadata: { type: 'file', rev: stored.metadata.rev, content_hash: stored.metadata.content_hash } });
});

test('a template that does not exist finds nothing; an unknown value finds nothing', async () => {
	expect((await search({ templateName: 'no such template', values: 'A-1', returnAll: true })).items).toEqual([]);
	expect((await search({ values: 'A-404', returnAll: true })).items).toEqual([]);
});

test('missing property name or values is a clear error naming the fix', async () => {
	const noValues = await search({ values: ' , ', returnAll: true });
	expect(noValues.error.message).toMatch(/No value to search for in property "smintio_asset_id"/);
	const noName = await search({ propertyName: ' ', values: 'A-1', returnAll: true });
	expect(noName.error.message).toMatch(/Property Name is empty/);
});
