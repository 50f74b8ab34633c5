'use strict';
// The load balancer in front of n8n's webhook processes (n8n's scaling guide puts one there:
// Dropbox sends to ONE URL). Round robin on loopback, bodies streamed both ways (never buffered),
// a failed upstream answers 502 (the body is streamed, so it cannot be replayed; Dropbox retries). Tooling only.

const http = require('node:http');

/**
 * @param {{ targets: string[], log?: (line: string) => void }} options targets: base URLs, e.g. http://127.0.0.1:41234
 * @returns {Promise<{ baseUrl: string, forwarded: () => Record<string, number>, stop: () => Promise<void> }>}
 */
async function startBalancer(options) {
	const targets = options.targets.map((base) => new URL(base));
	if (targets.length === 0) throw new Error('the balancer needs at least one target');
	const log = options.log || (() => {});
	/** Requests forwarded per target (base URL), for tests to see both processes got work. */
	const counts = Object.fromEntries(options.targets.map((base) => [base, 0]));
	let next = 0;

	function forward(req, res) {
		const index = next++ % targets.length;
		const target = targets[index];
		const upstream = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(reply) => {
				counts[options.targets[index]] += 1;
				res.writeHead(reply.statusCode || 502, reply.headers);
				reply.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			log(`balancer: ${req.method} ${req.url} to ${target.host} failed: ${error.code || error.message}`);
			if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('Bad gateway');
		});
		// The caller giving up (Dropbox's 10 s) ends the upstream request too.
		res.on('close', () => {
			if (!res.writableFinished) upstream.destroy();
		});
		req.pipe(upstream);
	}

	const server = http.createServer(forward);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		forwarded: () => ({ ...counts }),
		stop: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startBalancer };
