'use strict';
// Temporary links (files/get_temporary_link: 4 hours, then 410) and shared links
// (sharing/*: settings, expiry, password, revocation). Both are served by the emulator itself,
// so a link handed to a browser or a partner script really downloads the file.

const crypto = require('crypto');

const TEMPORARY_LINK_LIFETIME_MS = 4 * 3600 * 1000;

function randomId(bytes) {
	return crypto.randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x').toLowerCase();
}

class Links {
	/** @param {import('./db').Db} db */
	constructor(db, { baseUrl }) {
		this.db = db;
		/** @type {() => string} public origin the links are served from */
		this.baseUrl = baseUrl;
	}

	// ---- temporary links ----

	createTemporary(node, revision) {
		const token = crypto.randomBytes(24).toString('base64url');
		const link = {
			token,
			nodeId: node.id,
			name: node.name,
			rev: revision.rev,
			blob: revision.blob,
			size: revision.size,
			expiresAt: this.db.nowMs() + TEMPORARY_LINK_LIFETIME_MS,
		};
		this.db.store.put('tempLinks', token, link);
		return { link, url: `${this.baseUrl()}/cd/0/get/${token}/file` };
	}

	temporary(token) {
		return this.db.store.get('tempLinks', token);
	}

	// ---- shared links ----

	createShared(node, settings) {
		const link = {
			id: randomId(16).slice(0, 22),
			key: randomId(20).slice(0, 25),
			nodeId: node.id,
			kind: node.kind,
			name: node.name,
			createdAt: this.db.nowMs(),
			revoked: false,
			...settings,
		};
		this.db.store.put('sharedLinks', link.id, link);
		return link;
	}

	saveShared(link) {
		this.db.store.put('sharedLinks', link.id, link);
		return link;
	}

	shared(id) {
		return this.db.store.get('sharedLinks', id);
	}

	url(link) {
		const folder = link.kind === 'folder' ? 'fo' : 'fi';
		return `${this.baseUrl()}/scl/${folder}/${link.id}/${encodeURIComponent(link.name)}?rlkey=${link.key}&dl=0`;
	}

	/** Finds the link a URL names (any host; the path and rlkey identify it). */
	byUrl(url) {
		let parsed;
		try {
			parsed = new URL(url);
		} catch {
			return { malformed: true };
		}
		const match = /^\/scl\/f[io]\/([a-z0-9]+)(\/|$)/.exec(parsed.pathname);
		if (!match) return { malformed: true };
		const link = this.shared(match[1]);
		if (!link || link.revoked || link.key !== parsed.searchParams.get('rlkey')) return { link: undefined };
		return { link };
	}

	/** Live links of the account, newest first. */
	active() {
		return this.db.store
			.values('sharedLinks')
			.filter((link) => !link.revoked)
			.sort((a, b) => b.createdAt - a.createdAt);
	}

	isExpired(link) {
		return Boolean(link.expires) && Date.parse(link.expires) <= this.db.nowMs();
	}
}

module.exports = { Links, TEMPORARY_LINK_LIFETIME_MS };
