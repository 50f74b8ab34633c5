'use strict';
// The load balancer in front of the webhook processes (sandbox/queue/balancer.js): round robin,
// request bodies and status codes passed through as they are, 502 when a process is down.

const http = require('node:http');
const { startBalancer } = require('../../../sandbox/queue/balancer');

/** A backend that answers "<name> <method> <path> <body bytes>" with status 200 (201 for /created). */
async function backend(name) {
	const server = http.createServer((req, res) => {
		let bytes = 0;
		req.on('data', (chunk) => (bytes += chunk.length));
		req.on('end', () => {
			res.writeHead(req.url === '/created' ? 201 : 200, { 'X-Backend': name });
			res.end(`${name} ${req.method} ${req.url} ${bytes}`);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, baseUrl: `http://127.0.0.1:${server.address().port}` };
}

describe('webhook load balancer', () => {
	const started = [];
	afterEach(async () => {
		for (const stop of started.splice(0)) await stop();
	});

	test('alternates between targets and passes method, path, body, status and headers through', async () => {
		const a = await backend('a');
		const b = await backend('b');
		started.push(async () => a.server.close(), async () => b.server.close());
		const balancer = await startBalancer({ targets: [a.baseUrl, b.baseUrl] });
		started.unshift(balancer.stop);

		const answers = [];
		for (const path of ['/webhook/x', '/created', '/webhook/y', '/webhook/z']) {
			const response = await fetch(`${balancer.baseUrl}${path}`, { method: 'POST', body: 'x'.repeat(100_000) });
			answers.push({ status: response.status, backend: response.headers.get('x-backend'), body: await response.text() });
		}
		expect(answers).toEqual([
			{ status: 200, backend: 'a', body: 'a POST /webhook/x 100000' },
			{ status: 201, backend: 'b', body: 'b POST /created 100000' },
			{ status: 200, backend: 'a', body: 'a POST /webhook/y 100000' },
			{ status: 200, backend: 'b', body: 'b POST /webhook/z 100000' },
		]);
		expect(balancer.forwarded()).toEqual({ [a.baseUrl]: 2, [b.baseUrl]: 2 });
	});

	test('a target that is down answers 502 and is not counted', async () => {
		const a = await backend('a');
		const down = await backend('down');
		await new Promise((resolve) => down.server.close(resolve));
		started.push(async () => a.server.close());
		const lines = [];
		const balancer = await startBalancer({ targets: [down.baseUrl, a.baseUrl], log: (line) => lines.push(line) });
		started.unshift(balancer.stop);

		const first = await fetch(`${balancer.baseUrl}/webhook/x`, { method: 'POST', body: '{}' });
		expect(first.status).toBe(502);
		await first.text();
		const second = await fetch(`${balancer.baseUrl}/webhook/x`, { method: 'POST', body: '{}' });
		expect(await second.text()).toBe('a POST /webhook/x 2');
		expect(balancer.forwarded()).toEqual({ [down.baseUrl]: 0, [a.baseUrl]: 1 });
		expect(lines.join('\n')).toMatch(/ECONNREFUSED/);
	});
});
