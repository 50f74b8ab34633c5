'use strict';
// The template workflows in workflows/*.json, read as plain JSON (no n8n): what they may contain,
// how they reference credentials, nodes and Settings, and how they are laid out on the canvas.
// TEMPLATE_DIR=<folder> checks another folder (e.g. an edited copy) instead of workflows/.
// The Cloud editions (workflows/cloud/) get the same checks, with their own allowed node types:
// n8n core nodes (plus the Dropbox, HTTP Request and Data Table nodes) and the Smint.io nodes only.

const fs = require('node:fs');
const path = require('node:path');
const canvas = require('./canvas');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const TEMPLATE_DIR = process.env.TEMPLATE_DIR ? path.resolve(process.env.TEMPLATE_DIR) : path.join(REPO_ROOT, 'workflows');
const { PACKAGES, nodeTypesOf, credentialTypesOf } = require('../../../scripts/lib/packages');

/** n8n's core nodes a template may use, with the versions n8n 2.41.1 ships (workflows/README.md). */
const CORE_NODES = {
	'n8n-nodes-base.manualTrigger': [1],
	'n8n-nodes-base.scheduleTrigger': [1.2],
	'n8n-nodes-base.set': [3.4],
	'n8n-nodes-base.if': [2.2],
	'n8n-nodes-base.filter': [2.2],
	'n8n-nodes-base.merge': [3.2],
	'n8n-nodes-base.splitInBatches': [3],
	'n8n-nodes-base.splitOut': [1],
	'n8n-nodes-base.aggregate': [1],
	'n8n-nodes-base.crypto': [2],
	'n8n-nodes-base.convertToFile': [1.1],
	'n8n-nodes-base.noOp': [1],
	'n8n-nodes-base.stickyNote': [1],
};
/** Core nodes only a Cloud edition uses (workflows/cloud/README.md), in n8n 2.41.1's versions. */
const CLOUD_CORE_NODES = {
	...CORE_NODES,
	'n8n-nodes-base.dropbox': [1],
	'n8n-nodes-base.httpRequest': [4.2],
	'n8n-nodes-base.dataTable': [1.1],
};
/** The only credential types a Cloud edition may use: n8n's own Dropbox OAuth2 and the Smint.io one. */
const CLOUD_CREDENTIALS = ['dropboxOAuth2Api', 'smintIoOAuth2Api'];
/** Types of the Smint.io package (what a Cloud user can install: no Dropbox Sync node). */
const SMINTIO_PACKAGE_TYPE = /^n8n-nodes-smintio\.smintIo(Trigger)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** @returns {Array<{ file: string, text: string }>} */
function templateFiles(dir = TEMPLATE_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}

