'use strict';
// Copies of the fixture package (fixtures/probe-package: one node, one credential, codex, icons),
// optionally broken on purpose, and a runner for the scripts that check packages.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'probe-package');
const NODE_FILE = 'nodes/PackcheckProbe/PackcheckProbe.node.js';
const CREDENTIAL_FILE = 'credentials/PackcheckProbeApi.credentials.js';

/** @type {string[]} */
const copies = [];

/**
 * A fresh copy of the fixture in a temp folder (without any dist/ left from a manual run).
 * @param {(dir: string, edit: Editor) => void} [mutate] breaks the copy before it is checked
 * @returns {string} the copy's folder
 */
function probePackage(mutate) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-package-'));
	copies.push(dir);
	fs.cpSync(FIXTURE, dir, { recursive: true, filter: (source) => !source.startsWith(path.join(FIXTURE, 'dist')) });
	if (mutate) mutate(dir, editor(dir));
	return dir;
}

/**
 * @typedef {{ json: (file: string, change: (value: any) => void) => void,
 *   text: (file: string, change: (text: string) => string) => void,
 *   remove: (file: string) => void }} Editor
 * @param {string} dir @returns {Editor}
 */
function editor(dir) {
	return {
		json(file, change) {
			const full = path.join(dir, file);
			const value = JSON.parse(fs.readFileSync(full, 'utf8'));
			change(value);
			fs.writeFileSync(full, `${JSON.stringify(value, null, 2)}\n`);
		},
		text(file, change) {
			const full = path.join(dir, file);
			fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
		},
		remove(file) {
			fs.rmSync(path.join(dir, file));
		},
	};
}

/**
 * Runs one of scripts/*.js and returns its exit status and output.
 * @param {string} script e.g. 'pack-check.js' @param {string[]} args
 * @returns {{ status: number | null, stdout: string, stderr: string }}
 */
function runScript(script, args) {
	const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', script), ...args], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		timeout: 120000,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function removeCopies() {
	for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { REPO_ROOT, probePackage, runScript, removeCopies, NODE_FILE, CREDENTIAL_FILE };
