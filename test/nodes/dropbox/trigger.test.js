'use strict';

// The Dropbox Sync Trigger polled through n8n-core (PollContext + PollTriggerExecutor, as an
// active workflow does) while "another device" changes files through the emulator's admin API.

const { startEnvironment, TRIGGER, OAUTH, staleCursor } = require('./setup');

const path = (value) => ({ __rl: true, mode: 'path', value });
const ALL_EVENTS = ['fileAdded', 'fileUpdated', 'fileDeleted', 'folderAdded'];

let env;
let admin;

beforeAll(async () => {
	env = await startEnvironment();
	admin = env.admin;
});

afterAll(async () => {
	await env?.close();
});

function poll(name, parameters = {}, extra = {}) {
	return env.harness.poll({
		type: TRIGGER,
		name,
		parameters: { authentication: 'oAuth2', folder: path('/Watch'), recursive: true, events: ALL_EVENTS, ...parameters },
		credentials: OAUTH,
		...extra,
	});
}

/** "event path" lines, sorted (Dropbox does not promise an order within one poll). */
const summary = (items) => (items ?? []).map((item) => `${item.json.event} ${item.json.path_lower}`).sort();

describe('Dropbox Sync Trigger', () => {
	test('reports each add, edit, move and delete exactly once, starting from activation', async () => {
		await admin.write('/Watch/before.jpg', 'existed before activation');

		await admin.resetCounters();
		const activation = await poll('Watch');
		expect(activation.error).toBeUndefined();
		expect(activation.items).toBeNull();
		expect(activation.staticData.cursor).toEqual(expect.any(String));
		expect(activation.staticDataChanged).toBe(true);
		expect((await admin.counters()).calls['files/list_folder/get_latest_cursor']).toBe(1);

		await admin.write('/Watch/a.jpg', 'a v1');
		await admin.write('/Watch/Sub/b.jpg', 'b');
		await admin.write('/Elsewhere/ignored.jpg', 'outside the folder');
		const added = await poll('Watch');
		expect(added.error).toBeUndefined();
		expect(summary(added.items)).toEqual(['fileAdded /watch/a.jpg', 'fileAdded /watch/sub/b.jpg', 'folderAdded /watch/sub']);
		const a = added.items.find((item) => item.json.path_lower === '/watch/a.jpg').json;
		expect(a).toMatchObject({ type: 'file', name: 'a.jpg', path_display: '/Watch/a.jpg', id: expect.any(String), rev: expect.any(String), content_hash: expect.any(String), size: 4 });

		expect((await poll('Watch')).items).toBeNull();

		await admin.write('/Watch/a.jpg', 'a v2');
		const edited = await poll('Watch');
		expect(summary(edited.items)).toEqual(['fileUpdated /watch/a.jpg']);
		expect(edited.items[0].json.previousRev).toBe(a.rev);
		expect(edited.items[0].json.rev).not.toBe(a.rev);

		await admin.move('/Watch/Sub/b.jpg', '/Watch/Moved/b.jpg');
		await admin.remove('/Watch/a.jpg');
		const movedAndDeleted = await poll('Watch');
		expect(summary(movedAndDeleted.items)).toEqual([
			'fileAdded /watch/moved/b.jpg',
			'fileDeleted /watch/a.jpg',
			'fileDeleted /watch/sub/b.jpg',
			'folderAdded /watch/moved',
		]);
		expect(movedAndDeleted.items.find((item) => item.json.path_lower === '/watch/a.jpg').json).toMatchObject({ type: 'deleted', previousRev: edited.items[0].json.rev });

		// A file that existed before activation: its edit is an update (the trigger noted it at activation).
		await admin.write('/Watch/before.jpg', 'edited after activation');
		expect(summary((await poll('Watch')).items)).toEqual(['fileUpdated /watch/before.jpg']);

		// Deleting a folder: one deleted entry from Dropbox, one event per file we knew inside.
		await admin.write('/Watch/Gone/1.txt', '1');
		await admin.write('/Watch/Gone/2.txt', '2');
		expect(summary((await poll('Watch')).items)).toEqual(['fileAdded /watch/gone/1.txt', 'fileAdded /watch/gone/2.txt', 'folderAdded /watch/gone']);
		await admin.remove('/Watch/Gone');
		expect(summary((await poll('Watch')).items)).toEqual(['fileDeleted /watch/gone/1.txt', 'fileDeleted /watch/gone/2.txt']);
		expect((await poll('Watch')).items).toBeNull();
	});

	test('a cursor reset is re-listed without duplicates; changes during the reset are reported once', async () => {
		const saved = (await poll('Watch')).staticData;
		expect(saved.cursor).toEqual(expect.any(String));
		await admin.resetCounters();

		// Dropbox can no longer serve the cursor (reset) and nothing changed: nothing is reported.
		const nothing = await poll('Watch', {}, { staticData: { ...saved, cursor: staleCursor(saved.cursor) } });
		expect(nothing.error).toBeUndefined();
		expect(nothing.items).toBeNull();
		expect((await admin.counters()).calls['files/list_folder']).toBe(1);
		expect(nothing.staticData.cursor).not.toBe(staleCursor(saved.cursor));

		// Reset again, this time with changes the dead cursor could not report.
		await admin.write('/Watch/during-reset.jpg', 'new');
		await admin.remove('/Watch/before.jpg');
		await admin.remove('/Watch/Moved/b.jpg');
		await admin.write('/Watch/Moved/b2.jpg', 'b2');
		const changed = await poll('Watch', {}, { staticData: { ...nothing.staticData, cursor: staleCursor(nothing.staticData.cursor) } });
		expect(summary(changed.items)).toEqual(['fileAdded /watch/during-reset.jpg', 'fileAdded /watch/moved/b2.jpg', 'fileDeleted /watch/before.jpg', 'fileDeleted /watch/moved/b.jpg']);
		expect((await poll('Watch')).items).toBeNull();
	});

	test('a restart from saved static data continues where it stopped', async () => {
		const saved = JSON.parse(JSON.stringify((await poll('Watch')).staticData));
		await admin.write('/Watch/after-restart.jpg', 'x');
		// Another poll that is then lost (n8n restarted before saving): the saved copy is used again.
		const lost = await poll('Watch');
		expect(summary(lost.items)).toEqual(['fileAdded /watch/after-restart.jpg']);
		const restarted = await poll('Watch', {}, { staticData: saved });
		expect(summary(restarted.items)).toEqual(['fileAdded /watch/after-restart.jpg']);
		expect((await poll('Watch')).items).toBeNull();
	});

	test('thousands of changes in one poll are read page by page', async () => {
		await admin.mkdir('/Bulk');
		const activation = await poll('Many', { folder: path('/Bulk') });
		expect(activation.error).toBeUndefined();
		const total = 2100;
		for (let start = 0; start < total; start += 100) {
			await Promise.all(Array.from({ length: Math.min(100, total - start) }, (_, offset) => admin.write(`/Bulk/f${String(start + offset).padStart(4, '0')}.txt`, `${start + offset}`)));
		}
		await admin.resetCounters();
		const result = await poll('Many', { folder: path('/Bulk') });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(total);
		expect(new Set(result.items.map((item) => item.json.path_lower)).size).toBe(total);
		expect(result.items.every((item) => item.json.event === 'fileAdded')).toBe(true);
		expect((await admin.counters()).calls['files/list_folder/continue']).toBeGreaterThanOrEqual(2);
		expect((await poll('Many', { folder: path('/Bulk') })).items).toBeNull();
	});

	test('events, path glob and subfolder settings filter what is reported', async () => {
		const options = { events: ['fileAdded', 'fileDeleted'], options: { pathGlob: '**/Approved/**' } };
		await admin.mkdir('/Glob');
		expect((await poll('Glob', { folder: path('/Glob'), ...options })).items).toBeNull();
		await admin.write('/Glob/Market/Approved/ok.jpg', '1');
		await admin.write('/Glob/Market/Draft/no.jpg', '2');
		const first = await poll('Glob', { folder: path('/Glob'), ...options });
		expect(summary(first.items)).toEqual(['fileAdded /glob/market/approved/ok.jpg']);
		await admin.write('/Glob/Market/Approved/ok.jpg', 'edited');
		expect((await poll('Glob', { folder: path('/Glob'), ...options })).items).toBeNull();
		await admin.remove('/Glob/Market/Approved/ok.jpg');
		expect(summary((await poll('Glob', { folder: path('/Glob'), ...options })).items)).toEqual(['fileDeleted /glob/market/approved/ok.jpg']);

		expect((await poll('Flat', { folder: path('/Glob'), recursive: false })).items).toBeNull();
		await admin.write('/Glob/top.txt', 'top');
		await admin.write('/Glob/Market/deep.txt', 'deep');
		expect(summary((await poll('Flat', { folder: path('/Glob'), recursive: false })).items)).toEqual(['fileAdded /glob/top.txt']);

		const badGlob = await poll('Bad', { options: { pathGlob: '**/Approved/{a,b' } });
		expect(badGlob.error).toBeDefined();
		expect(badGlob.error.message).toMatch(/^The path glob .* is invalid/);
	});

	test('Include Existing Files reports what is there on the first poll', async () => {
		await admin.write('/Existing/one.jpg', '1');
		await admin.write('/Existing/Sub/two.jpg', '2');
		const first = await poll('Existing', { folder: path('/Existing'), options: { includeExisting: true } });
		expect(summary(first.items)).toEqual(['fileAdded /existing/one.jpg', 'fileAdded /existing/sub/two.jpg', 'folderAdded /existing/sub']);
		expect((await poll('Existing', { folder: path('/Existing'), options: { includeExisting: true } })).items).toBeNull();
	});

	test('a manual test returns the most recent files and leaves the saved cursor alone', async () => {
		const before = (await poll('Watch')).staticData;
		await admin.write('/Watch/newest.jpg', 'newest');
		const manual = await poll('Watch', {}, { mode: 'manual' });
		expect(manual.error).toBeUndefined();
		expect(manual.items.length).toBeGreaterThan(0);
		expect(manual.items.length).toBeLessThanOrEqual(10);
		expect(manual.items.every((item) => item.json.sample === true && item.json.type === 'file')).toBe(true);
		expect(manual.items.map((item) => item.json.path_lower)).toContain('/watch/newest.jpg');
		expect(manual.staticData.cursor).toBe(before.cursor);
		// The real poll still reports the file once.
		expect(summary((await poll('Watch')).items)).toEqual(['fileAdded /watch/newest.jpg']);
	});
});
