'use strict';
// Asset > Upload: streamed multipart uploadFile + createAssetAsync with every field, the
// External ID idempotency choices, lost replies, expired tokens and input errors. The emulator's
// stored state is the reference.

const crypto = require('node:crypto');
const { setup, SEED_COLLECTIONS, rl } = require('./setup');

let ctx;
beforeAll(async () => {
	// createAssetAsync and replaceAssetBinaryAsync are immediate by contract; long-running here
	// so the node's task polling and its wait for a create still in the making (after a lost
	// reply) stay covered. parallel.test.js runs them immediate.
	ctx = await setup({
		emulator: { longRunningMethods: ['IAssetsRead.getAssetsAsync', 'IAssetsWrite.createAssetAsync', 'IAssetsWrite.replaceAssetBinaryAsync'] },
	});
});
afterAll(async () => ctx && (await ctx.close()));
afterEach(async () => ctx.setFaults({}));

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
const png = (seed, size = 3000) => {
	const bytes = crypto.createHash('sha256').update(String(seed)).digest();
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size, bytes)]);
};
async function inputWith(buffer, fileName = 'upload.png', json = {}) {
	return { json, binary: { data: await ctx.harness.binaryFromBuffer(buffer, { fileName, mimeType: 'image/png' }) } };
}
async function calls(route) {
	return (await ctx.admin.get('/counters')).data.calls[route] ?? 0;
}
async function storedByExternalId(externalId) {
	return (await ctx.assets()).filter((asset) => asset.externalId === externalId);
}
const upload = (parameters, inputItems, runOptions = {}) =>
	ctx.run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', ...parameters }, { inputItems, ...runOptions });

test('creates the asset with every field, from the streamed bytes', async () => {
	const bytes = png('create', 200_000);
	const { items, error } = await upload(
		{
			name: 'Hero 2027',
			externalId: 'dropbox:id:create-1',
			additionalFields: {
				description: 'Key visual',
				tags: 'launch, hero , launch',
				metadata: '{"campaign": "Launch 2027", "market": "DE"}',
				rights: { licenseType: 'royalty_free', licenseTerms: [] },
				approvalState: 'in_review',
				collections: { collection: [{ collection: rl(SEED_COLLECTIONS.review) }, { collection: rl(SEED_COLLECTIONS.germany, 'list') }] },
				publishFrom: '2027-01-15',
			},
			options: { culture: 'de' },
		},
		[await inputWith(bytes, 'hero.png')],
	);
	expect(error).toBeUndefined();
	const json = items[0].json;
	expect(json).toEqual(expect.objectContaining({ action: 'created', skipped: false, sha1: sha1(bytes), externalId: 'dropbox:id:create-1' }));
	const [stored] = await storedByExternalId('dropbox:id:create-1');
	expect(stored.id).toBe(json.id);
	expect(stored.fileMetadata).toEqual(expect.objectContaining({ fileName: 'hero.png', fileSizeInBytes: bytes.length, sha1Hash: sha1(bytes) }));
	expect(stored.name).toEqual({ 'x-default': 'Hero 2027', de: 'Hero 2027' });
	expect(stored.description).toEqual({ 'x-default': 'Key visual', de: 'Key visual' });
	expect(stored.localizedTags).toEqual({ de: ['launch', 'hero'] });
	expect(stored.metadata).toEqual({ campaign: 'Launch 2027', market: 'DE' });
	expect(stored.rights.licenseType).toBe('royalty_free');
	expect(stored.approvalState).toBe('in_review');
	expect(stored.publishFrom).toBe('2027-01-15T00:00:00.000Z');
	expect(stored.collectionIds.sort()).toEqual([SEED_COLLECTIONS.review, SEED_COLLECTIONS.germany].sort());
});

test('External ID: Skip outputs the existing asset and sends nothing', async () => {
	const bytes = png('skip');
	const first = await upload({ externalId: 'ext:skip' }, [await inputWith(bytes)]);
	const uploadsBefore = await calls('uploadFile');
	const second = await upload({ externalId: 'ext:skip', ifExists: 'skip' }, [await inputWith(png('other'))]);
	expect(second.items[0].json).toEqual(expect.objectContaining({ id: first.items[0].json.id, action: 'skipped', skipped: true }));
	expect(await calls('uploadFile')).toBe(uploadsBefore);
	expect(await storedByExternalId('ext:skip')).toHaveLength(1);
});

