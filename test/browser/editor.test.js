'use strict';
// The package in n8n's editor, in a real browser (Debian's Chromium, headless, driven by
// playwright-core), against the sandbox stack (sandbox/stack.js: both emulators, real n8n 2.41.1
// with the built package installed as n8n installs community packages, the sandbox credentials,
// every template of workflows/ imported). The owner signs in; the node panel finds our nodes for
// "Smint.io" and "Dropbox Sync" with all their actions and triggers; each template opens with no
// broken node; each template is drawn where its JSON says, with every label inside the area the
// layout rules reserve for its node and no sticky-note text over a node (test/unit/workflows/
// canvas.js is the model these figures check); the canvas's Execute workflow button starts from
// the trigger n8n's rule picks, lists "Run now" first and says "from Run now" once picked; a
// folder and a collection are picked from our nodes' searchable lists; one template runs from the
// editor and its output shows.
// Screenshots go to docs/screenshots/ (used in the README).
// Needs /usr/bin/chromium (scripts/ensure-chromium.sh). Not in the default `npm test`:
// `npm run test:browser`. Env: BROWSER_TEST_TEMPLATE=<file in workflows/> picks the template to run.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack, loadTemplates } = require('../../sandbox/stack');
const { packRepos } = require('../package/packed-repo');
const editor = require('./editor');
const canvas = require('../unit/workflows/canvas');

const SEARCHES = ['Smint.io', 'Dropbox Sync'];
const LISTS = [
	{ node: 'Dropbox Sync', parameter: /folder/i, what: 'folder' },
	{ node: 'Smint.io', parameter: /collection/i, what: 'collection' },
];
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/** Nodes and sticky notes of a workflow JSON (the canvas draws them differently). @param {any} workflow */
function countNodes(workflow) {
	const stickies = workflow.nodes.filter((/** @type {any} */ n) => n.type === STICKY_NOTE).length;
	return { nodes: workflow.nodes.length - stickies, stickies };
}

const log = (/** @type {string} */ line) => process.stdout.write(`    [browser test] ${line}\n`);
const slug = (/** @type {string} */ text) => text.toLowerCase().replace(/\.json$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const started = Date.now();
/** @type {Array<[string, string]>} */
const figures = [];
/** @type {import('../package/packed-repo').PackedRepo[]} both packages */
let packs = [];
/** A node type of one of our packages (n8n names them <package>.<node>). @param {string} type */
const isOurType = (type) => packs.some((p) => type.startsWith(`${p.name}.`));
/** @type {Awaited<ReturnType<typeof startStack>>} */
let sandbox;
/** @type {Awaited<ReturnType<typeof editor.launchBrowser>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
/** @type {Array<{ file: string, workflow: any, id: string }>} */
let templates = [];
/** @type {Map<string, { id: string, name: string }>} credential type -> a sandbox credential of that type */
const sandboxCredentials = new Map();
let controlWorkflowId = '';
let dataDir = '';

beforeAll(async () => {
	// Builds dist/ (the stack installs both packages from it) and describes the packed packages.
	packs = packRepos();
	// The stack's data (emulators, n8n user folder) in one temp folder, removed afterwards.
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'editor-test-stack-'));
	const since = Date.now();
	sandbox = await startStack({ dataDir, log });
	figures.push(['sandbox stack start (emulators, n8n, imports)', `${((Date.now() - since) / 1000).toFixed(1)} s (n8n boot ${sandbox.n8n.seconds.boot.toFixed(1)} s)`]);
	templates = sandbox.templates;
	for (const credential of sandbox.credentials) {
		if (!sandboxCredentials.has(credential.type)) sandboxCredentials.set(credential.type, { id: credential.id, name: credential.name });
	}
	controlWorkflowId = (await sandbox.client.importWorkflow(controlWorkflow())).id;

	let step = Date.now();
	browser = await editor.launchBrowser();
	page = browser.page;
	figures.push(['chromium launch', `${((Date.now() - step) / 1000).toFixed(1)} s`]);
	step = Date.now();
	await editor.login(page, sandbox.n8n.baseUrl, sandbox.owner);
	figures.push(['sign-in', `${((Date.now() - step) / 1000).toFixed(1)} s`]);
}, 10 * 60 * 1000);

