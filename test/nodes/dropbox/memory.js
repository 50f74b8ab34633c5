'use strict';

// Memory proof for the Dropbox Sync node (run with plain node, not jest):
//
//   node test/nodes/dropbox/memory.js            (size: DROPBOX_MEMORY_BYTES, default 1 GiB)
//
// A 1 GiB file goes up through the node (upload session, streamed from n8n's filesystem binary
// data) and comes back down through the node (streamed into binary data), then goes up once
// more from its temporary link (File From URL, never in binary data), with n8n-core's real
// engine. The Dropbox emulator runs as a CHILD process, so the peak RSS printed is that of this
// process only: n8n-core, the harness and the node. It must stay under 300 MB, and the content
// hashes (Dropbox's 4 MiB-block SHA-256) must match. Exits non-zero on failure.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const v8 = require('node:v8');
const vm = require('node:vm');

// ts-jest is not there to compile the node outside jest: register TypeScript on the fly.
require('./register-ts');

const { createHarness } = require('../../helpers/n8n-harness');
const { measurePeakRss } = require('../../helpers/memory');
const { DropboxSync } = require('../../../nodes/DropboxSync/DropboxSync.node.ts');
const { DropboxSyncOAuth2Api } = require('../../../credentials/DropboxSyncOAuth2Api.credentials.ts');
const { DropboxContentHasher } = require('../../../nodes/DropboxSync/helpers/contentHash.ts');

// A full garbage collection before each measured phase, so that leftovers of the setup (the
// source file was generated in this process) do not count against the node.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

const SIZE = Number(process.env.DROPBOX_MEMORY_BYTES ?? 1024 * 1024 * 1024);
const LIMIT_MB = 300;
const NODE = 'n8n-nodes-dropbox-sync.dropboxSync';
const MB = 1024 * 1024;

/** Starts sandbox/dropbox/main.js as a child process; resolves with its credentials line. */
function startEmulatorProcess(dataDir) {
	const child = spawn(process.execPath, [path.join(__dirname, '../../../sandbox/dropbox/main.js')], {
		env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => resolve({ child, ...JSON.parse(line) }));
		child.once('exit', (code) => reject(new Error(`emulator exited with code ${code}`)));
	});
}

/** Writes SIZE pseudo-random bytes to a file, returning Dropbox's content_hash of them. */
async function writeSourceFile(filePath) {
	const hasher = new DropboxContentHasher();
	const out = fs.createWriteStream(filePath);
	const chunk = 8 * MB;
	for (let written = 0; written < SIZE; written += chunk) {
		const bytes = crypto.randomBytes(Math.min(chunk, SIZE - written));
		hasher.update(bytes);
		if (!out.write(bytes)) await new Promise((resolve) => out.once('drain', resolve));
	}
	await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
	return hasher.digest();
}

async function hashStream(stream) {
	const hasher = new DropboxContentHasher();
	for await (const piece of stream) hasher.update(piece);
	return hasher.digest();
}