test('External ID: Update Metadata changes the existing asset (merge) and keeps its file', async () => {
	const bytes = png('meta');
	const first = await upload({ externalId: 'ext:meta', additionalFields: { metadata: '{"a": "1", "b": "2"}' } }, [await inputWith(bytes)]);
	const uploadsBefore = await calls('uploadFile');
	const second = await upload(
		{
			externalId: 'ext:meta',
			ifExists: 'updateMetadata',
			additionalFields: { metadata: '{"b": "3", "c": "4"}', approvalState: 'approved', collections: { collection: [{ collection: rl(SEED_COLLECTIONS.review) }] } },
		},
		[await inputWith(png('ignored'))],
	);
	expect(second.error).toBeUndefined();
	expect(second.items[0].json.action).toBe('metadataUpdated');
	const [stored] = await storedByExternalId('ext:meta');
	expect(stored.id).toBe(first.items[0].json.id);
	expect(stored.metadata).toEqual({ a: '1', b: '3', c: '4' });
	expect(stored.approvalState).toBe('approved');
	expect(stored.collectionIds).toEqual([SEED_COLLECTIONS.review]);
	expect(stored.version).toBe(1);
	expect(stored.fileMetadata.sha1Hash).toBe(sha1(bytes));
	expect(await calls('uploadFile')).toBe(uploadsBefore);
});

test('External ID: Replace Binary If Content Differs uploads only different bytes', async () => {
	const bytes = png('replace');
	await upload({ externalId: 'ext:replace' }, [await inputWith(bytes)]);
	const uploadsBefore = await calls('uploadFile');

	const same = await upload({ externalId: 'ext:replace', ifExists: 'replaceBinaryIfDifferent' }, [await inputWith(bytes, 'again.png')]);
	expect(same.items[0].json).toEqual(expect.objectContaining({ action: 'skipped', sha1: sha1(bytes) }));
	expect(await calls('uploadFile')).toBe(uploadsBefore);

	const changed = png('replace v2', 5000);
	const replaced = await upload({ externalId: 'ext:replace', ifExists: 'replaceBinaryIfDifferent' }, [await inputWith(changed, 'v2.png')]);
	expect(replaced.items[0].json.action).toBe('binaryReplaced');
	expect(await calls('uploadFile')).toBe(uploadsBefore + 1);
	const [stored] = await storedByExternalId('ext:replace');
	expect(stored.version).toBe(2);
	expect(stored.fileMetadata.sha1Hash).toBe(sha1(changed));
});

test('a create whose reply is lost is looked up by External ID, not created twice', async () => {
	await ctx.setFaults({ schedule: [{ route: 'IAssetsWrite.createAssetAsync', call: (await calls('IAssetsWrite.createAssetAsync')) + 1, fault: 'dropAfter' }] });
	const bytes = png('lost reply');
	const { items, error } = await upload({ externalId: 'ext:lost' }, [await inputWith(bytes)]);
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual(expect.objectContaining({ action: 'created', recoveredAfterLostReply: true }));
	const stored = await storedByExternalId('ext:lost');
	expect(stored).toHaveLength(1);
	expect(stored[0].fileMetadata.sha1Hash).toBe(sha1(bytes));
});

test('without External ID a lost create reply is reported, not retried blindly', async () => {
	await ctx.setFaults({ schedule: [{ route: 'IAssetsWrite.createAssetAsync', call: (await calls('IAssetsWrite.createAssetAsync')) + 1, fault: 'dropAfter' }] });
	const { error } = await upload({ name: 'No external id' }, [await inputWith(png('no ext'))]);
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toMatch(/may or may not have been created/);
	expect(error.description).toMatch(/Set an External ID/);
});

test('an expired access token is refreshed through n8n, also when the upload is cut off by an early 401', async () => {
	for (let round = 0; round < 4; round++) {
		await ctx.adminPost('/clock', { advanceSeconds: 3700 }); // every issued token is now expired
		const bytes = png(`token ${round}`, 3 * 1024 * 1024);
		const { items, error } = await upload({ externalId: `ext:token-${round}` }, [await inputWith(bytes)]);
		expect(error).toBeUndefined();
		expect(items[0].json.sha1).toBe(sha1(bytes));
	}
	const refreshes = ctx.harness.credentialEvents.filter((event) => event.kind === 'oauthTokenData');
	expect(refreshes.length).toBeGreaterThanOrEqual(4);
	for (let round = 0; round < 4; round++) expect(await storedByExternalId(`ext:token-${round}`)).toHaveLength(1);
});

describe('bad input', () => {
	test('a missing binary property names the item and the available fields', async () => {
		const { error } = await upload({ binaryPropertyName: 'file' }, [await inputWith(png('x'))]);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe("The item has no binary property 'file' (item index 0)");
		expect(error.description).toContain('data');
	});

	test('invalid JSON in Metadata is refused before anything is sent', async () => {
		const uploadsBefore = await calls('uploadFile');
		const { error } = await upload({ additionalFields: { metadata: '{campaign: Launch}' } }, [await inputWith(png('json'))]);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^Metadata \(JSON\) is not valid JSON/);
		expect(error.description).toMatch(/double quotes/);
		expect(await calls('uploadFile')).toBe(uploadsBefore);
	});

	test('an unknown collection is a NodeOperationError naming it', async () => {
		const { error } = await upload(
			{ externalId: 'ext:badcollection', additionalFields: { collections: { collection: [{ collection: rl('no-such-collection') }] } } },
			[await inputWith(png('collection'))],
		);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain("No collection with ID 'no-such-collection'");
		expect(await storedByExternalId('ext:badcollection')).toHaveLength(0);
	});
});
