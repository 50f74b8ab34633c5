'use strict';

// File operations of the Dropbox Sync node, run through n8n-core's engine against the Dropbox
// emulator. Assertions read what the emulator holds afterwards (admin API), not only the output.

const fs = require('node:fs');
const nodePath = require('node:path');

const { startEnvironment, bytes, contentHashOf } = require('./setup');

const MiB = 1024 * 1024;
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

async function upload(folder, fileName, data, parameters = {}, runOptions = {}) {
	return await env.run(
		{ resource: 'file', operation: 'upload', folder: path(folder), fileName, ...parameters },
		{ inputItems: await env.binaryItems([{ name: fileName || 'from-binary.bin', data }]), ...runOptions },
	);
}

describe('Upload', () => {
	test('a small file goes up in one files/upload call and arrives intact', async () => {
		await admin.resetCounters();
		const data = bytes(300 * 1024, 11);
		const { items, error } = await upload('/Up/Small', 'poster.jpg', data);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ type: 'file', path_display: '/Up/Small/poster.jpg', size: data.length, skipped: false, uploadMethod: 'single' });
		const stored = await admin.file('/Up/Small/poster.jpg');
		expect(stored.metadata.content_hash).toBe(contentHashOf(data));
		expect(items[0].json.content_hash).toBe(stored.metadata.content_hash);
		expect(items[0].json.rev).toBe(stored.metadata.rev);
		expect(await callsTo('files/upload')).toBe(1);
		expect(await callsTo('files/upload_session/start')).toBe(0);
	});

	test('the name of the binary data is used when File Name is empty (Unicode included)', async () => {
		const data = Buffer.from('Grüße');
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'upload', folder: path('/Up/Ünïcødé') },
			{ inputItems: await env.binaryItems([{ name: 'Müller – Sommer.txt', data }]) },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.path_display).toBe('/Up/Ünïcødé/Müller – Sommer.txt');
		expect((await admin.file('/Up/Ünïcødé/Müller – Sommer.txt')).metadata.content_hash).toBe(contentHashOf(data));
	});

	test('a destination folder given by id (looked up once per execution)', async () => {
		const { metadata } = await admin.mkdir('/Up/ById');
		await admin.resetCounters();
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'upload', folder: { __rl: true, mode: 'id', value: metadata.id }, fileName: '={{ $json.name }}', options: { batchCommit: false } },
			{ inputItems: await env.binaryItems([{ name: 'x', data: Buffer.from('one'), json: { name: 'one.txt' } }, { name: 'y', data: Buffer.from('two'), json: { name: 'two.txt' } }]) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.path_display)).toEqual(['/Up/ById/one.txt', '/Up/ById/two.txt']);
		expect(await callsTo('files/get_metadata')).toBe(1);
		const copied = await env.run({ resource: 'file', operation: 'copy', file: path('/Up/ById/one.txt'), destinationFolder: { __rl: true, mode: 'id', value: metadata.id }, newName: 'three.txt' });
		expect(copied.items[0].json.path_display).toBe('/Up/ById/three.txt');
	});

	test('a file above the single-request limit goes up in a sequential session of chunks (Parallel Chunks 1), streamed from filesystem binary data', async () => {
		await admin.resetCounters();
		const data = bytes(9 * MiB + 12345, 12);
		const { items, error } = await upload('/Up/Big', 'clip.mp4', data, { options: { singleRequestLimitMib: 1, chunkSizeMib: 4, parallelChunks: 1 } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ size: data.length, uploadMethod: 'session', skipped: false });
		expect((await admin.file('/Up/Big/clip.mp4')).metadata.content_hash).toBe(contentHashOf(data));
		// 3 chunks: start carries the first, two appends (the last one closes), one finish.
		expect(await callsTo('files/upload_session/start')).toBe(1);
		expect(await callsTo('files/upload_session/append_v2')).toBe(2);
		expect(await callsTo('files/upload_session/finish')).toBe(1);
		expect(await callsTo('files/upload')).toBe(0);
	});

	test('Skip If Identical leaves an identical file alone (one request: no upload, no new revision)', async () => {
		const data = bytes(50 * 1024, 13);
		await upload('/Up/Skip', 'same.bin', data);
		const before = await admin.file('/Up/Skip/same.bin');
		await admin.resetCounters();
		const { items, error } = await upload('/Up/Skip', 'same.bin', data, { writeMode: 'overwrite', skipIfIdentical: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ skipped: true, reason: 'identical', rev: before.metadata.rev });
		expect(await callsTo('files/upload')).toBe(0);
		expect((await admin.file('/Up/Skip/same.bin')).revisions).toHaveLength(1);

		// Different content with the same size is uploaded.
		const changed = bytes(50 * 1024, 14);
		const second = await upload('/Up/Skip', 'same.bin', changed, { writeMode: 'overwrite', skipIfIdentical: true });
		expect(second.items[0].json.skipped).toBe(false);
		expect((await admin.file('/Up/Skip/same.bin')).metadata.content_hash).toBe(contentHashOf(changed));
	});

	test('Skip If Identical on a session upload compares the hash computed while streaming and does not commit', async () => {
		const data = bytes(5 * MiB, 15);
		const options = { singleRequestLimitMib: 1, chunkSizeMib: 4 };
		await upload('/Up/SkipBig', 'big.bin', data, { options });
		await admin.resetCounters();
		const { items } = await upload('/Up/SkipBig', 'big.bin', data, { writeMode: 'overwrite', skipIfIdentical: true, options });
		expect(items[0].json).toMatchObject({ skipped: true, uploadMethod: 'session' });
		expect(await callsTo('files/upload_session/start')).toBe(1);
		expect(await callsTo('files/upload_session/finish')).toBe(0);
		expect((await admin.file('/Up/SkipBig/big.bin')).revisions).toHaveLength(1);
	});

	test('write modes: Add conflicts, Autorename keeps both, Overwrite replaces, Update checks the rev', async () => {
		const first = bytes(2048, 21);
		const second = bytes(2048, 22);
		await upload('/Up/Modes', 'doc.txt', first);

		const conflict = await upload('/Up/Modes', 'doc.txt', second, { writeMode: 'add' });
		expect(conflict.error.message).toBe('A file is already at /Up/Modes/doc.txt');
		expect(conflict.error.description).toMatch(/Overwrite/);
		expect((await admin.file('/Up/Modes/doc.txt')).metadata.content_hash).toBe(contentHashOf(first));

		const renamed = await upload('/Up/Modes', 'doc.txt', second, { writeMode: 'add', autorename: true });
		expect(renamed.items[0].json.path_display).toBe('/Up/Modes/doc (2).txt');
		expect((await admin.file('/Up/Modes/doc (2).txt')).metadata.content_hash).toBe(contentHashOf(second));

		const overwritten = await upload('/Up/Modes', 'doc.txt', second, { writeMode: 'overwrite' });
		expect(overwritten.items[0].json.content_hash).toBe(contentHashOf(second));
		const afterOverwrite = await admin.file('/Up/Modes/doc.txt');
		expect(afterOverwrite.revisions).toHaveLength(2);

		const third = bytes(4096, 23);
		const updated = await upload('/Up/Modes', 'doc.txt', third, { writeMode: 'update', rev: afterOverwrite.metadata.rev });
		expect(updated.error).toBeUndefined();
		expect((await admin.file('/Up/Modes/doc.txt')).metadata.content_hash).toBe(contentHashOf(third));

		// The rev read before is stale now: nothing is written.
		const stale = await upload('/Up/Modes', 'doc.txt', bytes(10, 24), { writeMode: 'update', rev: afterOverwrite.metadata.rev });
		expect(stale.error.name).toBe('NodeOperationError');
		expect(stale.error.message).toMatch(/^A file with a different revision is already there: \/Up\/Modes\/doc.txt \(current rev \w+, expected \w+\)/);
		expect(stale.error.message).toContain('(item 0)');
		expect((await admin.file('/Up/Modes/doc.txt')).metadata.content_hash).toBe(contentHashOf(third));
	});

	test('several items go up concurrently and are committed together with finish_batch_v2', async () => {
		await admin.resetCounters();
		const files = Array.from({ length: 6 }, (_, index) => ({ name: `batch-${index}.bin`, data: bytes(10_000 + index * 1000, 100 + index) }));
		const { items, error } = await env.run(
			{ resource: 'file', operation: 'upload', folder: path('/Up/Batch') },
			{ inputItems: await env.binaryItems(files) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(items.every((item) => item.json.uploadMethod === 'batch')).toBe(true);
		expect(await callsTo('files/upload_session/finish_batch_v2')).toBe(1);
		expect(await callsTo('files/upload')).toBe(0);
		for (const [index, file] of files.entries()) {
			expect(items[index].json.path_display).toBe(`/Up/Batch/${file.name}`);
			expect((await admin.file(`/Up/Batch/${file.name}`)).metadata.content_hash).toBe(contentHashOf(file.data));
		}
	});

	test('a lost reply is not a failure and not a duplicate: upload, finish and append retried after dropAfter', async () => {
		const single = bytes(3000, 31);
		await admin.setFaults({ schedule: [{ route: 'files/upload', call: 1, fault: 'dropAfter' }] });
		const first = await upload('/Up/Lost', 'single.bin', single, { writeMode: 'update', rev: '000000000a' });
		expect(first.error).toBeUndefined();
		expect((await admin.counters()).calls['files/upload']).toBe(2);
		const stored = await admin.file('/Up/Lost/single.bin');
		expect(stored.revisions).toHaveLength(1);
		expect(stored.metadata.content_hash).toBe(contentHashOf(single));

		const big = bytes(9 * MiB, 32);
		await admin.setFaults({
			schedule: [
				{ route: 'files/upload_session/append_v2', call: 1, fault: 'dropAfter' },
				{ route: 'files/upload_session/finish', call: 1, fault: 'dropAfter' },
			],
		});
		const second = await upload('/Up/Lost', 'big.bin', big, { options: { singleRequestLimitMib: 1, chunkSizeMib: 4 } });
		expect(second.error).toBeUndefined();
		const counters = await admin.counters();
		expect(counters.faults.dropAfter).toBe(2);
		expect(counters.calls['files/upload_session/finish']).toBe(2);
		const bigStored = await admin.file('/Up/Lost/big.bin');
		expect(bigStored.revisions).toHaveLength(1);
		expect(bigStored.metadata.content_hash).toBe(contentHashOf(big));

		const batch = [0, 1, 2].map((index) => ({ name: `b${index}.bin`, data: bytes(777 + index, 40 + index) }));
		await admin.setFaults({ schedule: [{ route: 'files/upload_session/finish_batch_v2', call: 1, fault: 'dropAfter' }] });
		const third = await env.run({ resource: 'file', operation: 'upload', folder: path('/Up/Lost/Batch') }, { inputItems: await env.binaryItems(batch) });
		expect(third.error).toBeUndefined();
		expect(third.items.map((item) => item.json.path_display)).toEqual(batch.map((file) => `/Up/Lost/Batch/${file.name}`));
		for (const file of batch) {
			const entry = await admin.file(`/Up/Lost/Batch/${file.name}`);
			expect(entry.revisions).toHaveLength(1);
			expect(entry.metadata.content_hash).toBe(contentHashOf(file.data));
		}
		expect((await admin.tree('/Up/Lost/Batch')).filter((entry) => entry['.tag'] === 'file')).toHaveLength(3);
		await admin.setFaults({});
	});
});