async function main() {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropbox-memory-'));
	const emulator = await startEmulatorProcess(path.join(workDir, 'emulator'));
	const failures = [];
	let harness;
	try {
		const sourcePath = path.join(workDir, 'source.bin');
		process.stdout.write(`Writing a ${(SIZE / MB).toFixed(0)} MiB source file... `);
		const expectedHash = await writeSourceFile(sourcePath);
		console.log(`content_hash ${expectedHash}`);

		harness = await createHarness({
			nodeTypes: { [NODE]: DropboxSync },
			credentialTypes: { DropboxSyncOAuth2Api },
			binaryDataMode: 'filesystem',
			tmpDir: path.join(workDir, 'n8n'),
			credentials: {
				Dropbox: {
					apiBaseUrl: emulator.baseUrl,
					clientId: emulator.clientId,
					clientSecret: emulator.clientSecret,
					oauthTokenData: { access_token: emulator.accessToken, refresh_token: emulator.refreshToken, token_type: 'bearer' },
				},
			},
		});
		const binary = await harness.binaryFromFile(sourcePath, { fileName: 'big.bin', mimeType: 'application/octet-stream' });
		fs.rmSync(sourcePath);
		const credentials = { dropboxSyncOAuth2Api: 'Dropbox' };
		const figures = [];
		const record = (phase, started, memory) => {
			const seconds = (Date.now() - started) / 1000;
			figures.push({ phase, seconds: seconds.toFixed(1), 'MiB/s': (SIZE / MB / seconds).toFixed(0), ...memory });
			if (memory.peakMb >= LIMIT_MB) failures.push(`${phase}: peak RSS ${memory.peakMb} MB >= ${LIMIT_MB} MB`);
		};

		collectGarbage();
		let started = Date.now();
		const upload = await measurePeakRss(
			async () =>
				await harness.runNode({
					type: NODE,
					parameters: { authentication: 'oAuth2', resource: 'file', operation: 'upload', folder: { __rl: true, mode: 'path', value: '/Memory' }, fileName: 'big.bin' },
					credentials,
					inputItems: [{ json: {}, binary: { data: binary } }],
				}),
		);
		record('upload (session, 8 MiB chunks)', started, upload.memory);
		if (upload.result.error) throw new Error(`upload failed: ${upload.result.error.message}`);
		const uploaded = upload.result.items[0].json;
		if (uploaded.uploadMethod !== 'session') failures.push(`upload used ${uploaded.uploadMethod}, not a session`);
		if (uploaded.size !== SIZE) failures.push(`uploaded size ${uploaded.size} != ${SIZE}`);
		if (uploaded.content_hash !== expectedHash) failures.push(`uploaded content_hash ${uploaded.content_hash} != ${expectedHash}`);
		const stored = await (await fetch(`${emulator.baseUrl}/__admin/file?path=${encodeURIComponent('/Memory/big.bin')}`)).json();
		if (stored.metadata.content_hash !== expectedHash) failures.push(`emulator holds content_hash ${stored.metadata.content_hash}`);

		collectGarbage();
		started = Date.now();
		const download = await measurePeakRss(
			async () =>
				await harness.runNode({
					type: NODE,
					parameters: { authentication: 'oAuth2', resource: 'file', operation: 'download', file: { __rl: true, mode: 'path', value: '/Memory/big.bin' } },
					credentials,
				}),
		);
		record('download (streamed into binary data)', started, download.memory);
		if (download.result.error) throw new Error(`download failed: ${download.result.error.message}`);
		const downloaded = download.result.items[0];
		if (downloaded.binary.data.bytes !== SIZE) failures.push(`downloaded ${downloaded.binary.data.bytes} bytes, expected ${SIZE}`);
		const downloadedHash = await hashStream(await harness.openBinaryStream(downloaded.binary.data, 8 * MB));
		if (downloadedHash !== expectedHash) failures.push(`downloaded content_hash ${downloadedHash} != ${expectedHash}`);
		if (downloaded.json.content_hash !== expectedHash) failures.push(`download metadata content_hash ${downloaded.json.content_hash}`);

		// File From URL: the file at a temporary link streamed straight into an upload session,
		// never into binary data.
		const linked = await harness.runNode({
			type: NODE,
			parameters: { authentication: 'oAuth2', resource: 'file', operation: 'getTemporaryLink', file: { __rl: true, mode: 'path', value: '/Memory/big.bin' } },
			credentials,
		});
		if (linked.error) throw new Error(`temporary link failed: ${linked.error.message}`);
		collectGarbage();
		started = Date.now();
		const fromUrl = await measurePeakRss(
			async () =>
				await harness.runNode({
					type: NODE,
					parameters: {
						authentication: 'oAuth2', resource: 'file', operation: 'upload', source: 'url', sourceUrl: linked.items[0].json.link,
						folder: { __rl: true, mode: 'path', value: '/Memory' }, fileName: 'from-url.bin',
					},
					credentials,
					inputItems: [{ json: {} }],
				}),
		);
		record('upload from a URL (temporary link → session)', started, fromUrl.memory);
		if (fromUrl.result.error) throw new Error(`upload from URL failed: ${fromUrl.result.error.message}`);
		if (fromUrl.result.items[0].json.content_hash !== expectedHash) failures.push(`upload from URL content_hash ${fromUrl.result.items[0].json.content_hash} != ${expectedHash}`);

		console.log(`\nPeak RSS of this process (emulator in a child process), ${SIZE} bytes, limit ${LIMIT_MB} MB:`);
		const columns = ['phase', 'seconds', 'MiB/s', 'startMb', 'peakMb', 'source', 'sampledPeakMb'];
		console.log(columns.join('\t'));
		for (const row of figures) console.log(columns.map((column) => row[column]).join('\t'));
		console.log(`content_hash: source ${expectedHash}, Dropbox ${stored.metadata.content_hash}, downloaded ${downloadedHash}`);
	} catch (error) {
		failures.push(error.stack || String(error));
	} finally {
		await harness?.close();
		emulator.child.kill('SIGTERM');
		await new Promise((resolve) => emulator.child.once('exit', resolve));
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	if (failures.length > 0) {
		console.error(`\nFAILED:\n- ${failures.join('\n- ')}`);
		process.exit(1);
	}
	console.log('\nOK: peak RSS under the limit and content hashes match.');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
