'use strict';
// list_folder pages. A cursor first pages through a snapshot-free listing ordered by path
// (the position is the last path returned, so entries that come and go between pages are not
// skipped; the change log reports them afterwards), then reads the change log from the
// sequence number the listing started at. Deletions are reported as `deleted` entries.

const { Tree, nameKey } = require('./tree');
const { LookupFailure } = require('../errors');
const { metadata, deletedMetadata } = require('../metadata');

function compareKeys(a, b) {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i += 1) {
		if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	}
	return a.length - b.length;
}

/** Every entry of the listing, in path order. */
function listingItems(db, folder, rootId, options) {
	const { tree } = db;
	const items = [];
	if (options.recursive && folder.id !== rootId) items.push({ key: [], node: folder, deleted: false });
	const visit = (parent, prefix) => {
		const live = tree.children(parent.id).map((node) => ({ node, deleted: false }));
		const dead = options.includeDeleted ? tree.deadChildren(parent.id).map((node) => ({ node, deleted: true })) : [];
		const all = [...live, ...dead].map((item) => ({ ...item, key: [...prefix, nameKey(item.node.name)] }));
		all.sort((a, b) => compareKeys(a.key, b.key));
		for (const item of all) {
			items.push(item);
			// Mounted folders (team folder, shared folders, the home folder seen from the team
			// root) are listed but not entered unless include_mounted_folders.
			const entersMount = item.node.ns ? options.includeMounted : true;
			if (options.recursive && !item.deleted && item.node.kind === 'folder' && entersMount) visit(item.node, item.key);
		}
	};
	visit(folder, []);
	return items;
}

function renderLive(db, node, rootId, options) {
	return metadata(db, node, { rootId, propertyGroups: options.propertyGroups, hasExplicitMembers: options.hasExplicitMembers });
}

class Listing {
	/** @param {any} db the emulator db (tree, changes) */
	constructor(db) {
		this.db = db;
	}

	/** State of a new cursor for `folder` (the first page is read from it). */
	start(folder, rootId, options, { atEnd = false } = {}) {
		return { r: rootId, f: folder.id, o: options, s: this.db.changes.latestSeq(), p: null, d: atEnd };
	}

	/** @returns {{ entries: any[], state: any, hasMore: boolean }} */
	page(state) {
		const { tree } = this.db;
		const folder = tree.node(state.f);
		if (!folder || !tree.isLive(folder)) throw new LookupFailure('not_found');
		return state.d ? this.changesPage(state) : this.listingPage(state, folder);
	}

	listingPage(state, folder) {
		const options = state.o;
		let items = listingItems(this.db, folder, state.r, options);
		if (state.p) items = items.filter((item) => compareKeys(item.key, state.p) > 0);
		const pageItems = items.slice(0, options.limit);
		const hasMore = items.length > options.limit;
		const entries = pageItems.map((item) =>
			item.deleted
				? deletedMetadata(item.node.name, this.db.tree.pathOf(item.node.id, state.r))
				: renderLive(this.db, item.node, state.r, options),
		);
		const next = hasMore ? { ...state, p: pageItems[pageItems.length - 1].key } : { ...state, p: null, d: true };
		return { entries, state: next, hasMore };
	}

	changesPage(state) {
		const events = this.db.changes.since(state.s);
		const entries = [];
		let last = state.s;
		for (const event of events) {
			if (entries.length >= state.o.limit) break;
			last = event.seq;
			const entry = this.renderEvent(state, event);
			if (entry) entries.push(entry);
		}
		const hasMore = events.length > 0 && last < events[events.length - 1].seq;
		return { entries, state: { ...state, s: last }, hasMore };
	}

	/** Whether `chain` (root .. node) lies in the cursor's folder, honouring recursion and mounts. */
	inScope(state, chain) {
		const at = chain.findIndex((link) => link.id === state.f);
		if (at === -1 || at === chain.length - 1) return false;
		if (!state.o.recursive && at !== chain.length - 2) return false;
		if (!state.o.includeMounted) {
			for (let i = at + 1; i < chain.length - 1; i += 1) {
				const node = this.db.tree.node(chain[i].id);
				if (node && node.ns) return false;
			}
		}
		return Tree.chainPath(chain, state.r) !== null;
	}

	renderEvent(state, event) {
		const { tree, changes } = this.db;
		if (event.op === 'delete') {
			if (!this.inScope(state, event.chain)) return null;
			return deletedMetadata(event.chain[event.chain.length - 1].name, Tree.chainPath(event.chain, state.r));
		}
		if (changes.superseded(event)) return null;
		const node = tree.node(event.nodeId);
		if (!node || !tree.isLive(node)) return null;
		if (!this.inScope(state, tree.chain(node.id))) return null;
		return renderLive(this.db, node, state.r, state.o);
	}

	/** For longpoll: would list_folder/continue return something now? */
	hasChanges(state) {
		if (!state.d) return true;
		const folder = this.db.tree.node(state.f);
		if (!folder || !this.db.tree.isLive(folder)) return true;
		return this.db.changes.since(state.s).some((event) => this.renderEvent(state, event) !== null);
	}
}

module.exports = { Listing, compareKeys, listingItems };
