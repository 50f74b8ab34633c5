'use strict';
// A private Redis for n8n's queue (Bull): Debian's redis-server as a child process on a free
// loopback port, its files in the given folder, no persistence (n8n's database is the record of
// executions; the queue is rebuilt from it), no system service.

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { freePort } = require('../n8n/server');
const { startServiceProcess, waitForService } = require('./service-process');

/** @param {number} port @returns {Promise<boolean>} true when Redis answers PING with PONG */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.includes('\r\n')) {
				socket.end();
				resolve(reply.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

/**
 * @param {{ redisServer: string, dir: string, port?: number, log?: (line: string) => void }} options
 * @returns {Promise<{ host: string, port: number, pid: number, logFile: string, stop: () => Promise<void>, kill: () => Promise<void> }>}
 */
async function startRedis(options) {
	fs.mkdirSync(options.dir, { recursive: true });
	const port = options.port || (await freePort());
	const logFile = path.join(options.dir, 'redis.log');
	const service = startServiceProcess({
		command: options.redisServer,
		args: [
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--dir', options.dir,
			'--save', '',
			'--appendonly', 'no',
			'--daemonize', 'no',
			'--protected-mode', 'yes',
			'--logfile', '',
		],
		logFile,
		cwd: options.dir,
	});
	await waitForService(() => ping(port), service, `redis-server on port ${port}`);
	if (options.log) options.log(`Redis ready on 127.0.0.1:${port} (pid ${service.pid})`);
	return { host: '127.0.0.1', port, pid: service.pid, logFile, stop: service.stop, kill: service.kill };
}

module.exports = { startRedis };
