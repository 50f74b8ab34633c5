'use strict';
// Memory proof for the Smint.io node (plain node, not jest):
//
//   node test/nodes/smintio/memory.js          (size: SMINTIO_MEMORY_BYTES, default 1 GiB)
//
// A 1 GiB file is uploaded through the node (Asset > Upload: streamed multipart uploadFile +
// createAssetAsync, from n8n's filesystem binary data) and downloaded through the node
// (Asset > Download: pre-signed URL streamed into binary data, SHA-1 checked by the node), then
// uploaded once more from its download link (Get Download Link, Upload with File From URL:
// never in binary data), with n8n-core's real engine. The emulator runs as a CHILD process, so the peak RSS printed
// is this process only: n8n-core, the harness and the node. Limit 300 MB per phase. The
// stored asset's SHA-1 (emulator state) and the downloaded file's SHA-1 must equal the
// source's. Exits non-zero on any failure.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const v8 = require('node:v8');
const vm = require('node:vm');

require('./register-ts');

const { createHarness } = require('../../helpers/n8n-harness');
const { measurePeakRss } = require('../../helpers/memory');
const { SmintIo } = require('../../../nodes/SmintIo/SmintIo.node.ts');
const { SmintIoOAuth2Api } = require('../../../credentials/SmintIoOAuth2Api.credentials.ts');

// A full collection before each phase, so leftovers of the setup do not count against the node.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

const SIZE = Number(process.env.SMINTIO_MEMORY_BYTES ?? 1024 * 1024 * 1024);
const LIMIT_MB = 300;
const NODE = 'n8n-nodes-smintio.smintIo';
const MB = 1024 * 1024;

function startEmulatorProcess(dataDir) {
	const child = spawn(process.execPath, [path.join(__dirname, '../../../sandbox/smintio/main.js')], {
		env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TASK_DELAY_MS: '200' },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => resolve({ child, ...JSON.parse(line) }));
		child.once('exit', (code) => reject(new Error(`emulator exited with code ${code}`)));
	});
}

/** Writes SIZE pseudo-random bytes (a fast counter-mode stream) and returns their SHA-1. */
async function writeSource(file) {
	const hash = crypto.createHash('sha1');
	const out = fs.createWriteStream(file);
	const chunk = Buffer.alloc(4 * MB);
	let written = 0;
	let counter = 0;
	while (written < SIZE) {
		const seed = crypto.createHash('sha256').update(String(counter++)).digest();
		for (let offset = 0; offset < chunk.length; offset += seed.length) seed.copy(chunk, offset);
		const part = chunk.subarray(0, Math.min(chunk.length, SIZE - written));
		hash.update(part);
		if (!out.write(part)) await new Promise((resolve) => out.once('drain', resolve));
		written += part.length;
	}
	await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
	return hash.digest('hex');
}

