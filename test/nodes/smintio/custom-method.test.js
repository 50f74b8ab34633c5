'use strict';
// Custom Method > Call: any Portals Interface.method with JSON parameters.

const { setup } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));

const call = (parameters, runOptions) => ctx.run({ resource: 'customMethod', operation: 'call', ...parameters }, runOptions);

test('calls a method and returns the parsed result of its (long-running) background task', async () => {
	const asset = await ctx.assetByFileName('brand-logo-mono.png');
	const { items, error } = await call({ interfaceName: 'IAssetsRead', methodName: 'getAssetsAsync', parameters: JSON.stringify({ assetIds: [{ id: asset.id }] }) });
	expect(error).toBeUndefined();
	expect(items[0].json.assetDataObjects.map((a) => a.id)).toEqual([asset.id]);
});

test('parameters from an expression (an object) and an empty body ([])', async () => {
	const { items } = await call(
		{ interfaceName: 'ICollectionsSearch', methodName: 'searchCollectionsAsync', parameters: '={{ { queryString: $json.q, page: 0, pageSize: 5 } }}' },
		{ inputItems: [{ json: { q: 'Germany' } }] },
	);
	const expected = (await ctx.collections()).filter((c) => `${c.name} ${c.description ?? ''}`.toLowerCase().includes('germany'));
	expect(items[0].json.collections.map((c) => c.collectionId).sort()).toEqual(expected.map((c) => c.collectionId).sort());
	expect(items[0].json.collections.map((c) => c.name)).toContain('Germany');
	const empty = await call({ interfaceName: 'IAssetsChanges', methodName: 'getChangesAsync', parameters: '{}', options: { sendNoParameters: true } });
	expect(Array.isArray(empty.items[0].json.changes)).toBe(true);
});

test('invalid JSON is a NodeOperationError naming the item and the fix; nothing is sent', async () => {
	const before = (await ctx.admin.get('/counters')).data.totalCalls;
	const { error } = await call({ interfaceName: 'IAssetsSearch', methodName: 'searchAssetsAsync', parameters: '{"page": 0,}' });
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(/^Parameters \(JSON\) is not valid JSON: .*\(item index 0\)$/);
	expect(error.description).toMatch(/double quotes/);
	// Only the admin call above counts: the node sent nothing.
	expect((await ctx.admin.get('/counters')).data.totalCalls).toBe(before);
});

test('a bad interface name is refused; an unknown method is Smint.io\'s 404; a task error is a NodeApiError', async () => {
	const bad = await call({ interfaceName: 'assets', methodName: 'x', parameters: '{}' });
	expect(bad.error.message).toMatch(/Interface 'assets' is not a Portals interface name/);
	const unknown = await call({ interfaceName: 'IAssetsRead', methodName: 'deleteEverythingAsync', parameters: '{}' });
	expect(unknown.error.name).toBe('NodeApiError');
	expect(unknown.error.httpCode).toBe('404');
	const taskError = await call({ interfaceName: 'IAssetsRead', methodName: 'getAssetAsync', parameters: '{"assetId": {"id": "99:image:nope"}}' });
	expect(taskError.error.name).toBe('NodeApiError');
	expect(taskError.error.httpCode).toBe('404');
	expect(taskError.error.description).toContain('not_found');
});
