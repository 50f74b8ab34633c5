'use strict';
// Asset > Download: download groups → initiate (long-running) → the pre-signed URL streamed
// into n8n binary data WITHOUT the Authorization header; an expired link is re-initiated once.

const crypto = require('node:crypto');
const { setup, rl } = require('./setup');
const { startDownloadProxy } = require('./download-proxy');

let ctx;
let proxy;
beforeAll(async () => {
	proxy = await startDownloadProxy();
	// initiateAssetsDownloadForAssetsAsync is immediate by contract; long-running here so the
	// node's task polling (and a 5xx on a poll) is covered on the download path too.
	ctx = await setup({
		emulator: {
			publicBaseUrl: proxy.baseUrl,
			longRunningMethods: ['IAssetsRead.getAssetsAsync', 'IAssetsDownload.initiateAssetsDownloadForAssetsAsync'],
		},
	});
	proxy.target = ctx.emulator.baseUrl;
});
afterAll(async () => {
	if (ctx) await ctx.close();
	if (proxy) await proxy.close();
});
beforeEach(() => {
	proxy.requests.length = 0;
	proxy.beforeForward = null;
	proxy.alterChunk = null;
});

const sha1 = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');
const downloads = () => proxy.requests.filter((r) => r.url.startsWith('/files/'));

test('streams the original file into binary data, checked against the asset SHA-1, without Authorization', async () => {
	const stored = await ctx.assetByFileName('brand-guidelines-v2.pdf');
	const { items, error } = await ctx.run({ resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'file' });
	expect(error).toBeUndefined();
	const binary = items[0].binary.file;
	expect(binary.id).toMatch(/^filesystem/); // stored by n8n's binary data service, not in the item
	const bytes = await ctx.harness.readBinary(binary);
	expect(bytes.length).toBe(stored.fileMetadata.fileSizeInBytes);
	expect(sha1(bytes)).toBe(stored.fileMetadata.sha1Hash);
	expect(binary.fileName).toBe('brand-guidelines-v2.pdf');
	expect(binary.mimeType).toBe('application/pdf');
	expect(items[0].json.download).toEqual(expect.objectContaining({ sha1Verified: true, linkRenewed: false, downloadItem: 'Original' }));
	expect(downloads()).toHaveLength(1);
	expect(downloads()[0].headers.authorization).toBeUndefined();
});

test('an expired link (403) is re-initiated once and the download succeeds', async () => {
	const stored = await ctx.assetByFileName('l27-de-shoes-social-01.jpg');
	proxy.beforeForward = async (request) => {
		// The first fetch arrives after the link's hour is over.
		if (request.url.startsWith('/files/') && request.index === 0) await ctx.adminPost('/clock', { advanceSeconds: 3700 });
	};
	const { items, error } = await ctx.run({ resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'data' });
	expect(error).toBeUndefined();
	expect(items[0].json.download.linkRenewed).toBe(true);
	expect(downloads()).toHaveLength(2);
	expect(downloads()[0].url).not.toBe(downloads()[1].url);
	expect(sha1(await ctx.harness.readBinary(items[0].binary.data))).toBe(stored.fileMetadata.sha1Hash);
});

test('a link that is expired again after renewal is reported (403) and not retried forever', async () => {
	const stored = await ctx.assetByFileName('l27-de-shoes-social-01.jpg');
	proxy.beforeForward = async (request) => {
		if (request.url.startsWith('/files/')) await ctx.adminPost('/clock', { advanceSeconds: 3700 });
	};
	const { error } = await ctx.run({ resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'data' });
	expect(error.name).toBe('NodeApiError');
	expect(error.httpCode).toBe('403');
	expect(error.message).toMatch(/expired/);
	expect(error.message).not.toMatch(/signature=/); // the pre-signed query is not shown
	expect(downloads()).toHaveLength(2);
});

test('429 and 5xx on the download and on the method calls are retried', async () => {
	const stored = await ctx.assetByFileName('brand-logo-mono.png');
	await ctx.setFaults({
		schedule: [
			{ route: 'download', call: 1, fault: 'serverError', status: 503 },
			{ route: 'download', call: 2, fault: 'rateLimit', retryAfterSeconds: 0 },
			{ route: 'IAssetsDownload.initiateAssetsDownloadForAssetsAsync', call: 1, fault: 'rateLimit', retryAfterSeconds: 0 },
			{ route: 'backgroundTasks', call: 1, fault: 'serverError', status: 500 },
		],
	});
	try {
		const { items, error } = await ctx.run({ resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'data' });
		expect(error).toBeUndefined();
		expect(sha1(await ctx.harness.readBinary(items[0].binary.data))).toBe(stored.fileMetadata.sha1Hash);
		const { faults } = (await ctx.admin.get('/counters')).data;
		expect(faults).toEqual(expect.objectContaining({ serverError: 2, rateLimit: 2 }));
	} finally {
		await ctx.setFaults({});
	}
});

