#!/usr/bin/env node
'use strict';
// Command line for the sandbox n8n:
//   node sandbox/n8n/cli.js install
//   node sandbox/n8n/cli.js start [--user-folder DIR] [--port N] [--package DIR|TGZ ...] [--custom-extensions DIR ...]
// `start` keeps n8n running until Ctrl-C; the user folder (default .sandbox/n8n, gitignored)
// keeps the database, owner login and API key between starts.

const path = require('node:path');
const { parseArgs } = require('node:util');
const { ensureInstalled, startSandboxN8n } = require('./runtime');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

async function main() {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: {
			'user-folder': { type: 'string', default: path.join(REPO_ROOT, '.sandbox', 'n8n') },
			port: { type: 'string' },
			package: { type: 'string', multiple: true, default: [] },
			'custom-extensions': { type: 'string', multiple: true, default: [] },
		},
	});
	const log = (/** @type {string} */ line) => process.stdout.write(`[n8n] ${line}\n`);
	const command = positionals[0];
	if (command === 'install') {
		const installed = await ensureInstalled({ log });
		log(`n8n ${installed.n8nVersion} on Node ${installed.nodeVersion}${installed.cached ? ' (cached)' : ''}: ${installed.n8nBin}`);
		return;
	}
	if (command !== 'start') {
		process.stderr.write('usage: node sandbox/n8n/cli.js install | start [--user-folder DIR] [--port N] [--package DIR|TGZ]... [--custom-extensions DIR]...\n');
		process.exitCode = 2;
		return;
	}
	const sandbox = await startSandboxN8n({
		userFolder: values['user-folder'],
		port: values.port ? Number(values.port) : undefined,
		communityPackages: values.package,
		customExtensions: values['custom-extensions'],
		log,
	});
	log(`running; n8n's output goes to ${sandbox.n8n.logFile}. Ctrl-C stops it.`);
	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const code = await sandbox.n8n.exited;
	log(`n8n exited with ${code}`);
	process.exitCode = code === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
