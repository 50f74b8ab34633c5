'use strict';
// Wire-level behaviour the SDK does not exercise (400 plain-text replies for malformed calls,
// `arg` in the URL as n8n sends it) and the sandbox admin API (inspect state, act as a user,
// expire tokens, reset to the seed).

const { contentHashOf } = require('../../../sandbox/dropbox/content-hash');
const { startEmulator, client, expectDropboxError, rawCall } = require('./helpers');

describe('Dropbox emulator: wire details and admin API', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator();
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	const admin = async (method, path, body) => {
		const response = await fetch(`${emulator.baseUrl}/__admin${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		return { status: response.status, json: text ? JSON.parse(text) : undefined };
	};

	describe('malformed calls are 400 plain text', () => {
		const json = { 'Content-Type': 'application/json' };

		test('bad JSON, wrong Content-Type, missing body, a body for a no-argument route', async () => {
			const badJson = await rawCall(emulator, 'files/list_folder', { headers: json, body: '{"path": ' });
			expect(badJson.status).toBe(400);
			expect(badJson.headers.get('content-type')).toContain('text/plain');
			expect(badJson.text).toBe('Error in call to API function "files/list_folder": request body: could not decode input as JSON');
			const textType = await rawCall(emulator, 'files/list_folder', { headers: { 'Content-Type': 'text/plain' }, body: '{"path": ""}' });
			expect(textType.status).toBe(400);
			expect(textType.text).toContain('Bad HTTP "Content-Type" header: "text/plain"');
			const noBody = await rawCall(emulator, 'files/list_folder', {});
			expect(noBody.status).toBe(400);
			const voidWithArg = await rawCall(emulator, 'users/get_current_account', { headers: json, body: '{"x": 1}' });
			expect(voidWithArg.status).toBe(400);
			const voidNull = await rawCall(emulator, 'users/get_current_account', { headers: json, body: 'null' });
			expect(voidNull.status).toBe(200);
			const missingField = await rawCall(emulator, 'files/list_folder', { headers: json, body: '{}' });
			expect(missingField.text).toContain("missing required field 'path'");
			const wrongType = await rawCall(emulator, 'files/list_folder', { headers: json, body: '{"path": 5}' });
			expect(wrongType.text).toContain('path: expected string, got integer');
			// Unknown fields are ignored, as Dropbox does for forward compatibility.
			const extra = await rawCall(emulator, 'files/list_folder', { headers: json, body: '{"path": "", "future_field": true}' });
			expect(extra.status).toBe(200);
		});

		test('content routes: Dropbox-API-Arg missing or not JSON, wrong Content-Type; ?arg= works', async () => {
			const missing = await rawCall(emulator, 'files/download', {});
			expect(missing.status).toBe(400);
			expect(missing.text).toContain('Dropbox-API-Arg');
			const notJson = await rawCall(emulator, 'files/download', { headers: { 'Dropbox-API-Arg': '{path' } });
			expect(notJson.status).toBe(400);
			const wrongUploadType = await rawCall(emulator, 'files/upload', {
				headers: { 'Content-Type': 'application/json', 'Dropbox-API-Arg': '{"path":"/w.txt"}' },
				body: 'x',
			});
			expect(wrongUploadType.status).toBe(400);
			expect(wrongUploadType.text).toContain('application/octet-stream');
			const viaQuery = await rawCall(emulator, 'files/upload', {
				query: `?arg=${encodeURIComponent(JSON.stringify({ path: '/n8n/style.txt', mode: 'overwrite' }))}`,
				headers: { 'Content-Type': 'application/octet-stream' },
				body: 'from n8n',
			});
			expect(viaQuery.status).toBe(200);
			expect(viaQuery.json.content_hash).toBe(contentHashOf(Buffer.from('from n8n')));
		});

		test('unknown routes are 404, GET on an RPC route is refused', async () => {
			expect((await rawCall(emulator, 'files/no_such_route', { headers: json, body: '{}' })).status).toBe(404);
			expect((await rawCall(emulator, 'files/list_folder', { method: 'GET' })).status).toBe(405);
		});

		test('route errors carry the exact Stone shape', async () => {
			const notFound = await rawCall(emulator, 'files/get_metadata', { headers: json, body: JSON.stringify({ path: '/missing' }) });
			expect(notFound.status).toBe(409);
			expect(notFound.json).toEqual({ error_summary: 'path/not_found/..', error: { '.tag': 'path', path: { '.tag': 'not_found' } } });
		});
	});

	describe('admin API', () => {
		test('tree and file inspection agree with the API', async () => {
			const tree = await admin('GET', '/tree?path=/Campaigns/Launch%202027/Finals');
			expect(tree.status).toBe(200);
			expect(tree.json.entries.map((e) => e.name).sort()).toEqual(['launch-banner.png', 'launch-keyvisual.jpg', 'launch-teaser.mp4']);
			const team = await admin('GET', '/tree?root=team');
			expect(team.json.entries.map((e) => e.path_display)).toEqual(expect.arrayContaining(['/Team Assets/Approved', '/Alex Example/Campaigns']));
			const file = await admin('GET', '/file?path=/Campaigns/Launch%202027/Finals/launch-banner.png');
			const api = await dbx.filesDownload({ path: '/Campaigns/Launch 2027/Finals/launch-banner.png' });
			expect(file.json.metadata.content_hash).toBe(api.result.content_hash);
			expect(file.json.revisions).toHaveLength(1);
			const bytes = await fetch(`${emulator.baseUrl}/__admin/file/content?path=/Campaigns/Launch%202027/Finals/launch-banner.png`);
			expect(Buffer.compare(Buffer.from(await bytes.arrayBuffer()), api.result.fileBinary)).toBe(0);
			expect((await admin('GET', '/file?path=/nope')).status).toBe(404);
		});

		test('acting as a user: write, move, copy, delete are seen by cursors and longpoll', async () => {
			const { cursor } = (await dbx.filesListFolderGetLatestCursor({ path: '/Agency Drafts', recursive: true })).result;
			const poll = dbx.filesListFolderLongpoll({ cursor, timeout: 30 });
			const written = await admin('POST', '/files/write', { path: '/Agency Drafts/Launch 2027/brief.txt', content: 'Agency brief' });
			expect(written.status).toBe(200);
			expect((await poll).result.changes).toBe(true);
			await admin('POST', '/files/write', { path: '/Agency Drafts/Launch 2027/brief.txt', contentBase64: Buffer.from('Brief v2').toString('base64'), mode: 'overwrite' });
			await admin('POST', '/files/copy', { from: '/Agency Drafts/Launch 2027/brief.txt', to: '/Agency Drafts/brief-copy.txt' });
			await admin('POST', '/files/move', { from: '/Agency Drafts/Launch 2027/launch-banner-v2.png', to: '/Agency Drafts/Approved/launch-banner-v2.png' });
			await admin('POST', '/files/delete', { path: '/Agency Drafts/Launch 2027/launch-keyvisual-v1.jpg' });
			await admin('POST', '/files/create_folder', { path: '/Agency Drafts/Empty' });
			const page = (await dbx.filesListFolderContinue({ cursor })).result;
			expect(page.entries.map((e) => `${e['.tag']}:${e.path_lower}`)).toEqual([
				'file:/agency drafts/launch 2027/brief.txt',
				'file:/agency drafts/brief-copy.txt',
				'folder:/agency drafts/approved',
				'deleted:/agency drafts/launch 2027/launch-banner-v2.png',
				'file:/agency drafts/approved/launch-banner-v2.png',
				'deleted:/agency drafts/launch 2027/launch-keyvisual-v1.jpg',
				'folder:/agency drafts/empty',
			]);
			const conflict = await admin('POST', '/files/write', { path: '/Agency Drafts/brief-copy.txt', content: 'other', mode: 'add' });
			expect(conflict.status).toBe(409);
		});

		test('tokens/expire makes the token expire (401 expired_access_token)', async () => {
			const other = await startEmulator({ seed: false });
			try {
				const expired = await fetch(`${other.baseUrl}/__admin/tokens/expire`, { method: 'POST', body: '{}' });
				expect((await expired.json()).expired).toBeGreaterThanOrEqual(2);
				await expectDropboxError(client(other).usersGetCurrentAccount(), 401, ['expired_access_token']);
			} finally {
				await other.close();
			}
		});

		test('reset brings back the seed with the same credentials; old cursors get reset', async () => {
			const before = emulator.credentials;
			const { cursor } = (await dbx.filesListFolderGetLatestCursor({ path: '' })).result;
			await dbx.filesUpload({ path: '/scratch.txt', contents: 'temporary' });
			const reset = await admin('POST', '/reset');
			expect(reset.status).toBe(200);
			expect(reset.json.credentials.accessToken).toBe(before.accessToken);
			await expectDropboxError(dbx.filesGetMetadata({ path: '/scratch.txt' }), 409, ['path', 'not_found']);
			const seeded = await dbx.filesGetMetadata({ path: '/Agency Drafts/Launch 2027/launch-keyvisual-v1.jpg' });
			expect(seeded.result['.tag']).toBe('file');
			await expectDropboxError(dbx.filesListFolderContinue({ cursor }), 409, ['reset']);
			expect((await admin('GET', '/health')).json).toEqual({ ok: true });
		});

		test('links: a person shares a file; the API lists the link; after revoke_shared_link it is listed as revoked and answers 404', async () => {
			const path = '/Campaigns/Launch 2027/Finals/launch-banner.png';
			const created = await admin('POST', '/links/create', { path });
			expect(created.status).toBe(200);
			expect(created.json).toEqual({ url: expect.stringContaining('/scl/fi/'), revoked: false, expires: null, password: false });
			const listed = await dbx.sharingListSharedLinks({ path, direct_only: true });
			expect(listed.result.links.map((link) => link.url)).toEqual([created.json.url]);
			expect((await fetch(created.json.url.replace('dl=0', 'dl=1'))).status).toBe(200);
			await dbx.sharingRevokeSharedLink({ url: created.json.url });
			const after = await admin('GET', `/links?${new URLSearchParams({ path })}`);
			expect(after.json.links).toEqual([{ url: created.json.url, revoked: true, expires: null, password: false }]);
			expect((await fetch(created.json.url.replace('dl=0', 'dl=1'))).status).toBe(404);
			expect((await admin('POST', '/links/create', { path: '/nope' })).status).toBe(404);
		});
	});
});
