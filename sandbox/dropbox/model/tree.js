'use strict';
// The file tree of the whole team: one tree of nodes whose root is the team's root namespace.
// Namespaces (the member's home folder, the team folder, shared folders) are folder nodes that
// carry an `ns` id, so a path is resolved from whichever node the request's Path-Root selects
// and paths are rendered relative to it. Nodes are addressed by id (ids survive moves); names
// are looked up case-insensitively through a per-folder index keyed by the lowercased name.
// Deleted nodes stay (flagged) so include_deleted, list_revisions and restore can find them.

/** The key Dropbox compares names by (path_lower). */
function nameKey(name) {
	return name.normalize('NFC').toLowerCase();
}

class Tree {
	/** @param {import('./db').Db} db */
	constructor(db) {
		this.db = db;
		this.store = db.store;
		/** @type {import('./changes').Changes | null} set by the emulator after construction */
		this.changes = null;
		this.load();
	}

	load() {
		/** @type {Map<string, Map<string, string>>} parent id -> name key -> live child id */
		this.live = new Map();
		/** @type {Map<string, Map<string, string>>} parent id -> name key -> latest deleted child id */
		this.dead = new Map();
		/** @type {Map<string, string>} namespace id -> node id */
		this.namespaces = new Map();
		/** @type {Map<string, string>} rev -> file node id */
		this.revs = new Map();
		this.rootId = null;
		const deleted = [];
		for (const node of this.store.values('nodes')) {
			if (node.parentId === null) this.rootId = node.id;
			if (node.ns) this.namespaces.set(node.ns, node.id);
			for (const revision of node.revisions || []) this.revs.set(revision.rev, node.id);
			if (node.parentId === null) continue;
			if (node.deleted) deleted.push(node);
			else this.index(this.live, node);
		}
		deleted.sort((a, b) => (a.deletedAt || 0) - (b.deletedAt || 0));
		for (const node of deleted) this.index(this.dead, node);
	}

	index(map, node) {
		let names = map.get(node.parentId);
		if (!names) {
			names = new Map();
			map.set(node.parentId, names);
		}
		names.set(nameKey(node.name), node.id);
	}

	unindex(map, node) {
		const names = map.get(node.parentId);
		if (names && names.get(nameKey(node.name)) === node.id) names.delete(nameKey(node.name));
	}

	node(id) {
		return this.store.get('nodes', id);
	}

	root() {
		return this.node(this.rootId);
	}

	byNamespace(ns) {
		const id = this.namespaces.get(String(ns));
		return id ? this.node(id) : undefined;
	}

	/** @returns {{ node: any, revision: any } | undefined} */
	byRev(rev) {
		const id = this.revs.get(rev);
		const node = id && this.node(id);
		if (!node) return undefined;
		return { node, revision: node.revisions.find((r) => r.rev === rev) };
	}

	child(parentId, name) {
		const id = this.live.get(parentId)?.get(nameKey(name));
		return id ? this.node(id) : undefined;
	}

	deadChild(parentId, name) {
		const id = this.dead.get(parentId)?.get(nameKey(name));
		return id ? this.node(id) : undefined;
	}

	/** Live children, ordered by name key (stable order for paging). */
	children(parentId) {
		const names = this.live.get(parentId);
		if (!names) return [];
		return Array.from(names.entries())
			.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
			.map(([, id]) => this.node(id));
	}

	/** Deleted children whose name is not taken by a live child. */
	deadChildren(parentId) {
		const names = this.dead.get(parentId);
		if (!names) return [];
		const live = this.live.get(parentId);
		return Array.from(names.entries())
			.filter(([key]) => !live || !live.has(key))
			.sort((a, b) => (a[0] < b[0] ? -1 : 1))
			.map(([, id]) => this.node(id));
	}

	/** [{id, name}] from the global root down to the node itself. */
	chain(nodeId) {
		const chain = [];
		let node = this.node(nodeId);
		while (node) {
			chain.push({ id: node.id, name: node.name });
			node = node.parentId === null ? undefined : this.node(node.parentId);
		}
		return chain.reverse();
	}

	/** Path of a chain relative to rootId, or null when the root is not on it. */
	static chainPath(chain, rootId) {
		const at = chain.findIndex((link) => link.id === rootId);
		if (at === -1) return null;
		const names = chain.slice(at + 1).map((link) => link.name);
		const display = names.length ? `/${names.join('/')}` : '';
		return { display, lower: names.length ? `/${names.map(nameKey).join('/')}` : '' };
	}

	pathOf(nodeId, rootId) {
		return Tree.chainPath(this.chain(nodeId), rootId);
	}