test('Continue On Fail: one output item per input item, paired, errors named', async () => {
	const good = await ctx.assetByFileName('brand-logo-mono.png');
	const { items, error } = await ctx.run(
		{ resource: 'asset', operation: 'download', asset: rl('={{ $json.id }}'), binaryPropertyName: 'data' },
		{
			inputItems: [{ json: { id: good.id } }, { json: { id: 'bad id' } }, { json: { id: '99:image:00000000000000000000000000000000' } }],
			continueOnFail: true,
		},
	);
	expect(error).toBeUndefined();
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].binary.data).toBeDefined();
	expect(items[1].json.error).toContain("'bad id' is not a Smint.io asset ID (item index 1)");
	expect(items[2].json).toEqual(expect.objectContaining({ errorCode: 'not_found', httpCode: 404 }));
});

describe('a download that arrives with different bytes (same length)', () => {
	const flipFirstByte = (chunk, offset) => {
		if (offset > 0) return chunk;
		const copy = Buffer.from(chunk);
		copy[0] ^= 0xff;
		return copy;
	};

	test('fails the item: the SHA-1 computed while streaming differs from the asset', async () => {
		const stored = await ctx.assetByFileName('brand-guidelines-v2.pdf');
		proxy.alterChunk = flipFirstByte;
		const { error } = await ctx.run({ resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'file' });
		expect(error).toBeDefined();
		expect(error.message).toMatch(new RegExp(`Download of asset .* is corrupt: SHA-1 [0-9a-f]{40} differs from the asset's ${stored.fileMetadata.sha1Hash}`));
	});

	test('with Verify SHA-1 off, the bytes are delivered as they came and marked unverified', async () => {
		const stored = await ctx.assetByFileName('brand-guidelines-v2.pdf');
		proxy.alterChunk = flipFirstByte;
		const { items, error } = await ctx.run({
			resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'file', options: { verifySha1: false },
		});
		expect(error).toBeUndefined();
		const bytes = await ctx.harness.readBinary(items[0].binary.file);
		expect(sha1(bytes)).not.toBe(stored.fileMetadata.sha1Hash);
		expect(items[0].json.download.sha1Verified).toBe(false);
	});
});

