'use strict';
// files/list_folder, list_folder/continue, get_latest_cursor and longpoll: paging, recursion,
// cursors that see every later change (deletions as `deleted` entries), `reset` for cursors
// the server cannot serve, and longpoll returning early when a change arrives.

const { startEmulator, client, expectDropboxError, rawCall } = require('./helpers');

const CAMPAIGN = '/Campaigns/Launch 2027';

describe('Dropbox emulator: list_folder and cursors', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator({ longpollMaxWaitSeconds: 1 });
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	async function listAll(arg) {
		const entries = [];
		let page = (await dbx.filesListFolder(arg)).result;
		entries.push(...page.entries);
		while (page.has_more) {
			page = (await dbx.filesListFolderContinue({ cursor: page.cursor })).result;
			entries.push(...page.entries);
		}
		return { entries, cursor: page.cursor };
	}

	test('non-recursive listing of the home root and of a folder', async () => {
		const root = await dbx.filesListFolder({ path: '' });
		expect(root.result.entries.map((e) => e.name).sort()).toEqual(['Agency Drafts', 'Campaigns', 'Partners', 'Projects']);
		expect(root.result.has_more).toBe(false);
		const approved = await dbx.filesListFolder({ path: `${CAMPAIGN}/Germany/Shoes/Social/Approved` });
		expect(approved.result.entries).toHaveLength(3);
		expect(approved.result.entries.every((e) => e['.tag'] === 'file')).toBe(true);
	});

	test('recursive listing pages with limit and includes the folder itself', async () => {
		const { entries } = await listAll({ path: CAMPAIGN, recursive: true, limit: 4 });
		expect(entries[0].path_lower).toBe(CAMPAIGN.toLowerCase());
		const paths = entries.map((e) => e.path_lower);
		expect(new Set(paths).size).toBe(paths.length);
		expect(paths).toContain('/campaigns/launch 2027/finals/launch-teaser.mp4');
		expect(entries.filter((e) => e['.tag'] === 'file')).toHaveLength(13);
		// Parents come before their children.
		for (const entry of entries) {
			const parent = entry.path_lower.slice(0, entry.path_lower.lastIndexOf('/'));
			if (parent.length >= CAMPAIGN.length) expect(paths.indexOf(parent)).toBeLessThan(paths.indexOf(entry.path_lower));
		}
	});

	test('argument and lookup errors', async () => {
		const slash = await expectDropboxError(dbx.filesListFolder({ path: '/' }), 400);
		expect(slash.error).toContain('empty string');
		await expectDropboxError(dbx.filesListFolder({ path: '/nope' }), 409, ['path', 'not_found']);
		await expectDropboxError(dbx.filesListFolder({ path: `${CAMPAIGN}/Finals/launch-teaser.mp4` }), 409, ['path', 'not_folder']);
		await expectDropboxError(dbx.filesListFolder({ path: '', limit: 0 }), 400);
	});

	test('continue sees additions, changes, moves and deletions, in order', async () => {
		await dbx.filesCreateFolderV2({ path: '/watch/sub' });
		await dbx.filesUpload({ path: '/watch/sub/keep.txt', contents: 'k' });
		await dbx.filesUpload({ path: '/watch/sub/gone.txt', contents: 'g' });
		const { cursor } = await listAll({ path: '/watch', recursive: true });
		await dbx.filesUpload({ path: '/watch/new.txt', contents: 'n' });
		await dbx.filesUpload({ path: '/watch/sub/keep.txt', contents: 'changed', mode: 'overwrite' });
		await dbx.filesDeleteV2({ path: '/watch/sub/gone.txt' });
		await dbx.filesMoveV2({ from_path: '/watch/new.txt', to_path: '/watch/sub/moved.txt' });
		await dbx.filesUpload({ path: '/elsewhere/ignored.txt', contents: 'x' });
		const page = (await dbx.filesListFolderContinue({ cursor })).result;
		const summary = page.entries.map((e) => `${e['.tag']}:${e.path_lower}`);
		expect(summary).toEqual([
			'file:/watch/sub/keep.txt',
			'deleted:/watch/sub/gone.txt',
			'deleted:/watch/new.txt',
			'file:/watch/sub/moved.txt',
		]);
		expect(page.entries[0].size).toBe('changed'.length);
		const after = (await dbx.filesListFolderContinue({ cursor: page.cursor })).result;
		expect(after.entries).toEqual([]);
		expect(after.has_more).toBe(false);
	});

	test('a deleted folder is one deleted entry; a moved folder brings its contents', async () => {
		await dbx.filesUpload({ path: '/tree/a/one.txt', contents: '1' });
		await dbx.filesUpload({ path: '/tree/b/two.txt', contents: '2' });
		const { cursor } = await listAll({ path: '/tree', recursive: true });
		await dbx.filesDeleteV2({ path: '/tree/a' });
		await dbx.filesMoveV2({ from_path: '/tree/b', to_path: '/tree/c' });
		const page = (await dbx.filesListFolderContinue({ cursor })).result;
		expect(page.entries.map((e) => `${e['.tag']}:${e.path_lower}`)).toEqual([
			'deleted:/tree/a',
			'deleted:/tree/b',
			'folder:/tree/c',
			'file:/tree/c/two.txt',
		]);
	});

	test('non-recursive cursors only see direct children', async () => {
		await dbx.filesCreateFolderV2({ path: '/flat' });
		const { cursor } = await listAll({ path: '/flat' });
		await dbx.filesUpload({ path: '/flat/direct.txt', contents: 'd' });
		await dbx.filesUpload({ path: '/flat/deep/nested.txt', contents: 'n' });
		const page = (await dbx.filesListFolderContinue({ cursor })).result;
		expect(page.entries.map((e) => e.path_lower)).toEqual(['/flat/direct.txt', '/flat/deep']);
	});

	test('include_deleted lists deleted children', async () => {
		await dbx.filesUpload({ path: '/withdel/alive.txt', contents: 'a' });
		await dbx.filesUpload({ path: '/withdel/dead.txt', contents: 'd' });
		await dbx.filesDeleteV2({ path: '/withdel/dead.txt' });
		const plain = await dbx.filesListFolder({ path: '/withdel' });
		expect(plain.result.entries.map((e) => e.name)).toEqual(['alive.txt']);
		const withDeleted = await dbx.filesListFolder({ path: '/withdel', include_deleted: true });
		expect(withDeleted.result.entries.map((e) => `${e['.tag']}:${e.name}`)).toEqual(['file:alive.txt', 'deleted:dead.txt']);
	});

	test('get_latest_cursor skips the current state', async () => {
		await dbx.filesCreateFolderV2({ path: '/latest' });
		await dbx.filesUpload({ path: '/latest/old.txt', contents: 'o' });
		const { result } = await dbx.filesListFolderGetLatestCursor({ path: '/latest' });
		await dbx.filesUpload({ path: '/latest/new.txt', contents: 'n' });
		const page = (await dbx.filesListFolderContinue({ cursor: result.cursor })).result;
		expect(page.entries.map((e) => e.name)).toEqual(['new.txt']);
	});

	test('invalid cursors get reset (garbage, and cursors of another emulator state)', async () => {
		await expectDropboxError(dbx.filesListFolderContinue({ cursor: 'AAgarbage' }), 409, ['reset']);
		const { result } = await dbx.filesListFolderGetLatestCursor({ path: '' });
		await expectDropboxError(dbx.filesListFolderLongpoll({ cursor: 'not-a-cursor' }), 409, ['reset']);
		const other = await startEmulator({ seed: false });
		try {
			// A cursor from another emulator state is refused too.
			await expectDropboxError(client(other).filesListFolderContinue({ cursor: result.cursor }), 409, ['reset']);
		} finally {
			await other.close();
		}
	});

	test('longpoll (no auth) returns early when a change arrives, false after the wait, and checks timeout bounds', async () => {
		const { result } = await dbx.filesListFolderGetLatestCursor({ path: '/poll', recursive: true }).catch(async () => {
			await dbx.filesCreateFolderV2({ path: '/poll' });
			return dbx.filesListFolderGetLatestCursor({ path: '/poll', recursive: true });
		});
		const started = Date.now();
		const quiet = await rawCall(emulator, 'files/list_folder/longpoll', {
			token: null,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ cursor: result.cursor, timeout: 30 }),
		});
		expect(quiet.status).toBe(200);
		expect(quiet.json).toEqual({ changes: false });
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);

		const poll = dbx.filesListFolderLongpoll({ cursor: result.cursor, timeout: 30 });
		setTimeout(() => {
			dbx.filesUpload({ path: '/poll/arrived.txt', contents: 'x' });
		}, 100);
		expect((await poll).result.changes).toBe(true);
		const tooShort = await expectDropboxError(dbx.filesListFolderLongpoll({ cursor: result.cursor, timeout: 10 }), 400);
		expect(tooShort.error).toContain('timeout');
		await expectDropboxError(dbx.filesListFolderLongpoll({ cursor: result.cursor, timeout: 481 }), 400);
	});
});
