'use strict';
// files/search_v2 + search/continue_v2, files/list_revisions and files/restore.

const { startEmulator, client, expectDropboxError } = require('./helpers');

describe('Dropbox emulator: search, revisions, restore', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator();
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	test('search_v2 matches name words, nests metadata twice, scopes by path and extension', async () => {
		const { result } = await dbx.filesSearchV2({ query: 'shoes social' });
		const names = result.matches.map((m) => m.metadata.metadata.name);
		expect(names).toEqual(expect.arrayContaining(['shoes-social-01.jpg', 'shoes-social-02.jpg', 'shoes-social-03.png']));
		expect(result.matches[0].metadata['.tag']).toBe('metadata');
		expect(result.matches[0].metadata.metadata['.tag']).toEqual(expect.stringMatching(/^(file|folder)$/));
		const scoped = await dbx.filesSearchV2({
			query: 'launch',
			options: { path: '/Campaigns/Launch 2027/Finals', file_extensions: ['mp4'] },
		});
		expect(scoped.result.matches.map((m) => m.metadata.metadata.path_display)).toEqual(['/Campaigns/Launch 2027/Finals/launch-teaser.mp4']);
		const images = await dbx.filesSearchV2({ query: 'launch', options: { file_categories: ['image'] } });
		expect(images.result.matches.every((m) => /\.(jpg|png)$/.test(m.metadata.metadata.name))).toBe(true);
		await expectDropboxError(dbx.filesSearchV2({ query: 'x', options: { path: '/nope' } }), 409, ['path', 'not_found']);
	});

	test('search pages with max_results and continue_v2', async () => {
		const first = await dbx.filesSearchV2({ query: 'social', options: { max_results: 2 } });
		expect(first.result.matches).toHaveLength(2);
		expect(first.result.has_more).toBe(true);
		const seen = first.result.matches.map((m) => m.metadata.metadata.id);
		let cursor = first.result.cursor;
		while (cursor) {
			const next = await dbx.filesSearchContinueV2({ cursor });
			seen.push(...next.result.matches.map((m) => m.metadata.metadata.id));
			cursor = next.result.has_more ? next.result.cursor : null;
		}
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.length).toBeGreaterThanOrEqual(9);
		await expectDropboxError(dbx.filesSearchContinueV2({ cursor: 'AAbroken' }), 409, ['invalid_argument']);
	});

	test('search finds deleted files with file_status deleted', async () => {
		await dbx.filesUpload({ path: '/search/obsolete-flyer.pdf', contents: 'pdf' });
		await dbx.filesDeleteV2({ path: '/search/obsolete-flyer.pdf' });
		const active = await dbx.filesSearchV2({ query: 'obsolete' });
		expect(active.result.matches).toHaveLength(0);
		const deleted = await dbx.filesSearchV2({ query: 'obsolete', options: { file_status: 'deleted' } });
		expect(deleted.result.matches[0].metadata.metadata['.tag']).toBe('deleted');
	});

	test('list_revisions: newest first, limit, before_rev, deleted files, errors', async () => {
		const revs = [];
		for (const text of ['r1', 'r2', 'r3']) {
			revs.push((await dbx.filesUpload({ path: '/rev/doc.txt', contents: text, mode: 'overwrite' })).result.rev);
		}
		const { result } = await dbx.filesListRevisions({ path: '/rev/doc.txt' });
		expect(result.is_deleted).toBe(false);
		expect(result.entries.map((e) => e.rev)).toEqual([...revs].reverse());
		expect(result.entries[0]).not.toHaveProperty('.tag');
		const limited = await dbx.filesListRevisions({ path: '/rev/doc.txt', limit: 2 });
		expect(limited.result.has_more).toBe(true);
		const before = await dbx.filesListRevisions({ path: '/rev/doc.txt', before_rev: revs[2] });
		expect(before.result.entries.map((e) => e.rev)).toEqual([revs[1], revs[0]]);
		const byId = await dbx.filesListRevisions({ path: result.entries[0].id, mode: 'id' });
		expect(byId.result.entries).toHaveLength(3);
		await expectDropboxError(dbx.filesListRevisions({ path: '/rev/doc.txt', before_rev: 'ffffffffff' }), 409, ['invalid_before_rev']);
		await expectDropboxError(dbx.filesListRevisions({ path: '/rev' }), 409, ['path', 'not_file']);
		await dbx.filesDeleteV2({ path: '/rev/doc.txt' });
		const deleted = await dbx.filesListRevisions({ path: '/rev/doc.txt' });
		expect(deleted.result.is_deleted).toBe(true);
		expect(deleted.result.server_deleted).toMatch(/Z$/);
	});

	test('restore brings back an old revision (also of a deleted file), keeping the id', async () => {
		const v1 = await dbx.filesUpload({ path: '/restore/file.txt', contents: 'original' });
		await dbx.filesUpload({ path: '/restore/file.txt', contents: 'edited', mode: 'overwrite' });
		const restored = await dbx.filesRestore({ path: '/restore/file.txt', rev: v1.result.rev });
		expect(restored.result.id).toBe(v1.result.id);
		expect(restored.result.content_hash).toBe(v1.result.content_hash);
		const text = await dbx.filesDownload({ path: '/restore/file.txt' });
		expect(text.result.fileBinary.toString()).toBe('original');
		await dbx.filesDeleteV2({ path: '/restore/file.txt' });
		const revived = await dbx.filesRestore({ path: '/restore/file.txt', rev: v1.result.rev });
		expect(revived.result.id).toBe(v1.result.id);
		await expectDropboxError(dbx.filesRestore({ path: '/restore/file.txt', rev: 'abcdef0123' }), 409, ['invalid_revision']);
		await expectDropboxError(dbx.filesRestore({ path: '/restore/none.txt', rev: v1.result.rev }), 409, ['path_lookup', 'not_found']);
	});
});
