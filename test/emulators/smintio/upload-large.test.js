'use strict';
// A ~200 MB multipart upload streamed through uploadFile: the stored sha1 and size match what
// the client sent, an asset made from it reports them in fileMetadata, and the pre-signed
// download streams the same bytes back. (1 GiB with a memory ceiling: memory.js.)

const { start, ok, PORTAL } = require('./helpers');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { multipartStream, postStream, downloadSha1 } = require('./streaming');

const SIZE = 200 * 1024 * 1024 + 12345;

let emulator;
let api;
let admin;

beforeAll(async () => {
	({ emulator, api, admin } = await start({ seed: false, taskDelayMs: 20 }));
});
afterAll(() => emulator.close());

test('a 200 MB streamed upload keeps its sha1 end to end', async () => {
	const body = multipartStream('launch-teaser.mp4', SIZE, 2027);
	const response = await postStream(
		`${emulator.baseUrl}/frontend/v1/portals/${PORTAL}/portalsContext/uploadFile`,
		{
			Authorization: `Bearer ${emulator.credentials.accessToken}`,
			'Content-Type': body.contentType,
			'Content-Length': body.contentLength,
		},
		body.stream,
	);
	expect(response.status).toBe(200);
	const sent = body.sha1();
	expect(sent).toMatch(/^[0-9a-f]{40}$/);

	const record = (await admin.get('/__admin/uploads')).data.uploads.find((u) => u.uuid === response.body.uuid);
	expect(record).toMatchObject({ size: SIZE, sha1: sent, mediaType: 'video/mp4', fileName: 'launch-teaser.mp4' });

	const asset = (await ok(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid: response.body.uuid, name: 'Launch teaser' })).assetDataObject;
	expect(asset.contentType).toBe('video');
	expect(asset.fileMetadata).toMatchObject({ fileSizeInBytes: SIZE, sha1Hash: sent });

	const items = (await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: asset.id }] })).assetDownloadGroups[0].assetDownloadItems;
	const { url } = (await ok(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', { assetIds: [{ id: asset.id }], assetDownloadItems: items })).assetDownloadUrl;
	const downloaded = await downloadSha1(url);
	expect(downloaded).toEqual({ status: 200, size: SIZE, sha1: sent });
});

test('an upload the client aborts leaves no upload record and the server keeps serving', async () => {
	const before = (await admin.get('/__admin/uploads')).data.uploads.length;
	const body = multipartStream('aborted.bin', 50 * 1024 * 1024, 3);
	await new Promise((resolve) => {
		const request = http.request(`${emulator.baseUrl}/frontend/v1/portals/${PORTAL}/portalsContext/uploadFile`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${emulator.credentials.accessToken}`,
				'Content-Type': body.contentType,
				'Content-Length': body.contentLength,
			},
		});
		request.on('error', () => undefined);
		let sent = 0;
		const pump = async () => {
			for await (const chunk of body.stream) {
				sent += chunk.length;
				if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
				if (sent > 5 * 1024 * 1024) break;
			}
			request.destroy();
			resolve();
		};
		pump();
	});
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect((await admin.get('/__admin/uploads')).data.uploads.length).toBe(before);
	expect(fs.readdirSync(path.join(emulator.dataDir, 'files', 'tmp'))).toEqual([]);
	const search = await ok(api, 'IAssetsSearch', 'searchAssetsAsync', {});
	expect(search.details).toMatchObject({ currentPage: 0 });
});
