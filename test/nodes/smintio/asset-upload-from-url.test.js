'use strict';
// Asset > Upload with File From = URL: the bytes stream from a web server (e.g. a Dropbox
// temporary link) straight into uploadFile, never through n8n's binary data. Against the
// Smint.io emulator and a test file server that cuts connections; the emulator's stored state
// is the reference.

const crypto = require('node:crypto');
const { setup } = require('./setup');
const { startFileServer } = require('../../helpers/file-server');

const MiB = 1024 * 1024;
let ctx;
let files;
beforeAll(async () => {
	ctx = await setup({});
	files = await startFileServer();
});
afterAll(async () => {
	await files?.close();
	if (ctx) await ctx.close();
});
afterEach(async () => {
	await ctx.setFaults({});
	files.state.cuts.length = 0;
	files.state.requests.length = 0;
});

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
const bytesOf = (seed, size) => {
	const out = Buffer.allocUnsafe(size);
	for (let offset = 0, counter = 0; offset < size; counter++) offset += crypto.createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, offset);
	return out;
};
async function calls(route) {
	return (await ctx.admin.get('/counters')).data.calls[route] ?? 0;
}
async function storedByExternalId(externalId) {
	return (await ctx.assets()).filter((asset) => asset.externalId === externalId);
}
const uploadFromUrl = (parameters, inputItems = [{ json: {} }]) => ctx.run({ resource: 'asset', operation: 'upload', source: 'url', ...parameters }, { inputItems });

test('creates the asset from a file at a URL: named by the server, bytes intact (SHA-1), fetched once', async () => {
	const data = bytesOf('url-create', 3 * MiB + 17);
	const sourceUrl = files.put('/temp/link', data, { type: 'video/mp4', disposition: "attachment; filename*=UTF-8''Kampagne%20%C3%9C.mp4" });
	const { items, error } = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-1' });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual(expect.objectContaining({ action: 'created', sha1: sha1(data) }));
	const [stored] = await storedByExternalId('dropbox:id:url-1');
	expect(stored.fileMetadata).toEqual(expect.objectContaining({ fileName: 'Kampagne Ü.mp4', fileSizeInBytes: data.length, sha1Hash: sha1(data) }));
	expect(files.requestsTo('/temp/link')).toHaveLength(1);
	expect(files.requestsTo('/temp/link')[0].headers.authorization).toBeUndefined();
});

test('a source connection that breaks mid-file continues with a Range request; the asset holds the whole file', async () => {
	const data = bytesOf('url-cut', 4 * MiB);
	const sourceUrl = files.put('/temp/cut.mov', data);
	files.state.cuts.push({ path: '/temp/cut.mov', cutAfter: 2 * MiB + 5 });
	const uploadsBefore = await calls('uploadFile');
	const { error } = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-cut' });
	expect(error).toBeUndefined();
	const [stored] = await storedByExternalId('dropbox:id:url-cut');
	expect(stored.fileMetadata.sha1Hash).toBe(sha1(data));
	const requests = files.requestsTo('/temp/cut.mov');
	expect(requests).toHaveLength(2);
	expect(requests[1].headers.range).toMatch(/^bytes=\d+-$/);
	// The break is invisible to Smint.io: one uploadFile, not a resend.
	expect((await calls('uploadFile')) - uploadsBefore).toBe(1);
});

test('an uploadFile retried after a lost connection fetches the file again from its start', async () => {
	const data = bytesOf('url-retry', 1 * MiB);
	const sourceUrl = files.put('/temp/retry.bin', data);
	await ctx.setFaults({ schedule: [{ route: 'uploadFile', call: (await calls('uploadFile')) + 1, fault: 'drop' }] });
	const { error } = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-retry' });
	expect(error).toBeUndefined();
	const [stored] = await storedByExternalId('dropbox:id:url-retry');
	expect(stored.fileMetadata.sha1Hash).toBe(sha1(data));
	// One GET per attempt of uploadFile: the first response is used up by the failed attempt.
	expect(files.requestsTo('/temp/retry.bin').map((request) => request.headers.range)).toEqual([undefined, undefined]);
});

test('an existing asset with Skip: nothing is uploaded and the URL is only asked for its headers', async () => {
	const data = bytesOf('url-skip', 2 * MiB);
	const sourceUrl = files.put('/temp/skip.bin', data);
	expect((await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-skip' })).error).toBeUndefined();
	const uploadsBefore = await calls('uploadFile');
	const { items, error } = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-skip', ifExists: 'skip' });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual(expect.objectContaining({ action: 'skipped' }));
	expect(await calls('uploadFile')).toBe(uploadsBefore);
	expect(await storedByExternalId('dropbox:id:url-skip')).toHaveLength(1);
	// One GET per run: the second one's response was closed unread.
	expect(files.requestsTo('/temp/skip.bin')).toHaveLength(2);
});

test('a URL that names no file needs Options > File Name (an empty one is refused); with it the upload works', async () => {
	const data = bytesOf('url-noname', 5000);
	const sourceUrl = files.put('/temp/', data);
	const unnamed = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-noname' });
	expect(unnamed.error.name).toBe('NodeOperationError');
	expect(unnamed.error.message).toMatch(/names no file/);
	expect(unnamed.error.description).toMatch(/Options > File Name/);
	expect(JSON.stringify(unnamed.error.message)).not.toContain('secret-signature');
	const empty = await uploadFromUrl({ sourceUrl: ' ', externalId: 'dropbox:id:url-noname' });
	expect(empty.error.name).toBe('NodeOperationError');
	expect(empty.error.message).toMatch(/^File URL is empty/);
	expect(empty.error.description).toMatch(/Get Temporary Link/);
	const named = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-noname', options: { fileName: 'brief.pdf' } });
	expect(named.error).toBeUndefined();
	const [stored] = await storedByExternalId('dropbox:id:url-noname');
	expect(stored.fileMetadata).toEqual(expect.objectContaining({ fileName: 'brief.pdf', sha1Hash: sha1(data) }));
});

test('a source file that changes mid-upload fails the item with the reason, once: no asset, no resend of a changed file', async () => {
	const data = bytesOf('url-change', 3 * MiB);
	const sourceUrl = files.put('/temp/changing.mov', data);
	files.state.cuts.push({ path: '/temp/changing.mov', cutAfter: 1 * MiB });
	files.state.beforeServe = (requested, number) => {
		if (requested === '/temp/changing.mov' && number === 2) files.put('/temp/changing.mov', bytesOf('url-change-2', 4 * MiB));
	};
	const uploadsBefore = await calls('uploadFile');
	const { error } = await uploadFromUrl({ sourceUrl, externalId: 'dropbox:id:url-change' });
	files.state.beforeServe = null;
	expect(error).toBeDefined();
	expect(error.message).toMatch(/changed while it was being read \(4194304 bytes instead of 3145728\)/);
	expect(JSON.stringify(error.message)).not.toContain('secret-signature');
	expect(await storedByExternalId('dropbox:id:url-change')).toHaveLength(0);
	expect(files.requestsTo('/temp/changing.mov')).toHaveLength(2);
	expect((await calls('uploadFile')) - uploadsBefore).toBeLessThanOrEqual(1);
});
