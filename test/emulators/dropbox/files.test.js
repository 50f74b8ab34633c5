'use strict';
// files/get_metadata, create_folder_v2, delete_v2, copy_v2, move_v2 through the official SDK:
// case-insensitive paths, stable ids across moves, Metadata shapes, and route errors.

const { startEmulator, client, expectDropboxError } = require('./helpers');

const APPROVED = '/Campaigns/Launch 2027/Germany/Shoes/Social/Approved';

describe('Dropbox emulator: file and folder metadata', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator();
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	test('get_metadata returns a tagged FileMetadata with Dropbox field formats', async () => {
		const { result } = await dbx.filesGetMetadata({ path: `${APPROVED}/shoes-social-01.jpg` });
		expect(result['.tag']).toBe('file');
		expect(result.name).toBe('shoes-social-01.jpg');
		expect(result.path_display).toBe(`${APPROVED}/shoes-social-01.jpg`);
		expect(result.path_lower).toBe(`${APPROVED}/shoes-social-01.jpg`.toLowerCase());
		expect(result.id).toMatch(/^id:[A-Za-z0-9_-]{22}$/);
		expect(result.rev).toMatch(/^[0-9a-f]{9,}$/);
		expect(result.client_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(result.server_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(result.content_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(result.is_downloadable).toBe(true);
		expect(result.size).toBeGreaterThan(100);
	});

	test('lookups are case-insensitive and keyed by path_lower', async () => {
		const upper = await dbx.filesGetMetadata({ path: `${APPROVED.toUpperCase()}/SHOES-SOCIAL-01.JPG` });
		const exact = await dbx.filesGetMetadata({ path: `${APPROVED}/shoes-social-01.jpg` });
		expect(upper.result.id).toBe(exact.result.id);
		expect(upper.result.path_display).toBe(exact.result.path_display);
	});

	test('get_metadata by id and for folders', async () => {
		const folder = await dbx.filesGetMetadata({ path: APPROVED });
		expect(folder.result['.tag']).toBe('folder');
		expect(folder.result).not.toHaveProperty('rev');
		const byId = await dbx.filesGetMetadata({ path: folder.result.id });
		expect(byId.result.path_lower).toBe(folder.result.path_lower);
	});

	test('get_metadata errors: not_found, malformed_path, root unsupported (400), bad pattern (400)', async () => {
		await expectDropboxError(dbx.filesGetMetadata({ path: '/does/not/exist.jpg' }), 409, ['path', 'not_found']);
		await expectDropboxError(dbx.filesGetMetadata({ path: '/double//slash' }), 409, ['path', 'malformed_path']);
		const root = await expectDropboxError(dbx.filesGetMetadata({ path: '' }), 400);
		expect(root.error).toMatch(/^Error in call to API function "files\/get_metadata": .*root folder is unsupported/);
		const pattern = await expectDropboxError(dbx.filesGetMetadata({ path: 'relative/path' }), 400);
		expect(pattern.error).toContain('did not match pattern');
	});

	test('create_folder_v2: creates parents, conflicts, autorename', async () => {
		const { result } = await dbx.filesCreateFolderV2({ path: '/New/Deep/Folder' });
		expect(result.metadata).not.toHaveProperty('.tag');
		expect(result.metadata.path_display).toBe('/New/Deep/Folder');
		await expectDropboxError(dbx.filesCreateFolderV2({ path: '/new/deep/FOLDER' }), 409, ['path', 'conflict', 'folder']);
		const renamed = await dbx.filesCreateFolderV2({ path: '/New/Deep/Folder', autorename: true });
		expect(renamed.result.metadata.name).toBe('Folder (2)');
		await expectDropboxError(dbx.filesCreateFolderV2({ path: `${APPROVED}/shoes-social-01.jpg/sub` }), 409, ['path', 'conflict', 'file_ancestor']);
		await expectDropboxError(dbx.filesCreateFolderV2({ path: '/x/desktop.ini' }), 409, ['path', 'disallowed_name']);
	});

	test('move_v2 keeps the id; the old path is gone; conflicts and moving a folder into itself fail', async () => {
		await dbx.filesUpload({ path: '/moves/a.txt', contents: 'a' });
		await dbx.filesUpload({ path: '/moves/b.txt', contents: 'b' });
		const before = await dbx.filesGetMetadata({ path: '/moves/a.txt' });
		const moved = await dbx.filesMoveV2({ from_path: '/moves/a.txt', to_path: '/moved/here/A renamed.txt' });
		expect(moved.result.metadata['.tag']).toBe('file');
		expect(moved.result.metadata.id).toBe(before.result.id);
		expect(moved.result.metadata.path_display).toBe('/moved/here/A renamed.txt');
		await expectDropboxError(dbx.filesGetMetadata({ path: '/moves/a.txt' }), 409, ['path', 'not_found']);
		await expectDropboxError(dbx.filesMoveV2({ from_path: '/moves/b.txt', to_path: '/moved/here/a renamed.txt' }), 409, ['to', 'conflict', 'file']);
		const auto = await dbx.filesMoveV2({ from_path: '/moves/b.txt', to_path: '/moved/here/a renamed.txt', autorename: true });
		expect(auto.result.metadata.name).toBe('a renamed (2).txt');
		await expectDropboxError(dbx.filesMoveV2({ from_path: '/moved', to_path: '/moved/here/inside' }), 409, ['cant_move_folder_into_itself']);
		await expectDropboxError(dbx.filesMoveV2({ from_path: '/nope', to_path: '/x' }), 409, ['from_lookup', 'not_found']);
		// Folder moves carry their contents, ids unchanged.
		const folderMove = await dbx.filesMoveV2({ from_path: '/moved', to_path: '/archive/moved' });
		expect(folderMove.result.metadata['.tag']).toBe('folder');
		const inside = await dbx.filesGetMetadata({ path: '/archive/moved/here/A renamed.txt' });
		expect(inside.result.id).toBe(before.result.id);
	});

	test('copy_v2 makes a new id with the same content', async () => {
		const source = await dbx.filesGetMetadata({ path: `${APPROVED}/shoes-social-02.jpg` });
		const copy = await dbx.filesCopyV2({ from_path: `${APPROVED}/shoes-social-02.jpg`, to_path: '/copies/shoes.jpg' });
		expect(copy.result.metadata.id).not.toBe(source.result.id);
		expect(copy.result.metadata.rev).not.toBe(source.result.rev);
		expect(copy.result.metadata.content_hash).toBe(source.result.content_hash);
		const folderCopy = await dbx.filesCopyV2({ from_path: '/Campaigns/Launch 2027/France', to_path: '/copies/France' });
		expect(folderCopy.result.metadata['.tag']).toBe('folder');
		const copiedFile = await dbx.filesGetMetadata({ path: '/copies/France/Bags/Web/Review/bags-web-teaser.jpg' });
		expect(copiedFile.result.size).toBeGreaterThan(0);
	});

	test('delete_v2 returns the metadata as it was; parent_rev must match; deleted items are visible with include_deleted', async () => {
		const { result: file } = await dbx.filesUpload({ path: '/trash/me.txt', contents: 'bye' });
		await expectDropboxError(dbx.filesDeleteV2({ path: '/trash/me.txt', parent_rev: '0123456789abcdef' }), 409, ['path_write', 'conflict', 'file']);
		const deleted = await dbx.filesDeleteV2({ path: '/trash/me.txt', parent_rev: file.rev });
		expect(deleted.result.metadata['.tag']).toBe('file');
		expect(deleted.result.metadata.rev).toBe(file.rev);
		await expectDropboxError(dbx.filesGetMetadata({ path: '/trash/me.txt' }), 409, ['path', 'not_found']);
		const tombstone = await dbx.filesGetMetadata({ path: '/trash/me.txt', include_deleted: true });
		expect(tombstone.result).toEqual({ '.tag': 'deleted', name: 'me.txt', path_lower: '/trash/me.txt', path_display: '/trash/me.txt' });
		await expectDropboxError(dbx.filesDeleteV2({ path: '/trash/me.txt' }), 409, ['path_lookup', 'not_found']);
		// Deleting a folder removes everything below it.
		await dbx.filesUpload({ path: '/trash/folder/inner.txt', contents: 'x' });
		await dbx.filesDeleteV2({ path: '/trash/folder' });
		await expectDropboxError(dbx.filesGetMetadata({ path: '/trash/folder/inner.txt' }), 409, ['path', 'not_found']);
	});

	test('unicode names round-trip (the SDK escapes them in Dropbox-API-Arg)', async () => {
		const { result } = await dbx.filesUpload({ path: '/Ünïcødé/café ☕.txt', contents: 'crème' });
		expect(result.name).toBe('café ☕.txt');
		const meta = await dbx.filesGetMetadata({ path: '/ünïcødé/CAFÉ ☕.TXT' });
		expect(meta.result.id).toBe(result.id);
	});
});
