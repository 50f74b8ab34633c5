'use strict';
// The n8n-nodes-smintio package WITHOUT the Dropbox Sync nodes and credentials, as the Cloud
// editions are meant to run: n8n with this package and its core nodes only. Uses the build's
// own Smint.io package folder (dist/packages/n8n-nodes-smintio, issue #11 package split) when it
// exists; until then assembles one in a temp folder from dist/ (the Dropbox Sync files left out),
// so a Cloud edition that still needed a Dropbox Sync node would meet an unknown node type.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SPLIT_PACKAGE = path.join(REPO_ROOT, 'dist', 'packages', 'n8n-nodes-smintio');
const IS_DROPBOX_SYNC = /(^|\/)DropboxSync[^/]*(\/|$)/;

/** @returns {{ dir: string, assembled: boolean, cleanup: () => void }} a package folder to install */
function smintioOnlyPackage() {
	if (fs.existsSync(path.join(SPLIT_PACKAGE, 'package.json'))) return { dir: SPLIT_PACKAGE, assembled: false, cleanup: () => {} };
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-smintio-only-'));
	fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(dir, 'dist'), {
		recursive: true,
		filter: (source) => !IS_DROPBOX_SYNC.test(path.relative(path.join(REPO_ROOT, 'dist'), source).split(path.sep).join('/')),
	});
	const keep = (/** @type {string} */ file) => !IS_DROPBOX_SYNC.test(file.replace(/^dist\//, ''));
	const { scripts, devDependencies, ...published } = manifest;
	published.n8n = { ...manifest.n8n, nodes: manifest.n8n.nodes.filter(keep), credentials: manifest.n8n.credentials.filter(keep) };
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(published, null, 2));
	fs.copyFileSync(path.join(REPO_ROOT, 'LICENSE'), path.join(dir, 'LICENSE'));
	return { dir, assembled: true, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

module.exports = { smintioOnlyPackage, SPLIT_PACKAGE };
