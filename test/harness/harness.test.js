'use strict';

// Proves test/helpers/n8n-harness.js: fixture nodes run through n8n-core's real engine against a
// local HTTP service (fixtures/fixture-server.js).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { NodeApiError } = require('n8n-workflow');

const { createHarness } = require('../helpers/n8n-harness');
const { listen, closeServer } = require('../helpers/ports');
const { createFixtureServer, hashChunks } = require('./fixtures/fixture-server');
const credentialTypes = require('./fixtures/credentials');
const { HttpFixture } = require('./fixtures/HttpFixture.node');
const { PollFixture } = require('./fixtures/PollFixture.node');
const { VersionedFixture } = require('./fixtures/VersionedFixture.node');

const HTTP = 'harnessFixtures.httpFixture';
const POLL = 'harnessFixtures.pollFixture';
const VERSIONED = 'harnessFixtures.versionedFixture';
const nodeTypes = { [HTTP]: HttpFixture, [POLL]: PollFixture, [VERSIONED]: VersionedFixture };

const FILE_SIZE = 3 * 1024 * 1024 + 123; // several chunks, not a multiple of the chunk size

let fixture;
let baseUrl;

beforeAll(async () => {
	fixture = createFixtureServer();
	baseUrl = await listen(fixture.server);
});

afterAll(async () => {
	await closeServer(fixture.server);
});

const requestsTo = (pathname) => fixture.state.requests.filter((request) => request.path === pathname);

