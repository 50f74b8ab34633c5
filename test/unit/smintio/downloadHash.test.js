'use strict';
// downloadPresigned hashes the bytes (SHA-1) while n8n's binary store takes them from the
// response, whichever way the store reads the stream: async iteration (filesystem mode,
// fs.writeFile) or 'data' events (in-memory mode, n8n's streamToBuffer). A real HTTP server
// serves the bytes; only n8n's two helpers are stand-ins that consume the stream the way n8n does.

const crypto = require('node:crypto');
const http = require('node:http');
const { downloadPresigned } = require('../../../nodes/SmintIo/transport/download');

const data = crypto.randomBytes(3 * 1024 * 1024 + 17);
const sha1 = crypto.createHash('sha1').update(data).digest('hex');
let server;
let url;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length, 'content-disposition': 'attachment; filename="a.bin"' });
		// Several writes, so the body arrives in many chunks.
		for (let offset = 0; offset < data.length; offset += 100_000) res.write(data.subarray(offset, offset + 100_000));
		res.end();
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${server.address().port}/file`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function get() {
	return new Promise((resolve, reject) => {
		http.get(url, (res) => resolve({ statusCode: res.statusCode, headers: res.headers, body: res })).on('error', reject);
	});
}

/** A context whose prepareBinaryData consumes the stream like n8n's store in the given mode. */
function contextFor(consume) {
	const stored = [];
	return {
		stored,
		ctx: {
			getNode: () => ({ name: 'Smint.io', type: 'n8n-nodes-smintio.smintIo' }),
			helpers: {
				httpRequest: async () => await get(),
				prepareBinaryData: async (stream, fileName, mimeType) => {
					const bytes = await consume(stream, stored);
					return { data: 'filesystem', id: 'filesystem-v2:x', bytes, fileName, mimeType };
				},
			},
		},
	};
}

const client = { node: { name: 'Smint.io' }, itemIndex: 0, retryPolicy: undefined, wait: async () => undefined };

test('filesystem mode (async iteration): the SHA-1 of exactly the stored bytes', async () => {
	const { ctx, stored } = contextFor(async (stream, into) => {
		let bytes = 0;
		for await (const chunk of stream) {
			into.push(chunk);
			bytes += chunk.length;
		}
		return bytes;
	});
	const downloaded = await downloadPresigned(ctx, client, url, { label: 'Download asset 1' });
	expect(Buffer.concat(stored).equals(data)).toBe(true);
	expect(downloaded.sha1).toBe(sha1);
	expect(downloaded.fileName).toBe('a.bin');
});

test("in-memory mode ('data' listener attached by the store): the same SHA-1", async () => {
	const { ctx, stored } = contextFor(
		(stream, into) =>
			new Promise((resolve, reject) => {
				stream.on('data', (chunk) => into.push(chunk));
				stream.once('end', () => resolve(Buffer.concat(into).length));
				stream.once('error', reject);
			}),
	);
	const downloaded = await downloadPresigned(ctx, client, url, { label: 'Download asset 1' });
	expect(Buffer.concat(stored).equals(data)).toBe(true);
	expect(downloaded.sha1).toBe(sha1);
});

test('no SHA-1 when the store reports other bytes than passed by (nothing is claimed that was not seen)', async () => {
	const { ctx } = contextFor(async (stream) => {
		let bytes = 0;
		for await (const chunk of stream) bytes += chunk.length;
		return bytes + 1;
	});
	const downloaded = await downloadPresigned(ctx, client, url, { label: 'Download asset 1' });
	expect(downloaded.sha1).toBeUndefined();
});

test("a file n8n's binary store refuses (database mode's size cap) fails at once with the fix, not retried as a reset", async () => {
	let requests = 0;
	const ctx = {
		getNode: () => ({ name: 'Smint.io', type: 'n8n-nodes-smintio.smintIo' }),
		helpers: {
			httpRequest: async () => {
				requests += 1;
				return await get();
			},
			prepareBinaryData: async (stream) => {
				for await (const chunk of stream) void chunk;
				// What n8n 2.41's DatabaseManager throws over N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE.
				const error = new Error('Binary data file "a.bin" is 3.00 MB, which exceeds the 1 MB limit for database storage');
				error.name = 'FileTooLargeError';
				throw error;
			},
		},
	};
	const failure = await downloadPresigned(ctx, client, url, { label: 'Download asset 1' }).catch((error) => error);
	expect(requests).toBe(1);
	expect(failure.constructor.name).toBe('NodeOperationError');
	expect(failure.message).toMatch(/^Download asset 1: n8n could not store the downloaded file: Binary data file "a\.bin"/);
	expect(failure.description).toMatch(/N8N_DEFAULT_BINARY_DATA_MODE=filesystem/);
});

test('a stream that breaks mid-file (premature close, no socket code) is still fetched again', async () => {
	let requests = 0;
	const ctx = {
		getNode: () => ({ name: 'Smint.io', type: 'n8n-nodes-smintio.smintIo' }),
		helpers: {
			httpRequest: async () => {
				requests += 1;
				return await get();
			},
			prepareBinaryData: async (stream, fileName, mimeType) => {
				let bytes = 0;
				for await (const chunk of stream) bytes += chunk.length;
				if (requests === 1) {
					const error = new Error('Premature close');
					error.code = 'ERR_STREAM_PREMATURE_CLOSE';
					throw error;
				}
				return { data: 'filesystem', id: 'filesystem-v2:x', bytes, fileName, mimeType };
			},
		},
	};
	const downloaded = await downloadPresigned(ctx, client, url, { label: 'Download asset 1' });
	expect(requests).toBe(2);
	expect(downloaded.sha1).toBe(sha1);
});