describe('Download', () => {
	test('streams the file into binary data with its metadata; an older revision by rev', async () => {
		const v1 = bytes(2 * MiB + 5, 51);
		const v2 = bytes(1 * MiB, 52);
		await admin.write('/Down/photo.jpg', v1);
		const firstRev = (await admin.file('/Down/photo.jpg')).metadata.rev;
		await admin.write('/Down/photo.jpg', v2);

		const { items, error } = await env.run({ resource: 'file', operation: 'download', file: path('/Down/photo.jpg'), binaryPropertyName: 'file' });
		expect(error).toBeUndefined();
		const { json, binary } = items[0];
		expect(json).toMatchObject({ type: 'file', name: 'photo.jpg', path_display: '/Down/photo.jpg', size: v2.length, content_hash: contentHashOf(v2) });
		for (const field of ['id', 'rev', 'server_modified', 'client_modified']) expect(json[field]).toEqual(expect.any(String));
		expect(binary.file).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg', bytes: v2.length });
		expect(binary.file.id).toMatch(/^filesystem/);
		expect((await env.harness.readBinary(binary.file)).equals(v2)).toBe(true);

		const old = await env.run({ resource: 'file', operation: 'download', file: path('/Down/photo.jpg'), options: { rev: firstRev, verifyContentHash: true } });
		expect(old.error).toBeUndefined();
		expect(old.items[0].json.rev).toBe(firstRev);
		expect((await env.harness.readBinary(old.items[0].binary.data)).equals(v1)).toBe(true);
	});

	test('a folder is not a file; a missing file is named', async () => {
		await admin.mkdir('/Down/AFolder');
		const folder = await env.run({ resource: 'file', operation: 'download', file: path('/Down/AFolder') });
		expect(folder.error.name).toBe('NodeOperationError');
		expect(folder.error.message).toBe('Path /Down/AFolder is a folder; a file is needed');
		const missing = await env.run({ resource: 'file', operation: 'download', file: path('/Campaigns/x.jpg') });
		expect(missing.error.name).toBe('NodeApiError');
		expect(missing.error.message).toBe('No file at /Campaigns/x.jpg');
		expect(missing.error.description).toContain('path/not_found');
	});
	test("a file n8n's binary store refuses fails at once with the fix, not retried or called a network error", async () => {
		await admin.write('/Down/refused.bin', bytes(1 * MiB, 53));
		// The store's folder replaced by a plain file: n8n's filesystem store cannot write (ENOTDIR),
		// as a full disk or database mode's size cap refuse a file.
		const store = nodePath.join(env.harness.tmpDir, 'binaryData');
		const aside = `${store}.aside`;
		const existed = fs.existsSync(store);
		if (existed) fs.renameSync(store, aside);
		fs.writeFileSync(store, 'not a folder');
		await admin.resetCounters();
		try {
			const { error } = await env.run({ resource: 'file', operation: 'download', file: path('/Down/refused.bin') });
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(/^n8n could not store the downloaded file \/Down\/refused\.bin: /);
			expect(error.message).not.toMatch(/network error|Could not reach Dropbox/);
			expect(error.description).toMatch(/N8N_DEFAULT_BINARY_DATA_MODE=filesystem/);
			expect(await callsTo('files/download')).toBe(1);
		} finally {
			fs.rmSync(store);
			if (existed) fs.renameSync(aside, store);
		}
	});
});

