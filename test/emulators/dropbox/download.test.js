'use strict';
// files/download (POST through the SDK, GET with ?arg= and ?authorization= as browsers and n8n
// send it, Range, ETag), the Dropbox-API-Result header, the SDK's downloadFile helper (Range
// requests, content_hash verified by the SDK), and temporary links served by the emulator.

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { downloadFile } = require('dropbox');
const { contentHashOf } = require('../../../sandbox/dropbox/content-hash');
const { startEmulator, client, expectDropboxError, rawCall } = require('./helpers');

const MiB = 1024 * 1024;
const TEASER = '/Campaigns/Launch 2027/Finals/launch-teaser.mp4';

describe('Dropbox emulator: downloads', () => {
	let emulator;
	let dbx;
	let tmp;
	beforeAll(async () => {
		emulator = await startEmulator();
		dbx = client(emulator);
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropbox-download-test-'));
	});
	afterAll(async () => {
		await emulator.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	test('filesDownload returns the bytes and the FileMetadata from Dropbox-API-Result', async () => {
		const data = crypto.randomBytes(300000);
		const uploaded = await dbx.filesUpload({ path: '/dl/data.bin', contents: data });
		const { result } = await dbx.filesDownload({ path: '/dl/DATA.bin' });
		expect(Buffer.compare(result.fileBinary, data)).toBe(0);
		expect(result.rev).toBe(uploaded.result.rev);
		expect(result.content_hash).toBe(contentHashOf(data));
		expect(result).not.toHaveProperty('.tag');
	});

	test('a non-ASCII name is escaped in the Dropbox-API-Result header', async () => {
		const apiPath = '/Campaigns/Launch 2027/France/Bags/Web/Approved/sac-à-main-été.jpg';
		const response = await rawCall(emulator, 'files/download', { headers: { 'Dropbox-API-Arg': JSON.stringify({ path: apiPath }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) } });
		expect(response.status).toBe(200);
		const raw = response.headers.get('dropbox-api-result');
		expect(raw).toMatch(/^[\x20-\x7e]+$/);
		expect(raw).toContain('\\u00e0');
		expect(JSON.parse(raw).name).toBe('sac-à-main-été.jpg');
		const sdk = await dbx.filesDownload({ path: apiPath });
		expect(sdk.result.name).toBe('sac-à-main-été.jpg');
	});

	test('GET with ?arg= and ?authorization=, Range gives 206 with Content-Range, bad ranges 416', async () => {
		const data = crypto.randomBytes(5000);
		await dbx.filesUpload({ path: '/dl/range.bin', contents: data });
		const arg = encodeURIComponent(JSON.stringify({ path: '/dl/range.bin' }));
		const auth = encodeURIComponent(`Bearer ${emulator.credentials.accessToken}`);
		const url = `${emulator.baseUrl}/2/files/download?arg=${arg}&authorization=${auth}`;
		const full = await fetch(url);
		expect(full.status).toBe(200);
		expect(full.headers.get('accept-ranges')).toBe('bytes');
		expect(Buffer.compare(Buffer.from(await full.arrayBuffer()), data)).toBe(0);
		const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe('bytes 100-199/5000');
		expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), data.subarray(100, 200))).toBe(0);
		const suffix = await fetch(url, { headers: { Range: 'bytes=-10' } });
		expect(suffix.headers.get('content-range')).toBe('bytes 4990-4999/5000');
		const open = await fetch(url, { headers: { Range: 'bytes=4000-' } });
		expect((await open.arrayBuffer()).byteLength).toBe(1000);
		const beyond = await fetch(url, { headers: { Range: 'bytes=9000-' } });
		expect(beyond.status).toBe(416);
		expect(beyond.headers.get('content-range')).toBe('bytes */5000');
		const etag = full.headers.get('etag');
		const cached = await fetch(url, { headers: { 'If-None-Match': etag } });
		expect(cached.status).toBe(304);
	});

	test('download errors: not_found, not_file, unknown rev; old revisions download by rev', async () => {
		await expectDropboxError(dbx.filesDownload({ path: '/dl/missing.bin' }), 409, ['path', 'not_found']);
		await expectDropboxError(dbx.filesDownload({ path: '/dl' }), 409, ['path', 'not_file']);
		const v1 = await dbx.filesUpload({ path: '/dl/versions.txt', contents: 'first' });
		await dbx.filesUpload({ path: '/dl/versions.txt', contents: 'second', mode: 'overwrite' });
		const old = await dbx.filesDownload({ path: '/dl/versions.txt', rev: v1.result.rev });
		expect(old.result.fileBinary.toString()).toBe('first');
		const byRevPath = await dbx.filesDownload({ path: `rev:${v1.result.rev}` });
		expect(byRevPath.result.fileBinary.toString()).toBe('first');
		await expectDropboxError(dbx.filesDownload({ path: '/dl/versions.txt', rev: 'abcdef0123456' }), 409, ['path', 'not_found']);
	});

	test("the SDK's downloadFile helper: parallel Range requests, content_hash verified", async () => {
		const target = path.join(tmp, 'teaser.mp4');
		const result = await downloadFile(dbx, TEASER, target, { parallelDownloads: 4 });
		const meta = await dbx.filesGetMetadata({ path: TEASER });
		expect(result.metadata.content_hash).toBe(meta.result.content_hash);
		expect(fs.statSync(target).size).toBe(24 * MiB);
		expect(contentHashOf(fs.readFileSync(target))).toBe(meta.result.content_hash);
	});

	test("the SDK's downloadFile helper resumes a partial .part file with a Range request", async () => {
		const data = crypto.randomBytes(3 * MiB);
		await dbx.filesUpload({ path: '/dl/resume.bin', contents: data });
		const target = path.join(tmp, 'resume.bin');
		fs.writeFileSync(`${target}.part`, data.subarray(0, MiB));
		const result = await downloadFile(dbx, '/dl/resume.bin', target);
		expect(result.resumedFrom).toBe(MiB);
		expect(Buffer.compare(fs.readFileSync(target), data)).toBe(0);
	});

	test('get_temporary_link: the link downloads (with Range) and expires after 4 hours with 410', async () => {
		const { result } = await dbx.filesGetTemporaryLink({ path: TEASER });
		expect(result.metadata.name).toBe('launch-teaser.mp4');
		expect(result.link.startsWith(emulator.baseUrl)).toBe(true);
		const head = await fetch(result.link, { headers: { Range: 'bytes=0-1023' } });
		expect(head.status).toBe(206);
		expect((await head.arrayBuffer()).byteLength).toBe(1024);
		await expectDropboxError(dbx.filesGetTemporaryLink({ path: '/Campaigns' }), 409, ['path', 'not_file']);
		await fetch(`${emulator.baseUrl}/__admin/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 4 * 3600 + 1 }) });
		const expired = await fetch(result.link);
		expect(expired.status).toBe(410);
		await expired.arrayBuffer();
	});
});
