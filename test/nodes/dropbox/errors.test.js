'use strict';

// Bad input, Continue On Fail and paired items, both credentials and token refresh. Binary data
// stays in memory here (n8n's "default" mode), so the in-memory upload path is covered too.

const { startEnvironment, bytes, contentHashOf } = require('./setup');

const MiB = 1024 * 1024;
const path = (value) => ({ __rl: true, mode: 'path', value });

let env;
let admin;

beforeAll(async () => {
	env = await startEnvironment({ binaryDataMode: 'default' });
	admin = env.admin;
	await admin.write('/Campaigns/real.jpg', 'real');
	await admin.mkdir('/Campaigns/Folder');
});

afterAll(async () => {
	await env?.close();
});

/** Runs and returns the error, checking it is a NodeOperationError naming item `itemIndex`. */
async function badInput(parameters, runOptions, itemIndex = 0) {
	const { error, items } = await env.run(parameters, runOptions);
	expect(items).toEqual([]);
	expect(error).toBeDefined();
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toContain(`(item ${itemIndex})`);
	expect(error.context.itemIndex).toBe(itemIndex);
	expect(error.description).toEqual(expect.any(String));
	return error;
}

describe('bad input is refused with the problem, the item and the fix, before anything is sent', () => {
	beforeEach(async () => {
		await admin.resetCounters();
	});

	afterEach(async () => {
		// Nothing reached Dropbox.
		expect((await admin.counters()).totalCalls).toBe(0);
	});

	test('a path without a leading slash', async () => {
		// From an expression: a static value would already be flagged by the editor (the locator's regex).
		const error = await badInput({ resource: 'file', operation: 'download', file: path('={{ "Campaigns/x.jpg" }}') });
		expect(error.message).toBe('The file path "Campaigns/x.jpg" does not start with "/" (item 0)');
		expect(error.description).toBe('Write it from the Dropbox root: "/Campaigns/x.jpg"');
	});

	test('".." segments', async () => {
		const error = await badInput({ resource: 'file', operation: 'getMetadata', file: path('/Campaigns/../Secrets/x.jpg') });
		expect(error.message).toMatch(/contains "\.\."/);
		expect(error.description).toMatch(/full path from the root/);
	});

	test('an empty name (from an empty expression) and an over-long name', async () => {
		const empty = await badInput(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), fileName: '={{ $json.name }}' },
			{ inputItems: await env.binaryItems([{ name: undefined, data: Buffer.from('x'), json: { name: '' } }]) },
		);
		expect(empty.message).toMatch(/^The file name \(from the binary data\) is empty/);
		const long = await badInput(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), fileName: `${'n'.repeat(252)}.jpg` },
			{ inputItems: await env.binaryItems([{ name: 'a.jpg', data: Buffer.from('x') }]) },
		);
		expect(long.message).toMatch(/256 characters long/);
		expect(long.description).toMatch(/at most 255 characters/);
		const emptyFolderName = await badInput({ resource: 'folder', operation: 'ensurePath', folderPath: path('/Campaigns//Approved') });
		expect(emptyFolderName.message).toMatch(/empty name between two slashes/);
	});

	test('a missing binary property names the fields the item has', async () => {
		const error = await badInput(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), binaryPropertyName: 'file' },
			{ inputItems: await env.binaryItems([{ name: 'a.jpg', data: Buffer.from('x') }]) },
		);
		expect(error.message).toBe('No binary field "file" on the input item (item 0)');
		expect(error.description).toMatch(/this item has: data/);
		const none = await badInput({ resource: 'file', operation: 'upload', folder: path('/Campaigns') }, { inputItems: [{ json: {} }] });
		expect(none.description).toMatch(/carries no file/);
	});

	test('Update mode without a valid rev, a bad tag, a bad rev to restore, an invalid glob, a past expiry', async () => {
		const noRev = await badInput(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), writeMode: 'update', rev: '={{ $json.rev }}' },
			{ inputItems: await env.binaryItems([{ name: 'a.jpg', data: Buffer.from('x') }]) },
		);
		expect(noRev.message).toMatch(/^Write Mode "Update" needs the rev/);
		expect((await badInput({ resource: 'file', operation: 'restore', file: path('/Campaigns/real.jpg'), rev: 'zz' })).message).toMatch(/is not a Dropbox rev/);
		expect((await badInput({ resource: 'file', operation: 'addTags', file: path('/Campaigns/real.jpg'), tags: 'ok, not ok' })).message).toMatch(/The tag "not ok" is not valid/);
		expect((await badInput({ resource: 'folder', operation: 'list', folder: path('/'), filters: { pathGlob: 'a**b' } })).message).toMatch(/whole folder segment/);
		expect((await badInput({ resource: 'sharedLink', operation: 'create', file: path('/Campaigns/real.jpg'), settings: { expires: '2001-09-09T01:46:40Z' } })).message).toMatch(
			/^Shared link expiry must be in the future/,
		);
	});
});

