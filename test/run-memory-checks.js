'use strict';
// Runs every 1 GiB memory proof, one after the other (each in its own process, so one proof's
// heap never inflates another's figure), prints their verdict lines and fails if any failed.
//   npm run test:memory

const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CHECKS = [
	{ name: 'Dropbox emulator, 1 GiB round trip (< 150 MB)', args: ['test/emulators/dropbox/memory.js'] },
	{ name: 'Smint.io emulator, 1 GiB round trip (< 150 MB)', args: ['test/emulators/smintio/memory.js', '1024'] },
	{ name: 'Dropbox Sync node, 1 GiB up, down and up from a URL (< 300 MB)', args: ['test/nodes/dropbox/memory.js'] },
	{ name: 'Smint.io node, 1 GiB up, down and up from a URL (< 300 MB)', args: ['test/nodes/smintio/memory.js'] },
	{
		name: 'n8n-core harness, 1 GiB streams (< 300 MB)',
		args: [require.resolve('jest/bin/jest'), 'test/harness/memory.test.js', '--testPathIgnorePatterns=/node_modules/', '--runInBand'],
	},
];

let failed = 0;
for (const check of CHECKS) {
	const started = Date.now();
	process.stdout.write(`\n--- ${check.name}\n`);
	const result = spawnSync(process.execPath, ['--expose-gc', ...check.args], { cwd: ROOT, stdio: 'inherit' });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status === 0) {
		process.stdout.write(`--- PASS (${seconds} s): ${check.name}\n`);
	} else {
		failed += 1;
		process.stdout.write(`--- FAIL (exit ${result.status}, ${seconds} s): ${check.name}\n`);
	}
}
process.stdout.write(`\n${CHECKS.length - failed}/${CHECKS.length} memory checks passed\n`);
process.exit(failed ? 1 : 0);