describe('Metadata, links, copy, move, delete, revisions, restore', () => {
	test('Get Metadata by path and by id; Get Temporary Link serves the bytes', async () => {
		const data = Buffer.from('metadata test');
		const written = await admin.write('/Meta/a.txt', data);
		const byPath = await env.run({ resource: 'file', operation: 'getMetadata', file: path('/Meta/a.txt') });
		expect(byPath.items[0].json).toMatchObject({ type: 'file', id: written.metadata.id, rev: written.metadata.rev, content_hash: contentHashOf(data) });
		const byId = await env.run({ resource: 'file', operation: 'getMetadata', file: { __rl: true, mode: 'id', value: written.metadata.id.slice(3) } });
		expect(byId.items[0].json.path_display).toBe('/Meta/a.txt');

		const link = await env.run({ resource: 'file', operation: 'getTemporaryLink', file: path('/Meta/a.txt') });
		expect(link.error).toBeUndefined();
		expect(link.items[0].json).toMatchObject({ name: 'a.txt', link: expect.stringMatching(/^http/), expiresAt: expect.stringMatching(/Z$/) });
		const served = await fetch(link.items[0].json.link);
		expect(Buffer.from(await served.arrayBuffer()).equals(data)).toBe(true);
	});

	test('Copy and Move (into another folder, with a new name), Delete with a rev guard', async () => {
		await admin.write('/Rel/src.txt', 'source');
		const copied = await env.run({ resource: 'file', operation: 'copy', file: path('/Rel/src.txt'), destinationFolder: path('/Rel/Copies'), newName: 'copy.txt' });
		expect(copied.items[0].json).toMatchObject({ path_display: '/Rel/Copies/copy.txt', from_path: '/Rel/src.txt' });
		expect(await admin.file('/Rel/src.txt')).not.toBeNull();
		expect((await admin.file('/Rel/Copies/copy.txt')).metadata.content_hash).toBe(contentHashOf(Buffer.from('source')));

		const moved = await env.run({ resource: 'file', operation: 'move', file: path('/Rel/src.txt'), destinationFolder: path('/Rel/Moved') });
		expect(moved.items[0].json.path_display).toBe('/Rel/Moved/src.txt');
		expect(await admin.file('/Rel/src.txt')).toBeNull();

		const guarded = await env.run({ resource: 'file', operation: 'deleteFile', file: path('/Rel/Moved/src.txt'), options: { parentRev: '0123456789' } });
		expect(guarded.error.message).toMatch(/different revision/);
		expect(await admin.file('/Rel/Moved/src.txt')).not.toBeNull();
		const deleted = await env.run({ resource: 'file', operation: 'deleteFile', file: path('/Rel/Moved/src.txt') });
		expect(deleted.items[0].json).toMatchObject({ deleted: true, path_display: '/Rel/Moved/src.txt' });
		expect(await admin.file('/Rel/Moved/src.txt')).toBeNull();
	});

	test('a move whose reply was lost is still reported as done', async () => {
		await admin.write('/Rel2/a.txt', 'x');
		await admin.setFaults({ schedule: [{ route: 'files/move_v2', call: 1, fault: 'dropAfter' }] });
		const moved = await env.run({ resource: 'file', operation: 'move', file: path('/Rel2/a.txt'), destinationFolder: path('/Rel2/B') });
		await admin.setFaults({});
		expect(moved.error).toBeUndefined();
		expect(moved.items[0].json.path_display).toBe('/Rel2/B/a.txt');
		expect(await admin.file('/Rel2/a.txt')).toBeNull();
	});

	test('List Revisions and Restore an earlier one', async () => {
		await admin.write('/Rev/r.txt', 'one');
		const firstRev = (await admin.file('/Rev/r.txt')).metadata.rev;
		await admin.write('/Rev/r.txt', 'two');
		const listed = await env.run({ resource: 'file', operation: 'listRevisions', file: path('/Rev/r.txt') });
		expect(listed.items.map((item) => item.json.rev)).toEqual([(await admin.file('/Rev/r.txt')).metadata.rev, firstRev]);
		expect(listed.items[0].json.isLatest).toBe(true);
		expect(listed.items.every((item) => item.pairedItem.item === 0)).toBe(true);

		const restored = await env.run({ resource: 'file', operation: 'restore', file: path('/Rev/r.txt'), rev: firstRev });
		expect(restored.error).toBeUndefined();
		const state = await admin.file('/Rev/r.txt');
		expect(state.metadata.content_hash).toBe(contentHashOf(Buffer.from('one')));
		expect(state.revisions).toHaveLength(3);
	});
});

