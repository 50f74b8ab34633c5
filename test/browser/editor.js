'use strict';
// Page helpers for n8n 2.41.1's editor, driven by playwright-core in Debian's Chromium.
// Selectors are n8n's own `data-test-id` attributes (they may change with n8n upgrades):
//   sign-in        #emailOrLdapLoginId, #password, [data-test-id=form-submit-button]
//   canvas         [data-test-id=canvas-node][data-node-name][data-node-type] (sticky notes: sticky)
//                  status icons inside a node: node-not-installed (community type not installed),
//                  node-issues (red: validation or execution issues), node-setup-required,
//                  canvas-node-status-success; an unknown type's icon is the "?" placeholder
//                  (CSS-module class containing "nodeIconPlaceholder")
//   node panel     node-creator-plus-button, node-creator-search-bar, node-creator-item-name;
//                  an entry's details: node-creator, nodes-list-header ("Actions (N)", "Triggers (N)")
//   node details   ndv, ndv-close-button, output-panel, ndv-items-count
//   resource list  resource-locator-<parameter>, rlc-mode-selector, mode-list, rlc-input,
//                  rlc-search, rlc-item, rlc-error-message
//   run            execute-workflow-button (canvas) or execute-workflow-button-<trigger name>
//                  (on a trigger node, shown on hover), then an .el-notification whose icon has
//                  el-notification--success or --error, title .el-notification__title; the
//                  canvas button's trigger menu: [aria-label="Select trigger node"], entries
//                  action-<trigger name> (role menuitem)
//   geometry       .vue-flow__transformationpane (scale = zoom), .vue-flow__node (translate =
//                  drawn position), canvas-default-node (a node's box)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { resolveDevDependency } = require('../../scripts/lib/packed-package');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// From the machine notes: without the background-networking flags Chromium keeps trying to reach
// Google's hosts, which this machine's closed network refuses.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const byTestId = (/** @type {string} */ id) => `[data-test-id="${id}"]`;

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 */

/**
 * Starts Chromium with a fresh profile folder (removed by close()).
 * @param {{ width?: number, height?: number }} [viewport]
 * @returns {Promise<{ context: BrowserContext, page: Page, close: () => Promise<void> }>}
 */
