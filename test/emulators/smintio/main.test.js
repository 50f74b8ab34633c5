'use strict';
// `node sandbox/smintio/main.js` (npm run sandbox:smintio): one JSON line on stdout with the
// credentials, PORT and DATA_DIR honoured, seeded on the first start only, restart-safe.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { http, ok } = require('./helpers');

const MAIN = path.join(__dirname, '../../../sandbox/smintio/main.js');

/** Starts main.js; resolves with the child, its first stdout line (parsed) and a stdout log. */
function launch(env) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			const newline = stdout.indexOf('\n');
			if (newline !== -1 && !child.line) {
				child.line = JSON.parse(stdout.slice(0, newline));
				resolve({ child, line: child.line, output: () => ({ stdout, stderr }) });
			}
		});
		child.on('exit', (code) => reject(new Error(`main.js exited with ${code}: ${stderr}`)));
		setTimeout(() => reject(new Error(`main.js printed nothing: ${stderr}`)), 20000).unref();
	});
}

/** @returns {Promise<{ code: number | null, signal: string | null }>} */
function stop(child, signal = 'SIGTERM') {
	return new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
		child.kill(signal);
	});
}

test('prints one JSON line, serves with it, survives a kill -9 and restarts without re-seeding', async () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-main-'));
	try {
		const first = await launch({ PORT: '0', DATA_DIR: dataDir, TASK_DELAY_MS: '20' });
		let collectionId;
		let seededAt;
		try {
			expect(Object.keys(first.line)).toEqual(['baseUrl', 'tenant', 'portalUuid', 'clientId', 'clientSecret', 'accessToken', 'refreshToken']);
			expect(first.line).toMatchObject({ tenant: 'northwind', clientId: 'n8n-smintio-sandbox', baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
			const api = http(first.line.baseUrl, first.line.accessToken);
			collectionId = (await ok(api, 'ICollectionsWrite', 'createCollectionAsync', { name: 'Survives restarts' })).collection.collectionId;
			seededAt = (await http(first.line.baseUrl).get('/__admin/state')).data.seededAt;
			expect(fs.existsSync(path.join(dataDir, 'metadata'))).toBe(true);
		} finally {
			// Killed, not closed: what was answered must already be on disk.
			expect(await stop(first.child, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
		}
		expect(first.output().stdout.trim().split('\n')).toHaveLength(1);
		expect(first.output().stderr).toContain('listening on');

		const second = await launch({ PORT: '0', DATA_DIR: dataDir, LONG_RUNNING_METHODS: 'IAssetsWrite.createAssetAsync, IAssetsRead.getAssetsAsync' });
		try {
			expect(second.line.refreshToken).toBe(first.line.refreshToken);
			const api = http(second.line.baseUrl, second.line.accessToken);
			const state = (await http(second.line.baseUrl).get('/__admin/state')).data;
			expect(state.seededAt).toBe(seededAt);
			expect(state.counts.assets).toBe(44);
			expect(state.config.longRunningMethods).toEqual(['IAssetsWrite.createAssetAsync', 'IAssetsRead.getAssetsAsync']);
			expect((await ok(api, 'ICollectionsRead', 'getCollectionAsync', { collectionId })).collection.name).toBe('Survives restarts');
			const refreshed = await http(second.line.baseUrl).post(
				'/connect/token',
				new URLSearchParams({ grant_type: 'refresh_token', refresh_token: second.line.refreshToken, client_id: second.line.clientId, client_secret: second.line.clientSecret }).toString(),
				{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
			);
			expect(refreshed.status).toBe(200);
		} finally {
			expect(await stop(second.child)).toEqual({ code: 0, signal: null });
			expect(second.output().stderr).toContain('SIGTERM, closing');
		}
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
});

test('a bad environment value fails the start with a clear message', async () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-main-bad-'));
	try {
		await expect(launch({ PORT: '0', TASK_DELAY_MS: 'soon', DATA_DIR: dataDir })).rejects.toThrow(/TASK_DELAY_MS must be a non-negative number/);
		await expect(launch({ PORT: '0', LONG_RUNNING_METHODS: 'IAssetsWrite.nope', DATA_DIR: dataDir })).rejects.toThrow(/"IAssetsWrite.nope" is not a served Portals method/);
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
});
