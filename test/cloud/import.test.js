'use strict';
// Every Cloud edition (workflows/cloud/*.json) imports into a real n8n 2.41.1 that has ONLY the
// Smint.io package installed (test/cloud/smintio-package.js) and knows every node type, in the
// version the edition uses, and every credential type it references: no "unknown node" in the
// editor. Checked over n8n's REST API against /types/nodes.json (what the editor loads).
// Run: npm run build && npx jest test/cloud/import.test.js --runInBand

const path = require('node:path');
const { startCloudStack, CLOUD_TEMPLATE_DIR } = require('./stack');
const { loadTemplates } = require('../../sandbox/stack');

/** @type {any} */
let stack;
/** @type {Array<{ name: string, version: number | number[] }>} */
let nodeTypes = [];

beforeAll(async () => {
	stack = await startCloudStack({ log: () => {} });
	nodeTypes = await stack.client.nodeTypes();
}, 10 * 60 * 1000);

afterAll(async () => {
	if (stack) await stack.stop();
}, 2 * 60 * 1000);

const known = (/** @type {string} */ type, /** @type {number} */ version) =>
	nodeTypes.some((description) => description.name === type && [description.version].flat().includes(version));

test('this n8n has the Smint.io nodes and n8n core nodes, and no Dropbox Sync node', () => {
	const names = new Set(nodeTypes.map((description) => description.name));
	expect(names.has('n8n-nodes-smintio.smintIo')).toBe(true);
	expect(names.has('n8n-nodes-smintio.smintIoTrigger')).toBe(true);
	expect(names.has('n8n-nodes-base.dropbox')).toBe(true);
	expect([...names].filter((name) => /dropboxSync/i.test(name))).toEqual([]);
});

test('every Cloud edition was imported, and each node of the saved workflow is a known type and version', async () => {
	const files = loadTemplates(CLOUD_TEMPLATE_DIR).map((template) => template.file);
	expect(stack.templates.map((template) => template.file)).toEqual(files);
	// One edition for each of templates 1–8 (template 9 has none), under the self-hosted file names.
	const selfHosted = loadTemplates(path.join(CLOUD_TEMPLATE_DIR, '..')).map((template) => template.file);
	expect(files).toEqual(selfHosted.filter((file) => !file.startsWith('09-')));
	expect(files).toHaveLength(8);
	for (const template of stack.templates) {
		const saved = await stack.client.getWorkflow(template.id);
		expect(saved.nodes).toHaveLength(template.workflow.nodes.length);
		const unknown = saved.nodes.filter((node) => !known(node.type, node.typeVersion)).map((node) => `${node.name}: ${node.type}@${node.typeVersion}`);
		expect({ file: template.file, unknown }).toEqual({ file: template.file, unknown: [] });
	}
});

test('every credential a Cloud edition references exists here and was resolved to this instance', async () => {
	const credentialTypes = new Set((await stack.client.credentialTypes()).map((type) => type.name));
	for (const template of stack.templates) {
		const saved = await stack.client.getWorkflow(template.id);
		const refs = saved.nodes.flatMap((node) => Object.entries(node.credentials || {}).map(([type, ref]) => ({ node: node.name, type, ref })));
		expect(refs.filter(({ type }) => !credentialTypes.has(type))).toEqual([]);
		expect(refs.filter(({ ref }) => !ref.id)).toEqual([]);
	}
});
