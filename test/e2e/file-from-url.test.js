'use strict';
// File From URL in real n8n: a link node, then the upload node streaming the file from the
// link, in both directions, on an n8n whose binary data lives in its database with a cap below
// the file's size. The file must never enter n8n's binary-data store, so it arrives intact where
// the download-node route is refused by the store.
// Run: npm run build && npx jest test/e2e/file-from-url.test.js --testPathIgnorePatterns=/node_modules/ --runInBand

const { sandboxForTests, outputOf } = require('./support');
const { generatedStream, hashesOfGenerated } = require('../bench/lib/bytes');
const raw = require('../bench/lib/raw-http');
const wf = require('../bench/lib/workflows');

const MIB = 1024 * 1024;
/** Larger than the store's cap below, several upload-session chunks (8 MiB) for Dropbox. */
const SIZE = 40 * MIB + 12345;
const STORE_CAP_MIB = 16;

describe('File From URL: files that never enter n8n\'s binary-data store', () => {
	const ctx = sandboxForTests({ n8nEnv: { N8N_DEFAULT_BINARY_DATA_MODE: 'database', N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: String(STORE_CAP_MIB) } });
	let hashes;
	let assetId;

	beforeAll(async () => {
		await ctx.start();
		hashes = await hashesOfGenerated(SIZE, 'url-e2e');
		await raw.dropboxUploadStream(ctx.stack.dropbox, '/Url E2E/source.bin', generatedStream(SIZE, 'url-e2e'), SIZE);
		assetId = (await raw.smintioCreateAsset(ctx.stack.smintio, 'source.bin', generatedStream(SIZE, 'url-e2e'), SIZE)).id;
	}, 10 * 60 * 1000);
	afterAll(async () => {
		await ctx.stop();
	}, 2 * 60 * 1000);

	const run = async (name, nodes) => {
		const workflow = await ctx.stack.client.importWorkflow(wf.chain(name, nodes));
		return await ctx.stack.client.runWorkflow(workflow.id, { timeoutMs: 300000 });
	};
	const dropboxFile = async (path) => await ctx.dropboxAdmin.get(`/file?path=${encodeURIComponent(path)}&root=home`);

	test('the download-node route is refused by the store: the file is over its cap', async () => {
		const execution = await run('URL e2e · binary route', [wf.smintioDownload(assetId), wf.dropboxUpload('/Url E2E', 'via-store.bin')]);
		expect(execution.status).toBe('error');
		expect(execution.data.resultData.error.message).toMatch(new RegExp(`max size limit of ${STORE_CAP_MIB} MB set for \`database\` mode`));
	});

	test('Smint.io Get Download Link → Dropbox Sync Upload (File From URL, Expected SHA-1): the bytes arrive intact', async () => {
		const upload = wf.dropboxUploadFromUrl('/Url E2E', 'from-smintio.bin');
		upload.parameters.options = { expectedSha1: '={{ $json.downloadLink.sha1 }}' };
		const execution = await run('URL e2e · Smint.io → Dropbox', [wf.smintioDownloadLink(assetId), upload]);
		expect(execution.status).toBe('success');
		const [link] = outputOf(execution, 'Link from Smint.io');
		expect(link.downloadLink).toEqual(expect.objectContaining({ sha1: hashes.sha1, bytes: SIZE, downloadItem: 'Original' }));
		const [uploaded] = outputOf(execution, 'Upload to Dropbox');
		expect(uploaded).toEqual(expect.objectContaining({ size: SIZE, uploadMethod: 'session', skipped: false }));
		const stored = await dropboxFile('/Url E2E/from-smintio.bin');
		expect(stored.metadata.content_hash).toBe(hashes.contentHash);
		// No binary data in the execution: nothing went through the store.
		const runData = execution.data.resultData.runData;
		expect(Object.values(runData).flat().every((nodeRun) => (nodeRun.data?.main?.[0] ?? []).every((item) => !item.binary))).toBe(true);
	});

	test('Dropbox Sync Get Temporary Link → Smint.io Upload (File From URL): the asset holds the same bytes', async () => {
		const execution = await run('URL e2e · Dropbox → Smint.io', [wf.dropboxTemporaryLink('/Url E2E/source.bin'), wf.smintioUploadFromUrl('from-dropbox.bin')]);
		expect(execution.status).toBe('success');
		const [created] = outputOf(execution, 'Upload to Smint.io');
		expect(created).toEqual(expect.objectContaining({ action: 'created', sha1: hashes.sha1 }));
		expect(created.fileMetadata).toEqual(expect.objectContaining({ fileSizeInBytes: SIZE, sha1Hash: hashes.sha1 }));
	});
});
