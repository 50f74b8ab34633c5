'use strict';
// n8n's default binary mode keeps file bytes in the item (base64) instead of the filesystem
// store: upload and download must work there too (small files; big ones need filesystem mode).

const crypto = require('node:crypto');
const { setup, rl } = require('./setup');

let ctx;
beforeAll(async () => {
	ctx = await setup({ binaryDataMode: 'default' });
});
afterAll(async () => ctx && (await ctx.close()));

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');

test('upload from and download into in-memory binary data', async () => {
	const bytes = crypto.randomBytes(50_000);
	const binary = await ctx.harness.binaryFromBuffer(bytes, { fileName: 'memory.png', mimeType: 'image/png' });
	expect(binary.id).toBeUndefined();
	const up = await ctx.run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', externalId: 'mem:1' }, { inputItems: [{ json: {}, binary: { data: binary } }] });
	expect(up.error).toBeUndefined();
	const stored = await ctx.adminGet(`/assets?id=${encodeURIComponent(up.items[0].json.id)}`);
	expect(stored.fileMetadata.sha1Hash).toBe(sha1(bytes));

	const down = await ctx.run({ resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'data' });
	expect(down.error).toBeUndefined();
	expect(down.items[0].binary.data.id).toBeUndefined();
	expect(sha1(Buffer.from(down.items[0].binary.data.data, 'base64'))).toBe(sha1(bytes));
	expect(down.items[0].json.download.sha1Verified).toBe(true);
});