async function launchBrowser(viewport = {}) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (Debian's chromium package)`);
	}
	const { chromium } = require(resolveDevDependency('playwright-core'));
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'editor-test-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: viewport.width || 1440, height: viewport.height || 900 },
	});
	const page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30000);
	return {
		context,
		page,
		close: async () => {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Signs in through the sign-in form and waits until the editor leaves /signin.
 * @param {Page} page @param {string} baseUrl @param {{ email: string, password: string }} owner
 */
async function login(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input#emailOrLdapLoginId').fill(owner.email);
	await page.locator('input#password').fill(owner.password);
	await page.locator(byTestId('form-submit-button')).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
}

/**
 * Opens a saved workflow and waits until its nodes (and sticky notes) are on the canvas.
 * @param {Page} page @param {string} baseUrl @param {string} id
 * @param {number} nodeCount nodes other than sticky notes @param {number} [stickyCount]
 */
async function openWorkflow(page, baseUrl, id, nodeCount, stickyCount = 0) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator(`${byTestId('canvas-node')}, ${byTestId('sticky')}`).first().waitFor();
	await page.waitForFunction(
		([nodes, stickies]) =>
			document.querySelectorAll('[data-test-id="canvas-node"]').length >= Number(nodes) &&
			document.querySelectorAll('[data-test-id="sticky"]').length >= Number(stickies),
		[nodeCount, stickyCount],
	);
	// Icons and status marks render after the nodes; give the canvas a moment to settle.
	await page.waitForLoadState('networkidle');
}

/**
 * What the canvas shows for each node: its name and type, and the marks n8n draws on broken nodes.
 * @param {Page} page
 * @returns {Promise<Array<{ name: string, type: string, notInstalled: boolean, unknownIcon: boolean, issues: boolean, setupRequired: boolean, success: boolean }>>}
 */
async function canvasNodes(page) {
	return await page.locator(byTestId('canvas-node')).evaluateAll((elements) =>
		elements.map((element) => ({
			name: element.getAttribute('data-node-name') || '',
			type: element.getAttribute('data-node-type') || '',
			notInstalled: Boolean(element.querySelector('[data-test-id="node-not-installed"]')),
			unknownIcon: Boolean(element.querySelector('[class*="nodeIconPlaceholder"]')),
			issues: Boolean(element.querySelector('[data-test-id="node-issues"]')),
			setupRequired: Boolean(element.querySelector('[data-test-id="node-setup-required"]')),
			success: Boolean(element.querySelector('[data-test-id="canvas-node-status-success"]')),
		})),
	);
}

/**
 * Opens the node panel (if closed), searches, and returns the names it lists.
 * @param {Page} page @param {string} term @returns {Promise<string[]>}
 */
async function searchNodePanel(page, term) {
	const search = page.locator(byTestId('node-creator-search-bar'));
	if (!(await search.isVisible())) await page.locator(byTestId('node-creator-plus-button')).click();
	await search.fill(term);
	const items = page.locator(byTestId('node-creator-item-name'));
	// The list filters as one types: read it until two readings 300 ms apart agree.
	let previous = '';
	for (let reading = 0; reading < 30; reading++) {
		await page.waitForTimeout(300);
		const names = (await items.allInnerTexts()).map((text) => text.trim());
		const current = JSON.stringify(names);
		if (current === previous && (await search.inputValue()) === term) return names;
		previous = current;
	}
	throw new Error(`the node panel's results for "${term}" did not settle`);
}

/**
 * In the node panel's results, opens an entry's details (n8n lists an app's node and its trigger
 * node under one name) and returns their text, e.g. "… Actions (19) … Triggers (6) …".
 * @param {Page} page @param {string} name
 */
async function openNodePanelEntry(page, name) {
	await page.locator(byTestId('node-creator-item-name')).filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first().click();
	// The details slide in over the results, as a second panel with its own header.
	await page.locator(byTestId('nodes-list-header')).nth(1).waitFor();
	await page.waitForFunction(() => /(Actions|Triggers) \(\d+\)/.test((document.querySelector('[data-test-id="node-creator"]') || document.body).textContent || ''));
	await page.waitForTimeout(300);
	return await page.locator(byTestId('node-creator')).innerText();
}

/** Closes the node panel (from its results or an entry's details). @param {Page} page */
async function closeNodePanel(page) {
	await page.keyboard.press('Escape');
	await page.locator(byTestId('node-creator')).waitFor({ state: 'hidden' });
}

/**
 * Opens a node's details view by double-clicking it on the canvas.
 * @param {Page} page @param {string} name
 */
async function openNode(page, name) {
	await page.locator(`${byTestId('canvas-node')}[data-node-name="${name.replace(/"/g, '\\"')}"]`).dblclick();
	await page.locator(byTestId('ndv')).waitFor();
	return page.locator(byTestId('ndv'));
}

/** @param {Page} page */
async function closeNode(page) {
	await page.locator(byTestId('ndv-close-button')).click();
	await page.locator(byTestId('ndv')).waitFor({ state: 'hidden' });
}

/**
 * In the open node, opens a resource locator's list (switching it to "From list"), narrows it with
 * the search field, and picks an entry. Without `pick`, the first of the first entries whose name
 * the search finds is picked (an entry such as "/ (root)" may not be searchable by its words).
 * @param {Page} page @param {string} parameter the parameter's name
 * @param {{ pick?: string, beforePick?: () => Promise<void> }} [options] beforePick: runs while the
 *   filtered list is open (e.g. a screenshot)
 * @returns {Promise<{ listed: string[], filter: string, filtered: string[], picked: string, shown: string }>}
 */
async function pickFromList(page, parameter, options = {}) {
	const locator = page.locator(byTestId(`resource-locator-${parameter}`));
	await locator.waitFor();
	const mode = locator.locator(byTestId('rlc-mode-selector'));
	const modeText = `${await mode.innerText().catch(() => '')} ${await mode.locator('input').inputValue().catch(() => '')}`;
	if (!/list/i.test(modeText)) {
		await mode.click();
		await page.locator(byTestId('mode-list')).click();
	}
	await locator.locator(byTestId('rlc-input')).click();
	const items = page.locator(byTestId('rlc-item'));
	const error = page.locator(byTestId('rlc-error-message'));
	await Promise.race([items.first().waitFor(), error.waitFor()]);
	if (await error.isVisible()) throw new Error(`the list of ${parameter} failed: ${await error.innerText()}`);
	const listed = (await items.allInnerTexts()).map((text) => text.trim());

	const attempts = [];
	for (const candidate of options.pick ? [options.pick] : listed.slice(0, 4)) {
		const filter = searchWord(candidate);
		if (filter.length < 2) continue;
		await page.locator(byTestId('rlc-search')).fill(filter);
		const filtered = await settledList(page, listed, candidate, filter);
		attempts.push({ candidate, filter, filtered });
		if (!filtered.includes(candidate)) continue;
		if (options.beforePick) await options.beforePick();
		await items.filter({ hasText: candidate }).first().click();
		await items.first().waitFor({ state: 'hidden' });
		const shown = await locator.locator(`${byTestId('rlc-input')} input, input${byTestId('rlc-input')}`).first().inputValue();
		return { listed, filter, filtered, picked: candidate, shown };
	}
	throw new Error(`searching the list of ${parameter} never returned the entry searched for: ${JSON.stringify({ listed, attempts })}`);
}

/**
 * The list after a search: once it shows the wanted entry and only entries with the word, or has
 * stopped changing (after at least a second) without it.
 * @param {Page} page @param {string[]} unfiltered @param {string} wanted @param {string} word
 */
async function settledList(page, unfiltered, wanted, word) {
	const read = async () => (await page.locator(byTestId('rlc-item')).allInnerTexts()).map((text) => text.trim());
	let previous = JSON.stringify(unfiltered);
	let names = unfiltered;
	for (let reading = 0; reading < 40; reading++) {
		await page.waitForTimeout(300);
		names = await read();
		if (names.includes(wanted) && names.every((name) => name.toLowerCase().includes(word.toLowerCase()))) return names;
		const current = JSON.stringify(names);
		if (reading >= 3 && current === previous && current !== JSON.stringify(unfiltered)) return names;
		previous = current;
	}
	return names;
}

/** A word of an entry's name to search for: the longest word of its last path segment. @param {string} name */
function searchWord(name) {
	const last = name.split('/').filter(Boolean).pop() || name;
	return last.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0] || last;
}

