'use strict';

// Folder, Shared Link and Sharing operations, the list-search methods and the team-space root,
// through n8n-core's engine against the Dropbox emulator.

const { startEnvironment, NODE, OAUTH } = require('./setup');

const path = (value) => ({ __rl: true, mode: 'path', value });

let env;
let admin;

beforeAll(async () => {
	env = await startEnvironment();
	admin = env.admin;
});

afterAll(async () => {
	await env?.close();
});

const callsTo = async (route) => (await admin.counters()).calls[route] ?? 0;
const names = (items) => items.map((item) => item.json.path_display).sort();

describe('Folder > List', () => {
	beforeAll(async () => {
		for (const file of ['/List/A/Approved/a.jpg', '/List/A/Draft/b.jpg', '/List/B/Approved/c.PNG', '/List/B/Approved/d.txt', '/List/top.jpg']) {
			await admin.write(file, file);
		}
	});

	test('lists one level, or everything below with Recursive', async () => {
		const flat = await env.run({ resource: 'folder', operation: 'list', folder: path('/List'), returnAll: true });
		expect(names(flat.items)).toEqual(['/List/A', '/List/B', '/List/top.jpg']);
		expect(flat.items.find((item) => item.json.name === 'A').json.type).toBe('folder');
		const deep = await env.run({ resource: 'folder', operation: 'list', folder: path('/List'), recursive: true, returnAll: true });
		expect(deep.items.filter((item) => item.json.type === 'file')).toHaveLength(5);
	});

	test('filters: path glob, extensions, item type, modified after; Limit', async () => {
		const approved = await env.run({
			resource: 'folder',
			operation: 'list',
			folder: path('/List'),
			recursive: true,
			returnAll: true,
			filters: { pathGlob: '**/Approved/**', extensions: 'jpg, png' },
		});
		expect(names(approved.items)).toEqual(['/List/A/Approved/a.jpg', '/List/B/Approved/c.PNG']);

		const folders = await env.run({ resource: 'folder', operation: 'list', folder: path('/List'), recursive: true, returnAll: true, filters: { itemType: 'folders' } });
		expect(folders.items.every((item) => item.json.type === 'folder')).toBe(true);
		expect(names(folders.items)).toContain('/List/B/Approved');

		const future = await env.run({ resource: 'folder', operation: 'list', folder: path('/List'), recursive: true, returnAll: true, filters: { modifiedAfter: '2999-01-01T00:00:00Z' } });
		expect(future.items).toEqual([]);

		const limited = await env.run({ resource: 'folder', operation: 'list', folder: path('/List'), recursive: true, returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);
	});

	test('pages through more entries than one Dropbox page holds (list_folder/continue)', async () => {
		const total = 2100;
		for (let start = 0; start < total; start += 100) {
			await Promise.all(Array.from({ length: Math.min(100, total - start) }, (_, offset) => admin.write(`/Many/f${start + offset}.txt`, `${start + offset}`)));
		}
		await admin.resetCounters();
		const all = await env.run({ resource: 'folder', operation: 'list', folder: path('/Many'), returnAll: true });
		expect(all.items).toHaveLength(total);
		expect(new Set(all.items.map((item) => item.json.path_lower)).size).toBe(total);
		expect(await callsTo('files/list_folder/continue')).toBeGreaterThanOrEqual(1);

		const filteredLimit = await env.run({ resource: 'folder', operation: 'list', folder: path('/Many'), returnAll: false, limit: 2050, filters: { extensions: 'txt' } });
		expect(filteredLimit.items).toHaveLength(2050);
	});

	test('a file is not a folder; a bad glob is named', async () => {
		const notFolder = await env.run({ resource: 'folder', operation: 'list', folder: path('/List/top.jpg') });
		expect(notFolder.error.message).toBe('Path /List/top.jpg is a file; a folder is needed');
		const badGlob = await env.run({ resource: 'folder', operation: 'list', folder: path('/List'), filters: { pathGlob: '**/Approved[/**' } });
		expect(badGlob.error.name).toBe('NodeOperationError');
		expect(badGlob.error.message).toMatch(/^The path glob "\*\*\/Approved\[\/\*\*" is invalid/);
		expect(badGlob.error.description).toMatch(/\*\*\/Approved\/\*\*/);
	});
});

describe('Folder > Create and Ensure Path', () => {
	test('Create makes missing parents, fails on an existing folder unless Autorename', async () => {
		const created = await env.run({ resource: 'folder', operation: 'create', folderPath: path('/New/Deep/Folder') });
		expect(created.items[0].json).toMatchObject({ type: 'folder', path_display: '/New/Deep/Folder', created: true });
		expect((await admin.file('/New/Deep/Folder')).metadata['.tag']).toBe('folder');
		const again = await env.run({ resource: 'folder', operation: 'create', folderPath: path('/New/Deep/Folder') });
		expect(again.error.message).toBe('A folder is already at /New/Deep/Folder');
		const renamed = await env.run({ resource: 'folder', operation: 'create', folderPath: path('/New/Deep/Folder'), options: { autorename: true } });
		expect(renamed.items[0].json.path_display).toMatch(/^\/New\/Deep\/Folder \(\d\)$/);
	});

	test('Ensure Path creates only what is missing and is idempotent', async () => {
		await admin.mkdir('/Ensure/a');
		await admin.resetCounters();
		const first = await env.run({ resource: 'folder', operation: 'ensurePath', folderPath: path('/Ensure/a/b/c') });
		expect(first.items[0].json).toMatchObject({ path_display: '/Ensure/a/b/c', created: true });
		expect(await callsTo('files/create_folder_v2')).toBe(1);
		const second = await env.run(
			{ resource: 'folder', operation: 'ensurePath', folderPath: path('={{ $json.p }}') },
			{ inputItems: [{ json: { p: '/Ensure/a/b/c' } }, { json: { p: '/Ensure/a' } }] },
		);
		expect(second.items.map((item) => item.json.created)).toEqual([false, false]);
		expect(await callsTo('files/create_folder_v2')).toBe(1);
		const tree = await admin.tree('/Ensure');
		expect(tree.map((entry) => entry.path_display).sort()).toEqual(['/Ensure/a', '/Ensure/a/b', '/Ensure/a/b/c']);

		await admin.write('/Ensure/file.txt', 'x');
		const onFile = await env.run({ resource: 'folder', operation: 'ensurePath', folderPath: path('/Ensure/file.txt') });
		expect(onFile.error.name).toBe('NodeOperationError');
		expect(onFile.error.message).toMatch(/^Path \/Ensure\/file.txt is a file; a folder is needed/);
	});
});

describe('Shared Link', () => {
	const inDays = (days) => new Date(Date.now() + days * 86400_000).toISOString();

	test('Create with settings, return the existing link, update it when asked, List, Revoke', async () => {
		await admin.write('/Links/poster.jpg', 'poster');
		const created = await env.run({
			resource: 'sharedLink',
			operation: 'create',
			file: path('/Links/poster.jpg'),
			settings: { expires: inDays(14), password: 's3cret!', audience: 'public', allowDownload: false },
		});
		expect(created.error).toBeUndefined();
		const link = created.items[0].json;
		expect(link).toMatchObject({ type: 'file', name: 'poster.jpg', existing: false, updated: false, url: expect.stringMatching(/^http/) });
		expect(Date.parse(link.expires)).toBeGreaterThan(Date.now() + 13 * 86400_000);
		expect(link.link_permissions).toMatchObject({ allow_download: false });
		expect(JSON.stringify(created.items)).not.toContain('s3cret!');

		const existing = await env.run({ resource: 'sharedLink', operation: 'create', file: path('/Links/poster.jpg'), settings: { expires: inDays(30) } });
		expect(existing.items[0].json).toMatchObject({ url: link.url, existing: true, updated: false, expires: link.expires });

		const updated = await env.run({ resource: 'sharedLink', operation: 'create', file: path('/Links/poster.jpg'), settings: { expires: inDays(30) }, updateExisting: true });
		expect(updated.items[0].json).toMatchObject({ url: link.url, existing: true, updated: true });
		expect(Date.parse(updated.items[0].json.expires)).toBeGreaterThan(Date.now() + 29 * 86400_000);

		const listed = await env.run({ resource: 'sharedLink', operation: 'list', scope: 'path', file: path('/Links/poster.jpg'), returnAll: true });
		expect(listed.items.map((item) => item.json.url)).toEqual([link.url]);
		const all = await env.run({ resource: 'sharedLink', operation: 'list', scope: 'all', returnAll: true });
		expect(all.items.map((item) => item.json.url)).toContain(link.url);

		const revoked = await env.run({ resource: 'sharedLink', operation: 'revoke', url: link.url });
		expect(revoked.items[0].json).toEqual({ url: link.url, revoked: true });
		const afterRevoke = await env.run({ resource: 'sharedLink', operation: 'list', scope: 'path', file: path('/Links/poster.jpg'), returnAll: true });
		expect(afterRevoke.items).toEqual([]);
		const twice = await env.run({ resource: 'sharedLink', operation: 'revoke', url: link.url });
		expect(twice.error.message).toBe(`No shared link ${link.url}`);
	});

	test('an expiry in the past is refused before anything is sent', async () => {
		await admin.write('/Links/old.jpg', 'old');
		await admin.resetCounters();
		const past = await env.run({ resource: 'sharedLink', operation: 'create', file: path('/Links/old.jpg'), settings: { expires: '2020-01-01T00:00:00Z' } });
		expect(past.error.name).toBe('NodeOperationError');
		expect(past.error.message).toMatch(/^Shared link expiry must be in the future/);
		expect(await callsTo('sharing/create_shared_link_with_settings')).toBe(0);
	});
});

describe('Sharing', () => {
	test('Share Folder (right away and as a background job), Add Member, List Members', async () => {
		await admin.mkdir('/Share/Partner');
		const shared = await env.run({ resource: 'sharing', operation: 'shareFolder', folder: path('/Share/Partner') });
		expect(shared.error).toBeUndefined();
		expect(shared.items[0].json).toMatchObject({ name: 'Partner', alreadyShared: false, shared_folder_id: expect.any(String) });
		const again = await env.run({ resource: 'sharing', operation: 'shareFolder', folder: path('/Share/Partner') });
		expect(again.items[0].json).toMatchObject({ alreadyShared: true, shared_folder_id: shared.items[0].json.shared_folder_id });

		await admin.resetCounters();
		const background = await env.run({ resource: 'sharing', operation: 'shareFolder', folder: path('/Share/Async'), options: { forceAsync: true } });
		expect(background.error).toBeUndefined();
		expect(background.items[0].json).toMatchObject({ name: 'Async', asyncJobId: expect.any(String) });
		expect(await callsTo('sharing/check_share_job_status')).toBeGreaterThanOrEqual(2);

		const added = await env.run({ resource: 'sharing', operation: 'addMember', folder: path('/Share/Partner'), emails: 'anna@agency.example, li@partner.example', accessLevel: 'editor' });
		expect(added.error).toBeUndefined();
		expect(added.items[0].json.added).toEqual([
			{ email: 'anna@agency.example', access_level: 'editor' },
			{ email: 'li@partner.example', access_level: 'editor' },
		]);
		const members = await env.run({ resource: 'sharing', operation: 'listMembers', folder: path('/Share/Partner') });
		const byEmail = Object.fromEntries(members.items.map((item) => [item.json.email, item.json.access_type]));
		expect(byEmail).toMatchObject({ 'anna@agency.example': 'editor', 'li@partner.example': 'editor' });
		expect(Object.values(byEmail)).toContain('owner');
	});

	test('members need a shared folder and valid email addresses', async () => {
		await admin.mkdir('/Share/Private');
		const notShared = await env.run({ resource: 'sharing', operation: 'addMember', folder: path('/Share/Private'), emails: 'a@b.example' });
		expect(notShared.error.message).toMatch(/^The folder \/Share\/Private is not shared/);
		const badEmail = await env.run({ resource: 'sharing', operation: 'addMember', folder: path('/Share/Partner'), emails: 'anna@agency.example, not-an-email' });
		expect(badEmail.error.message).toMatch(/^Not an email address: not-an-email/);
	});
});

describe('Browsing (list search) and the team space', () => {
	test('searchFolders browses a path; searchFiles finds names', async () => {
		await admin.write('/Browse/Sub/findme-poster.jpg', 'x');
		const folders = await env.harness.listSearch({ type: NODE, method: 'searchFolders', parameters: { authentication: 'oAuth2' }, credentials: OAUTH, filter: '/Browse' });
		expect(folders.results.map((result) => result.value)).toEqual(['/Browse', '/Browse/Sub']);
		const root = await env.harness.listSearch({ type: NODE, method: 'searchFolders', parameters: { authentication: 'oAuth2' }, credentials: OAUTH });
		expect(root.results[0]).toEqual({ name: '/ (root)', value: '/' });
		expect(root.results.map((result) => result.value)).toContain('/Browse');
		const files = await env.harness.listSearch({ type: NODE, method: 'searchFiles', parameters: { authentication: 'oAuth2' }, credentials: OAUTH, filter: 'findme' });
		expect(files.results.map((result) => result.value)).toEqual(['/Browse/Sub/findme-poster.jpg']);
	});

	test('with the team-space root, paths start at the team root and the root namespace is fetched once per execution', async () => {
		await admin.resetCounters();
		const { items, error } = await env.run(
			{ resource: 'folder', operation: 'list', folder: path('={{ $json.folder }}') },
			{ credentials: { dropboxSyncOAuth2Api: 'Dropbox team' }, inputItems: [{ json: { folder: '/' } }, { json: { folder: '/Team Assets' } }, { json: { folder: '/' } }] },
		);
		expect(error).toBeUndefined();
		const paths = items.map((item) => `${item.pairedItem.item}:${item.json.path_display}`);
		expect(paths).toEqual(expect.arrayContaining(['0:/Alex Example', '0:/Team Assets', '1:/Team Assets/Approved', '2:/Team Assets']));
		expect(await callsTo('users/get_current_account')).toBe(1);
		expect(await callsTo('files/list_folder')).toBe(3);

		const home = await env.run({ resource: 'folder', operation: 'list', folder: path('/') });
		expect(home.items.map((item) => item.json.path_display)).not.toContain('/Team Assets');
	});
});