describe('Tags and properties', () => {
	test('Add, Get and Remove Tags', async () => {
		await admin.write('/Tags/t.jpg', 'tag me');
		const added = await env.run({ resource: 'file', operation: 'addTags', file: path('/Tags/t.jpg'), tags: 'Approved, campaign_2026' });
		expect(added.items[0].json.tags.sort()).toEqual(['approved', 'campaign_2026']);
		expect((await admin.file('/Tags/t.jpg')).tags.sort()).toEqual(['approved', 'campaign_2026']);
		const read = await env.run({ resource: 'file', operation: 'getTags', file: path('/Tags/t.jpg') });
		expect(read.items[0].json.tags.sort()).toEqual(['approved', 'campaign_2026']);
		const removed = await env.run({ resource: 'file', operation: 'removeTags', file: path('/Tags/t.jpg'), tags: 'approved, never_there' });
		expect(removed.items[0].json).toMatchObject({ removed: ['approved'], notPresent: ['never_there'], tags: ['campaign_2026'] });
		expect((await admin.file('/Tags/t.jpg')).tags).toEqual(['campaign_2026']);
		const invalid = await env.run({ resource: 'file', operation: 'addTags', file: path('/Tags/t.jpg'), tags: 'not valid!' });
		expect(invalid.error.message).toMatch(/The tag "not valid!" is not valid/);
	});

	test('Set Properties creates the template once (by name) and merges values; Get Properties reads them', async () => {
		await admin.write('/Props/1.jpg', 'one');
		await admin.write('/Props/2.jpg', 'two');
		await admin.resetCounters();
		const set = await env.run(
			{
				resource: 'file',
				operation: 'setProperties',
				file: path('={{ $json.path }}'),
				properties: { property: [{ name: 'smintio_asset_id', value: '={{ $json.asset }}' }, { name: 'smintio_version', value: '3' }] },
			},
			{ inputItems: [{ json: { path: '/Props/1.jpg', asset: 'A-1' } }, { json: { path: '/Props/2.jpg', asset: 'A-2' } }] },
		);
		expect(set.error).toBeUndefined();
		expect(set.items.map((item) => item.json.properties)).toEqual([
			{ smintio_asset_id: 'A-1', smintio_version: '3' },
			{ smintio_asset_id: 'A-2', smintio_version: '3' },
		]);
		expect(await callsTo('file_properties/templates/add_for_user')).toBe(1);
		// New groups hold exactly what was sent: no read-back (update tried, then add, per file).
		expect(await callsTo('file_properties/properties/add')).toBe(2);
		expect(await callsTo('files/get_metadata')).toBe(0);
		const templateId = set.items[0].json.template_id;
		const stored = (await admin.file('/Props/2.jpg')).metadata.property_groups;
		expect(stored).toEqual([{ template_id: templateId, fields: expect.arrayContaining([{ name: 'smintio_asset_id', value: 'A-2' }]) }]);

		// A later run finds the template by name, extends it with a new field and keeps the others.
		await admin.resetCounters();
		const again = await env.run({ resource: 'file', operation: 'setProperties', file: path('/Props/1.jpg'), properties: { property: [{ name: 'source', value: 'dropbox' }] } });
		expect(again.items[0].json.template_id).toBe(templateId);
		// An update keeps the fields already there, so the output is read back from Dropbox.
		expect(again.items[0].json.properties).toEqual({ smintio_asset_id: 'A-1', smintio_version: '3', source: 'dropbox' });
		expect(await callsTo('files/get_metadata')).toBe(1);
		expect(await callsTo('file_properties/templates/add_for_user')).toBe(0);

		// Keep Other Properties off overwrites the group: it then holds exactly what was sent.
		await admin.resetCounters();
		const replaced = await env.run({ resource: 'file', operation: 'setProperties', file: path('/Props/2.jpg'), properties: { property: [{ name: 'source', value: 'smintio' }] }, options: { keepOthers: false } });
		expect(replaced.items[0].json.properties).toEqual({ source: 'smintio' });
		expect((await admin.file('/Props/2.jpg')).metadata.property_groups).toEqual([{ template_id: templateId, fields: [{ name: 'source', value: 'smintio' }] }]);
		expect(await callsTo('files/get_metadata')).toBe(0);

		const read = await env.run({ resource: 'file', operation: 'getProperties', file: path('/Props/1.jpg') });
		expect(read.items[0].json).toMatchObject({ template_id: templateId, properties: { smintio_asset_id: 'A-1', source: 'dropbox' } });
		const none = await env.run({ resource: 'file', operation: 'getProperties', file: path('/Props/1.jpg'), templateName: 'no such template' });
		expect(none.items[0].json).toMatchObject({ template_id: null, properties: {} });
	});
});
