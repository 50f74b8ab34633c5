'use strict';
// scripts/scan-package.js runs n8n's community package scanner on the packed package: a clean
// package passes (provenance reported as not applicable before publishing), and code n8n's
// scanner rejects fails the leg it is in, whatever eslint-disable comments say.

const { probePackage, runScript, removeCopies, NODE_FILE, CREDENTIAL_FILE } = require('./probe-package');

afterAll(removeCopies);

test('a clean package passes both legs; provenance is reported as not applicable', () => {
	const { status, stdout } = runScript('scan-package.js', ['--dir', probePackage()]);

	expect(stdout).toMatch(/@n8n\/scan-community-package \d+\.\d+\.\d+ on n8n-nodes-packcheck-probe@1\.0\.0/);
	expect(stdout).toContain('provenance: not applicable before publishing (checked by the publish workflow)');
	expect(stdout).toContain('repository.url names github.com/n8n-nodes-smintio/n8n-nodes-smintio');
	expect(stdout).toMatch(/source leg: passed \(4 files/);
	expect(stdout).toMatch(/tarball leg: passed \(3 files/);
	expect(status).toBe(0);
});

test('a banned global that only the build output has fails the tarball leg, eslint-disable or not', () => {
	const dir = probePackage((_dir, edit) =>
		// The build appends it, so the sources stay clean: only the published code is affected.
		edit.text('build.js', (t) =>
			`${t}fs.appendFileSync(path.join(__dirname, 'dist', '${NODE_FILE}'), '// eslint-disable-next-line\\nsetTimeout(() => {}, 0);\\n');\n`,
		),
	);
	const { status, stdout } = runScript('scan-package.js', ['--dir', dir]);

	expect(stdout).toMatch(/source leg: passed/);
	expect(stdout).toMatch(/tarball leg: FAILED .*ESLint violations found/);
	expect(stdout).toMatch(/PackcheckProbe\.node\.js[\s\S]*error .*setTimeout[\s\S]*no-restricted-globals/);
	expect(stdout).toContain('scan FAILED for n8n-nodes-packcheck-probe@1.0.0: tarball leg');
	expect(status).toBe(1);
});

test('a restricted import in a credential fails both legs', () => {
	const dir = probePackage((_dir, edit) =>
		edit.text(CREDENTIAL_FILE, (t) => t.replace('"use strict";', '"use strict";\nconst fs = require("fs");\nvoid fs;')),
	);
	const { status, stdout } = runScript('scan-package.js', ['--dir', dir]);

	expect(stdout).toMatch(/source leg: FAILED/);
	expect(stdout).toMatch(/tarball leg: FAILED/);
	expect(stdout).toMatch(/PackcheckProbeApi\.credentials\.js\n +\d+:\d+ +error +Require of 'fs' is not allowed/);
	expect(status).toBe(1);
});

test('a runtime dependency in package.json fails the scan', () => {
	const dir = probePackage((_dir, edit) => edit.json('package.json', (p) => (p.dependencies = { axios: '^1.0.0' })));
	const { status, stdout } = runScript('scan-package.js', ['--dir', dir]);

	expect(stdout).toMatch(/package\.json[\s\S]*error .*no-runtime-dependencies/);
	expect(status).toBe(1);
});

test('a repository.url outside GitHub fails: provenance and the source leg could not work', () => {
	const dir = probePackage((_dir, edit) =>
		edit.json('package.json', (p) => (p.repository.url = 'git+https://example.com/someone/n8n-nodes-packcheck-probe.git')),
	);
	const { status, stdout } = runScript('scan-package.js', ['--dir', dir]);

	expect(stdout).toContain('is not git+https://github.com/<owner>/<repo>');
	expect(stdout).toContain('scan FAILED for n8n-nodes-packcheck-probe@1.0.0: repository.url');
	expect(status).toBe(1);
});
