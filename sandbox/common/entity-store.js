'use strict';
// The emulators' metadata: named collections of JSON entities, kept in memory and persisted as
// a snapshot plus an append-only journal. Every put/delete appends one line (a single write,
// so a killed server loses at most the line being written, which load() ignores). The journal
// is folded into a new snapshot now and then; snapshot and journal carry a generation number,
// so a crash between writing the snapshot and starting the new journal never replays stale
// lines over newer state.

const fs = require('fs');
const path = require('path');

class EntityStore {
	/**
	 * @param {{ dir?: string | null, compactAfter?: number }} options
	 *   dir: folder for snapshot and journal; null keeps everything in memory (unit tests).
	 */
	constructor({ dir = null, compactAfter = 20000 } = {}) {
		this.dir = dir;
		this.compactAfter = compactAfter;
		/** @type {Map<string, Map<string, any>>} */
		this.collections = new Map();
		this.generation = 0;
		this.journalLines = 0;
		this.fd = null;
		/** @type {object[] | null} entries collected by batch() */
		this.pending = null;
		if (dir) {
			fs.mkdirSync(dir, { recursive: true });
			this.load();
		}
	}

	collection(name) {
		let col = this.collections.get(name);
		if (!col) {
			col = new Map();
			this.collections.set(name, col);
		}
		return col;
	}

	get(name, id) {
		return this.collection(name).get(String(id));
	}

	has(name, id) {
		return this.collection(name).has(String(id));
	}

	/** Values in insertion order. */
	values(name) {
		return Array.from(this.collection(name).values());
	}

	size(name) {
		return this.collection(name).size;
	}

	/** Stores (a copy of the JSON form of) value. Mutating an entity requires a put to persist it. */
	put(name, id, value) {
		this.collection(name).set(String(id), value);
		this.append({ c: name, i: String(id), v: value });
		return value;
	}

	delete(name, id) {
		const existed = this.collection(name).delete(String(id));
		if (existed) this.append({ c: name, i: String(id), d: 1 });
		return existed;
	}

	/** Drops every collection (an emulator reset). */
	clear() {
		this.collections = new Map();
		if (this.dir) this.compact();
	}

	snapshotPath() {
		return path.join(this.dir, 'snapshot.json');
	}

	journalPath(generation) {
		return path.join(this.dir, `journal-${generation}.jsonl`);
	}

	append(entry, count = 1) {
		if (!this.dir) return;
		if (this.pending) {
			this.pending.push(entry);
			return;
		}
		if (this.fd === null) this.fd = fs.openSync(this.journalPath(this.generation), 'a');
		fs.writeSync(this.fd, JSON.stringify(entry) + '\n');
		this.journalLines += count;
		if (this.journalLines >= this.compactAfter) this.compact();
	}

	load() {
		const snapshotFile = this.snapshotPath();
		if (fs.existsSync(snapshotFile)) {
			const snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
			this.generation = snapshot.generation;
			for (const [name, entries] of Object.entries(snapshot.collections)) {
				this.collections.set(name, new Map(entries));
			}
		}
		const journal = this.journalPath(this.generation);
		if (!fs.existsSync(journal)) return;
		const bytes = fs.readFileSync(journal);
		let start = 0;
		let goodEnd = 0; // byte offset just past the last line that was applied
		while (start < bytes.length) {
			const newline = bytes.indexOf(0x0a, start);
			const end = newline === -1 ? bytes.length : newline;
			const line = bytes.toString('utf8', start, end);
			let entry;
			try {
				entry = line ? JSON.parse(line) : null;
			} catch {
				break; // a torn last line from a killed process
			}
			if (entry) this.apply(entry);
			start = end + 1;
			goodEnd = Math.min(start, bytes.length);
			if (newline === -1 && entry) {
				// A complete entry that lost only its newline: restore it, so the next append
				// starts on a line of its own.
				fs.appendFileSync(journal, '\n');
			}
		}
		// Cut a torn tail off: otherwise the next append would be glued to it and that line,
		// and every one after it, would be unreadable at the following start.
		if (goodEnd < bytes.length) fs.truncateSync(journal, goodEnd);
	}

	apply(entry) {
		if (entry.b) {
			for (const inner of entry.b) this.apply(inner);
			return;
		}
		if (entry.d) this.collection(entry.c).delete(entry.i);
		else this.collection(entry.c).set(entry.i, entry.v);
		this.journalLines += 1;
	}

	/**
	 * Runs `fn` and journals every put/delete it makes as ONE line, so a killed process keeps
	 * either all or none of them (an operation that touches several entities stays consistent).
	 * Nested calls join the outer batch.
	 * @template T
	 * @param {() => T} fn
	 * @returns {T}
	 */
	batch(fn) {
		if (this.pending) return fn();
		this.pending = [];
		try {
			return fn();
		} finally {
			const entries = this.pending;
			this.pending = null;
			if (entries.length === 1) this.append(entries[0]);
			else if (entries.length > 1) this.append({ b: entries }, entries.length);
		}
	}

	/** Writes the whole state as a new snapshot generation and starts an empty journal. */
	compact() {
		if (!this.dir) return;
		const next = this.generation + 1;
		const collections = {};
		for (const [name, col] of this.collections) collections[name] = Array.from(col.entries());
		const tmp = `${this.snapshotPath()}.tmp`;
		fs.writeFileSync(tmp, JSON.stringify({ generation: next, collections }));
		fs.renameSync(tmp, this.snapshotPath());
		if (this.fd !== null) fs.closeSync(this.fd);
		this.fd = null;
		fs.rmSync(this.journalPath(this.generation), { force: true });
		this.generation = next;
		this.journalLines = 0;
	}

	close() {
		if (this.fd !== null) fs.closeSync(this.fd);
		this.fd = null;
	}
}

module.exports = { EntityStore };
