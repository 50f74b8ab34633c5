'use strict';
// A recording reverse proxy for the emulator's pre-signed download links: the emulator is
// started with publicBaseUrl = this proxy, so every download URL it hands out points here.
// The proxy records each request's headers (to prove no Authorization header is sent) and
// can run a hook before forwarding (e.g. advance the emulator clock so the link expires) and
// alter the bytes on the way (`alterChunk`, e.g. flip one byte: a download that arrives corrupt).

const http = require('node:http');
const { listen, closeServer } = require('../../helpers/ports');

async function startDownloadProxy() {
	const proxy = {
		target: null,
		requests: [],
		/** @type {null | ((request: { url: string, headers: object, index: number }) => Promise<void>)} */
		beforeForward: null,
		/** @type {null | ((chunk: Buffer, offset: number) => Buffer)} same length in, same length out */
		alterChunk: null,
	};
	const server = http.createServer(async (req, res) => {
		const record = { url: req.url, method: req.method, headers: { ...req.headers }, index: proxy.requests.length };
		proxy.requests.push(record);
		try {
			if (proxy.beforeForward) await proxy.beforeForward(record);
		} catch (error) {
			res.writeHead(500).end(String(error));
			return;
		}
		const target = new URL(req.url, proxy.target);
		const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (response) => {
			res.writeHead(response.statusCode, response.headers);
			if (!proxy.alterChunk) {
				response.pipe(res);
				return;
			}
			let offset = 0;
			response.on('data', (chunk) => {
				res.write(proxy.alterChunk(chunk, offset));
				offset += chunk.length;
			});
			response.on('end', () => res.end());
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	proxy.baseUrl = await listen(server);
	proxy.close = () => closeServer(server);
	return proxy;
}

module.exports = { startDownloadProxy };