afterAll(async () => {
	if (browser) await browser.close();
	if (sandbox) await sandbox.stop();
	for (const packed of packs) packed.cleanup();
	if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	figures.push(['whole browser test', `${((Date.now() - started) / 1000).toFixed(1)} s`]);
	log(`figures:\n${figures.map(([what, value]) => `      ${what.padEnd(46)} ${value}`).join('\n')}`);
});

/** A workflow with node types n8n does not have: the canvas must mark them (proves the markers). */
function controlWorkflow() {
	const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number} */ x) => ({
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters: {},
	});
	return {
		name: 'Browser test: unknown node types',
		nodes: [
			node('Start', MANUAL_TRIGGER, 0),
			node('Not installed', `${packs[0].name}.noSuchNode`, 240),
			node('Unknown', 'n8n-nodes-unknown-vendor.noSuchNode', 480),
		],
		connections: {},
	};
}

test('the node panel lists our nodes for "Smint.io" and "Dropbox Sync", with every action and trigger', async () => {
	const types = await packageNodeTypes();
	// A workflow with only a Manual Trigger: the panel then offers actions (and shows a clean canvas).
	const { id } = await sandbox.client.importWorkflow({
		name: 'Browser test: node panel',
		nodes: [{ id: crypto.randomUUID(), name: 'Start', type: MANUAL_TRIGGER, typeVersion: 1, position: [0, 0], parameters: {} }],
		connections: {},
	});
	await editor.openWorkflow(page, sandbox.n8n.baseUrl, id, 1);
	for (const term of SEARCHES) {
		const ours = types.filter((t) => t.displayName.toLowerCase().includes(term.toLowerCase()));
		expect({ term, nodes: ours.length > 0 }).toEqual({ term, nodes: true });
		// n8n lists a node and its trigger node ("X Trigger") as one entry named X.
		const entries = [...new Set(ours.map((t) => t.displayName.replace(/ Trigger$/, '')))];
		const listed = await editor.searchNodePanel(page, term);
		log(`node panel "${term}": ${JSON.stringify(listed)}`);
		expect(listed).toEqual(expect.arrayContaining(entries));
		for (const entry of entries) {
			const action = ours.find((t) => !isTrigger(t) && t.displayName === entry);
			const trigger = ours.find((t) => isTrigger(t) && t.displayName.replace(/ Trigger$/, '') === entry);
			const actions = action ? operationCount(action) : 0;
			if (actions === 0 && (!trigger || !action)) {
				// A node without operations, or a trigger with no action node of its name (the webhook
				// trigger), is one entry without a details page: it is listed (asserted above), not opened.
				await editor.screenshot(page, `node-panel-${slug(entry)}`);
				continue;
			}
			// Closing the previous entry's details closed the panel: search again for this one.
			await editor.searchNodePanel(page, term);
			const details = await editor.openNodePanelEntry(page, entry);
			await editor.screenshot(page, `node-panel-${slug(entry)}`);
			log(`node panel entry "${entry}": ${details.split('\n').filter((line) => /^(Actions|Triggers) \(/.test(line)).join(', ')}`);
			if (actions > 0) expect(details).toContain(`Actions (${actions})`);
			if (trigger) expect(details).toMatch(eventCount(trigger) ? `Triggers (${eventCount(trigger)})` : /Triggers \(\d+\)/);
			await editor.closeNodePanel(page);
		}
	}
	if (await page.locator('[data-test-id="node-creator-search-bar"]').isVisible()) await editor.closeNodePanel(page);
});

