'use strict';
// Upload sessions. Each session's bytes go to one temp file in the blob store's tmp folder
// (sequential appends at the end, concurrent appends at their own offsets of a sparse file),
// so no chunk is ever held in memory. The session record (size, pieces, closed) is journaled,
// so sessions survive a restart; bytes past the recorded size (a killed append) are cut off.
// Running hashes live in memory only (after a restart, finish re-reads the file once). For a
// concurrent session the running hash covers the contiguous prefix: a piece arriving at its
// end is hashed as it streams in, later pieces that arrived early are read back from the file.

const crypto = require('crypto');
const fs = require('fs');
const { ContentHasher } = require('../content-hash');

const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

class Sessions {
	/** @param {import('./db').Db} db */
	constructor(db) {
		this.db = db;
		/** @type {Map<string, Promise<void>>} per-session operation chain */
		this.locks = new Map();
		/** @type {Map<string, { sha: import('crypto').Hash, content: ContentHasher, at: number }>} */
		this.hashers = new Map();
		this.sweep();
	}

	/** Drops expired sessions and their files (also those left by a previous run). */
	sweep() {
		for (const session of this.db.store.values('sessions')) {
			if (this.expired(session)) this.discard(session);
		}
	}

	expired(session) {
		return this.db.nowMs() > session.createdAt + SESSION_LIFETIME_MS;
	}

	create(type) {
		const id = `pid_upload_session:${crypto.randomBytes(18).toString('base64url')}`;
		const file = this.db.blobs.tempPath('session');
		fs.closeSync(fs.openSync(file, 'w'));
		const session = { id, type, createdAt: this.db.nowMs(), size: 0, closed: false, pieces: [], total: null, file, blob: null };
		this.db.store.put('sessions', id, session);
		this.hashers.set(id, { sha: crypto.createHash('sha256'), content: new ContentHasher(), at: 0 });
		return session;
	}

	/** A session from a failed files/upload, so the client can retry the commit with finish. */
	createFromBlob(blob) {
		const id = `pid_upload_session:${crypto.randomBytes(18).toString('base64url')}`;
		const session = { id, type: 'sequential', createdAt: this.db.nowMs(), size: blob.size, closed: true, pieces: [], total: null, file: null, blob };
		this.db.store.put('sessions', id, session);
		return session;
	}

	get(id) {
		const session = this.db.store.get('sessions', id);
		if (!session) return undefined;
		if (this.expired(session)) {
			this.discard(session);
			return undefined;
		}
		return session;
	}

	save(session) {
		this.db.store.put('sessions', session.id, session);
		return session;
	}

	discard(session) {
		this.db.store.delete('sessions', session.id);
		this.hashers.delete(session.id);
		if (session.file) fs.rmSync(session.file, { force: true });
	}

	/** Forgets a session whose file was adopted into the blob store. */
	consumed(session) {
		this.db.store.delete('sessions', session.id);
		this.hashers.delete(session.id);
	}

	/** Runs fn after every earlier operation on the same session finished. */
	async withLock(id, fn) {
		const previous = this.locks.get(id) || Promise.resolve();
		let release;
		const current = new Promise((resolve) => {
			release = resolve;
		});
		const chained = previous.then(() => current);
		this.locks.set(id, chained);
		await previous;
		try {
			return await fn();
		} finally {
			release();
			if (this.locks.get(id) === chained) this.locks.delete(id);
		}
	}

	/** Number of bytes covered from offset 0 without a gap (concurrent sessions). */
	static contiguous(pieces) {
		const sorted = [...pieces].sort((a, b) => a.offset - b.offset);
		let end = 0;
		for (const piece of sorted) {
			if (piece.offset > end) break;
			end = Math.max(end, piece.offset + piece.length);
		}
		return end;
	}
}

module.exports = { Sessions, SESSION_LIFETIME_MS };
