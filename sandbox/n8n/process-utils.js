'use strict';
// Child-process helpers shared by the installer and the server launcher.

const { spawn } = require('node:child_process');
const readline = require('node:readline');

/**
 * Runs a command to completion. Streams its lines to `log` (unless `capture`), keeps the last
 * lines for the error message, and resolves with stdout.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, log?: (line: string) => void, capture?: boolean }} [options]
 * @returns {Promise<string>}
 */
function runCommand(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		/** @type {string[]} */
		const tail = [];
		let stdout = '';
		const onLine = (/** @type {string} */ line) => {
			tail.push(line);
			if (tail.length > 40) tail.shift();
			if (!options.capture && options.log && line.trim()) options.log(line);
		};
		child.stdout.on('data', (chunk) => {
			if (options.capture) stdout += chunk;
		});
		readline.createInterface({ input: child.stdout }).on('line', onLine);
		readline.createInterface({ input: child.stderr }).on('line', onLine);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) return resolve(stdout);
			reject(
				new Error(
					`${command} ${args.join(' ')} (in ${options.cwd || process.cwd()}) exited with ` +
						`${code ?? signal}:\n${tail.join('\n')}`,
				),
			);
		});
	});
}

module.exports = { runCommand };