test('the canvas marks nodes of unknown types and their run fails (the markers this test relies on work)', async () => {
	await editor.openWorkflow(page, sandbox.n8n.baseUrl, controlWorkflowId, 3);
	const nodes = await editor.canvasNodes(page);
	expect(nodes.find((n) => n.name === 'Start')).toEqual(expect.objectContaining({ notInstalled: false, unknownIcon: false, issues: false }));
	expect(nodes.find((n) => n.name === 'Not installed')).toEqual(expect.objectContaining({ notInstalled: true, unknownIcon: true }));
	expect(nodes.find((n) => n.name === 'Unknown')).toEqual(expect.objectContaining({ unknownIcon: true }));
	const outcome = await editor.runWorkflow(page);
	expect(outcome).toEqual(expect.objectContaining({ status: 'error', message: expect.stringContaining('Unrecognized node type') }));
});

test('each template opens with every node known and none marked broken', async () => {
	if (templates.length === 0) {
		log('note: workflows/ has no templates yet; only the node panel, lists and markers are checked');
		expect(loadTemplates()).toEqual([]);
		return;
	}
	for (const template of templates) {
		const expected = countNodes(template.workflow);
		await editor.openWorkflow(page, sandbox.n8n.baseUrl, template.id, expected.nodes, expected.stickies);
		const nodes = await editor.canvasNodes(page);
		await editor.screenshot(page, `template-${slug(template.file)}`);
		const stickies = await page.locator('[data-test-id="sticky"]').count();
		const broken = nodes.filter((n) => n.notInstalled || n.unknownIcon || n.issues || n.setupRequired);
		expect({ template: template.file, nodes: nodes.length, stickies, broken }).toEqual({
			template: template.file,
			nodes: expected.nodes,
			stickies: expected.stickies,
			broken: [],
		});
	}
});

test('each template is drawn where its JSON says, labels inside their reserved areas, no note text over a node', async () => {
	expect(templates.length).toBe(loadTemplates().length);
	for (const template of templates) {
		const expected = countNodes(template.workflow);
		await editor.openWorkflow(page, sandbox.n8n.baseUrl, template.id, expected.nodes, expected.stickies);
		const drawn = await editor.canvasGeometry(page);
		const problems = drawnLayoutProblems(template.workflow, drawn);
		figures.push([`zoom to fit of ${template.file}`, drawn.zoom.toFixed(3)]);
		expect({ template: template.file, drawn: drawn.nodes.length + drawn.stickies.length, problems }).toEqual({
			template: template.file,
			drawn: template.workflow.nodes.length,
			problems: [],
		});
	}
});

test('the Execute workflow button starts from the trigger n8n ranks first, lists "Run now" first and says "from Run now" once picked', async () => {
	const codex = canvas.packageCodexCategories();
	const withManual = templates.filter((t) => t.workflow.nodes.some((/** @type {any} */ n) => n.type === MANUAL_TRIGGER));
	expect(withManual.length).toBe(templates.length);
	for (const template of withManual) {
		const expected = countNodes(template.workflow);
		await editor.openWorkflow(page, sandbox.n8n.baseUrl, template.id, expected.nodes, expected.stickies);
		const enabled = canvas.triggerNodes(template.workflow).filter((/** @type {any} */ n) => !n.disabled);
		const chosen = canvas.defaultTrigger(template.workflow, codex);
		const button = await editor.runButtonTrigger(page);
		log(`${template.file}: button ${button.from ? `"from ${button.from}"` : 'without a "from" line'}, menu ${JSON.stringify(button.menu)}`);
		if (enabled.length < 2) {
			// One trigger: the button has no "from" line and no menu; it runs Run now.
			expect({ template: template.file, chosen: chosen.name, button }).toEqual({ template: template.file, chosen: 'Run now', button: { from: '', menu: [] } });
			continue;
		}
		// n8n 2.41.1 picks the opened workflow's trigger by type (canvas.js): the model and the editor agree.
		expect({ template: template.file, from: shownAs(button.from, chosen.name) }).toEqual({ template: template.file, from: chosen.name });
		expect({ template: template.file, menu: button.menu }).toEqual({ template: template.file, menu: canvas.triggerMenu(template.workflow).map((/** @type {any} */ n) => n.name) });
		expect(button.menu[0]).toBe('Run now');
		await editor.selectRunButtonTrigger(page, 'Run now');
		expect({ template: template.file, from: (await editor.runButtonTrigger(page)).from }).toEqual({ template: template.file, from: 'Run now' });
	}
});

