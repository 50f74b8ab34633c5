'use strict';
// The emulator's state: metadata in an EntityStore (snapshot + journal), file bytes in a
// content-addressed BlobStore, and the models built on them. Every API write runs inside
// db.write(), one journal line per operation, so a killed server restarts consistent.

const crypto = require('crypto');
const path = require('path');
const { EntityStore } = require('../../common/entity-store');
const { BlobStore } = require('../../common/blobstore');

const COUNTERS_KEY = 'counters';

class Db {
	/**
	 * @param {{ dir: string, clock: { now(): number } }} options
	 */
	constructor({ dir, clock }) {
		this.dir = dir;
		this.clock = clock;
		this.store = new EntityStore({ dir: path.join(dir, 'meta') });
		this.blobs = new BlobStore(path.join(dir, 'content'));
		/** Listeners told after each committed write (longpoll waiters). */
		this.afterWrite = new Set();
		this.writeDepth = 0;
		this.wrote = false;
	}

	counters() {
		return this.store.get('meta', COUNTERS_KEY) || {};
	}

	/** Next value of a persistent counter (starts at 1). */
	next(name) {
		const counters = { ...this.counters() };
		counters[name] = (counters[name] || 0) + 1;
		this.store.put('meta', COUNTERS_KEY, counters);
		return counters[name];
	}

	peek(name) {
		return this.counters()[name] || 0;
	}

	/** A random id per state (new after a reset), so cursors of other instances are refused. */
	instanceId() {
		let instance = this.store.get('meta', 'instance');
		if (!instance) {
			instance = { id: crypto.randomBytes(6).toString('hex') };
			this.store.put('meta', 'instance', instance);
		}
		return instance.id;
	}

	/** Runs a synchronous state change as one journal entry; notifies listeners afterwards. */
	write(fn) {
		this.writeDepth += 1;
		let result;
		try {
			result = this.store.batch(fn);
			this.wrote = true;
		} finally {
			this.writeDepth -= 1;
		}
		if (this.writeDepth === 0 && this.wrote) {
			this.wrote = false;
			for (const listener of this.afterWrite) listener();
		}
		return result;
	}

	/** Dropbox-looking file/folder id, derived from a counter so seeds are deterministic. */
	newNodeId() {
		const n = this.next('node');
		return `id:${crypto.createHash('sha256').update(`node:${n}`).digest('base64url').slice(0, 22)}`;
	}

	/** Hex revision, at least 9 characters, unique and increasing. */
	newRev() {
		const n = this.next('rev');
		return `${(0x500000000 + n).toString(16)}${crypto.createHash('sha256').update(`rev:${n}`).digest('hex').slice(0, 4)}`;
	}

	nowMs() {
		return this.clock.now();
	}

	/** Dropbox timestamps: UTC, whole seconds, "Z". */
	timestamp(ms = this.clock.now()) {
		return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	}

	close() {
		this.store.close();
	}
}

module.exports = { Db };
