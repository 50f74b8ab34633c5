'use strict';
// HTTP plumbing shared by the emulators: bounded body reading, JSON/text replies, fault
// application (latency, dropped connections, protocol-specific error replies), and the common
// admin endpoints under /__admin/ (counters, faults, clock). Emulators add their own admin
// actions through `adminRoutes`.

const http = require('http');

class HttpError extends Error {
	constructor(status, message, body) {
		super(message);
		this.status = status;
		this.body = body;
	}
}

/** Reads the whole body; only for small (JSON, form) bodies. Rejects past `limit` bytes. */
async function readBody(req, limit = 1024 * 1024) {
	const chunks = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

async function readJson(req, limit) {
	const body = await readBody(req, limit);
	if (body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		throw new HttpError(400, 'request body is not valid JSON');
	}
}

/** Parses application/x-www-form-urlencoded bodies (OAuth token endpoints). */
async function readForm(req) {
	const body = await readBody(req, 64 * 1024);
	return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

function sendJson(res, status, value, headers = {}) {
	const body = Buffer.from(JSON.stringify(value));
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers });
	res.end(body);
}

function sendText(res, status, text, headers = {}) {
	const body = Buffer.from(text);
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...headers });
	res.end(body);
}

function sendHtml(res, status, html) {
	const body = Buffer.from(html);
	res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
	res.end(body);
}

function redirect(res, location) {
	res.writeHead(302, { Location: location, 'Content-Length': 0 });
	res.end();
}

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Makes the reply of an already-handled request vanish: whatever the handler writes is
 * discarded and the socket is destroyed, as when a connection resets after the server acted.
 */
function swallowResponse(req, res) {
	const destroy = () => req.socket.destroy();
	res.writeHead = () => res;
	res.setHeader = () => res;
	res.write = () => true;
	res.end = () => {
		destroy();
		return res;
	};
	res.on('pipe', (source) => {
		source.on('end', destroy);
	});
}

/**
 * Applies the fault decision for a counted route.
 * @param {import('./faults').FaultInjector} faults
 * @param {(fault: object, req: any, res: any) => void} renderFault emulator-specific error reply
 * @returns {Promise<boolean>} true when the request was answered (or dropped) by a fault
 */
async function applyFaults(faults, route, req, res, renderFault) {
	const { latencyMs, fault } = faults.decide(route);
	if (latencyMs > 0) await delay(latencyMs);
	if (!fault) return false;
	if (fault.kind === 'drop') {
		req.socket.destroy();
		return true;
	}
	if (fault.kind === 'dropAfter') {
		swallowResponse(req, res);
		return false;
	}
	renderFault(fault, req, res);
	return true;
}

/**
 * Handles the admin endpoints both emulators share; returns false when the path is not one.
 * @param {{ faults: import('./faults').FaultInjector, clock: ReturnType<typeof import('./clock').createClock>,
 *           adminRoutes?: Record<string, (req: any, res: any, body: any) => any> }} ctx
 */
async function handleAdmin(ctx, req, res, pathname) {
	if (!pathname.startsWith('/__admin/')) return false;
	const key = `${req.method} ${pathname.slice('/__admin'.length)}`;
	const body = req.method === 'GET' ? undefined : await readJson(req, 16 * 1024 * 1024);
	switch (key) {
		case 'GET /health':
			sendJson(res, 200, { ok: true });
			return true;
		case 'GET /counters':
			sendJson(res, 200, ctx.faults.counters());
			return true;
		case 'POST /counters/reset':
			ctx.faults.resetCounters();
			sendJson(res, 200, ctx.faults.counters());
			return true;
		case 'GET /faults':
			sendJson(res, 200, ctx.faults.config);
			return true;
		case 'PUT /faults':
		case 'POST /faults':
			try {
				ctx.faults.configure(body || {});
			} catch (error) {
				sendJson(res, 400, { error: error.message });
				return true;
			}
			sendJson(res, 200, ctx.faults.config);
			return true;
		case 'GET /clock':
			sendJson(res, 200, { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs });
			return true;
		case 'POST /clock': {
			const seconds = Number(body && body.advanceSeconds);
			if (!Number.isFinite(seconds)) {
				sendJson(res, 400, { error: 'body must be {"advanceSeconds": number}' });
				return true;
			}
			ctx.clock.advance(seconds * 1000);
			sendJson(res, 200, { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs });
			return true;
		}
		default: {
			const handler = ctx.adminRoutes && ctx.adminRoutes[key];
			if (!handler) {
				sendJson(res, 404, { error: `no admin endpoint ${key}` });
				return true;
			}
			try {
				const result = await handler(req, res, body);
				if (!res.headersSent) sendJson(res, 200, result === undefined ? { ok: true } : result);
			} catch (error) {
				if (!res.headersSent) sendJson(res, error.status || 400, { error: error.message });
			}
			return true;
		}
	}
}

/** Starts `server` on 127.0.0.1 (port 0 = any free port) and returns its base URL. */
function listen(server, port = 0, host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const address = server.address();
			resolve({ port: address.port, baseUrl: `http://${host}:${address.port}` });
		});
	});
}

/** Closes the server and every open connection (keep-alive sockets would hold it open). */
function close(server) {
	return new Promise((resolve) => {
		server.close(() => resolve());
		if (server.closeAllConnections) server.closeAllConnections();
	});
}

function createServer(handler) {
	const server = http.createServer((req, res) => {
		Promise.resolve(handler(req, res)).catch((error) => {
			if (res.headersSent) {
				res.destroy(error);
				return;
			}
			const status = error instanceof HttpError ? error.status : 500;
			if (status === 500) console.error(error);
			sendText(res, status, error.message || 'internal error');
		});
	});
	// Large uploads over slow links must not be cut by Node's default request timeout.
	server.requestTimeout = 0;
	server.headersTimeout = 60000;
	server.keepAliveTimeout = 5000;
	return server;
}

module.exports = {
	HttpError,
	readBody,
	readJson,
	readForm,
	sendJson,
	sendText,
	sendHtml,
	redirect,
	delay,
	applyFaults,
	handleAdmin,
	listen,
	close,
	createServer,
};
