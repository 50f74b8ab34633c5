'use strict';
// What n8n 2.41.1's editor draws for a workflow JSON, as far as the template layout rules need it:
// node and sticky-note rectangles, the space a sticky note's text takes, and which trigger the
// canvas's "Execute workflow" button starts from. Pure functions on the JSON (no n8n). The
// figures were measured on the rendered canvas (test/browser/editor.test.js measures them again
// on every run, so a change in n8n shows up there).

const fs = require('node:fs');
const path = require('node:path');

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const SPLIT_IN_BATCHES = 'n8n-nodes-base.splitInBatches';

/**
 * Positions: the templates keep the 20 px grid of n8n's JSON convention, and n8n 2.41.1's canvas
 * snaps to 16 px (`snap-grid` 16 in the editor): a position off that grid is moved when the
 * workflow opens (460 is drawn at 464, -40 at -48). Multiples of 80 sit on both, so what the JSON
 * says is exactly what the canvas draws.
 */
const GRID = 80;
/** Sticky note sizes are not snapped; they stay on the 20 px grid. */
const SIZE_GRID = 20;

/** A node is drawn as a 96 x 96 box at its position. */
const NODE_BOX = 96;
/**
 * Around the box: the name (up to two lines) and the subtitle below it, 192 px wide and centred,
 * down to 164 px below the position; input labels (Merge: "Input 2") reach 60 px to the left,
 * output labels ("false", "Success") 64 px to the right of the box.
 */
const LABEL = { left: 60, right: 64, bottom: 164 };
/** A disabled node draws one more line under its name, "(Deactivated)" (seen in n8n 2.41's canvas). */
const DEACTIVATED_LINE = 28;
/** n8n's defaults for a sticky note without size parameters. */
const STICKY_DEFAULT = { width: 240, height: 160 };
/** Space kept free between a framing note's text and the node it frames. */
const TEXT_CLEARANCE = 20;
/** A note counts as beside a node when it comes within this distance of the node's rectangle. */
const NEAR = 80;
/** A long flow may continue in a row at least this far below (one right-to-left connection). */
const WRAP_DROP = 320;

/** @typedef {{ x: number, y: number, w: number, h: number }} Rect */

const isSticky = (/** @type {any} */ node) => node.type === STICKY_NOTE;

/** The area a node occupies on the canvas: its box, its name and subtitle, its handle labels. @returns {Rect} */
function nodeRect(/** @type {any} */ node) {
	const [x, y] = node.position;
	return { x: x - LABEL.left, y, w: LABEL.left + NODE_BOX + LABEL.right, h: LABEL.bottom + (node.disabled ? DEACTIVATED_LINE : 0) };
}

/** The node's box alone. @returns {Rect} */
function nodeBox(/** @type {any} */ node) {
	const [x, y] = node.position;
	return { x, y, w: NODE_BOX, h: NODE_BOX };
}

/** A sticky note's rectangle, from its position and width/height parameters. @returns {Rect} */
function stickyRect(/** @type {any} */ node) {
	const [x, y] = node.position;
	return { x, y, w: node.parameters.width ?? STICKY_DEFAULT.width, h: node.parameters.height ?? STICKY_DEFAULT.height };
}

