'use strict';
// Asset > Upload in two executions at once over the same External IDs (as two n8n workers run
// them in queue mode): both look up before either creates, so both try to create. The
// emulator's create is conditional on External ID (409 external_id_exists); the node then treats
// the asset as found, so each External ID ends with one asset and no execution fails.

const crypto = require('node:crypto');
const { setup, pngBytes } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup();
});
afterAll(async () => ctx && (await ctx.close()));
afterEach(async () => ctx.setFaults({}));

const png = (seed) => pngBytes(seed, 5000);
const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
async function items(prefix, seeds) {
	return await Promise.all(
		seeds.map(async (seed, n) => ({
			json: { externalId: `${prefix}-${n}` },
			binary: { data: await ctx.harness.binaryFromBuffer(png(seed), { fileName: `file-${n}.png`, mimeType: 'image/png' }) },
		})),
	);
}
async function calls(route) {
	return (await ctx.admin.get('/counters')).data.calls[route] ?? 0;
}
const upload = (parameters, inputItems) =>
	ctx.run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', externalId: '={{ $json.externalId }}', ...parameters }, { inputItems });
/** Slow uploads: both executions finish their look-ups long before either creates. */
const slowUploads = () => ctx.setFaults({ routes: { uploadFile: { latencyMs: 1500 } }, include: ['uploadFile'] });

test('two executions uploading the same 3 new files at once create each asset once', async () => {
	const prefix = 'dropbox:race-skip';
	await slowUploads();
	const [first, second] = await Promise.all([upload({}, await items(prefix, [1, 2, 3])), upload({}, await items(prefix, [1, 2, 3]))]);
	expect(first.error).toBeUndefined();
	expect(second.error).toBeUndefined();
	const stored = (await ctx.assets()).filter((asset) => asset.externalId?.startsWith(prefix));
	expect(stored.map((asset) => asset.externalId).sort()).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
	const outputs = [...first.items, ...second.items].map((item) => item.json);
	expect(outputs.filter((json) => json.action === 'created')).toHaveLength(3);
	// Both looked up before either created: the losing create of each ID was refused by Smint.io.
	const lost = outputs.filter((json) => json.createdConcurrently === true);
	expect(lost).toHaveLength(3);
	for (const json of lost) {
		expect(json.action).toBe('skipped');
		expect(stored.find((asset) => asset.externalId === json.externalId).id).toBe(json.id);
	}
});

test('with Replace Binary If Content Differs the losing execution replaces with the file it uploaded (not sent twice)', async () => {
	const prefix = 'dropbox:race-replace';
	await slowUploads();
	const uploadsBefore = await calls('uploadFile');
	const [first, second] = await Promise.all([
		upload({ ifExists: 'replaceBinaryIfDifferent' }, await items(prefix, ['a'])),
		upload({ ifExists: 'replaceBinaryIfDifferent' }, await items(prefix, ['b'])),
	]);
	expect(first.error).toBeUndefined();
	expect(second.error).toBeUndefined();
	const stored = (await ctx.assets()).filter((asset) => asset.externalId === `${prefix}-0`);
	expect(stored).toHaveLength(1);
	const outcomes = [first.items[0].json, second.items[0].json].sort((x, y) => x.action.localeCompare(y.action));
	expect(outcomes.map((json) => json.action)).toEqual(['binaryReplaced', 'created']);
	expect(outcomes[0].createdConcurrently).toBe(true);
	// The asset holds the bytes of the execution that replaced (version 2), uploaded once each.
	expect(stored[0].version).toBe(2);
	expect(stored[0].fileMetadata.sha1Hash).toBe(outcomes[0].sha1);
	expect([sha1(png('a')), sha1(png('b'))]).toContain(outcomes[0].sha1);
	expect((await calls('uploadFile')) - uploadsBefore).toBe(2);
});

describe('Options > Look Up External IDs First off (an earlier node looked them up, as template 1 does)', () => {
	const noLookUp = (parameters = {}) => ({ ...parameters, options: { lookUpExternalIds: false, ...(parameters.options ?? {}) } });
	const searches = () => calls('IAssetsSearch.searchAssetsAsync');

	test('new files: no search, one upload and one create each', async () => {
		const prefix = 'dropbox:nolookup-new';
		const before = { searches: await searches(), creates: await calls('IAssetsWrite.createAssetAsync') };
		const { items: out, error } = await upload(noLookUp(), await items(prefix, [11, 12, 13]));
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.action)).toEqual(['created', 'created', 'created']);
		expect((await searches()) - before.searches).toBe(0);
		expect((await calls('IAssetsWrite.createAssetAsync')) - before.creates).toBe(3);
	});

	test('a rerun over files that are assets already creates nothing: the conditional create finds each asset', async () => {
		const prefix = 'dropbox:nolookup-rerun';
		await upload({}, await items(prefix, [21, 22]));
		const rerun = await upload(noLookUp(), await items(prefix, [21, 22]));
		expect(rerun.error).toBeUndefined();
		expect(rerun.items.map((item) => [item.json.action, item.json.foundOnCreate])).toEqual([
			['skipped', true],
			['skipped', true],
		]);
		const stored = (await ctx.assets()).filter((asset) => asset.externalId?.startsWith(prefix));
		expect(stored).toHaveLength(2);
		// Replace Binary If Content Differs: a changed file replaces the binary of the asset found on create.
		const changed = await upload(noLookUp({ ifExists: 'replaceBinaryIfDifferent' }), await items(prefix, [99, 22]));
		expect(changed.error).toBeUndefined();
		expect(changed.items.map((item) => item.json.action)).toEqual(['binaryReplaced', 'skipped']);
		const after = (await ctx.assets()).filter((asset) => asset.externalId?.startsWith(prefix));
		expect(after).toHaveLength(2);
		expect(after.find((asset) => asset.externalId === `${prefix}-0`).fileMetadata.sha1Hash).toBe(sha1(png(99)));
	});

	test('two executions at once over the same new files create each asset once', async () => {
		const prefix = 'dropbox:nolookup-race';
		await slowUploads();
		const [first, second] = await Promise.all([upload(noLookUp(), await items(prefix, [31, 32, 33])), upload(noLookUp(), await items(prefix, [31, 32, 33]))]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const stored = (await ctx.assets()).filter((asset) => asset.externalId?.startsWith(prefix));
		expect(stored.map((asset) => asset.externalId).sort()).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
		const outputs = [...first.items, ...second.items].map((item) => item.json);
		expect(outputs.filter((json) => json.action === 'created')).toHaveLength(3);
		expect(outputs.filter((json) => json.action === 'skipped' && json.foundOnCreate === true)).toHaveLength(3);
	});

	test('the same External ID twice in one input: the second item finds the asset the first created', async () => {
		const prefix = 'dropbox:nolookup-dup';
		const input = await items(prefix, [41, 42]);
		input[1].json.externalId = `${prefix}-0`;
		const before = await calls('IAssetsWrite.createAssetAsync');
		const { items: out, error } = await upload(noLookUp(), input);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.action)).toEqual(['created', 'skipped']);
		expect((await calls('IAssetsWrite.createAssetAsync')) - before).toBe(1);
		expect((await ctx.assets()).filter((asset) => asset.externalId === `${prefix}-0`)).toHaveLength(1);
	});
});