test.each(LISTS)('a $what is picked from the searchable list of the $node node', async ({ node, parameter, what }) => {
	const target = await listParameter(node, parameter);
	const { id } = await sandbox.client.importWorkflow(target.workflow);
	await editor.openWorkflow(page, sandbox.n8n.baseUrl, id, 1);
	await editor.openNode(page, target.nodeName);
	const result = await editor.pickFromList(page, target.parameter, {
		beforePick: async () => {
			await editor.screenshot(page, `pick-${what}`);
		},
	});
	log(`${node} ${target.parameter}: listed ${JSON.stringify(result.listed)}, searched "${result.filter}" -> ${JSON.stringify(result.filtered)}, picked "${result.picked}"`);
	expect(result.listed.length).toBeGreaterThan(0);
	expect(result.filtered).toContain(result.picked);
	expect(result.filtered.length).toBeLessThanOrEqual(result.listed.length);
	expect(result.shown).toBe(result.picked);
	await editor.closeNode(page);
});

test('a template runs from the editor and its output shows in the node', async () => {
	const manual = templates.filter((t) => t.workflow.nodes.some((/** @type {any} */ n) => n.type === MANUAL_TRIGGER));
	if (templates.length === 0) {
		log('note: workflows/ has no templates yet; no run from the editor');
		expect(loadTemplates()).toEqual([]);
		return;
	}
	const chosen = process.env.BROWSER_TEST_TEMPLATE ? manual.find((t) => t.file === process.env.BROWSER_TEST_TEMPLATE) : manual[0];
	expect(chosen && chosen.file).toEqual(process.env.BROWSER_TEST_TEMPLATE || expect.any(String));
	const template = /** @type {typeof templates[number]} */ (chosen);
	const expected = countNodes(template.workflow);
	await editor.openWorkflow(page, sandbox.n8n.baseUrl, template.id, expected.nodes, expected.stickies);
	// From its Manual Trigger: templates that also have a polling trigger run as "Run now".
	const trigger = template.workflow.nodes.find((/** @type {any} */ n) => n.type === MANUAL_TRIGGER).name;
	const since = Date.now();
	const outcome = await editor.runWorkflow(page, { trigger });
	figures.push([`run of ${template.file} from the editor`, `${((Date.now() - since) / 1000).toFixed(1)} s`]);
	expect(outcome).toEqual(expect.objectContaining({ status: 'success', title: 'Workflow executed successfully' }));

	// n8n's record of the run is the reference for what the editor shows.
	const [latest] = await sandbox.client.listExecutions(template.id);
	const execution = await sandbox.client.getExecution(latest.id);
	expect(execution.status).toBe('success');
	const ran = Object.keys(execution.outputs);
	const canvas = await editor.canvasNodes(page);
	for (const name of ran) expect({ name, success: canvas.find((n) => n.name === name)?.success }).toEqual({ name, success: true });

	const ourNodes = template.workflow.nodes.filter((/** @type {any} */ n) => isOurType(n.type) && ran.includes(n.name));
	expect(ourNodes.length).toBeGreaterThan(0);
	const shown = ourNodes.find((/** @type {any} */ n) => execution.outputs[n.name].length > 0) || ourNodes[0];
	await editor.openNode(page, shown.name);
	const count = await editor.outputItemCount(page);
	await editor.screenshot(page, `run-${slug(template.file)}`);
	log(`ran ${template.file} from "${trigger}": ${ran.length} nodes; "${shown.name}" shows ${count} items`);
	expect(count).toBe(execution.outputs[shown.name].length);
	await editor.closeNode(page);
});