/** Every string inside a value (parameters are nested objects and arrays). @param {unknown} value @returns {string[]} */
function strings(value) {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/**
 * Node names an expression refers to: $('Name'), $("Name"), $node['Name'], $items('Name').
 * @param {string} text @returns {string[]}
 */
function referencedNodes(text) {
	const names = [];
	const pattern = /\$(?:\(|node\[|items\()\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*[)\]]/g;
	for (const match of text.matchAll(pattern)) names.push(match[2].replace(/\\(.)/g, '$1'));
	return names;
}

/** @param {any} workflow @returns {Array<{ source: string, output: string, index: number, target: string }>} */
function connections(workflow) {
	const list = [];
	for (const [source, outputs] of Object.entries(workflow.connections || {})) {
		for (const [output, branches] of Object.entries(/** @type {Record<string, any[]>} */ (outputs))) {
			for (const targets of branches) {
				for (const connection of targets || []) list.push({ source, output, index: connection.index, target: connection.node });
			}
		}
	}
	return list;
}

const templates = templateFiles();
// Our node types in both packages (n8n names them <package>.<node>), read from the node sources.
const OUR_TYPES = new Map(PACKAGES.flatMap((p) => [...nodeTypesOf(p.name)]));
const OUR_CREDENTIALS = PACKAGES.flatMap((p) => credentialTypesOf(p.name));
const CODEX = canvas.packageCodexCategories();

test('the template folder holds the nine templates', () => {
	expect(templates.map((t) => t.file)).toEqual(
		Array.from({ length: 9 }, (_, i) => expect.stringMatching(new RegExp(`^0${i + 1}-[a-z0-9-]+\\.json$`))),
	);
});

const CLOUD_DIR = path.join(TEMPLATE_DIR, 'cloud');
const cloudTemplates = templateFiles(CLOUD_DIR);
const SMINTIO_TYPES = new Map([...OUR_TYPES].filter(([type]) => SMINTIO_PACKAGE_TYPE.test(type)));

test('each Cloud edition has the file name of its self-hosted template and a name marked (Cloud)', () => {
	expect(cloudTemplates.length).toBeGreaterThan(0);
	const selfHosted = new Map(templates.map((t) => [t.file, JSON.parse(t.text).name]));
	expect(cloudTemplates.filter((t) => !selfHosted.has(t.file)).map((t) => t.file)).toEqual([]);
	for (const { file, text } of cloudTemplates) expect(JSON.parse(text).name).toBe(`${selfHosted.get(file)} (Cloud)`);
});

describe.each(cloudTemplates.map((t) => [t.file, t]))('cloud/%s', (_file, { text }) => {
	const workflow = JSON.parse(text);
	const nodes = workflow.nodes.filter((/** @type {any} */ n) => !canvas.isSticky(n));

	test('uses only n8n core nodes and the Smint.io package, no Dropbox Sync node and no Code node', () => {
		const foreign = workflow.nodes
			.filter((/** @type {any} */ n) => !n.type.startsWith('n8n-nodes-base.') && !SMINTIO_PACKAGE_TYPE.test(n.type))
			.map((/** @type {any} */ n) => `${n.name}: ${n.type}`);
		expect(foreign).toEqual([]);
		expect(workflow.nodes.filter((/** @type {any} */ n) => /\.code$|\.function(Item)?$/.test(n.type)).map((/** @type {any} */ n) => n.name)).toEqual([]);
	});

	test('reaches Dropbox through the core Dropbox node or HTTP Request with the predefined Dropbox OAuth2 credential only', () => {
		const http = nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest');
		expect(http.filter((n) => n.parameters.authentication !== 'predefinedCredentialType' || n.parameters.nodeCredentialType !== 'dropboxOAuth2Api').map((n) => n.name)).toEqual([]);
		expect(http.filter((n) => !/^=?\{\{.*https:\/\/(api|content)\.dropboxapi\.com\/2\/|^https:\/\/(api|content)\.dropboxapi\.com\/2\//.test(n.parameters.url)).map((n) => n.name)).toEqual([]);
		const dropbox = nodes.filter((n) => n.type === 'n8n-nodes-base.dropbox');
		expect(dropbox.filter((n) => n.parameters.authentication !== 'oAuth2').map((n) => n.name)).toEqual([]);
		expect([...http, ...dropbox].filter((n) => !n.credentials?.dropboxOAuth2Api).map((n) => n.name)).toEqual([]);
	});

	test('says in a sticky note what it gives up against the self-hosted edition and where its state lives', () => {
		const contents = workflow.nodes.filter(canvas.isSticky).map((/** @type {any} */ s) => String(s.parameters.content));
		const givesUp = contents.find((c) => /^### Gives up against the self-hosted edition\n(- .+\n?){2,}/.test(c));
		expect(givesUp).toBeDefined();
		if (nodes.some((n) => n.type === 'n8n-nodes-base.dataTable')) expect(contents.some((c) => /cursor lives in/i.test(c))).toBe(true);
	});
});

const EDITIONS = [
	{ label: '', list: templates, types: OUR_TYPES, core: CORE_NODES, credentials: OUR_CREDENTIALS },
	{ label: 'cloud/', list: cloudTemplates, types: SMINTIO_TYPES, core: CLOUD_CORE_NODES, credentials: CLOUD_CREDENTIALS },
];

describe.each(EDITIONS.flatMap((edition) => edition.list.map((t) => [`${edition.label}${t.file}`, t, edition])))('%s', (_file, { text }, edition) => {
	const { types: OUR_TYPES, core: CORE_NODES, credentials: OUR_CREDENTIALS } = edition;
	/** @type {any} */
	let workflow;
	/** @type {any[]} */
	let nodes;
	/** @type {any[]} */
	let stickies;

	beforeAll(() => {
		workflow = JSON.parse(text);
		nodes = workflow.nodes.filter((/** @type {any} */ n) => !canvas.isSticky(n));
		stickies = workflow.nodes.filter(canvas.isSticky);
	});

	test('is valid JSON with a name, nodes and connections', () => {
		expect(() => JSON.parse(text)).not.toThrow();
		expect(workflow).toEqual(expect.objectContaining({ name: expect.any(String), nodes: expect.any(Array), connections: expect.any(Object) }));
		expect(workflow.name.length).toBeGreaterThan(0);
	});

	test('node ids are unique UUIDs and node names are unique', () => {
		const ids = workflow.nodes.map((/** @type {any} */ n) => n.id);
		expect(ids.filter((/** @type {string} */ id) => !UUID.test(id))).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
		const names = workflow.nodes.map((/** @type {any} */ n) => n.name);
		expect(names.filter((/** @type {string} */ name, /** @type {number} */ i) => names.indexOf(name) !== i)).toEqual([]);
	});

	test('connections join existing nodes, and every node is connected', () => {
		const names = new Set(workflow.nodes.map((/** @type {any} */ n) => n.name));
		const links = connections(workflow);
		expect(links.filter((c) => !names.has(c.source) || !names.has(c.target))).toEqual([]);
		expect(links.filter((c) => stickies.some((s) => s.name === c.source || s.name === c.target))).toEqual([]);
		const triggers = canvas.triggerNodes(workflow).map((/** @type {any} */ n) => n.name);
		const unconnected = nodes
			.filter((n) => (triggers.includes(n.name) ? !links.some((c) => c.source === n.name) : !links.some((c) => c.target === n.name)))
			.map((n) => n.name);
		expect(unconnected).toEqual([]);
		expect(triggers.length).toBeGreaterThan(0);
	});

	test("uses only this package's nodes and the allowed core nodes, in versions n8n 2.41.1 ships", () => {
		const wrong = workflow.nodes
			.filter((/** @type {any} */ n) => {
				const versions = OUR_TYPES.get(n.type) || CORE_NODES[/** @type {keyof typeof CORE_NODES} */ (n.type)];
				return !versions || ![versions].flat().includes(n.typeVersion);
			})
			.map((/** @type {any} */ n) => `${n.name}: ${n.type}@${n.typeVersion}`);
		expect(wrong).toEqual([]);
		expect(workflow.nodes.some((/** @type {any} */ n) => OUR_TYPES.has(n.type))).toBe(true);
	});

	test('references credentials by type and name only, without instance ids', () => {
		const withCredentials = nodes.filter((n) => n.credentials);
		const refs = withCredentials.flatMap((n) => Object.entries(n.credentials).map(([type, ref]) => ({ node: n.name, type, ref })));
		expect(refs.filter(({ ref }) => !ref || typeof ref.name !== 'string' || ref.name === '' || (ref.id !== undefined && ref.id !== ''))).toEqual([]);
		expect(refs.filter(({ ref }) => Object.keys(ref).some((key) => key !== 'id' && key !== 'name'))).toEqual([]);
		expect(refs.filter(({ type }) => !OUR_CREDENTIALS.includes(type))).toEqual([]);
		// Our nodes all need a credential (and so do the Cloud editions' Dropbox and HTTP Request nodes).
		const needsCredential = (/** @type {any} */ n) => OUR_TYPES.has(n.type) || ['n8n-nodes-base.dropbox', 'n8n-nodes-base.httpRequest'].includes(n.type);
		expect(nodes.filter((n) => needsCredential(n) && !n.credentials).map((n) => n.name)).toEqual([]);
	});

	test('carries no run state: no pinData, not active, execution order v1, no template setup flag', () => {
		expect(workflow.pinData === undefined || Object.keys(workflow.pinData).length === 0).toBe(true);
		expect(workflow.active).not.toBe(true);
		expect(workflow.settings?.executionOrder).toBe('v1');
		expect(workflow.meta?.templateCredsSetupCompleted).toBeUndefined();
		expect(workflow.id).toBeUndefined();
		expect(workflow.versionId).toBeUndefined();
	});

	test('keeps every setting in one Settings node, with an About note and a note on the settings', () => {
		expect(workflow.nodes.filter((/** @type {any} */ n) => n.name === 'Settings').map((/** @type {any} */ n) => n.type)).toEqual(['n8n-nodes-base.set']);
		const contents = stickies.map((s) => String(s.parameters.content ?? ''));
		expect(contents.filter((c) => /^#{1,3}\s+\S/.test(c)).length).toBeGreaterThan(0);
		expect(contents.filter((c) => /settings/i.test(c)).length).toBeGreaterThan(0);
	});

	test("names only existing nodes in $('…') expressions", () => {
		const names = new Set(workflow.nodes.map((/** @type {any} */ n) => n.name));
		const references = nodes.flatMap((n) => strings(n.parameters).flatMap(referencedNodes).map((ref) => ({ node: n.name, ref })));
		expect(references.filter(({ ref }) => !names.has(ref))).toEqual([]);
		// Every template reads its Settings this way.
		expect(references.some(({ ref }) => ref === 'Settings')).toBe(true);
	});

	test('is laid out tidily: grid, no overlaps, left to right, About and Settings notes at the start', () => {
		expect(canvas.layoutProblems(workflow)).toEqual([]);
	});

	test('"Run now" is where the Execute workflow button starts, or the first entry of its menu where n8n ranks another trigger higher', () => {
		const manual = nodes.filter((n) => n.type === canvas.MANUAL_TRIGGER);
		expect(manual.map((n) => n.name)).toEqual(['Run now']);
		const chosen = canvas.defaultTrigger(workflow, CODEX);
		if (chosen !== manual[0]) {
			// n8n 2.41.1 picks by trigger type (see canvas.js): a poller or a schedule outranks a
			// Manual Trigger whatever the layout, so the layout puts "Run now" first in the menu.
			expect(canvas.triggerPriority(chosen, CODEX)).toBeGreaterThan(canvas.triggerPriority(manual[0], CODEX));
		}
		expect(canvas.triggerMenu(workflow)[0].name).toBe('Run now');
	});
});

describe('the canvas model', () => {
	const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number[]} */ position, extra = {}) => ({ id: name, name, type, typeVersion: 1, position, parameters: {}, ...extra });
	const flow = (/** @type {any[]} */ triggers) => ({ nodes: [...triggers, node('Settings', 'n8n-nodes-base.set', [240, 0])], connections: {} });

	test.each([
		['a community trigger outranks the Manual Trigger', [node('Run now', canvas.MANUAL_TRIGGER, [0, 0]), node('Poll', 'n8n-nodes-smintio.smintIoTrigger', [0, 240])], 'Poll'],
		['…whatever the node order and position', [node('Poll', 'n8n-nodes-dropbox-sync.dropboxSyncTrigger', [0, 800]), node('Run now', canvas.MANUAL_TRIGGER, [-800, -800])], 'Poll'],
		['a Schedule Trigger outranks the Manual Trigger', [node('Run now', canvas.MANUAL_TRIGGER, [0, 0]), node('Every morning', 'n8n-nodes-base.scheduleTrigger', [0, 240])], 'Every morning'],
		['a disabled trigger is passed over', [node('Run now', canvas.MANUAL_TRIGGER, [0, 0]), node('Poll', 'n8n-nodes-smintio.smintIoTrigger', [0, 240], { disabled: true })], 'Run now'],
		['equal ranks keep the node order', [node('Run now', canvas.MANUAL_TRIGGER, [0, 0]), node('B', 'n8n-nodes-smintio.smintIoTrigger', [0, 0]), node('A', 'n8n-nodes-dropbox-sync.dropboxSyncTrigger', [0, -240])], 'B'],
		['a form trigger outranks everything', [node('Poll', 'n8n-nodes-smintio.smintIoTrigger', [0, 0]), node('Form', 'n8n-nodes-base.formTrigger', [0, 240])], 'Form'],
		['other core triggers rank lowest', [node('Email', 'n8n-nodes-base.emailReadImapTrigger', [0, 0]), node('Run now', canvas.MANUAL_TRIGGER, [0, 240])], 'Run now'],
	])('default trigger: %s', (_what, triggers, expected) => {
		expect(canvas.defaultTrigger(flow(triggers)).name).toBe(expected);
	});

	test('the button menu lists triggers top first, then left first', () => {
		const workflow = flow([node('C', canvas.MANUAL_TRIGGER, [0, 240]), node('B', 'n8n-nodes-smintio.smintIoTrigger', [80, 0]), node('A', 'n8n-nodes-base.scheduleTrigger', [0, 0])]);
		expect(canvas.triggerMenu(workflow).map((n) => n.name)).toEqual(['A', 'B', 'C']);
	});

	test("this package's triggers are app triggers to the editor (no Core Nodes category)", () => {
		const triggers = [...OUR_TYPES.keys()].filter((type) => /Trigger$/.test(type));
		expect(triggers.length).toBeGreaterThan(0);
		for (const type of triggers) expect({ type, priority: canvas.triggerPriority({ type }, CODEX) }).toEqual({ type, priority: 8 });
	});

	// Heights measured in n8n 2.41.1 (text top to the last line's bottom, in canvas px).
	const MEASURED = [
		{
			content: '### Settings: change these\n- **sourceFolder**: the campaigns root in Dropbox (also set it on the trigger)\n- **approvedFolderName**: only files below folders with this name are catalogued\n- **approvalState**: state of new assets\n- **rightsDefaults**: rights every new asset gets (licence type, copyright, releases, terms)\n- **culture**: language of names and tags',
			heights: { 240: 289, 320: 216, 400: 198, 560: 162, 800: 144 },
		},
		{
			content: '### Usage history from Dropbox\nOne entry per shared link (`dropbox_shared_link`), per revision (`dropbox_revision`) and per delivered copy (`dropbox_delivery`: same content hash in a delivery folder), oldest first. Entries already in Smint.io are not added again.',
			heights: { 240: 230, 320: 171, 400: 133, 640: 95, 960: 76 },
		},
		{
			content: '### Review list\nDenied purchases (and allowed ones whose files may not be synced) become one JSON file. It is only rewritten when its content changes.',
			heights: { 240: 133, 320: 114, 500: 76, 960: 57 },
		},
	];
	test.each(MEASURED.flatMap(({ content, heights }) => Object.entries(heights).map(([width, height]) => [content.split('\n')[0], Number(width), height, content])))(
		'sticky text estimate for "%s" at %d px is at least the measured %d px and at most 40 px more',
		(_title, width, height, content) => {
			const estimate = canvas.stickyTextHeight(String(content), Number(width));
			expect(estimate).toBeGreaterThanOrEqual(Number(height));
			expect(estimate).toBeLessThanOrEqual(Number(height) + 40);
		},
	);

	test('the layout rules catch overlaps, a note over a node, right-to-left links and positions off the grid', () => {
		const a = node('A', 'n8n-nodes-base.noOp', [0, 0]);
		const b = node('B', 'n8n-nodes-base.noOp', [160, 0]);
		const note = { ...node('Note', canvas.STICKY_NOTE, [80, 80]), parameters: { content: 'x', width: 200, height: 100 } };
		const workflow = { nodes: [a, b, note, node('C', 'n8n-nodes-base.noOp', [420, 20])], connections: { B: { main: [[{ node: 'A', type: 'main', index: 0 }]] } } };
		const problems = canvas.layoutProblems(workflow).join('\n');
		expect(problems).toMatch('nodes "A" and "B" overlap');
		expect(problems).toMatch('sticky note "Note" overlaps node "A"');
		expect(problems).toMatch('connection "B" → "A" runs right to left');
		expect(problems).toMatch('"C" at [420, 20] is off the 80 px grid');
	});

	test('a loop body may return into its loop; a flow may wrap into a lower row once', () => {
		const link = (/** @type {string} */ to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
		const loop = {
			nodes: [node('Loop', 'n8n-nodes-base.splitInBatches', [0, 0]), node('Body', 'n8n-nodes-base.noOp', [-240, 400]), node('End', 'n8n-nodes-base.noOp', [240, 400])],
			connections: { Loop: link('Body'), Body: link('End'), End: link('Loop') },
		};
		expect(canvas.layoutProblems(loop).filter((p) => /right to left|wraps/.test(p))).toEqual([]);
		const wraps = {
			nodes: [node('A', 'n8n-nodes-base.noOp', [960, 0]), node('B', 'n8n-nodes-base.noOp', [0, 400]), node('C', 'n8n-nodes-base.noOp', [960, 400]), node('D', 'n8n-nodes-base.noOp', [0, 800])],
			connections: { A: link('B'), B: link('C'), C: link('D') },
		};
		expect(canvas.layoutProblems(wraps)).toEqual([expect.stringMatching('wraps into a lower row more than once')]);
		wraps.connections = { A: link('B'), B: link('C') };
		expect(canvas.layoutProblems(wraps)).toEqual([]);
	});

	test('a Settings note may frame the Settings node only with its text above the node', () => {
		const content = '### Settings: change these\n- **folder**: where the files are\n- **collection**: where they go';
		const settings = node('Settings', 'n8n-nodes-base.set', [240, 0]);
		const frame = (/** @type {number} */ y) => ({ ...node('Settings note', canvas.STICKY_NOTE, [160, y]), parameters: { content, width: 240, height: 200 - y } });
		expect(canvas.layoutProblems({ nodes: [settings, frame(-160)], connections: {} })).toEqual([]);
		expect(canvas.layoutProblems({ nodes: [settings, frame(-80)], connections: {} })).toEqual([expect.stringMatching('reaches the node "Settings" it frames')]);
	});
});