describe('Asset > Get Download Link', () => {
	const DOWNLOAD_METHODS = require('../../../sandbox/smintio/portals/methods/IAssetsDownload');
	const ROUTES = [
		'IAssetsRead.getAssetAsync',
		'IAssetsDownload.getAssetsDownloadsForAssetsAsync',
		'IAssetsDownload.initiateAssetsDownloadForAssetsAsync',
		'download',
	];
	const callCounts = async () => {
		const { calls } = (await ctx.admin.get('/counters')).data;
		return Object.fromEntries(ROUTES.map((route) => [route, calls[route] ?? 0]));
	};
	const callsDuring = async (run) => {
		const before = await callCounts();
		const result = await run();
		const after = await callCounts();
		return { result, calls: Object.fromEntries(ROUTES.map((route) => [route, after[route] - before[route]])) };
	};
	const linkOf = (asset, options = {}) =>
		ctx.run({ resource: 'asset', operation: 'getDownloadLink', asset: rl(asset.id), options });

	/**
	 * The emulator offers only the Original; a tenant may offer renditions too. Adds `itemId`
	 * to every download group (its link serves the original's bytes, which is all these tests
	 * need) until the returned function is called.
	 */
	function offerAlsoItem(itemId) {
		const groups = DOWNLOAD_METHODS.getAssetsDownloadsForAssetsAsync;
		const initiate = DOWNLOAD_METHODS.initiateAssetsDownloadForAssetsAsync;
		const original = { groupsRun: groups.run, initiateRun: initiate.run, initiateCheck: initiate.check };
		const asOriginal = (params) => ({
			...params,
			assetDownloadItems: params.assetDownloadItems.map((item) => (item.itemId === itemId ? { ...item, itemId: 'Original' } : item)),
		});
		groups.run = (emulatorCtx, params) => {
			const result = original.groupsRun(emulatorCtx, params);
			for (const group of result.assetDownloadGroups) {
				group.assetDownloadItems.push({ ...group.assetDownloadItems[0], itemId, description: `${itemId} rendition`, selectedByDefault: false });
			}
			return result;
		};
		initiate.run = (emulatorCtx, params) => original.initiateRun(emulatorCtx, asOriginal(params));
		initiate.check = (emulatorCtx, params) => original.initiateCheck(emulatorCtx, asOriginal(params));
		return () => {
			groups.run = original.groupsRun;
			initiate.run = original.initiateRun;
			initiate.check = original.initiateCheck;
		};
	}

	test('returns a pre-signed link that plain fetch (no Authorization) downloads; the file is not fetched by the node', async () => {
		const stored = await ctx.assetByFileName('brand-guidelines-v2.pdf');
		const startedAt = Date.now();
		const { result, calls } = await callsDuring(() => linkOf(stored));
		const finishedAt = Date.now();
		const { items, error } = result;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json.id).toBe(stored.id);
		expect(items[0].json.name).toEqual(expect.any(String)); // localized, like Download
		const link = items[0].json.downloadLink;
		expect(link).toEqual({
			url: expect.stringMatching(/^http:\/\/.+\/files\/.+\?expires=\d+&signature=/),
			downloadItem: 'Original',
			fileName: 'brand-guidelines-v2.pdf',
			mimeType: 'application/pdf',
			bytes: stored.fileMetadata.fileSizeInBytes,
			sha1: stored.fileMetadata.sha1Hash.toLowerCase(),
			expiresWithinMinutes: 60,
			expiresBefore: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		// An upper bound: an hour after the link was made (after the node asked for it).
		expect(Date.parse(link.expiresBefore)).toBeGreaterThanOrEqual(startedAt + 3600_000);
		expect(Date.parse(link.expiresBefore)).toBeLessThanOrEqual(finishedAt + 3600_000);
		// One read, one look at the download options, one link; nothing downloaded.
		expect(calls).toEqual({
			'IAssetsRead.getAssetAsync': 1,
			'IAssetsDownload.getAssetsDownloadsForAssetsAsync': 1,
			'IAssetsDownload.initiateAssetsDownloadForAssetsAsync': 1,
			download: 0,
		});
		expect(downloads()).toHaveLength(0);

		const response = await fetch(link.url);
		expect(response.status).toBe(200);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBe(link.bytes);
		expect(sha1(bytes)).toBe(link.sha1);
		expect(downloads()).toHaveLength(1);
		expect(downloads()[0].headers.authorization).toBeUndefined();
	});

	test('another download item: the link, without the size and SHA-1 (they describe the Original)', async () => {
		const stored = await ctx.assetByFileName('brand-logo-mono.png');
		const restore = offerAlsoItem('Preview');
		try {
			const { items, error } = await linkOf(stored, { downloadItem: 'Preview' });
			expect(error).toBeUndefined();
			const link = items[0].json.downloadLink;
			expect(link).toEqual({ url: expect.stringContaining('/files/'), downloadItem: 'Preview', expiresWithinMinutes: 60, expiresBefore: expect.any(String) });
			expect(link).not.toHaveProperty('sha1');
			expect(link).not.toHaveProperty('bytes');
		} finally {
			restore();
		}
	});

	test('a download item the asset does not offer fails as Download does, before any link is made', async () => {
		const stored = await ctx.assetByFileName('brand-logo-mono.png');
		const { result, calls } = await callsDuring(() => linkOf(stored, { downloadItem: 'Thumbnail' }));
		const viaDownload = await ctx.run({
			resource: 'asset', operation: 'download', asset: rl(stored.id), binaryPropertyName: 'data', options: { downloadItem: 'Thumbnail' },
		});
		const { error } = result;
		expect(error).toBeDefined();
		expect(error.message).toBe(`Asset ${stored.id} offers no download 'Thumbnail'`);
		expect(error.description).toBe('Offered: Original. Set "Download Item" to one of them.');
		expect({ name: error.name, message: error.message, description: error.description }).toEqual({
			name: viaDownload.error.name,
			message: viaDownload.error.message,
			description: viaDownload.error.description,
		});
		expect(calls['IAssetsDownload.initiateAssetsDownloadForAssetsAsync']).toBe(0);
	});

	test('several items in parallel: one output item each, paired, in order; Continue On Fail names the failed one', async () => {
		const first = await ctx.assetByFileName('brand-logo-mono.png');
		const second = await ctx.assetByFileName('brand-guidelines-v2.pdf');
		const { items, error } = await ctx.run(
			{ resource: 'asset', operation: 'getDownloadLink', asset: rl('={{ $json.id }}'), options: { parallelRequests: 3 } },
			{
				inputItems: [{ json: { id: first.id } }, { json: { id: '99:image:00000000000000000000000000000000' } }, { json: { id: second.id } }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.downloadLink.sha1).toBe(first.fileMetadata.sha1Hash.toLowerCase());
		expect(items[1].json).toEqual(expect.objectContaining({ errorCode: 'not_found', httpCode: 404 }));
		expect(items[2].json.downloadLink.fileName).toBe('brand-guidelines-v2.pdf');
		expect(items[0].json.downloadLink.url).not.toBe(items[2].json.downloadLink.url);
	});
});