describe('with binary data in filesystem mode', () => {
	let harness;

	beforeAll(async () => {
		harness = await createHarness({
			nodeTypes,
			credentialTypes,
			binaryDataMode: 'filesystem',
			credentials: {
				'API key': { baseUrl, apiKey: 'key-1' },
				Session: { baseUrl, username: 'ada', password: 'pw' },
				OAuth2: { baseUrl, clientId: 'client-1', clientSecret: 'secret-1', oauthTokenData: fixture.grant('client-1') },
				'Client credentials': { baseUrl, clientId: 'client-1', clientSecret: 'secret-1' },
			},
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	/** Makes the stored OAuth2 access token invalid on the server, as when it expires. */
	const expireStoredToken = (credentialName) => {
		const { access_token: accessToken } = harness.getCredentialData(credentialName).oauthTokenData;
		fixture.expire(accessToken);
		return accessToken;
	};

	describe('generic credential auth (API key)', () => {
		test('adds the header and query parameter from credential expressions, with the type default applied', async () => {
			const result = await harness.runNode({
				type: HTTP,
				parameters: { operation: 'getItem', path: '={{ "/items/" + $json.id }}' },
				credentials: { harnessApiKeyApi: 'API key' },
				inputItems: [{ json: { id: 'a1' } }, { json: { id: 'b2' } }],
			});

			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([
				{ json: { id: 'a1', name: 'Item a1', auth: 'apiKey' }, pairedItem: { item: 0 } },
				{ json: { id: 'b2', name: 'Item b2', auth: 'apiKey' }, pairedItem: { item: 1 } },
			]);
			const [request] = requestsTo('/items/a1');
			expect(request.headers['x-api-key']).toBe('key-1');
			expect(request.query.tenant).toBe('acme'); // not stored: the credential type's default
		});

		test('runWorkflow chains nodes and reports each node’s output and the execution order', async () => {
			const result = await harness.runWorkflow({
				nodes: [
					{ name: 'Fetch', type: HTTP, parameters: { operation: 'getItem', path: '/items/w1' }, credentials: { harnessApiKeyApi: 'API key' } },
					// The expression walks paired items back to Fetch's item: "Item w1".length = 7.
					{ name: 'Scale', type: VERSIONED, typeVersion: 1, parameters: { factor: "={{ $('Fetch').item.json.name.length }}" } },
				],
				connections: { Fetch: { main: [[{ node: 'Scale', type: 'main', index: 0 }]] } },
				inputItems: [{ json: { value: 3 } }],
			});

			expect(result.error).toBeUndefined();
			expect(result.nodeExecutionOrder).toEqual(['Fetch', 'Scale']);
			expect(result.items('Fetch')[0].json).toEqual({ id: 'w1', name: 'Item w1', auth: 'apiKey' });
			expect(result.items('Scale')).toEqual([{ json: { version: 1, value: 7 }, pairedItem: { item: 0 } }]);
			expect(Object.keys(result.outputs())).toEqual(['Fetch', 'Scale']);
		});
	});

	describe('credential types', () => {
		test('`extends` is merged, hidden fields come from the type, and $self expressions resolve', async () => {
			harness.setCredential('OAuth2 with stored URL', { baseUrl, clientId: 'c', clientSecret: 's', accessTokenUrl: 'http://elsewhere/token' });
			const resolved = await harness.getDecryptedCredential('OAuth2 with stored URL', 'harnessOAuth2Api');

			expect(resolved).toMatchObject({
				baseUrl,
				accessTokenUrl: `${baseUrl}/token`, // hidden in the type: the stored value is ignored
				authUrl: `${baseUrl}/authorize`,
				grantType: 'authorizationCode',
				scope: 'files.read files.write',
				authentication: 'header',
				clientId: 'c', // a field only the parent oAuth2Api defines
				useDynamicClientRegistration: false, // a default only the parent defines
			});
			// Parent fields marked doNotInherit are not inherited, as in n8n.
			expect(resolved).not.toHaveProperty('tokenExpiredStatusCode');
			expect(resolved).not.toHaveProperty('ignoreSSLIssues');
		});

		test('runWorkflow honours pinned data in place of a node’s output', async () => {
			const result = await harness.runWorkflow({
				nodes: [
					{ name: 'Fetch', type: HTTP, parameters: { operation: 'getItem', path: '/items/never' }, credentials: { harnessApiKeyApi: 'API key' } },
					{ name: 'Scale', type: VERSIONED, parameters: { factor: 3 } },
				],
				connections: { Fetch: { main: [[{ node: 'Scale', type: 'main', index: 0 }]] } },
				pinData: { Fetch: [{ json: { value: 5 } }] },
			});

			expect(result.error).toBeUndefined();
			expect(result.items('Scale').map((item) => item.json)).toEqual([{ version: 2, value: 15 }]);
			expect(requestsTo('/items/never')).toHaveLength(0);
		});
	});

	describe('preAuthentication (expirable session token)', () => {
		test('fetches a token on first use, persists it, and fetches a new one after a 401', async () => {
			const first = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'session', operation: 'getItem', path: '/items/s1' },
				credentials: { harnessSessionApi: 'Session' },
			});
			expect(first.items[0].json.auth).toBe('session');
			const firstToken = harness.getCredentialData('Session').sessionToken;
			expect(firstToken).toMatch(/^sess-/);

			fixture.state.sessions.delete(firstToken);
			const second = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'session', operation: 'getItem', path: '/items/s2' },
				credentials: { harnessSessionApi: 'Session' },
			});
			expect(second.error).toBeUndefined();
			expect(second.items[0].json).toEqual({ id: 's2', name: 'Item s2', auth: 'session' });
			const secondToken = harness.getCredentialData('Session').sessionToken;
			expect(secondToken).toMatch(/^sess-/);
			expect(secondToken).not.toBe(firstToken);
			expect(requestsTo('/session')).toHaveLength(2);
		});
	});

	describe('OAuth2 (authorization code with refresh token)', () => {
		test('on a 401 n8n refreshes against accessTokenUrl, retries, and the new token is persisted', async () => {
			const expired = expireStoredToken('OAuth2');
			const { refresh_token: refreshToken } = harness.getCredentialData('OAuth2').oauthTokenData;
			const tokenRequestsBefore = fixture.state.tokenRequests.length;

			const result = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'oAuth2', operation: 'getItem', path: '/items/o1' },
				credentials: { harnessOAuth2Api: 'OAuth2' },
			});

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual({ id: 'o1', name: 'Item o1', auth: 'bearer' });
			expect(fixture.state.tokenRequests.slice(tokenRequestsBefore)).toEqual([
				{ grantType: 'refresh_token', clientAuth: 'header', clientId: 'client-1', scope: null, refreshToken },
			]);
			const stored = harness.getCredentialData('OAuth2').oauthTokenData;
			expect(stored.access_token).not.toBe(expired);
			expect(fixture.state.accessTokens.has(stored.access_token)).toBe(true);
			expect(stored.refresh_token).toBe(refreshToken); // the server did not rotate it: kept
			expect(harness.credentialEvents.at(-1)).toMatchObject({ kind: 'oauthTokenData', credential: 'OAuth2' });
			const [retried] = requestsTo('/items/o1').slice(-1);
			expect(retried.headers.authorization).toBe(`Bearer ${stored.access_token}`);
		});

		test('a later run uses the persisted token without another refresh', async () => {
			const tokenRequestsBefore = fixture.state.tokenRequests.length;
			const result = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'oAuth2', operation: 'getItem', path: '/items/o2' },
				credentials: { harnessOAuth2Api: 'OAuth2' },
			});
			expect(result.items[0].json.auth).toBe('bearer');
			expect(fixture.state.tokenRequests.length).toBe(tokenRequestsBefore);
		});
	});

	describe('OAuth2 (client credentials)', () => {
		test('fetches a token when none is stored, and fetches a new one after a 401', async () => {
			const tokenRequestsBefore = fixture.state.tokenRequests.length;
			const first = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'clientCredentials', operation: 'getItem', path: '/items/c1' },
				credentials: { harnessClientCredentialsApi: 'Client credentials' },
			});
			expect(first.items[0].json.auth).toBe('bearer');
			const firstToken = harness.getCredentialData('Client credentials').oauthTokenData.access_token;
			expect(firstToken).toMatch(/^cc-/);

			fixture.expire(firstToken);
			const second = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'clientCredentials', operation: 'getItem', path: '/items/c2' },
				credentials: { harnessClientCredentialsApi: 'Client credentials' },
			});
			expect(second.error).toBeUndefined();
			expect(second.items[0].json.auth).toBe('bearer');
			const secondToken = harness.getCredentialData('Client credentials').oauthTokenData.access_token;
			expect(secondToken).toMatch(/^cc-/);
			expect(secondToken).not.toBe(firstToken);
			expect(fixture.state.tokenRequests.slice(tokenRequestsBefore).map((r) => [r.grantType, r.clientAuth, r.scope])).toEqual([
				['client_credentials', 'body', 'files.read'],
				['client_credentials', 'body', 'files.read'],
			]);
		});
	});

	describe('Continue On Fail and paired items', () => {
		const inputItems = [{ json: { id: 'k1' } }, { json: { id: 'missing' } }, { json: { id: 'k3' } }];
		const parameters = { operation: 'getItem', path: '={{ "/items/" + $json.id }}' };

		test('a failing item becomes an error item paired to its input, and later items still run', async () => {
			const result = await harness.runNode({ type: HTTP, parameters, credentials: { harnessApiKeyApi: 'API key' }, inputItems, continueOnFail: true });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(result.items[0].json.id).toBe('k1');
			expect(result.items[1].json.error).toMatch(/could not be found/);
			expect(result.items[2].json.id).toBe('k3');
		});

		test('without it the execution stops with a NodeApiError naming the item', async () => {
			const before = requestsTo('/items/k3').length;
			const result = await harness.runNode({ type: HTTP, parameters, credentials: { harnessApiKeyApi: 'API key' }, inputItems });

			// The engine stores a plain copy of the error ({ ...error, message, stack }), as n8n saves it.
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404', description: 'No item missing' });
			expect(result.error.context.itemIndex).toBe(1);
			expect(result.run.status).toBe('error');
			expect(requestsTo('/items/k3').length).toBe(before); // item 3 never ran
		});
	});

	describe('binary data', () => {
		test('a streamed download lands on disk as filesystem binary data and reads back intact in chunks', async () => {
			const downloaded = await harness.runNode({
				type: HTTP,
				parameters: { operation: 'download', path: `/download?size=${FILE_SIZE}`, fileName: 'photo.bin' },
				credentials: { harnessApiKeyApi: 'API key' },
			});
			expect(downloaded.error).toBeUndefined();
			const binary = downloaded.items[0].binary.data;
			const served = fixture.state.downloads.at(-1);

			// On disk, referenced by id; the item carries no payload.
			expect(binary.id).toMatch(/^filesystem-v2:/);
			expect(binary.data).toBe('filesystem-v2');
			expect(binary).toMatchObject({ fileName: 'photo.bin', bytes: FILE_SIZE, mimeType: 'application/octet-stream' });
			const filePath = harness.binaryPath(binary);
			expect(filePath.startsWith(harness.tmpDir)).toBe(true);
			expect(fs.statSync(filePath).size).toBe(FILE_SIZE);
			expect(JSON.stringify(downloaded.items[0]).length).toBeLessThan(2000);
			expect(await harness.hashBinary(binary)).toEqual({ hash: served.sha256, bytes: FILE_SIZE });

			const read = await harness.runNode({
				type: HTTP,
				parameters: { operation: 'readBinary', chunkSize: 100000 },
				inputItems: [{ json: {}, binary: { data: binary } }],
			});
			expect(read.error).toBeUndefined();
			expect(read.items[0].json).toMatchObject({ sha256: served.sha256, bytes: FILE_SIZE, largestChunk: 100000, binaryId: binary.id });
		});

		test('binaryFromBuffer and binaryFromFile store through n8n and give filesystem ids', async () => {
			const fromBuffer = await harness.binaryFromBuffer(Buffer.from('hello harness'), { fileName: 'hello.txt', mimeType: 'text/plain' });
			expect(fromBuffer).toMatchObject({ fileName: 'hello.txt', mimeType: 'text/plain', bytes: 13, data: 'filesystem-v2' });
			expect((await harness.readBinary(fromBuffer)).toString()).toBe('hello harness');

			const sourcePath = path.join(harness.tmpDir, 'source.bin');
			fs.writeFileSync(sourcePath, Buffer.concat([...fixture.state.contentChunks(FILE_SIZE)]));
			const fromFile = await harness.binaryFromFile(sourcePath, { mimeType: 'image/jpeg' });
			expect(fromFile).toMatchObject({ fileName: 'source.bin', mimeType: 'image/jpeg', bytes: FILE_SIZE });
			expect(fromFile.id).toMatch(/^filesystem-v2:/);
			expect(harness.binaryPath(fromFile)).not.toBe(sourcePath); // a copy in n8n's store
			expect((await harness.hashBinary(fromFile)).hash).toBe(hashChunks(fixture.state.contentChunks(FILE_SIZE)).sha256);
		});
	});

	describe('streaming upload with a Blob-like body (no stream import in the node)', () => {
		let source;
		const expected = () => hashChunks(fixture.state.contentChunks(FILE_SIZE));

		beforeAll(async () => {
			source = await harness.binaryFromBuffer(Buffer.concat([...fixture.state.contentChunks(FILE_SIZE)]), {
				fileName: 'asset "one".jpg',
				mimeType: 'image/jpeg',
			});
		});

		const upload = async (authentication, credentials, extra = {}) =>
			await harness.runNode({
				type: HTTP,
				parameters: { authentication, operation: 'upload', path: '/upload', chunkSize: 256 * 1024, ...extra },
				credentials,
				inputItems: [{ json: {}, binary: { data: source } }],
			});

		test('generic auth: multipart is streamed with Content-Length and Content-Type from the Blob', async () => {
			const result = await upload('apiKey', { harnessApiKeyApi: 'API key' });

			expect(result.error).toBeUndefined();
			const received = result.items[0].json;
			expect(received).toMatchObject({ sha256: expected().sha256, bytes: FILE_SIZE, fileName: 'asset %22one%22.jpg', fileMimeType: 'image/jpeg', fields: { purpose: 'harness' } });
			expect(received.contentType).toMatch(/^multipart\/form-data; boundary=----n8nBoundary[0-9a-f]{24}$/);
			expect(Number(received.contentLength)).toBe(received.rawBytes);
			expect(received.rawBytes).toBeGreaterThan(FILE_SIZE);
			expect(received.transferEncoding).toBeUndefined(); // not chunked: the length was known
			expect(received.bodyStreamOpened).toBe(1);
		});

		test('generic auth: a raw octet-stream body the same way', async () => {
			const result = await upload('apiKey', { harnessApiKeyApi: 'API key' }, { bodyFormat: 'raw' });

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ sha256: expected().sha256, bytes: FILE_SIZE, rawBytes: FILE_SIZE, contentLength: String(FILE_SIZE), contentType: 'image/jpeg' });
		});

		test('OAuth2: after a 401 n8n refreshes the token and resends, re-opening the binary stream', async () => {
			const expired = expireStoredToken('OAuth2');
			const result = await upload('oAuth2', { harnessOAuth2Api: 'OAuth2' });

			expect(result.error).toBeUndefined();
			const received = result.items[0].json;
			expect(received).toMatchObject({ sha256: expected().sha256, bytes: FILE_SIZE });
			expect(Number(received.contentLength)).toBe(received.rawBytes);
			expect(received.bodyStreamOpened).toBe(2);
			const attempts = requestsTo('/upload').slice(-2);
			expect(attempts.map((attempt) => attempt.headers.authorization)).toEqual([
				`Bearer ${expired}`,
				`Bearer ${harness.getCredentialData('OAuth2').oauthTokenData.access_token}`,
			]);
		});

		// When the server answers 401 without reading the body and closes the connection, it is a
		// race whether axios sees the 401 (n8n refreshes and resends) or the write fails with EPIPE
		// first (n8n does not refresh). The fixture node then refreshes with
		// helpers.refreshOAuth2Token and sends once more; either way one refresh, one resend.
		test('OAuth2: a 401 sent before the body is read ends in one refresh and one resend', async () => {
			expireStoredToken('OAuth2');
			const tokenRequestsBefore = fixture.state.tokenRequests.length;
			fixture.state.rejectBeforeReadingBody = true;
			try {
				const result = await upload('oAuth2', { harnessOAuth2Api: 'OAuth2' });
				expect(result.error).toBeUndefined();
				expect(result.items[0].json).toMatchObject({ sha256: expected().sha256, bytes: FILE_SIZE, bodyStreamOpened: 2 });
				expect(fixture.state.tokenRequests.length - tokenRequestsBefore).toBe(1);
			} finally {
				fixture.state.rejectBeforeReadingBody = false;
			}
		});

		test('OAuth2 client credentials: the same refresh-then-resend', async () => {
			expireStoredToken('Client credentials');
			const result = await upload('clientCredentials', { harnessClientCredentialsApi: 'Client credentials' }, { bodyFormat: 'raw' });

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ sha256: expected().sha256, bytes: FILE_SIZE, bodyStreamOpened: 2 });
		});

		test('contrast: a Stream body is single-use, so n8n does not resend it after the refresh', async () => {
			expireStoredToken('OAuth2');
			const result = await harness.runNode({
				type: HTTP,
				parameters: { authentication: 'oAuth2', operation: 'uploadStreamBody', path: '/upload' },
				credentials: { harnessOAuth2Api: 'OAuth2' },
				inputItems: [{ json: {}, binary: { data: source } }],
			});

			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			expect(harness.logs.some((log) => log.level === 'warn' && /was not retried after the token refresh/.test(log.message))).toBe(true);
		});
	});

	describe('polling trigger', () => {
		const credentials = { harnessApiKeyApi: 'API key' };

		test('keeps its cursor in static data across polls and restarts', async () => {
			fixture.addEvent({ type: 'old' });

			const activation = await harness.poll({ type: POLL, credentials });
			expect(activation.items).toBeNull(); // starts from "now": the old event is not emitted
			expect(activation.staticData).toEqual({ cursor: 1 });
			expect(activation.staticDataChanged).toBe(true);

			fixture.addEvent({ type: 'added' });
			fixture.addEvent({ type: 'updated' });
			const second = await harness.poll({ type: POLL, credentials });
			expect(second.error).toBeUndefined();
			expect(second.items.map((item) => item.json)).toEqual([
				{ id: 2, type: 'added' },
				{ id: 3, type: 'updated' },
			]);
			expect(second.staticData).toEqual({ cursor: 3 });

			const nothingNew = await harness.poll({ type: POLL, credentials });
			expect(nothingNew.items).toBeNull();

			// A restart from a saved copy of the static data taken before the second poll.
			const replay = await harness.poll({ type: POLL, credentials, staticData: activation.staticData });
			expect(replay.items.map((item) => item.json.id)).toEqual([2, 3]);
		});

		test('manual mode ("Fetch test event") returns a sample through WorkflowExecute and keeps the cursor', async () => {
			const before = await harness.poll({ type: POLL, credentials });
			const manual = await harness.poll({ type: POLL, credentials, mode: 'manual' });
			expect(manual.items.map((item) => item.json)).toEqual([fixture.state.events.at(-1)]);
			expect(manual.staticData).toEqual(before.staticData);
			expect(manual.staticDataChanged).toBe(false);
		});

		test('an error in poll() is emitted, as n8n reports it for an active workflow', async () => {
			harness.setCredential('Bad key', { baseUrl, apiKey: 'wrong' });
			const result = await harness.poll({ type: POLL, name: 'Bad Poller', credentials: { harnessApiKeyApi: 'Bad key' } });
			expect(result.items).toBeNull();
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error.httpCode).toBe('401');
		});
	});

	describe('listSearch and loadOptions', () => {
		test('a resource-locator search runs in a LoadOptionsContext with filter, paging and sibling parameters', async () => {
			const firstPage = await harness.listSearch({
				type: HTTP,
				method: 'searchFolders',
				filter: 'camp',
				parameters: { parent: '/Brand' },
				credentials: { harnessApiKeyApi: 'API key' },
			});
			expect(firstPage).toEqual({
				results: [
					{ name: 'Campaigns', value: 'f2' },
					{ name: 'Campaign Assets', value: 'f3' },
				],
				paginationToken: '2',
			});
			expect(fixture.state.requests.at(-1).query).toMatchObject({ filter: 'camp', parent: '/Brand', tenant: 'acme' });

			const secondPage = await harness.listSearch({
				type: HTTP,
				method: 'searchFolders',
				filter: 'camp',
				paginationToken: firstPage.paginationToken,
				credentials: { harnessApiKeyApi: 'API key' },
			});
			expect(secondPage).toEqual({ results: [{ name: 'Campaign Old', value: 'f5' }], paginationToken: undefined });
		});

		test('loadOptions returns the options', async () => {
			const options = await harness.loadOptions({ type: HTTP, method: 'getFolderOptions', credentials: { harnessApiKeyApi: 'API key' } });
			expect(options.map((option) => option.value)).toEqual(['f1', 'f2']);
		});
	});

	describe('versioned nodes', () => {
		test('the node runs the version asked for, and the default version otherwise', async () => {
			const inputItems = [{ json: { value: 2 } }];
			const v1 = await harness.runNode({ type: VERSIONED, typeVersion: 1, inputItems });
			const byDefault = await harness.runNode({ type: VERSIONED, inputItems });
			expect(v1.items[0].json).toEqual({ version: 1, value: 20 });
			expect(byDefault.items[0].json).toEqual({ version: 2, value: 40 });
		});
	});
});

describe('with binary data in default (memory) mode', () => {
	let harness;
	let tmpDir;

	beforeAll(async () => {
		tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-default-'));
		harness = await createHarness({ nodeTypes, credentialTypes, binaryDataMode: 'default', tmpDir, credentials: { 'API key': { baseUrl, apiKey: 'key-1' } } });
	});

	afterAll(async () => {
		await harness.close();
		fs.rmSync(tmpDir, { recursive: true, force: true });
	});

	test('a download is kept as base64 in the item, with no id', async () => {
		const result = await harness.runNode({
			type: HTTP,
			parameters: { operation: 'download', path: '/download?size=1000' },
			credentials: { harnessApiKeyApi: 'API key' },
		});
		const binary = result.items[0].binary.data;
		expect(binary.id).toBeUndefined();
		expect(Buffer.from(binary.data, 'base64')).toEqual(Buffer.concat([...fixture.state.contentChunks(1000)]));
		expect((await harness.readBinary(binary)).length).toBe(1000);
	});

	test('only one harness may be open at a time', async () => {
		await expect(createHarness({ nodeTypes })).rejects.toThrow(/another harness is still open/);
	});
});
