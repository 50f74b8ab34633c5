'use strict';

const net = require('node:net');

/**
 * Asks the OS for a free TCP port by binding port 0 and releasing it.
 * There is a small window in which another process could take the port; for test servers
 * prefer `server.listen(0)` and read `server.address().port` when the server is yours.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
async function getFreePort(host = '127.0.0.1') {
	const server = net.createServer();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, resolve);
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	await new Promise((resolve) => server.close(resolve));
	if (!port) throw new Error('Could not obtain a free port');
	return port;
}

/**
 * Starts an `http.Server` on a free port of 127.0.0.1 and resolves with its base URL.
 * @param {import('node:http').Server} server
 * @returns {Promise<string>} e.g. "http://127.0.0.1:40123"
 */
async function listen(server) {
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/**
 * Closes an http server, dropping keep-alive connections so the close does not hang.
 * @param {import('node:http').Server} server
 */
async function closeServer(server) {
	if (!server.listening) return;
	if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
	await new Promise((resolve) => server.close(() => resolve()));
}

module.exports = { getFreePort, listen, closeServer };
