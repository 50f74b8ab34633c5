'use strict';
// Path arguments: "/a/b" relative to the request's root, "id:..." (optionally followed by a
// relative path), "ns:<namespace id>[/path]", and for reads "rev:<rev>". Lookups are
// case-insensitive; a malformed path (empty component, ".", "..", too long a name) is the
// LookupError/WriteError `malformed_path`, not a 400, as on Dropbox.

const { LookupFailure, WriteFailure, tag, conflict } = require('./errors');

/** Names Dropbox refuses to store (it ignores them when syncing). */
const DISALLOWED_NAMES = new Set(['desktop.ini', 'thumbs.db', '.ds_store', 'icon\r', '.dropbox', '.dropbox.attr']);

function splitComponents(relative) {
	if (relative === '') return [];
	const components = relative.split('/');
	for (const component of components) {
		if (component === '' || component === '.' || component === '..' || Buffer.byteLength(component) > 255) {
			throw new LookupFailure('malformed_path');
		}
	}
	return components;
}

/**
 * Splits a path argument into a starting node and the names below it.
 * @param {{ db: any, rootId: string }} ctx
 * @returns {{ base: any, components: string[] }}
 */
function parsePath(ctx, raw) {
	const { tree } = ctx.db;
	if (raw === '') return { base: tree.node(ctx.rootId), components: [] };
	if (raw.startsWith('/')) return { base: tree.node(ctx.rootId), components: splitComponents(raw.slice(1)) };
	if (raw.startsWith('id:')) {
		const slash = raw.indexOf('/');
		const id = slash === -1 ? raw : raw.slice(0, slash);
		const base = tree.node(id);
		if (!base) throw new LookupFailure(id.length > 3 ? 'not_found' : 'malformed_path');
		return { base, components: slash === -1 ? [] : splitComponents(raw.slice(slash + 1)) };
	}
	if (raw.startsWith('ns:')) {
		const match = /^ns:([0-9]+)(\/.*)?$/s.exec(raw);
		const base = match && tree.byNamespace(match[1]);
		if (!base || !ctx.db.accounts.canAccessNamespace(match[1])) throw new LookupFailure('not_found');
		return { base, components: match[2] ? splitComponents(match[2].slice(1)) : [] };
	}
	throw new LookupFailure('malformed_path');
}

/**
 * Finds the node a path names.
 * @returns {{ node: any, deleted: boolean, revision?: any }}
 */
function lookup(ctx, raw, { includeDeleted = false } = {}) {
	const { tree } = ctx.db;
	if (raw.startsWith('rev:')) {
		const found = tree.byRev(raw.slice(4));
		if (!found) throw new LookupFailure('not_found');
		return { node: found.node, deleted: !tree.isLive(found.node), revision: found.revision };
	}
	const { base, components } = parsePath(ctx, raw);
	let node = base;
	let deleted = !tree.isLive(base);
	for (let i = 0; i < components.length; i += 1) {
		if (node.kind !== 'folder') throw new LookupFailure('not_found');
		let next = deleted ? undefined : tree.child(node.id, components[i]);
		if (!next && includeDeleted) {
			next = tree.deadChild(node.id, components[i]);
			if (next) deleted = true;
		}
		if (!next) throw new LookupFailure('not_found');
		node = next;
	}
	if (deleted && !includeDeleted) throw new LookupFailure('not_found');
	return { node, deleted };
}

/** Display path of a lookup target relative to the request root (for deleted entries). */
function displayPath(ctx, node) {
	return ctx.db.tree.pathOf(node.id, ctx.rootId);
}

/**
 * Resolves a write target. Missing parent folders are returned in `missing` (writes create
 * them, as Dropbox does); a file where a folder is needed is a conflict.
 * @returns {{ parent: any, missing: string[], name: string, target: any }}
 */
function resolveWrite(ctx, raw) {
	const { tree } = ctx.db;
	let parsed;
	try {
		parsed = parsePath(ctx, raw);
	} catch (error) {
		if (error instanceof LookupFailure) throw new WriteFailure(tag(error.lookupError['.tag'] === 'not_found' ? 'malformed_path' : error.lookupError['.tag']));
		throw error;
	}
	let { base, components } = parsed;
	if (!tree.isLive(base)) throw new WriteFailure(tag('malformed_path'));
	if (components.length === 0) {
		// "id:..." or "ns:..." naming an existing item itself.
		if (base.parentId === null || base.ns) throw new WriteFailure(tag('no_write_permission'));
		return { parent: tree.node(base.parentId), missing: [], name: base.name, target: base };
	}
	let parent = base;
	const missing = [];
	for (const name of components.slice(0, -1)) {
		if (missing.length) {
			missing.push(name);
			continue;
		}
		const child = tree.child(parent.id, name);
		if (!child) missing.push(name);
		else if (child.kind === 'file') throw new WriteFailure(conflict('file_ancestor'));
		else parent = child;
	}
	const name = components[components.length - 1];
	if (DISALLOWED_NAMES.has(name.toLowerCase())) throw new WriteFailure(tag('disallowed_name'));
	// Team members cannot write at the top of the team space; only admins manage it.
	if (parent.id === tree.rootId && tree.root().ns !== ctx.db.accounts.homeNamespaceId()) {
		throw new WriteFailure(tag('no_write_permission'));
	}
	const target = missing.length ? undefined : tree.child(parent.id, name);
	return { parent, missing, name, target };
}

/** Creates the missing folders of a resolved write and returns the final parent. */
function ensureParents(ctx, resolved) {
	let parent = resolved.parent;
	for (const name of resolved.missing) parent = ctx.db.tree.createFolder(parent.id, name);
	return parent;
}

function splitExtension(name) {
	const dot = name.lastIndexOf('.');
	if (dot <= 0) return [name, ''];
	return [name.slice(0, dot), name.slice(dot)];
}

/**
 * A free name in `parentId` following Dropbox's autorename strategies:
 * "name (2).ext" for add/overwrite/folders, "name (conflicted copy).ext" for update.
 */
function freeName(ctx, parent, name, missing, style = 'number') {
	if (missing.length) return name;
	const [base, ext] = splitExtension(name);
	const taken = (candidate) => Boolean(ctx.db.tree.child(parent.id, candidate));
	if (style === 'conflicted') {
		let candidate = `${base} (conflicted copy)${ext}`;
		for (let n = 2; taken(candidate); n += 1) candidate = `${base} (conflicted copy ${n})${ext}`;
		return candidate;
	}
	let n = 2;
	let candidate = `${base} (${n})${ext}`;
	while (taken(candidate)) {
		n += 1;
		candidate = `${base} (${n})${ext}`;
	}
	return candidate;
}

module.exports = { parsePath, lookup, resolveWrite, ensureParents, freeName, displayPath, DISALLOWED_NAMES };
