'use strict';
// A plain HTTP file server for tests of "File at URL" uploads: serves registered buffers with
// Content-Length, ETag and single byte ranges (206 + Content-Range, If-Range honoured), and can
// misbehave on purpose: cut a response after some bytes, leave out Content-Length, ignore
// ranges, answer a status, or change the file between requests. Every request is recorded.

const http = require('node:http');
const crypto = require('node:crypto');
const { listen, closeServer } = require('./ports');

async function startFileServer() {
	const files = new Map();
	const state = {
		requests: [],
		/** @type {Array<{ path?: string, cutAfter: number }>} each cuts one response after cutAfter bytes */
		cuts: [],
		/** @type {Map<string, number[]>} path → statuses to answer, one per request, before serving */
		statuses: new Map(),
		ignoreRanges: false,
		noLength: false,
		/** @type {null | ((path: string, requestNumber: number) => void)} runs before a request is served (1 = the path's first) */
		beforeServe: null,
	};
	const server = http.createServer((req, res) => {
		const path = new URL(req.url, 'http://x').pathname;
		state.requests.push({ path, method: req.method, headers: { ...req.headers } });
		state.beforeServe?.(path, state.requests.filter((request) => request.path === path).length);
		const queued = state.statuses.get(path);
		if (queued && queued.length > 0) {
			const status = queued.shift();
			res.writeHead(status, { 'Content-Type': 'text/plain', ...(status === 429 ? { 'Retry-After': '0' } : {}) });
			// Echoes the request line, as S3 echoes a bad signature: the node must not show it.
			res.end(`status ${status} from the test server for ${req.url}`);
			return;
		}
		const file = files.get(path);
		if (!file) {
			res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such file');
			return;
		}
		const etag = `"${crypto.createHash('sha1').update(file.data).digest('hex')}"`;
		let start = 0;
		let end = file.data.length - 1;
		let status = 200;
		const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
		const ifRange = req.headers['if-range'];
		if (range && !state.ignoreRanges && (ifRange === undefined || ifRange === etag)) {
			start = Number(range[1]);
			status = 206;
		}
		const headers = { 'Content-Type': file.type, ETag: etag, 'Accept-Ranges': 'bytes' };
		if (file.disposition) headers['Content-Disposition'] = file.disposition;
		if (!state.noLength) headers['Content-Length'] = String(end - start + 1);
		if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${file.data.length}`;
		res.writeHead(status, headers);
		const cutIndex = state.cuts.findIndex((cut) => cut.path === undefined || cut.path === path);
		const body = file.data.subarray(start, end + 1);
		if (cutIndex >= 0) {
			const [cut] = state.cuts.splice(cutIndex, 1);
			res.write(body.subarray(0, cut.cutAfter), () => setTimeout(() => res.socket?.destroy(), 20));
			return;
		}
		// Pieces of 64 KiB, as a real server's socket writes.
		let offset = 0;
		const writeMore = () => {
			while (offset < body.length) {
				const piece = body.subarray(offset, offset + 64 * 1024);
				offset += piece.length;
				if (!res.write(piece)) {
					res.once('drain', writeMore);
					return;
				}
			}
			res.end();
		};
		writeMore();
	});
	const baseUrl = await listen(server);
	return {
		baseUrl,
		state,
		/** Registers a file; returns its URL (with a query standing for a pre-signed signature). */
		put(path, data, { type = 'application/octet-stream', disposition } = {}) {
			files.set(path, { data, type, disposition });
			return `${baseUrl}${path}?X-Signature=secret-signature-${crypto.randomBytes(4).toString('hex')}`;
		},
		requestsTo(path) {
			return state.requests.filter((request) => request.path === path);
		},
		async close() {
			await closeServer(server);
		},
	};
}

module.exports = { startFileServer };