/**
 * The full name when `shown` is it or n8n's shortening of it ("When approved file…change").
 * @param {string} shown @param {string} full
 */
function shownAs(shown, full) {
	if (shown === full) return full;
	const [head, tail, ...rest] = shown.split('…');
	return rest.length === 0 && tail !== undefined && full.startsWith(head) && full.endsWith(tail) && head.length + tail.length < full.length ? full : shown;
}

/**
 * Differences between what the canvas draws and the layout model of the JSON (canvas.js): every
 * node drawn at its JSON position with its texts inside canvas.nodeRect; every sticky note drawn
 * at its position and size, its text inside it and clear of every node's box and texts.
 * @param {any} workflow @param {Awaited<ReturnType<typeof editor.canvasGeometry>>} drawn
 */
function drawnLayoutProblems(workflow, drawn) {
	const problems = [];
	const near = (/** @type {number} */ a, /** @type {number} */ b) => Math.abs(a - b) < 1;
	const inside = (/** @type {canvas.Rect} */ outer, /** @type {canvas.Rect} */ inner) =>
		inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.w <= outer.x + outer.w + 1 && inner.y + inner.h <= outer.y + outer.h + 1;
	for (const node of workflow.nodes) {
		const sticky = canvas.isSticky(node);
		const shown = sticky ? drawn.stickies.find((s) => s.name === node.name) : drawn.nodes.find((n) => n.name === node.name);
		if (!shown) {
			problems.push(`"${node.name}" is not drawn`);
			continue;
		}
		if (!near(shown.position[0], node.position[0]) || !near(shown.position[1], node.position[1])) {
			problems.push(`"${node.name}" is drawn at [${shown.position}] instead of [${node.position}]`);
		}
		if (sticky) continue;
		const box = /** @type {typeof drawn.nodes[number]} */ (shown).box;
		if (!near(box.w, canvas.NODE_BOX) || !near(box.h, canvas.NODE_BOX)) problems.push(`"${node.name}" is drawn ${box.w.toFixed(1)} x ${box.h.toFixed(1)}, not ${canvas.NODE_BOX} x ${canvas.NODE_BOX}`);
		const area = canvas.nodeRect({ ...node, position: shown.position });
		for (const text of /** @type {typeof drawn.nodes[number]} */ (shown).texts) {
			if (!inside(area, text)) problems.push(`"${text.text}" of "${node.name}" reaches outside its area (${JSON.stringify(roundRect(text))} not in ${JSON.stringify(area)})`);
		}
	}
	for (const sticky of drawn.stickies) {
		const json = workflow.nodes.find((/** @type {any} */ n) => n.name === sticky.name);
		const rect = canvas.stickyRect({ ...json, position: sticky.position });
		if (!near(sticky.rect.w, rect.w) || !near(sticky.rect.h, rect.h)) problems.push(`sticky note "${sticky.name}" is drawn ${sticky.rect.w.toFixed(0)} x ${sticky.rect.h.toFixed(0)} instead of ${rect.w} x ${rect.h}`);
		if (!inside(sticky.rect, sticky.text)) problems.push(`the text of sticky note "${sticky.name}" runs out of it (${JSON.stringify(roundRect(sticky.text))})`);
		for (const node of drawn.nodes) {
			for (const part of [node.box, ...node.texts]) {
				if (canvas.overlaps(sticky.text, part)) problems.push(`the text of sticky note "${sticky.name}" lies over "${node.name}"`);
			}
		}
	}
	return [...new Set(problems)];
}

const roundRect = (/** @type {canvas.Rect} */ r) => ({ x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.w), h: Math.round(r.h) });

/** Our packages' node types as the editor loads them (without the AI-tool variants n8n derives). */
async function packageNodeTypes() {
	/** @type {any[]} */
	const all = await sandbox.client.nodeTypes();
	const latest = new Map();
	for (const type of all) {
		if (!isOurType(type.name) || type.name.endsWith('Tool')) continue;
		const version = Math.max(...[type.version].flat());
		if (!latest.has(type.name) || Math.max(...[latest.get(type.name).version].flat()) < version) latest.set(type.name, type);
	}
	return [...latest.values()];
}

