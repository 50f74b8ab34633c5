'use strict';

// Peak memory of 1 GiB going through a node: a streamed download into filesystem binary data,
// a read back with getBinaryStream, a streamed Blob-like upload, and the same upload through
// OAuth2 with an expired token (n8n refreshes, then the body is streamed a second time).
// The test server runs in this process too, so the figures include it.
// Run alone: npx jest test/harness/memory.test.js   (size: HARNESS_MEMORY_BYTES, default 1 GiB)

const { createHarness } = require('../helpers/n8n-harness');
const { measurePeakRss } = require('../helpers/memory');
const { listen, closeServer } = require('../helpers/ports');
const { createFixtureServer, hashChunks } = require('./fixtures/fixture-server');
const credentialTypes = require('./fixtures/credentials');
const { HttpFixture } = require('./fixtures/HttpFixture.node');

const HTTP = 'harnessFixtures.httpFixture';
const SIZE = Number(process.env.HARNESS_MEMORY_BYTES ?? 1024 * 1024 * 1024);
const LIMIT_MB = 300;
// The absolute limit includes jest and n8n-core themselves (~220 MB here), so each phase is also
// held to a growth bound: streaming 1 GiB must not add more than this above where it started.
const GROWTH_LIMIT_MB = 100;

jest.setTimeout(600_000);

let fixture;
let harness;
let expectedSha256;
let binary;
const figures = [];

const record = (phase, started, memory) => {
	const seconds = (Date.now() - started) / 1000;
	const growthMb = Math.round((memory.peakMb - memory.startMb) * 10) / 10;
	figures.push({ phase, seconds: seconds.toFixed(1), 'MiB/s': (SIZE / 1024 / 1024 / seconds).toFixed(0), growthMb, ...memory });
	expect(memory.peakMb).toBeLessThan(LIMIT_MB);
	expect(growthMb).toBeLessThan(GROWTH_LIMIT_MB);
};

beforeAll(async () => {
	fixture = createFixtureServer();
	const baseUrl = await listen(fixture.server);
	harness = await createHarness({
		nodeTypes: { [HTTP]: HttpFixture },
		credentialTypes,
		binaryDataMode: 'filesystem',
		credentials: {
			'API key': { baseUrl, apiKey: 'key-1' },
			OAuth2: { baseUrl, clientId: 'client-1', clientSecret: 'secret-1', oauthTokenData: fixture.grant('client-1') },
		},
	});
	expectedSha256 = hashChunks(fixture.state.contentChunks(SIZE, { reuse: true })).sha256;
});

afterAll(async () => {
	console.log(`Peak RSS of the jest process, ${SIZE} bytes (limit ${LIMIT_MB} MB):\n${formatTable(figures)}`);
	await harness?.close();
	await closeServer(fixture.server);
});

function formatTable(rows) {
	const columns = ['phase', 'seconds', 'MiB/s', 'startMb', 'peakMb', 'growthMb', 'source', 'sampledPeakMb'];
	return [columns.join('\t'), ...rows.map((row) => columns.map((column) => row[column]).join('\t'))].join('\n');
}

test('download streams into filesystem binary data', async () => {
	const started = Date.now();
	const { result, memory } = await measurePeakRss(
		async () =>
			await harness.runNode({
				type: HTTP,
				parameters: { operation: 'download', path: `/download?size=${SIZE}`, fileName: 'big.bin' },
				credentials: { harnessApiKeyApi: 'API key' },
			}),
	);
	record('download', started, memory);

	expect(result.error).toBeUndefined();
	binary = result.items[0].binary.data;
	expect(binary).toMatchObject({ bytes: SIZE, data: 'filesystem-v2' });
	expect(fixture.state.downloads.at(-1).sha256).toBe(expectedSha256);
});

test('getBinaryStream reads it back intact', async () => {
	const started = Date.now();
	const { result, memory } = await measurePeakRss(
		async () =>
			await harness.runNode({
				type: HTTP,
				parameters: { operation: 'readBinary', chunkSize: 4 * 1024 * 1024 },
				inputItems: [{ json: {}, binary: { data: binary } }],
			}),
	);
	record('read back', started, memory);

	expect(result.items[0].json).toMatchObject({ sha256: expectedSha256, bytes: SIZE });
});

test('a Blob-like multipart upload streams it (generic auth)', async () => {
	const started = Date.now();
	const { result, memory } = await measurePeakRss(
		async () =>
			await harness.runNode({
				type: HTTP,
				parameters: { operation: 'upload', path: '/upload', chunkSize: 1024 * 1024 },
				credentials: { harnessApiKeyApi: 'API key' },
				inputItems: [{ json: {}, binary: { data: binary } }],
			}),
	);
	record('upload', started, memory);

	expect(result.error).toBeUndefined();
	const received = result.items[0].json;
	expect(received).toMatchObject({ sha256: expectedSha256, bytes: SIZE });
	expect(Number(received.contentLength)).toBe(received.rawBytes);
});

test('the same upload through OAuth2 with an expired token: refresh, then a second full stream', async () => {
	fixture.expire(harness.getCredentialData('OAuth2').oauthTokenData.access_token);
	const started = Date.now();
	const { result, memory } = await measurePeakRss(
		async () =>
			await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'oAuth2', operation: 'upload', path: '/upload', chunkSize: 1024 * 1024 },
				credentials: { harnessOAuth2Api: 'OAuth2' },
				inputItems: [{ json: {}, binary: { data: binary } }],
			}),
	);
	record('upload, 401 + refresh + resend', started, memory);

	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ sha256: expectedSha256, bytes: SIZE, bodyStreamOpened: 2 });
});
