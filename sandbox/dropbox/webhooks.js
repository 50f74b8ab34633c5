'use strict';
// Webhooks as Dropbox sends them (dropbox.com/developers/reference/webhooks):
// - Setting an app's webhook URL (admin API, standing in for the App Console) first sends the
//   verification `GET <url>?challenge=<random>`; the URL is kept only if the reply is 200 with
//   the challenge as its body within 10 s (not retried, as in the App Console).
// - After a change to files, every URL gets `POST` {"list_folder":{"accounts":[…]},"delta":{"users":[…]}}
//   with `X-Dropbox-Signature` = hex HMAC-SHA256 of the exact body bytes keyed with the app
//   secret. Changes made while a notification is waiting to go out share it (Dropbox batches).
// - A reply other than 200, or none within 10 s, is retried with exponential backoff for about
//   10 minutes, then given up (the App Console would show the failure).
// - An admin switch drops the next N notifications (never sent, never retried): a lost notification.

const crypto = require('crypto');

const DEFAULTS = {
	/** Dropbox's limit for an answer. */
	timeoutMs: 10_000,
	/** First retry after this, doubling. */
	firstRetryMs: 1_000,
	maxRetryDelayMs: 60_000,
	/** Retries stop once this much time has passed since the first attempt. */
	giveUpAfterMs: 10 * 60_000,
};

class WebhookSender {
	/** @param {import('./emulator').DropboxEmulator} emulator */
	constructor(emulator, options = {}) {
		this.emulator = emulator;
		this.options = { ...DEFAULTS, ...options };
		/** @type {Map<string, {url: string, pending: boolean, lastSeq: number}>} */
		this.targets = new Map();
		this.dropNext = 0;
		this.log = [];
		this.timers = new Set();
		this.inFlight = new Set();
		this.sequence = 0;
		this.closed = false;
	}

	app() {
		const seeded = this.emulator.db.store.get('meta', 'seededCredentials');
		return { key: seeded.user.clientId, secret: seeded.user.clientSecret };
	}

	/** Sends the verification challenge; registers the URL when it is echoed. */
	async register(url) {
		if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { ok: false, reason: 'url must be an http(s) URL' };
		const challenge = crypto.randomBytes(16).toString('hex');
		const target = new URL(url);
		target.searchParams.set('challenge', challenge);
		let response;
		try {
			response = await fetch(target, { method: 'GET', signal: AbortSignal.timeout(this.options.timeoutMs) });
		} catch (error) {
			return { ok: false, reason: `verification request failed: ${error.cause?.code || error.name}` };
		}
		const body = await response.text();
		if (response.status !== 200 || body !== challenge) {
			return { ok: false, reason: `verification failed: status ${response.status}, body ${body === challenge ? 'matches' : 'does not echo the challenge'}` };
		}
		this.targets.set(url, { url, pending: false, lastSeq: this.emulator.db.changes.latestSeq() });
		return { ok: true, url, contentType: response.headers.get('content-type'), nosniff: response.headers.get('x-content-type-options') };
	}

	/** After a reset the change log starts again; registered URLs stay (as in the App Console). */
	restart() {
		for (const target of this.targets.values()) target.lastSeq = 0;
	}

	unregister(url) {
		return this.targets.delete(url);
	}

	/** Called after every db write: a change to files queues one notification per URL. */
	afterWrite() {
		if (this.closed) return;
		const seq = this.emulator.db.changes.latestSeq();
		for (const target of this.targets.values()) {
			if (seq <= target.lastSeq || target.pending) continue;
			target.pending = true;
			// Writes in the same turn share the notification.
			setImmediate(() => {
				target.pending = false;
				target.lastSeq = this.emulator.db.changes.latestSeq();
				this.notify(target.url);
			});
		}
	}

	notify(url) {
		const id = ++this.sequence;
		if (this.dropNext > 0) {
			this.dropNext -= 1;
			this.log.push({ id, url, dropped: true, attempts: [] });
			return;
		}
		const account = this.emulator.db.accounts.account();
		const body = Buffer.from(JSON.stringify({ list_folder: { accounts: [account.accountId] }, delta: { users: [uidOf(account.accountId)] } }));
		const entry = { id, url, dropped: false, attempts: [], delivered: false, gaveUp: false };
		this.log.push(entry);
		const started = Date.now();
		const attempt = async (delay) => {
			if (this.closed) return;
			const at = Date.now();
			let status = 0;
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Dropbox-Signature': sign(body, this.app().secret), 'User-Agent': 'DropboxWebhooks/1.0' },
					body,
					signal: AbortSignal.timeout(this.options.timeoutMs),
				});
				status = response.status;
				await response.arrayBuffer();
			} catch (error) {
				status = error.name === 'TimeoutError' ? 'timeout' : `error ${error.cause?.code || error.name}`;
			}
			const record = { at: new Date(at).toISOString(), status, ms: Date.now() - at };
			entry.attempts.push(record);
			if (status === 200) {
				entry.delivered = true;
				return;
			}
			if (Date.now() + delay - started > this.options.giveUpAfterMs) {
				entry.gaveUp = true;
				return;
			}
			record.retryInMs = delay;
			this.later(delay, () => attempt(Math.min(delay * 2, this.options.maxRetryDelayMs)));
		};
		this.track(attempt(this.options.firstRetryMs));
	}

	later(ms, fn) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.track(fn());
		}, ms);
		this.timers.add(timer);
	}

	track(promise) {
		this.inFlight.add(promise);
		promise.finally(() => this.inFlight.delete(promise));
	}

	state() {
		return { targets: [...this.targets.keys()], dropNext: this.dropNext, notifications: this.log };
	}

	close() {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}

function sign(body, secret) {
	return crypto.createHmac('sha256', secret).update(body).digest('hex');
}

/** Dropbox's legacy numeric user id (delta.users), stable per account. */
function uidOf(accountId) {
	return crypto.createHash('sha256').update(accountId).digest().readUInt32BE(0);
}

/** Admin routes: PUT/DELETE/GET /__admin/webhooks, PUT /__admin/webhooks/drop. */
function webhookAdminRoutes(sender) {
	return {
		// Body: { url } — as setting the webhook URI in the App Console: verified first.
		'PUT /webhooks': async (req, res, body = {}) => {
			const result = await sender.register(body.url);
			if (!result.ok) {
				const error = new Error(result.reason);
				error.status = 400;
				throw error;
			}
			return result;
		},
		'DELETE /webhooks': (req, res, body = {}) => ({ removed: sender.unregister(body.url) }),
		'GET /webhooks': () => sender.state(),
		// Body: { count } — the next `count` notifications are lost (not sent, not retried).
		'PUT /webhooks/drop': (req, res, body = {}) => {
			sender.dropNext = Math.max(0, Number(body.count ?? 1));
			return { dropNext: sender.dropNext };
		},
	};
}

module.exports = { WebhookSender, webhookAdminRoutes, sign };