/**
 * Runs the open workflow from the editor and waits for n8n's notification of the outcome (its
 * icon carries el-notification--success or --error). With `trigger`, the run starts at that
 * trigger node (the "Execute workflow" button on the node); otherwise the canvas's button runs
 * from the trigger the editor picks.
 * @param {Page} page @param {{ trigger?: string, timeoutMs?: number }} [options]
 * @returns {Promise<{ status: 'success' | 'error' | 'warning' | 'info', title: string, message: string }>}
 */
async function runWorkflow(page, options = {}) {
	// Notifications already on screen are not this run's outcome.
	await page.evaluate(() => document.querySelectorAll('.el-notification').forEach((e) => e.setAttribute('data-before-run', '')));
	if (options.trigger) {
		// The button shows while the pointer is over the trigger node.
		await page.locator(`${byTestId('canvas-node')}[data-node-name="${options.trigger.replace(/"/g, '\\"')}"]`).hover();
		await page.locator(byTestId(`execute-workflow-button-${options.trigger}`)).click();
	} else {
		await page.locator(byTestId('execute-workflow-button')).click();
	}
	const outcome = page.locator('.el-notification:not([data-before-run])').filter({ has: page.locator('.el-notification__title:not(:empty)') }).first();
	await outcome.waitFor({ timeout: options.timeoutMs || 120000 });
	const icon = (await outcome.locator('.el-notification__icon').getAttribute('class')) || '';
	const status = /** @type {'success' | 'error' | 'warning' | 'info'} */ ((/el-notification--(success|error|warning|info)/.exec(icon) || [])[1] || 'info');
	const title = ((await outcome.locator('.el-notification__title').textContent()) || '').trim();
	const message = ((await outcome.locator('.el-notification__content').textContent()) || '').trim();
	return { status, title, message };
}

/**
 * The item count the open node's output panel shows ("4 items"), or undefined.
 * @param {Page} page @returns {Promise<number | undefined>}
 */
async function outputItemCount(page) {
	const count = page.locator(`${byTestId('output-panel')} ${byTestId('ndv-items-count')}`).first();
	await count.waitFor();
	const match = /(\d+)\s+items?/.exec(await count.innerText());
	return match ? Number(match[1]) : undefined;
}

/**
 * The canvas's "Execute workflow" button: the trigger it starts from (its "from …" line, which n8n
 * shows only with two or more enabled triggers; long names are shortened with "…") and, when it
 * has one, the entries of its trigger menu (chevron "Select trigger node"; entries action-<name>).
 * The menu is closed again.
 * @param {Page} page @returns {Promise<{ from: string, menu: string[] }>}
 */
async function runButtonTrigger(page) {
	const text = await page.locator(byTestId('execute-workflow-button')).innerText();
	const from = (/^from\s+(.+)$/m.exec(text) || [])[1] || '';
	const chevron = page.locator('[aria-label="Select trigger node"]');
	if ((await chevron.count()) === 0) return { from: from.trim(), menu: [] };
	await chevron.click();
	const items = page.locator('[data-test-id^="action-"][role="menuitem"]');
	await items.first().waitFor();
	const menu = (await items.evaluateAll((elements) => elements.map((e) => (e.getAttribute('data-test-id') || '').replace(/^action-/, ''))));
	// The open menu blocks the page's pointer events and ignores Escape; a press outside it (on the
	// page's body, so nothing else is clicked) closes it.
	await page.evaluate(() => document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'mouse' })));
	await items.first().waitFor({ state: 'hidden' });
	return { from: from.trim(), menu };
}