async function sha1OfFile(file) {
	const hash = crypto.createHash('sha1');
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * MB })) hash.update(chunk);
	return hash.digest('hex');
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-memory-'));
	const emulator = await startEmulatorProcess(path.join(work, 'emulator'));
	let harness;
	const failures = [];
	try {
		const source = path.join(work, 'source.bin');
		process.stdout.write(`writing a ${(SIZE / MB).toFixed(0)} MiB source file … `);
		const sourceSha1 = await writeSource(source);
		console.log(`sha1 ${sourceSha1}`);

		harness = await createHarness({
			nodeTypes: { [NODE]: SmintIo },
			credentialTypes: { SmintIoOAuth2Api },
			credentials: {
				'Smint.io': {
					tenantId: emulator.tenant,
					portalUuid: emulator.portalUuid,
					identityBaseUrl: emulator.baseUrl,
					portalsBaseUrl: `${emulator.baseUrl}/frontend/v1`,
					clapiBaseUrl: `${emulator.baseUrl}/consumer/v1`,
					clientId: emulator.clientId,
					clientSecret: emulator.clientSecret,
					oauthTokenData: { access_token: emulator.accessToken, refresh_token: emulator.refreshToken, token_type: 'Bearer' },
				},
			},
			binaryDataMode: 'filesystem',
			tmpDir: path.join(work, 'n8n'),
		});
		const input = await harness.binaryFromFile(source, { fileName: 'big.mp4', mimeType: 'video/mp4' });
		const run = (parameters, inputItems) =>
			harness.runNode({
				type: NODE,
				parameters: { ...parameters, options: { ...(parameters.options ?? {}), taskPollIntervalMs: 100 } },
				credentials: { smintIoOAuth2Api: 'Smint.io' },
				inputItems,
			});

		collectGarbage();
		let started = Date.now();
		const upload = await measurePeakRss(() =>
			run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', externalId: 'memory:1gib', name: 'Memory proof' }, [
				{ json: {}, binary: { data: input } },
			]),
		);
		const uploadSeconds = (Date.now() - started) / 1000;
		if (upload.result.error) throw new Error(`upload failed: ${upload.result.error.message}`);
		const asset = upload.result.items[0].json;
		const stored = await (await fetch(`${emulator.baseUrl}/__admin/assets?id=${encodeURIComponent(asset.id)}`)).json();
		const uploadOk = stored.fileMetadata.sha1Hash === sourceSha1 && stored.fileMetadata.fileSizeInBytes === SIZE;
		console.log(
			`upload:   ${uploadSeconds.toFixed(1)} s, peak RSS ${upload.memory.peakMb} MB (${upload.memory.source}, start ${upload.memory.startMb} MB), ` +
				`stored sha1 ${stored.fileMetadata.sha1Hash} ${uploadOk ? 'OK' : 'MISMATCH'}`,
		);
		if (!uploadOk) failures.push('uploaded content differs');
		if (upload.memory.peakMb >= LIMIT_MB) failures.push(`upload peak RSS ${upload.memory.peakMb} MB >= ${LIMIT_MB} MB`);

		collectGarbage();
		started = Date.now();
		const download = await measurePeakRss(() =>
			run({ resource: 'asset', operation: 'download', asset: { __rl: true, mode: 'id', value: asset.id }, binaryPropertyName: 'data' }, [{ json: {} }]),
		);
		const downloadSeconds = (Date.now() - started) / 1000;
		if (download.result.error) throw new Error(`download failed: ${download.result.error.message}`);
		const binary = download.result.items[0].binary.data;
		const downloadedSha1 = await sha1OfFile(harness.binaryPath(binary));
		const downloadOk = downloadedSha1 === sourceSha1 && download.result.items[0].json.download.sha1Verified === true;
		console.log(
			`download: ${downloadSeconds.toFixed(1)} s (incl. the node's SHA-1 check), peak RSS ${download.memory.peakMb} MB (${download.memory.source}, start ${download.memory.startMb} MB), ` +
				`file sha1 ${downloadedSha1} ${downloadOk ? 'OK' : 'MISMATCH'}`,
		);
		if (!downloadOk) failures.push('downloaded content differs');
		if (download.memory.peakMb >= LIMIT_MB) failures.push(`download peak RSS ${download.memory.peakMb} MB >= ${LIMIT_MB} MB`);

		// File From URL: the asset's own download link streamed straight into a new asset's
		// uploadFile, never into binary data.
		const linked = await run({ resource: 'asset', operation: 'getDownloadLink', asset: { __rl: true, mode: 'id', value: asset.id } }, [{ json: {} }]);
		if (linked.error) throw new Error(`download link failed: ${linked.error.message}`);
		collectGarbage();
		started = Date.now();
		const fromUrl = await measurePeakRss(() =>
			run({ resource: 'asset', operation: 'upload', source: 'url', sourceUrl: linked.items[0].json.downloadLink.url, externalId: 'memory:1gib:url', name: 'Memory proof from URL' }, [{ json: {} }]),
		);
		const fromUrlSeconds = (Date.now() - started) / 1000;
		if (fromUrl.result.error) throw new Error(`upload from URL failed: ${fromUrl.result.error.message}`);
		const copy = await (await fetch(`${emulator.baseUrl}/__admin/assets?id=${encodeURIComponent(fromUrl.result.items[0].json.id)}`)).json();
		const fromUrlOk = copy.fileMetadata.sha1Hash === sourceSha1 && copy.fileMetadata.fileSizeInBytes === SIZE;
		console.log(
			`from URL: ${fromUrlSeconds.toFixed(1)} s, peak RSS ${fromUrl.memory.peakMb} MB (${fromUrl.memory.source}, start ${fromUrl.memory.startMb} MB), ` +
				`stored sha1 ${copy.fileMetadata.sha1Hash} ${fromUrlOk ? 'OK' : 'MISMATCH'}`,
		);
		if (!fromUrlOk) failures.push('content uploaded from the URL differs');
		if (fromUrl.memory.peakMb >= LIMIT_MB) failures.push(`upload from URL peak RSS ${fromUrl.memory.peakMb} MB >= ${LIMIT_MB} MB`);
	} catch (error) {
		failures.push(error.stack ?? String(error));
	} finally {
		if (harness) await harness.close();
		emulator.child.kill('SIGTERM');
		await new Promise((resolve) => emulator.child.once('exit', resolve));
		fs.rmSync(work, { recursive: true, force: true });
	}
	if (failures.length > 0) {
		console.error(`FAILED:\n- ${failures.join('\n- ')}`);
		process.exit(1);
	}
	console.log(`PASSED: peak RSS below ${LIMIT_MB} MB in both directions and from a URL, content intact`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
