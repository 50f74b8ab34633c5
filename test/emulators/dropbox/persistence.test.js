'use strict';
// Restart safety: state on disk survives a clean restart and a kill -9 (the sandbox started as
// `node sandbox/dropbox/main.js`), a torn last journal line is ignored, and writes made after
// such a recovery survive the next restart too.

const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');
const { spawn } = require('child_process');
const { contentHashOf } = require('../../../sandbox/dropbox/content-hash');
const { startEmulator, client, expectDropboxError, rewritingFetch, Dropbox } = require('./helpers');

const MAIN = path.join(__dirname, '..', '..', '..', 'sandbox', 'dropbox', 'main.js');

function journalFile(dataDir) {
	const dir = path.join(dataDir, 'meta');
	const name = fs.readdirSync(dir).find((file) => /^journal-\d+\.jsonl$/.test(file));
	return path.join(dir, name);
}

/** Starts main.js as a child; resolves with the process and its JSON line. */
function startSandbox(dataDir) {
	const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => {
		stderr += chunk;
	});
	return new Promise((resolve, reject) => {
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
	});
}

function exited(child) {
	return new Promise((resolve) => child.once('exit', resolve));
}

describe('Dropbox emulator: persistence', () => {
	let dataDir;
	let open = [];
	/** Starts an emulator on the test's data dir; afterEach closes any a failed test left open. */
	async function start() {
		const emulator = await startEmulator({ dataDir, seed: false });
		open.push(emulator);
		return emulator;
	}
	beforeEach(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropbox-persist-test-'));
	});
	afterEach(async () => {
		for (const emulator of open) await emulator.close();
		open = [];
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	test('a clean restart keeps files, revisions, sessions, links, templates and cursors', async () => {
		let emulator = await start();
		let dbx = client(emulator);
		const v1 = await dbx.filesUpload({ path: '/keep/doc.txt', contents: 'v1' });
		await dbx.filesUpload({ path: '/keep/doc.txt', contents: 'v2', mode: 'overwrite' });
		const session = (await dbx.filesUploadSessionStart({ contents: Buffer.from('part one, ') })).result.session_id;
		const link = (await dbx.sharingCreateSharedLinkWithSettings({ path: '/keep/doc.txt' })).result;
		const template = (await dbx.filePropertiesTemplatesAddForUser({ name: 't', description: 'd', fields: [{ name: 'f', description: 'f', type: 'string' }] })).result;
		const { cursor } = (await dbx.filesListFolderGetLatestCursor({ path: '/keep' })).result;
		await emulator.close();
		expect(fs.existsSync(dataDir)).toBe(true);

		emulator = await start();
		dbx = client(emulator);
		const revisions = await dbx.filesListRevisions({ path: '/keep/doc.txt' });
		expect(revisions.result.entries.map((e) => e.rev)[1]).toBe(v1.result.rev);
		expect((await dbx.filesDownload({ path: '/keep/doc.txt' })).result.fileBinary.toString()).toBe('v2');
		await dbx.filesUploadSessionAppendV2({ cursor: { session_id: session, offset: 10 }, contents: Buffer.from('part two') });
		const finished = await dbx.filesUploadSessionFinish({ cursor: { session_id: session, offset: 18 }, commit: { path: '/keep/session.txt' }, contents: Buffer.alloc(0) });
		expect(finished.result.content_hash).toBe(contentHashOf(Buffer.from('part one, part two')));
		// The port changed with the restart: the link is listed again under the new origin.
		const listed = (await dbx.sharingListSharedLinks({ path: '/keep/doc.txt' })).result.links;
		expect(listed.map((l) => new URL(l.url).pathname)).toEqual([new URL(link.url).pathname]);
		const served = await fetch(listed[0].url.replace('dl=0', 'dl=1'));
		expect(await served.text()).toBe('v2');
		expect((await dbx.filePropertiesTemplatesGetForUser({ template_id: template.template_id })).result.name).toBe('t');
		const changes = await dbx.filesListFolderContinue({ cursor });
		expect(changes.result.entries.map((e) => e.name)).toEqual(['session.txt']);
		await emulator.close();
	});

	test('a torn last journal line is ignored, and later writes still survive a restart', async () => {
		let emulator = await start();
		await client(emulator).filesUpload({ path: '/torn/before.txt', contents: 'before' });
		await emulator.close();
		// A process killed in the middle of a journal write leaves half a line.
		fs.appendFileSync(journalFile(dataDir), '{"c":"nodes","i":"id:half","v":{"id":"id:half","na');

		emulator = await start();
		let dbx = client(emulator);
		expect((await dbx.filesDownload({ path: '/torn/before.txt' })).result.fileBinary.toString()).toBe('before');
		await dbx.filesUpload({ path: '/torn/after.txt', contents: 'after' });
		await emulator.close();

		emulator = await start();
		dbx = client(emulator);
		expect((await dbx.filesDownload({ path: '/torn/after.txt' })).result.fileBinary.toString()).toBe('after');
		const listed = await dbx.filesListFolder({ path: '/torn' });
		expect(listed.result.entries.map((e) => e.name)).toEqual(['after.txt', 'before.txt']);
		await emulator.close();
	});

	test('an operation touching several entities is one journal line: torn, none of it applies', async () => {
		let emulator = await start();
		let dbx = client(emulator);
		await dbx.filesUpload({ path: '/atomic/folder/a.txt', contents: 'a' });
		await dbx.filesUpload({ path: '/atomic/folder/b.txt', contents: 'b' });
		await emulator.close();
		const journal = journalFile(dataDir);
		const linesBefore = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).length;

		emulator = await start();
		await client(emulator).filesMoveV2({ from_path: '/atomic/folder', to_path: '/atomic/moved' });
		await emulator.close();
		const lines = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
		expect(lines).toHaveLength(linesBefore + 1);
		const batch = JSON.parse(lines[lines.length - 1]);
		expect(batch.b.length).toBeGreaterThan(3); // node, change events, counters
		// Cut the move's line in half, as a kill during the write would.
		const text = fs.readFileSync(journal, 'utf8');
		const lastLine = lines[lines.length - 1];
		fs.writeFileSync(journal, text.slice(0, text.length - lastLine.length - 1 + Math.floor(lastLine.length / 2)));

		emulator = await start();
		dbx = client(emulator);
		const listed = await dbx.filesListFolder({ path: '/atomic', recursive: true });
		expect(listed.result.entries.map((e) => e.path_lower)).toEqual(['/atomic', '/atomic/folder', '/atomic/folder/a.txt', '/atomic/folder/b.txt']);
		await expectDropboxError(dbx.filesGetMetadata({ path: '/atomic/moved' }), 409, ['path', 'not_found']);
	});

	test('the sandbox script: one JSON line, seeded once, consistent after kill -9', async () => {
		const first = await startSandbox(dataDir);
		expect(Object.keys(first.info)).toEqual(['baseUrl', 'accessToken', 'refreshToken', 'clientId', 'clientSecret', 'accountId']);
		const written = [];
		try {
			const dbx = new Dropbox({ accessToken: first.info.accessToken, fetch: rewritingFetch(first.info.baseUrl) });
			expect((await dbx.filesListFolder({ path: '' })).result.entries.map((e) => e.name)).toContain('Campaigns');
			await dbx.filesDeleteV2({ path: '/Agency Drafts' });
			for (let i = 0; i < 5; i += 1) written.push((await dbx.filesUpload({ path: `/killed/file-${i}.txt`, contents: `content ${i}` })).result);
		} finally {
			first.child.kill('SIGKILL');
			await exited(first.child);
		}

		const second = await startSandbox(dataDir);
		try {
			expect(second.info.accessToken).toBe(first.info.accessToken);
			const dbx = new Dropbox({ accessToken: second.info.accessToken, fetch: rewritingFetch(second.info.baseUrl) });
			for (const file of written) {
				const { result } = await dbx.filesDownload({ path: file.path_lower });
				expect(result.rev).toBe(file.rev);
				expect(result.content_hash).toBe(file.content_hash);
			}
			// Seeded on the first start only: the deleted seed folder stays deleted.
			await expectDropboxError(dbx.filesGetMetadata({ path: '/Agency Drafts' }), 409, ['path', 'not_found']);
		} finally {
			second.child.kill('SIGTERM');
			await exited(second.child);
		}
	}, 60000);
});
