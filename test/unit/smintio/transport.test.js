'use strict';
// Pure parts of the transport: Smint.io error objects, status codes for task errors, file
// names from Content-Disposition, the streaming multipart body (parsed back with busboy).

const { Readable } = require('node:stream');
const crypto = require('node:crypto');
const busboy = require('busboy');
const { parseErrorBody, statusForCode } = require('../../../nodes/SmintIo/transport/errors');
const { fileNameFromDisposition } = require('../../../nodes/shared/httpFile');
const { multipartStreamingBody, rawStreamingBody, bufferSource } = require('../../../nodes/shared/streamingBody');
const { PORTALS_METHODS, PORTALS_PATHS, CLAPI_PATHS } = require('../../../nodes/SmintIo/transport/methodTable');

test('Smint.io error objects from objects or JSON text; anything else is null', () => {
	const error = { error_code: 'not_found', error_message: 'asset "x" was not found', error_details: { uuid: 'x' } };
	expect(parseErrorBody(error)).toEqual(error);
	expect(parseErrorBody(JSON.stringify(error))).toEqual(error);
	expect(parseErrorBody('<html>')).toBeNull();
	expect(parseErrorBody({ message: 'other' })).toBeNull();
	expect(parseErrorBody(null)).toBeNull();
});

test.each([
	['not_found', 404],
	['tenant_not_found', 404],
	['optimistic_lock_violated', 409],
	['precondition_required', 428],
	['permission_denied', 403],
	['argument_invalid', 400],
	['argument_missing', 400],
	['max_paging_limit_exceeded', 400],
	['access_token_expired', 401],
	['too_many_requests', 429],
	['service_unavailable', 503],
	['internal_server_error', 500],
	[undefined, 500],
])('task error code %p -> HTTP %p', (code, status) => {
	expect(statusForCode(code)).toBe(status);
});

test.each([
	[`attachment; filename="a b.png"; filename*=UTF-8''a%20b%C3%BC.png`, 'a bü.png'],
	['attachment; filename="plain.pdf"', 'plain.pdf'],
	['attachment; filename=bare.jpg', 'bare.jpg'],
	['inline', undefined],
	[undefined, undefined],
])('Content-Disposition %p -> %p', (header, name) => {
	expect(fileNameFromDisposition(header)).toBe(name);
});

test('the method table spells each Portals call once, with its tag', () => {
	const names = Object.values(PORTALS_METHODS).map((m) => `${m.interface}.${m.method}`);
	expect(new Set(names).size).toBe(names.length);
	expect(PORTALS_METHODS.searchAssets).toEqual({ interface: 'IAssetsSearch', method: 'searchAssetsAsync', tag: 'public', longRunning: false });
	expect(PORTALS_METHODS.createAsset.tag).toBe('modeled');
	expect(PORTALS_PATHS.execute('p 1', 'IAssetsRead', 'getAssetAsync')).toBe('/portals/p%201/portalsContext/IAssetsRead/execute/getAssetAsync');
	expect(CLAPI_PATHS.binaries('3601', '80101')).toBe('/sync/cart-purchase-transactions/3601/license-purchase-transactions/80101/binaries');
});

async function collect(body) {
	const chunks = [];
	for await (const chunk of body.stream()) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

function parseMultipart(type, bytes) {
	return new Promise((resolve, reject) => {
		const parser = busboy({ headers: { 'content-type': type } });
		const out = { fields: {}, files: [] };
		parser.on('field', (name, value) => (out.fields[name] = value));
		parser.on('file', (name, stream, info) => {
			const parts = [];
			stream.on('data', (d) => parts.push(d));
			stream.on('end', () => out.files.push({ name, info, data: Buffer.concat(parts) }));
		});
		parser.on('close', () => resolve(out));
		parser.on('error', reject);
		Readable.from([bytes]).pipe(parser);
	});
}

describe('streaming bodies', () => {
	const file = crypto.randomBytes(300_000);

	test('multipart: a Blob look-alike whose size is exact and whose parts parse back', async () => {
		const body = multipartStreamingBody({ openFile: bufferSource(file, 65536), fileSize: file.length, fileName: 'Grüße "x".png', mimeType: 'image/png', fields: { purpose: 'asset' } });
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		const bytes = await collect(body);
		expect(bytes.length).toBe(body.size);
		expect(body.type).toMatch(/^multipart\/form-data; boundary=/);
		const parsed = await parseMultipart(body.type, bytes);
		expect(parsed.fields).toEqual({ purpose: 'asset' });
		expect(parsed.files).toHaveLength(1);
		expect(parsed.files[0].name).toBe('file');
		expect(parsed.files[0].info.mimeType).toBe('image/png');
		expect(parsed.files[0].info.filename).toBe('Grüße "x".png');
		expect(parsed.files[0].data.equals(file)).toBe(true);
	});

	test('each resend re-opens the source; the observer sees only the latest pass', async () => {
		let opened = 0;
		const hashes = [];
		let current;
		const observer = {
			restart: () => (current = crypto.createHash('sha1')),
			chunk: (data) => current.update(data),
		};
		const body = rawStreamingBody({
			openFile: async () => {
				opened++;
				return bufferSource(file, 1000)();
			},
			size: file.length,
			observer,
		});
		// A first attempt that is abandoned half-way while a second one runs to the end…
		const first = body.stream();
		await first.next();
		await first.next();
		const second = await collect(body);
		// …and the stale first pass keeps being read afterwards (read-ahead): it must not count.
		for await (const chunk of first) void chunk;
		hashes.push(current.digest('hex'));
		expect(second.equals(file)).toBe(true);
		expect(opened).toBe(2);
		expect(body.opened).toBe(2);
		expect(hashes[0]).toBe(crypto.createHash('sha1').update(file).digest('hex'));
	});
});
