'use strict';
// The change log behind list_folder cursors and longpoll. Every write appends an event with a
// global sequence number: `put` (a node was created or changed; its current state is rendered
// when a cursor reads it) or `delete` (a node left a path; the event keeps the path chain it
// had, so the deletion can be reported as a `deleted` entry after the node moved or vanished).

class Changes {
	/** @param {import('./db').Db} db */
	constructor(db) {
		this.db = db;
		this.load();
	}

	load() {
		this.events = this.db.store.values('changes').sort((a, b) => a.seq - b.seq);
		/** @type {Map<string, number>} node id -> seq of its latest event */
		this.lastByNode = new Map();
		for (const event of this.events) this.lastByNode.set(event.nodeId, event.seq);
	}

	/** The sequence number a new cursor starts after. */
	latestSeq() {
		return this.db.peek('seq');
	}

	append(event) {
		this.db.store.put('changes', event.seq, event);
		this.events.push(event);
		this.lastByNode.set(event.nodeId, event.seq);
		return event;
	}

	recordPut(node) {
		return this.append({ seq: this.db.next('seq'), op: 'put', nodeId: node.id });
	}

	/** @param {Array<{id: string, name: string}>} chain the node's path chain before it went away */
	recordDelete(node, chain) {
		return this.append({ seq: this.db.next('seq'), op: 'delete', nodeId: node.id, kind: node.kind, chain });
	}

	/** Events with seq > after, oldest first. */
	since(after) {
		let lo = 0;
		let hi = this.events.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.events[mid].seq <= after) lo = mid + 1;
			else hi = mid;
		}
		return this.events.slice(lo);
	}

	/** True when a later event for the same node makes this `put` stale. */
	superseded(event) {
		return (this.lastByNode.get(event.nodeId) || 0) > event.seq;
	}
}

module.exports = { Changes };
