'use strict';
// Each packed package installed ALONE into a real n8n 2.41.1 the way n8n installs community
// packages (tarball unpacked into $N8N_USER_FOLDER/.n8n/nodes/node_modules/<name>, see
// sandbox/n8n/community-package.js): n8n starts, loads every node and credential listed in
// package.json's `n8n` block with their codex categories and light/dark icons (served over HTTP),
// logs no warning or error about the package, and has none of the other package's types (so
// nothing of it was needed). One n8n per package, one after the other.
// Not in the default `npm test` run (it starts n8n): `npm run test:package`.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSandboxN8n } = require('../../sandbox/n8n/runtime');
const { packRepos } = require('./packed-repo');
const { parseLog, packageProblems, loadedCounts } = require('./n8n-log');

const log = (/** @type {string} */ line) => process.stdout.write(`    [n8n] ${line}\n`);

// Built and packed once, when jest collects the tests (describe.each needs the list).
const packs = packRepos();
afterAll(() => {
	for (const pack of packs) pack.cleanup();
});

describe.each(packs.map((pack) => [pack.name, pack]))('%s installed alone', (_name, packed) => {
	/** @type {Awaited<ReturnType<typeof startSandboxN8n>>} */
	let sandbox;
	let userFolder = '';
	/** @type {Array<{ name: string, displayName: string, iconUrl?: { light: string, dark: string }, codex?: { categories?: string[] } }>} */
	let nodeTypes = [];

	beforeAll(async () => {
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'package-install-test-'));
		sandbox = await startSandboxN8n({
			userFolder,
			communityPackages: [packed.tarball],
			apiKey: false,
			// debug: n8n then logs what it loaded from each package ("Loaded all credentials and nodes from …").
			env: { N8N_LOG_LEVEL: 'debug' },
			log,
		});
		nodeTypes = await sandbox.client.nodeTypes();
		log(`${packed.name}: n8n boot ${sandbox.n8n.seconds.boot.toFixed(1)} s, ${packed.nodes.length} nodes, ${packed.credentials.length} credentials`);
	}, 10 * 60 * 1000);

	afterAll(async () => {
		if (sandbox) await sandbox.stop();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('the package lists nodes and every listed class loads outside n8n', () => {
		expect(packed.manifestNodes.length).toBeGreaterThan(0);
		expect(packed.nodes).toHaveLength(packed.manifestNodes.length);
		expect(packed.credentials).toHaveLength(packed.manifestCredentials.length);
	});

	test('n8n loads every node type of the package, with its codex categories and both icons', async () => {
		for (const node of packed.nodes) {
			const loaded = nodeTypes.find((type) => type.name === node.type);
			expect({ type: node.type, loaded: Boolean(loaded) }).toEqual({ type: node.type, loaded: true });
			const description = /** @type {NonNullable<typeof loaded>} */ (loaded);
			expect(description.displayName).toBe(node.displayName);
			expect(description.codex && description.codex.categories).toEqual(node.categories);
			expect(description.iconUrl).toEqual({
				light: expect.stringMatching(new RegExp(`^icons/${packed.name}/dist/.+\\.svg$`)),
				dark: expect.stringMatching(new RegExp(`^icons/${packed.name}/dist/.+\\.svg$`)),
			});
			const { light, dark } = /** @type {{ light: string, dark: string }} */ (description.iconUrl);
			expect(light).not.toBe(dark);
			for (const iconUrl of [light, dark]) {
				const response = await fetch(`${sandbox.n8n.baseUrl}/${iconUrl}`);
				const body = await response.text();
				expect({ iconUrl, status: response.status, svg: /<svg[\s>]/.test(body) }).toEqual({ iconUrl, status: 200, svg: true });
			}
		}
	});

	test('n8n loads every credential type of the package', async () => {
		const credentialTypes = await sandbox.client.credentialTypes();
		for (const credential of packed.credentials) {
			const loaded = credentialTypes.find((type) => type.name === credential.name);
			expect({ name: credential.name, displayName: loaded && loaded.displayName }).toEqual({
				name: credential.name,
				displayName: credential.displayName,
			});
		}
	});

	test("n8n's log shows the package loaded in full and has no warning or error about it", () => {
		const entries = parseLog(sandbox.n8n.logs());
		expect(entries.length).toBeGreaterThan(0);
		expect(loadedCounts(entries, packed.name)).toEqual({
			credentials: packed.manifestCredentials.length,
			nodes: packed.manifestNodes.length,
		});
		expect(packageProblems(entries, packed.names)).toEqual([]);
	});

	test('n8n has no node or credential type of the other package', async () => {
		const others = packs.filter((other) => other.name !== packed.name);
		const credentialTypes = await sandbox.client.credentialTypes();
		const otherTypes = nodeTypes.filter((type) => others.some((other) => type.name.startsWith(`${other.name}.`))).map((type) => type.name);
		const otherCredentials = others.flatMap((other) => other.credentials.map((c) => c.name)).filter((name) => credentialTypes.some((type) => type.name === name));
		expect({ otherTypes, otherCredentials }).toEqual({ otherTypes: [], otherCredentials: [] });
		expect(nodeTypes.filter((type) => type.name.startsWith(`${packed.name}.`)).length).toBeGreaterThanOrEqual(packed.nodes.length);
	});
});

