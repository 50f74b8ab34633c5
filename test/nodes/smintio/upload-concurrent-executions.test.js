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