	/** True when `ancestorId` is a strict ancestor of `nodeId`. */
	isAncestor(ancestorId, nodeId) {
		let node = this.node(nodeId);
		while (node && node.parentId !== null) {
			if (node.parentId === ancestorId) return true;
			node = this.node(node.parentId);
		}
		return false;
	}

	isLive(node) {
		if (!node || node.deleted) return false;
		let current = node;
		while (current.parentId !== null) {
			const parent = this.node(current.parentId);
			if (!parent || parent.deleted) return false;
			current = parent;
		}
		return true;
	}

	/** Nearest strict ancestor that is a shared folder or team folder (for sharing_info). */
	sharedAncestor(nodeId) {
		let node = this.node(nodeId);
		while (node && node.parentId !== null) {
			node = this.node(node.parentId);
			if (node && node.sharedFolderId) return node;
		}
		return undefined;
	}

	/** Live descendants, depth first, children in name order. */
	descendants(nodeId) {
		const out = [];
		const visit = (id) => {
			for (const child of this.children(id)) {
				out.push(child);
				if (child.kind === 'folder') visit(child.id);
			}
		};
		visit(nodeId);
		return out;
	}

	current(node) {
		return node.revisions[node.revisions.length - 1];
	}

	save(node) {
		this.store.put('nodes', node.id, node);
		return node;
	}

	// ---- mutations (call inside db.write) ----

	createRoot({ name = '', ns }) {
		const node = { id: this.db.newNodeId(), kind: 'folder', name, parentId: null, deleted: false, ns };
		this.save(node);
		this.rootId = node.id;
		if (ns) this.namespaces.set(ns, node.id);
		return node;
	}

	createFolder(parentId, name, extra = {}) {
		const node = { id: this.db.newNodeId(), kind: 'folder', name, parentId, deleted: false, ...extra };
		this.save(node);
		this.index(this.live, node);
		if (node.ns) this.namespaces.set(node.ns, node.id);
		this.changes.recordPut(node);
		return node;
	}

	/** Creates a file, or revives the deleted file last seen at that path (same id, history kept). */
	createFile(parentId, name, revision, extra = {}) {
		const previous = this.deadChild(parentId, name);
		let node;
		if (previous && previous.kind === 'file') {
			this.unindex(this.dead, previous);
			node = { ...previous, name, deleted: false, deletedAt: undefined, revisions: [...previous.revisions, revision], ...extra };
		} else {
			node = { id: this.db.newNodeId(), kind: 'file', name, parentId, deleted: false, revisions: [revision], ...extra };
		}
		this.save(node);
		this.index(this.live, node);
		this.revs.set(revision.rev, node.id);
		this.changes.recordPut(node);
		return node;
	}

	addRevision(node, revision, extra = {}) {
		const updated = { ...node, revisions: [...node.revisions, revision], ...extra };
		this.save(updated);
		this.revs.set(revision.rev, node.id);
		this.changes.recordPut(updated);
		return updated;
	}

	/** Records a metadata-only change (tags, properties, sharing) without a new revision. */
	touch(node) {
		this.save(node);
		return node;
	}

	move(node, newParentId, newName) {
		const before = this.chain(node.id);
		this.unindex(this.live, node);
		const moved = this.save({ ...node, parentId: newParentId, name: newName });
		this.index(this.live, moved);
		this.changes.recordDelete(node, before);
		this.changes.recordPut(moved);
		for (const descendant of this.descendants(moved.id)) this.changes.recordPut(descendant);
		return moved;
	}

	/** Deletes a node and everything below it; one `deleted` change for the top. */
	remove(node) {
		const before = this.chain(node.id);
		const now = this.db.nowMs();
		const all = [node, ...this.descendants(node.id)];
		for (const item of all) {
			this.unindex(this.live, item);
			const dead = this.save({ ...item, deleted: true, deletedAt: now });
			this.index(this.dead, dead);
		}
		this.changes.recordDelete(node, before);
		return this.node(node.id);
	}

	/** Deep copy with new ids; files keep their bytes and client_modified, get new revs. */
	copy(node, parentId, name) {
		if (node.kind === 'file') {
			const source = this.current(node);
			const revision = {
				...source,
				rev: this.db.newRev(),
				serverModified: this.db.timestamp(),
			};
			return this.createFile(parentId, name, revision);
		}
		const folder = this.createFolder(parentId, name);
		for (const child of this.children(node.id)) this.copy(child, folder.id, child.name);
		return folder;
	}
}

module.exports = { Tree, nameKey };
