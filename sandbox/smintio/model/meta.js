'use strict';
// Small persistent facts of one emulator instance: sequence counters (change log, licence
// feed, purchase numbers), the secret that signs cursors and download links, settings changed
// at run time, and the sandbox credentials. All live in the entity store's "meta" collection,
// so they survive a restart on the same data dir.

const crypto = require('crypto');

const META = 'meta';

/** Next value of a named counter (1, 2, 3, …), persisted. */
function nextSeq(ctx, name, start = 1) {
	const counters = ctx.store.get(META, 'counters') || {};
	const value = counters[name] === undefined ? start : counters[name] + 1;
	ctx.store.put(META, 'counters', { ...counters, [name]: value });
	return value;
}

/** Current value of a counter without advancing it (0 when never used). */
function currentSeq(ctx, name) {
	const counters = ctx.store.get(META, 'counters') || {};
	return counters[name] || 0;
}

/** The instance secret; created once per data dir. */
function secret(ctx) {
	let record = ctx.store.get(META, 'secret');
	if (!record) {
		record = { value: crypto.randomBytes(32).toString('hex') };
		ctx.store.put(META, 'secret', record);
	}
	return record.value;
}

function getSetting(ctx, name, fallback) {
	const settings = ctx.store.get(META, 'settings') || {};
	return settings[name] === undefined ? fallback : settings[name];
}

function setSetting(ctx, name, value) {
	const settings = ctx.store.get(META, 'settings') || {};
	ctx.store.put(META, 'settings', { ...settings, [name]: value });
}

function hmac(ctx, text) {
	return crypto.createHmac('sha256', secret(ctx)).update(text).digest();
}

/**
 * Wraps a mutator so that all its writes reach the journal as one line (the entity store's
 * batch): a killed emulator keeps an asset change and its change-log entries together or not
 * at all. Nested calls join the outer batch.
 * @template {Function} F
 * @param {F} fn (ctx, ...args) => result
 * @returns {F}
 */
function atomic(fn) {
	return /** @type {any} */ ((ctx, ...args) => (ctx.store.batch ? ctx.store.batch(() => fn(ctx, ...args)) : fn(ctx, ...args)));
}

module.exports = { nextSeq, currentSeq, secret, getSetting, setSetting, hmac, atomic, META };