describe('remote problems in words', () => {
	test('a folder where a file is needed, a stale rev', async () => {
		const link = await env.run({ resource: 'file', operation: 'getTemporaryLink', file: path('/Campaigns/Folder') });
		expect(link.error.name).toBe('NodeOperationError');
		expect(link.error.message).toBe('Path /Campaigns/Folder is a folder; a file is needed');
		const onFolder = await env.run(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), fileName: 'Folder', writeMode: 'overwrite', skipIfIdentical: true },
			{ inputItems: await env.binaryItems([{ name: 'x', data: Buffer.from('x') }]) },
		);
		expect(onFolder.error.message).toBe('Path /Campaigns/Folder is a folder; a file is needed (item 0)');
		const { metadata } = await admin.file('/Campaigns/real.jpg');
		await admin.write('/Campaigns/real.jpg', 'changed meanwhile');
		const stale = await env.run(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), fileName: 'real.jpg', writeMode: 'update', rev: metadata.rev },
			{ inputItems: await env.binaryItems([{ name: 'real.jpg', data: Buffer.from('mine') }]) },
		);
		expect(stale.error.name).toBe('NodeOperationError');
		expect(stale.error.message).toMatch(/^A file with a different revision is already there: \/Campaigns\/real.jpg/);
		expect((await admin.file('/Campaigns/real.jpg')).metadata.content_hash).toBe(contentHashOf(Buffer.from('changed meanwhile')));
	});
});

describe('Continue On Fail and paired items', () => {
	test('per-item operations: every input item gets its output or its error, paired', async () => {
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'getMetadata', file: path('={{ $json.p }}') },
			{ continueOnFail: true, inputItems: [{ json: { p: '/Campaigns/real.jpg' } }, { json: { p: '/Campaigns/x.jpg' } }, { json: { p: 'relative.jpg' } }, { json: { p: '/Campaigns/Folder' } }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json).toMatchObject({ type: 'file', path_display: '/Campaigns/real.jpg' });
		expect(items[1].json).toEqual({ error: 'Nothing at /Campaigns/x.jpg', details: expect.objectContaining({ errorTag: 'path/not_found', path: '/Campaigns/x.jpg', itemIndex: 1 }) });
		expect(items[2].json).toMatchObject({ error: 'The file path "relative.jpg" does not start with "/" (item 2)', details: { errorTag: 'invalid_input', description: 'Write it from the Dropbox root: "/relative.jpg"' } });
		expect(items[3].json).toMatchObject({ type: 'folder' });
	});

	test('without Continue On Fail the failing item stops the node and is named (item 2 of 3)', async () => {
		const { error, items } = await env.run(
			{ resource: 'file', operation: 'getMetadata', file: path('={{ $json.p }}') },
			{ inputItems: [{ json: { p: '/Campaigns/real.jpg' } }, { json: { p: '/Campaigns/real.jpg' } }, { json: { p: 'x' } }] },
		);
		expect(items).toEqual([]);
		expect(error.message).toBe('The file path "x" does not start with "/" (item 2)');
		expect(error.context.itemIndex).toBe(2);
	});

	test('without Continue On Fail the first failing item stops the node, with its index', async () => {
		const { error } = await env.run(
			{ resource: 'file', operation: 'download', file: path('={{ $json.p }}') },
			{ inputItems: [{ json: { p: '/Campaigns/real.jpg' } }, { json: { p: '/Campaigns/x.jpg' } }] },
		);
		expect(error.message).toBe('No file at /Campaigns/x.jpg');
		expect(error.context.itemIndex).toBe(1);
	});

	test('batch uploads: each item reports its own success or failure, in memory binary mode', async () => {
		const good = bytes(9 * MiB + 3, 7);
		const inputItems = await env.binaryItems([
			{ name: 'ok-big.bin', data: good },
			{ name: 'real.jpg', data: Buffer.from('conflicts with an existing file') },
			{ name: 'ok-small.txt', data: Buffer.from('small') },
		]);
		inputItems.splice(2, 0, { json: { note: 'no binary' } });
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'upload', folder: path('/Campaigns'), options: { singleRequestLimitMib: 1, chunkSizeMib: 4 } },
			{ continueOnFail: true, inputItems },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(items[0].json).toMatchObject({ path_display: '/Campaigns/ok-big.bin', uploadMethod: 'batch', content_hash: contentHashOf(good) });
		expect(items[1].json).toMatchObject({ error: 'A file is already at /Campaigns/real.jpg', details: { errorTag: 'path/conflict/file' } });
		expect(items[2].json.error).toBe('No binary field "data" on the input item (item 2)');
		expect(items[3].json).toMatchObject({ path_display: '/Campaigns/ok-small.txt', skipped: false });
		expect((await admin.file('/Campaigns/ok-big.bin')).metadata.content_hash).toBe(contentHashOf(good));
	});

	test('"continue (using error output)" routes failed items to the error output', async () => {
		const { outputs } = await env.run(
			{ resource: 'file', operation: 'getMetadata', file: path('={{ $json.p }}') },
			{ continueOnFail: 'errorOutput', inputItems: [{ json: { p: '/Campaigns/real.jpg' } }, { json: { p: '/Campaigns/x.jpg' } }] },
		);
		expect(outputs[0].map((item) => item.json.path_display)).toEqual(['/Campaigns/real.jpg']);
		expect(outputs[1].map((item) => item.json.error)).toEqual(['Nothing at /Campaigns/x.jpg']);
		expect(outputs[1][0].pairedItem).toEqual({ item: 1 });
	});
});

