'use strict';
// The packages and templates of an older commit, built as `npm run build` builds them, for a
// benchmark that compares that build with the current one side by side. The commit's tree is
// exported with `git archive` into a temp folder (no worktree is registered), this checkout's
// node_modules is linked in (same toolchain), and the build is kept for later runs.

const { execFileSync, execSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');

/** @returns {{ commit: string, dir: string, packageDirs: string[], template: (file: string) => any }} */
function buildAtCommit(commit, log = () => {}) {
	const full = execFileSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], { cwd: REPO, encoding: 'utf8' }).trim();
	const dir = path.join(os.tmpdir(), `n8n-nodes-smintio-build-${full.slice(0, 12)}`);
	const done = path.join(dir, '.bench-built');
	if (!fs.existsSync(done)) {
		const started = Date.now();
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		execSync(`git archive --format=tar ${full} | tar -x -C ${JSON.stringify(dir)}`, { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
		fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
		fs.writeFileSync(done, `${full}\n`);
		log(`built ${full.slice(0, 7)} in ${dir} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
	}
	const { PACKAGES, packageDir } = require(path.join(dir, 'scripts', 'lib', 'packages'));
	const packageDirs = PACKAGES.map((p) => packageDir(p.name));
	for (const packageDirectory of packageDirs) {
		if (!fs.existsSync(path.join(packageDirectory, 'package.json'))) throw new Error(`${packageDirectory} missing: the build of ${commit} did not emit it`);
	}
	return {
		commit: full.slice(0, 7),
		dir,
		packageDirs,
		template: (file) => JSON.parse(fs.readFileSync(path.join(dir, 'workflows', file), 'utf8')),
	};
}

module.exports = { buildAtCommit };
