'use strict';
// Memory check of the Smint.io emulator (a script, not part of `npm test`):
//   node test/emulators/smintio/memory.js [sizeMiB=1024]
// Starts the emulator as a child process (main.js, temp data dir), streams a multipart upload
// of `sizeMiB` through uploadFile, makes an asset of it, downloads it through the pre-signed
// link, checks the sha1 both ways, and prints the child's peak RSS (VmHWM from
// /proc/<pid>/status). Fails (exit 1) when the peak is 150 MB or more.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { http, ok, PORTAL } = require('./helpers');
const { multipartStream, postStream, downloadSha1 } = require('./streaming');

const LIMIT_MB = 150;
const MIB = 1024 * 1024;

function vmHwmMb(pid) {
	const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : NaN;
}

function startChild(dataDir) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, '../../../sandbox/smintio/main.js')], {
			env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TASK_DELAY_MS: '50' },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let buffered = '';
		child.stdout.on('data', (chunk) => {
			buffered += chunk;
			const newline = buffered.indexOf('\n');
			if (newline !== -1) resolve({ child, line: JSON.parse(buffered.slice(0, newline)) });
		});
		child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
	});
}

async function main() {
	const sizeMiB = Number(process.argv[2] || 1024);
	const size = sizeMiB * MIB;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smintio-memory-'));
	const { child, line } = await startChild(dataDir);
	try {
		const afterStart = vmHwmMb(child.pid);
		const api = http(line.baseUrl, line.accessToken);

		let startedAt = Date.now();
		const body = multipartStream('memory-check.mp4', size, 42);
		const uploaded = await postStream(
			`${line.baseUrl}/frontend/v1/portals/${PORTAL}/portalsContext/uploadFile`,
			{ Authorization: `Bearer ${line.accessToken}`, 'Content-Type': body.contentType, 'Content-Length': body.contentLength },
			body.stream,
		);
		if (uploaded.status !== 200) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
		const uploadSeconds = (Date.now() - startedAt) / 1000;
		const afterUpload = vmHwmMb(child.pid);

		const asset = (await ok(api, 'IAssetsWrite', 'createAssetAsync', { uploadedFileUuid: uploaded.body.uuid, name: 'Memory check' })).assetDataObject;
		if (asset.fileMetadata.sha1Hash !== body.sha1()) throw new Error(`stored sha1 ${asset.fileMetadata.sha1Hash} != sent ${body.sha1()}`);
		const items = (await ok(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: asset.id }] })).assetDownloadGroups[0]
			.assetDownloadItems;
		const { url } = (await ok(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', { assetIds: [{ id: asset.id }], assetDownloadItems: items }))
			.assetDownloadUrl;
		startedAt = Date.now();
		const downloaded = await downloadSha1(url);
		const downloadSeconds = (Date.now() - startedAt) / 1000;
		if (downloaded.status !== 200 || downloaded.size !== size || downloaded.sha1 !== body.sha1()) {
			throw new Error(`download mismatch: ${JSON.stringify(downloaded)} (expected ${size} bytes, sha1 ${body.sha1()})`);
		}
		const peak = vmHwmMb(child.pid);
		const report = {
			sizeMiB,
			sha1: body.sha1(),
			uploadSeconds,
			uploadMiBps: Math.round(sizeMiB / uploadSeconds),
			downloadSeconds,
			downloadMiBps: Math.round(sizeMiB / downloadSeconds),
			emulatorVmHwmMb: { afterStart, afterUpload, peak },
			limitMb: LIMIT_MB,
			ok: peak < LIMIT_MB,
		};
		console.log(JSON.stringify(report, null, 2));
		if (!report.ok) process.exitCode = 1;
	} finally {
		child.removeAllListeners('exit');
		child.kill('SIGTERM');
		await new Promise((resolve) => child.once('exit', resolve));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