/**
 * Picks a trigger in the button's menu (what a person does to run from another trigger).
 * @param {Page} page @param {string} name
 */
async function selectRunButtonTrigger(page, name) {
	await page.locator('[aria-label="Select trigger node"]').click();
	await page.locator(`[data-test-id="action-${name.replace(/"/g, '\\"')}"][role="menuitem"]`).click();
	await page.locator('[data-test-id^="action-"][role="menuitem"]').first().waitFor({ state: 'hidden' });
}

/**
 * What the open canvas draws, in canvas coordinates (the workflow JSON's units, independent of the
 * zoom): for each node its drawn position, its box and the texts around it (name, subtitle, handle
 * labels); for each sticky note its rectangle and the rectangle its text takes.
 * @param {Page} page
 * @returns {Promise<{ zoom: number, nodes: Array<{ name: string, position: [number, number], box: Rect, texts: Array<{ text: string } & Rect> }>, stickies: Array<{ name: string, position: [number, number], rect: Rect, text: Rect }> }>}
 * @typedef {{ x: number, y: number, w: number, h: number }} Rect
 */
async function canvasGeometry(page) {
	return await page.evaluate(() => {
		const pane = document.querySelector('.vue-flow__transformationpane');
		const zoom = Number((/scale\(([\d.]+)\)/.exec((pane && pane.getAttribute('style')) || '') || [])[1] || 1);
		/** @type {any[]} */
		const nodes = [];
		/** @type {any[]} */
		const stickies = [];
		for (const wrapper of document.querySelectorAll('.vue-flow__node')) {
			const inner = wrapper.querySelector('[data-node-name]');
			const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(wrapper.getAttribute('style') || '');
			if (!inner || !match) continue;
			const [x, y] = [Number(match[1]), Number(match[2])];
			const origin = wrapper.getBoundingClientRect();
			const rect = (/** @type {DOMRect} */ r) => ({ x: x + (r.left - origin.left) / zoom, y: y + (r.top - origin.top) / zoom, w: r.width / zoom, h: r.height / zoom });
			const name = inner.getAttribute('data-node-name') || '';
			const sticky = wrapper.querySelector('[data-test-id="sticky"]');
			if (sticky) {
				const markdown = [...sticky.querySelectorAll('h1, h2, h3, h4, p, ul, ol, pre, blockquote')].filter((e) => e.getBoundingClientRect().height > 0);
				const boxes = markdown.map((e) => e.getBoundingClientRect());
				const top = Math.min(...boxes.map((b) => b.top));
				const bottom = Math.max(...boxes.map((b) => b.bottom));
				const left = Math.min(...boxes.map((b) => b.left));
				const right = Math.max(...boxes.map((b) => b.right));
				stickies.push({ name, position: [x, y], rect: rect(sticky.getBoundingClientRect()), text: rect(new DOMRect(left, top, right - left, bottom - top)) });
				continue;
			}
			const box = wrapper.querySelector('[data-test-id="canvas-default-node"]') || inner;
			const texts = [];
			for (const element of wrapper.querySelectorAll('*')) {
				if (element.children.length > 0 || !(element.textContent || '').trim()) continue;
				// The toolbar and a trigger's own run button show only while the pointer is on the node.
				if (element.closest('[data-test-id="canvas-node-toolbar"]') || element.closest('button')) continue;
				const r = element.getBoundingClientRect();
				if (r.width > 0 && r.height > 0) texts.push({ text: (element.textContent || '').trim(), ...rect(r) });
			}
			nodes.push({ name, position: [x, y], box: rect(box.getBoundingClientRect()), texts });
		}
		return { zoom, nodes, stickies };
	});
}

/**
 * Saves a screenshot as docs/screenshots/<name>.png (used in the README).
 * @param {Page} page @param {string} name
 */
async function screenshot(page, name) {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const file = path.join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

module.exports = {
	CHROMIUM_FLAGS,
	SCREENSHOTS,
	launchBrowser,
	login,
	openWorkflow,
	canvasNodes,
	searchNodePanel,
	openNodePanelEntry,
	closeNodePanel,
	openNode,
	closeNode,
	pickFromList,
	runWorkflow,
	runButtonTrigger,
	selectRunButtonTrigger,
	canvasGeometry,
	outputItemCount,
	screenshot,
};