describe('credentials', () => {
	test('the OAuth2 URLs follow the API Base URL (so Connect works against the sandbox), else Dropbox', async () => {
		const sandbox = await env.harness.getDecryptedCredential('Dropbox', 'dropboxSyncOAuth2Api');
		expect(sandbox).toMatchObject({
			authUrl: `${env.dropbox.baseUrl}/oauth2/authorize`,
			accessTokenUrl: `${env.dropbox.baseUrl}/oauth2/token`,
			authQueryParameters: 'token_access_type=offline',
			grantType: 'authorizationCode',
		});
		expect(sandbox.scope.split(' ').sort()).toEqual(
			['account_info.read', 'files.content.read', 'files.content.write', 'files.metadata.read', 'files.metadata.write', 'sharing.read', 'sharing.write'].sort(),
		);
		env.harness.setCredential('Real Dropbox', { clientId: 'app-key', clientSecret: 'app-secret' });
		const real = await env.harness.getDecryptedCredential('Real Dropbox', 'dropboxSyncOAuth2Api');
		expect(real).toMatchObject({
			authUrl: 'https://www.dropbox.com/oauth2/authorize',
			accessTokenUrl: 'https://api.dropboxapi.com/oauth2/token',
			root: 'home',
			apiBaseUrl: '',
		});
	});

	test('the access-token credential works, and its expiry is explained', async () => {
		const ok = await env.run({ resource: 'file', operation: 'getMetadata', file: path('/Campaigns/real.jpg') }, { credentials: { dropboxSyncApi: 'Dropbox token' } });
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json.name).toBe('real.jpg');

		await admin.expireTokens();
		const expired = await env.run({ resource: 'file', operation: 'getMetadata', file: path('/Campaigns/real.jpg') }, { credentials: { dropboxSyncApi: 'Dropbox token' } });
		expect(expired.error.message).toBe('The Dropbox access token has expired');
		expect(expired.error.description).toMatch(/OAuth2 credential/);
		expect(JSON.stringify(expired.error)).not.toContain(env.dropbox.credentials.accessToken);
	});

	test('OAuth2: an expired token is refreshed by n8n and the new one is stored; a large upload streams again after the refresh', async () => {
		await admin.expireTokens();
		const before = env.harness.getCredentialData('Dropbox').oauthTokenData.access_token;
		const data = bytes(20 * MiB, 9);
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'upload', folder: path('/Refresh'), fileName: 'after-refresh.bin', options: { singleRequestLimitMib: 1, chunkSizeMib: 8 } },
			{ inputItems: await env.binaryItems([{ name: 'x', data }]) },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.content_hash).toBe(contentHashOf(data));
		const after = env.harness.getCredentialData('Dropbox').oauthTokenData.access_token;
		expect(after).not.toBe(before);
		expect((await admin.file('/Refresh/after-refresh.bin')).metadata.content_hash).toBe(contentHashOf(data));
	});
});