/** True when two rectangles share area (touching edges do not count). */
function overlaps(/** @type {Rect} */ a, /** @type {Rect} */ b) {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function contains(/** @type {Rect} */ outer, /** @type {Rect} */ inner) {
	return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

// A sticky note's markdown as n8n 2.41.1 renders it (measured): 9 px above the text, 13 px on
// each side; h2 24 px on 32.4 px lines, h3 16 px on 21.6 px lines, paragraphs 14 px on 18.9 px
// lines, list items 14 px on 18.2 px lines indented 20 px plus 3.5 px between items; 8 px below
// each block. Text is Inter; the widths below per character are a little wider than Inter's, so
// the estimate errs on the tall side (checked against the measured heights in the unit test).
const TEXT = {
	top: 9,
	side: 13,
	blockGap: 8,
	h2: { size: 24, line: 32.4 },
	h3: { size: 16, line: 21.6 },
	p: { size: 14, line: 18.9 },
	li: { size: 14, line: 18.2, indent: 20, gap: 3.5 },
};

/** Width of a character in ems of the font size (Inter, rounded up; bold adds 6%). */
function charEm(/** @type {string} */ ch, /** @type {boolean} */ code) {
	if (code) return 0.6;
	if (ch === ' ') return 0.28;
	if (/[iIl.,:;'!|()[\]{}`]/.test(ch)) return 0.3;
	if (/[mwMW@]/.test(ch)) return 0.9;
	if (/[A-Z]/.test(ch)) return 0.7;
	if (/[0-9]/.test(ch)) return 0.62;
	return 0.57;
}

/**
 * Lines a markdown inline text takes at a width (greedy word wrap, as the browser does).
 * @param {string} text @param {number} width @param {number} size font size in px @param {boolean} bold
 */
function wrappedLines(text, width, size, bold) {
	const words = [];
	let code = false;
	let strong = bold;
	let current = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '`') {
			code = !code;
			continue;
		}
		if (text.startsWith('**', i)) {
			strong = !strong;
			i++;
			continue;
		}
		if (text[i] === '*' || text[i] === '_') continue;
		if (text[i] === ' ' && !code) {
			words.push(current);
			current = 0;
			continue;
		}
		current += charEm(text[i], code) * size * (strong && !code ? 1.06 : 1);
	}
	words.push(current);
	const space = charEm(' ', false) * size;
	let lines = 1;
	let used = 0;
	for (const word of words) {
		if (used > 0 && used + space + word > width) {
			lines++;
			used = word;
		} else {
			used += (used > 0 ? space : 0) + word;
		}
		// A word longer than the line (a long code span) breaks where it must.
		while (used > width) {
			lines++;
			used -= width;
		}
	}
	return lines;
}

/**
 * Height in px the text of a sticky note takes at a width, from its top edge (an estimate that
 * errs on the tall side).
 * @param {string} content markdown @param {number} width the note's width
 */
function stickyTextHeight(content, width) {
	const inner = width - 2 * TEXT.side;
	let height = TEXT.top;
	let lastGap = 0;
	/** @type {string[]} */
	let paragraph = [];
	const flush = () => {
		if (paragraph.length === 0) return;
		height += wrappedLines(paragraph.join(' '), inner, TEXT.p.size, false) * TEXT.p.line + TEXT.blockGap;
		lastGap = TEXT.blockGap;
		paragraph = [];
	};
	let inList = false;
	for (const raw of content.split('\n')) {
		const line = raw.trim();
		const heading = /^(#{1,6})\s+(.*)$/.exec(line);
		const item = /^[-*]\s+(.*)$/.exec(line);
		if (!item && inList) {
			height += TEXT.blockGap;
			lastGap = TEXT.blockGap;
			inList = false;
		}
		if (line === '') {
			flush();
		} else if (heading) {
			flush();
			const style = heading[1].length <= 2 ? TEXT.h2 : TEXT.h3;
			height += wrappedLines(heading[2], inner, style.size, true) * style.line + TEXT.blockGap;
			lastGap = TEXT.blockGap;
		} else if (item) {
			flush();
			height += wrappedLines(item[1], inner - TEXT.li.indent, TEXT.li.size, false) * TEXT.li.line + TEXT.li.gap;
			lastGap = 0;
			inList = true;
		} else {
			paragraph.push(line);
		}
	}
	flush();
	return Math.ceil(height - lastGap);
}

/**
 * The node a note frames: a node lying wholly inside the note's rectangle.
 * @param {any} sticky @param {any[]} nodes
 */
function framedNodes(sticky, nodes) {
	const rect = stickyRect(sticky);
	return nodes.filter((node) => !isSticky(node) && contains(rect, nodeRect(node)));
}

/**
 * Everything in a workflow's layout that breaks the template rules, as sentences (empty: tidy).
 * - positions on the 80 px grid (20 px JSON grid and n8n's 16 px canvas grid), sticky sizes on 20 px
 * - nodes do not overlap each other (box, name, subtitle and handle labels)
 * - sticky notes do not overlap each other
 * - a sticky note overlaps no node, except the Settings note framing the Settings node: then the
 *   node lies wholly inside the note, below the note's text
 * - every connection runs left to right (the target starts right of the source), except a Loop
 *   Over Items node's body (placed below the loop, returning into it) and at most one connection
 *   that carries a long flow on into a row below (at least WRAP_DROP lower)
 * - the triggers are the leftmost nodes, the Settings node comes next; the About note (the note
 *   starting with a heading) is at the top, starting left of the first step after Settings; the
 *   Settings note frames the Settings node or sits beside it
 * @param {any} workflow @returns {string[]}
 */
function layoutProblems(workflow) {
	/** @type {string[]} */
	const problems = [];
	const nodes = workflow.nodes.filter((/** @type {any} */ n) => !isSticky(n));
	const stickies = workflow.nodes.filter(isSticky);
	const byName = new Map(workflow.nodes.map((/** @type {any} */ n) => [n.name, n]));

	for (const node of workflow.nodes) {
		const [x, y] = node.position;
		if (x % GRID !== 0 || y % GRID !== 0) problems.push(`"${node.name}" at [${x}, ${y}] is off the ${GRID} px grid`);
	}
	for (const sticky of stickies) {
		const { w, h } = stickyRect(sticky);
		if (w % SIZE_GRID !== 0 || h % SIZE_GRID !== 0) problems.push(`sticky note "${sticky.name}" is ${w} x ${h}, not on the ${SIZE_GRID} px grid`);
	}
	for (let i = 0; i < nodes.length; i++) {
		for (let j = i + 1; j < nodes.length; j++) {
			if (overlaps(nodeRect(nodes[i]), nodeRect(nodes[j]))) problems.push(`nodes "${nodes[i].name}" and "${nodes[j].name}" overlap`);
		}
	}
	for (let i = 0; i < stickies.length; i++) {
		for (let j = i + 1; j < stickies.length; j++) {
			if (overlaps(stickyRect(stickies[i]), stickyRect(stickies[j]))) problems.push(`sticky notes "${stickies[i].name}" and "${stickies[j].name}" overlap`);
		}
	}
	for (const sticky of stickies) {
		const rect = stickyRect(sticky);
		const textBottom = rect.y + stickyTextHeight(String(sticky.parameters.content ?? ''), rect.w);
		if (textBottom > rect.y + rect.h) problems.push(`the text of sticky note "${sticky.name}" needs ${textBottom - rect.y} px but the note is ${rect.h} px high`);
		for (const node of nodes) {
			if (!overlaps(rect, nodeRect(node))) continue;
			const framing = node.name === 'Settings' && contains(rect, nodeRect(node));
			if (!framing) {
				problems.push(`sticky note "${sticky.name}" overlaps node "${node.name}"`);
			} else if (textBottom + TEXT_CLEARANCE > node.position[1]) {
				problems.push(`the text of sticky note "${sticky.name}" (down to y ${textBottom}) reaches the node "${node.name}" it frames (at y ${node.position[1]})`);
			}
		}
	}
	/** @type {string[]} */
	const wraps = [];
	for (const [source, outputs] of Object.entries(workflow.connections || {})) {
		for (const list of Object.values(/** @type {Record<string, any[]>} */ (outputs))) {
			for (const targets of list) {
				for (const { node: target } of targets || []) {
					const from = byName.get(source);
					const to = byName.get(target);
					if (!from || !to || to.position[0] > from.position[0]) continue;
					// A loop's body may sit below it and return into it.
					if (from.type === SPLIT_IN_BATCHES || to.type === SPLIT_IN_BATCHES) continue;
					if (to.position[1] - from.position[1] >= WRAP_DROP) wraps.push(`"${source}" → "${target}"`);
					else problems.push(`connection "${source}" → "${target}" runs right to left`);
				}
			}
		}
	}
	if (wraps.length > 1) problems.push(`the flow wraps into a lower row more than once: ${wraps.join(', ')}`);

	const triggers = triggerNodes(workflow);
	const settings = nodes.find((/** @type {any} */ n) => n.name === 'Settings');
	const rest = nodes.filter((/** @type {any} */ n) => n !== settings && !triggers.includes(n));
	const leftOf = (/** @type {any} */ a, /** @type {any[]} */ others) => others.every((o) => a.position[0] < o.position[0]);
	for (const trigger of triggers) {
		if (!leftOf(trigger, [settings, ...rest].filter(Boolean))) problems.push(`trigger "${trigger.name}" is not left of the flow it starts`);
	}
	if (settings && !leftOf(settings, rest)) problems.push('the Settings node is not the first node after the triggers');
	const about = stickies.find((/** @type {any} */ n) => /^#{1,2}\s/.test(String(n.parameters.content ?? '')));
	const firstStep = rest.slice().sort((/** @type {any} */ a, /** @type {any} */ b) => a.position[0] - b.position[0])[0];
	const top = Math.min(...nodes.map((/** @type {any} */ n) => n.position[1]));
	if (about && firstStep) {
		const rect = stickyRect(about);
		if (rect.x > firstStep.position[0] || rect.y + rect.h > top) problems.push(`the About note "${about.name}" is not at the top near the start (it should begin left of "${firstStep.name}", above the first row)`);
	}
	const settingsNote = stickies.find((/** @type {any} */ n) => /settings/i.test(String(n.parameters.content ?? '')) && n !== about);
	if (settings && settingsNote) {
		const rect = stickyRect(settingsNote);
		const box = nodeRect(settings);
		const near = contains(rect, box) || (rect.x < box.x + box.w + NEAR && box.x < rect.x + rect.w + NEAR && rect.y < box.y + box.h + NEAR && box.y < rect.y + rect.h + NEAR);
		if (!near) problems.push(`the Settings note "${settingsNote.name}" is neither around nor beside the Settings node`);
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Which trigger the canvas's "Execute workflow" button starts from.
//
// n8n 2.41.1, editor-ui: NodeView.vue watches the enabled trigger nodes (chat triggers aside) and,
// while no trigger is selected (a freshly opened workflow), selects
// findTriggerNodeToAutoSelect(triggers) (features/execution/executions/executions.utils.ts):
// triggers sorted by a fixed priority per type, highest first, ties kept in the workflow's node
// order, the first enabled one wins. Neither position nor node order can lift a Manual Trigger
// over another enabled trigger of higher priority. The selection is not stored with the workflow;
// clicking a trigger's own button or an entry of the button's menu changes it for the session.
// The button's menu lists the triggers sorted by position: top first, then left first
// (CanvasRunWorkflowButton.vue); the "from <trigger>" line shows only with two or more enabled
// triggers.
const TRIGGER_PRIORITY = {
	'n8n-nodes-base.formTrigger': 10,
	'n8n-nodes-base.webhook': 9,
	// other apps' triggers (any node type without the "Core Nodes" codex category): 8
	'n8n-nodes-base.scheduleTrigger': 7,
	[MANUAL_TRIGGER]: 6,
	'n8n-nodes-base.executeWorkflowTrigger': 5,
	'n8n-nodes-base.errorTrigger': 4,
	// other core triggers: 0
};
const APP_TRIGGER_PRIORITY = 8;
const CORE_TRIGGER_PRIORITY = 0;

/** Trigger nodes as the editor tells them (n8n's own fallback: the type name says "trigger"). */
function triggerNodes(/** @type {any} */ workflow) {
	return workflow.nodes.filter((/** @type {any} */ n) => !isSticky(n) && (/trigger$/i.test(n.type) || n.type === 'n8n-nodes-base.webhook'));
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Codex categories of this package's node types, read from their `.node.json` files in nodes/
 * (what the editor gets as `codex.categories`).
 * @returns {Map<string, string[]>} type name -> categories
 */
function packageCodexCategories() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	/** @type {Map<string, string[]>} */
	const categories = new Map();
	for (const compiled of pkg.n8n.nodes) {
		const codex = path.join(REPO_ROOT, compiled.replace(/^dist\//, '').replace(/\.js$/, '.json'));
		if (!fs.existsSync(codex)) continue;
		const json = JSON.parse(fs.readFileSync(codex, 'utf8'));
		categories.set(json.node, json.categories || []);
	}
	return categories;
}

/**
 * A trigger's priority in findTriggerNodeToAutoSelect.
 * @param {any} node @param {Map<string, string[]>} [codex] categories of non-core node types
 */
function triggerPriority(node, codex = packageCodexCategories()) {
	if (node.type in TRIGGER_PRIORITY) return TRIGGER_PRIORITY[/** @type {keyof typeof TRIGGER_PRIORITY} */ (node.type)];
	const categories = node.type.startsWith('n8n-nodes-base.') ? ['Core Nodes'] : codex.get(node.type) || [];
	return categories.includes('Core Nodes') ? CORE_TRIGGER_PRIORITY : APP_TRIGGER_PRIORITY;
}

/**
 * The trigger the "Execute workflow" button starts from when the workflow is opened.
 * @param {any} workflow @param {Map<string, string[]>} [codex]
 * @returns {any | undefined} the trigger node
 */
function defaultTrigger(workflow, codex = packageCodexCategories()) {
	return triggerNodes(workflow)
		.filter((/** @type {any} */ n) => !n.disabled)
		.map((/** @type {any} */ node, /** @type {number} */ index) => ({ node, index, priority: triggerPriority(node, codex) }))
		.sort((a, b) => b.priority - a.priority || a.index - b.index)
		.map((entry) => entry.node)[0];
}

/** The triggers in the order the button's menu lists them (top first, then left first). */
function triggerMenu(/** @type {any} */ workflow) {
	return triggerNodes(workflow)
		.slice()
		.sort((/** @type {any} */ a, /** @type {any} */ b) => a.position[1] - b.position[1] || a.position[0] - b.position[0]);
}

module.exports = {
	STICKY_NOTE,
	MANUAL_TRIGGER,
	GRID,
	SIZE_GRID,
	NODE_BOX,
	LABEL,
	TEXT_CLEARANCE,
	isSticky,
	nodeRect,
	nodeBox,
	stickyRect,
	overlaps,
	contains,
	stickyTextHeight,
	framedNodes,
	layoutProblems,
	triggerNodes,
	triggerPriority,
	defaultTrigger,
	triggerMenu,
	packageCodexCategories,
};