/** @param {any} type */
const isTrigger = (type) => (type.group || []).includes('trigger');

/**
 * What n8n's node panel counts as a node's actions: the options of its operation parameters,
 * without the "Custom API Call" option n8n adds to each (value __CUSTOM_API_CALL__).
 * @param {any} type
 */
function operationCount(type) {
	return (type.properties || [])
		.filter((/** @type {any} */ p) => p.name === 'operation' && p.type === 'options')
		.flatMap((/** @type {any} */ p) => p.options || [])
		.filter((/** @type {any} */ o) => !String(o.value).startsWith('__')).length;
}

/** A trigger's events (the options of its event(s) parameter), or 0. @param {any} type */
function eventCount(type) {
	const events = (type.properties || []).find((/** @type {any} */ p) => /^events?$/.test(p.name) && Array.isArray(p.options));
	return events ? events.options.length : 0;
}

/**
 * A one-node workflow with the package's node whose display name contains `nodeTerm` (the action
 * node before a trigger), set up so that its resource locator `parameter` shows in "From list"
 * mode: the options its display conditions ask for, and the sandbox credential.
 * @param {string} nodeTerm @param {RegExp} parameterPattern
 */
async function listParameter(nodeTerm, parameterPattern) {
	const types = (await packageNodeTypes()).filter((t) => t.displayName.toLowerCase().includes(nodeTerm.toLowerCase()));
	const ordered = [...types].sort((a, b) => Number(isTrigger(a)) - Number(isTrigger(b)));
	for (const type of /** @type {any[]} */ (ordered)) {
		const property = (type.properties || []).find(
			(/** @type {any} */ p) =>
				p.type === 'resourceLocator' &&
				(parameterPattern.test(p.name) || parameterPattern.test(p.displayName)) &&
				(p.modes || []).some((/** @type {any} */ m) => m.type === 'list'),
		);
		if (!property) continue;
		/** @type {Record<string, unknown>} */
		const parameters = {};
		for (const [name, values] of Object.entries((property.displayOptions && property.displayOptions.show) || {})) {
			if (!name.startsWith('@') && Array.isArray(values)) parameters[name] = values[0];
		}
		parameters[property.name] = { __rl: true, mode: 'list', value: '' };
		const credentials = chooseCredential(type, parameters);
		const version = Array.isArray(type.version) ? Math.max(...type.version) : type.version;
		const nodeName = type.displayName;
		return {
			nodeName,
			parameter: property.name,
			workflow: {
				name: `Browser test: ${nodeName} ${property.displayName}`,
				nodes: [{ id: crypto.randomUUID(), name: nodeName, type: type.name, typeVersion: version, position: [0, 0], parameters, credentials }],
				connections: {},
			},
		};
	}
	throw new Error(`no node of the package named like "${nodeTerm}" has a resource locator matching ${parameterPattern} with a list mode`);
}

/**
 * The sandbox credential for a node, preferring one that is not OAuth2 when the node offers a
 * choice; sets the parameters (e.g. authentication) that make it apply.
 * @param {any} type @param {Record<string, unknown>} parameters
 */
function chooseCredential(type, parameters) {
	const options = (type.credentials || []).filter((/** @type {any} */ c) => sandboxCredentials.has(c.name));
	const choice = options.find((/** @type {any} */ c) => !/OAuth2/.test(c.name)) || options[0];
	if (!choice) return undefined;
	for (const [name, values] of Object.entries((choice.displayOptions && choice.displayOptions.show) || {})) {
		if (!name.startsWith('@') && Array.isArray(values) && parameters[name] === undefined) parameters[name] = values[0];
	}
	return { [choice.name]: sandboxCredentials.get(choice.name) };
}
