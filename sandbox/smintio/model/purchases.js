'use strict';
// CLAPI-C licence purchase transactions (LPTs). A stored purchase is the snake_case wire
// object (`lpt`, served as is), its binaries with their blobs, and `feedSeq`: its position in
// the licence feed. Any change to a purchase (cancelled, new binary version, licence edits)
// gives it a new, higher feedSeq, so a holder of an older cursor receives it again; a
// re-licence is a new purchase that names the old one in reused_license_purchase_transaction_uuid.

const { nextSeq, atomic } = require('./meta');
const { encodeCursor, decodeCursor } = require('./cursors');
const { createDownloadLink } = require('./downloads');
const { notFound, argumentInvalid } = require('../errors');

const PURCHASES = 'purchases';
const FEED = 'license-purchases';

function nowIso(ctx) {
	return new Date(ctx.clock.now()).toISOString();
}

const clone = (value) => JSON.parse(JSON.stringify(value));

/**
 * @param {object} lpt the wire object (uuid and cart_purchase_transaction_uuid set)
 * @param {Array<{ uuid: string, content_type: string, binary_type: string, name: object[], description: object[],
 *                 usage: object[], culture: string|null, recommended_file_name: string, version: number,
 *                 blobKey: string, mediaType: string }>} binaries
 */
function addPurchase(ctx, lpt, binaries) {
	if (ctx.store.has(PURCHASES, lpt.uuid)) throw argumentInvalid(`purchase ${lpt.uuid} exists already`, 'uuid');
	const record = { uuid: lpt.uuid, feedSeq: nextSeq(ctx, 'feedSeq'), lpt: clone(lpt), binaries: clone(binaries) };
	ctx.store.put(PURCHASES, lpt.uuid, record);
	return record;
}

function getPurchase(ctx, uuid) {
	const record = ctx.store.get(PURCHASES, String(uuid));
	if (!record) throw notFound('license purchase transaction', uuid, 'uuid');
	return record;
}

/**
 * Applies `mutate(lpt, binaries)` to copies, bumps the purchase's version and
 * last_updated_at, and moves it to the head of the feed (re-emission).
 */
function changePurchase(ctx, uuid, mutate) {
	const record = getPurchase(ctx, uuid);
	const lpt = clone(record.lpt);
	const binaries = clone(record.binaries);
	mutate(lpt, binaries);
	lpt.version = (lpt.version || 0) + 1;
	lpt.last_updated_at = nowIso(ctx);
	const updated = { ...record, lpt, binaries, feedSeq: nextSeq(ctx, 'feedSeq') };
	ctx.store.put(PURCHASES, uuid, updated);
	return updated;
}

function cancelPurchase(ctx, uuid) {
	return changePurchase(ctx, uuid, (lpt) => {
		lpt.state = 'cancelled';
	});
}

/** A new version of one binary (default: the first). */
function newBinaryVersion(ctx, uuid, binaryUuid, file) {
	return changePurchase(ctx, uuid, (_lpt, binaries) => {
		const binary = binaryUuid ? binaries.find((b) => b.uuid === String(binaryUuid)) : binaries[0];
		if (!binary) throw notFound('binary', binaryUuid, 'binaryUuid');
		binary.version += 1;
		binary.blobKey = file.blobKey;
		binary.mediaType = file.mediaType || binary.mediaType;
		if (file.fileName) binary.recommended_file_name = file.fileName;
	});
}

/** Re-licensing: a new purchase of the same content naming the original. */
function relicensePurchase(ctx, uuid, { licenseTerms } = {}) {
	const original = getPurchase(ctx, uuid);
	const lpt = clone(original.lpt);
	const at = nowIso(ctx);
	const newUuid = String(nextSeq(ctx, 'lptNumber', 80500));
	const ordered = { uuid: newUuid, cart_purchase_transaction_uuid: String(nextSeq(ctx, 'cptNumber', 3700)) };
	ordered.reused_license_purchase_transaction_uuid = original.uuid;
	delete lpt.uuid;
	delete lpt.cart_purchase_transaction_uuid;
	delete lpt.reused_license_purchase_transaction_uuid;
	const fresh = { ...ordered, ...lpt };
	fresh.state = 'completed';
	fresh.purchased_at = at;
	fresh.completed_at = at;
	fresh.created_at = at;
	fresh.last_updated_at = at;
	fresh.version = 1;
	fresh.current_downloads = 0;
	if (licenseTerms) fresh.license_terms = licenseTerms;
	else {
		fresh.license_terms = fresh.license_terms.map((term) => ({ ...term, valid_from: at }));
		for (const term of fresh.license_terms) {
			if (term.valid_until && Date.parse(term.valid_until) < ctx.clock.now()) term.valid_until = null;
			if (term.to_be_used_until && Date.parse(term.to_be_used_until) < ctx.clock.now()) term.to_be_used_until = null;
		}
	}
	const binaries = original.binaries.map((binary) => ({ ...binary, version: 1 }));
	return addPurchase(ctx, fresh, binaries);
}

/** Generic licence edit: shallow-merges `patch` into the wire object (re-emitted). */
function patchPurchase(ctx, uuid, patch) {
	return changePurchase(ctx, uuid, (lpt) => {
		for (const [key, value] of Object.entries(patch)) {
			if (key === 'uuid' || key === 'cart_purchase_transaction_uuid') {
				throw argumentInvalid(`${key} cannot be changed`, key);
			}
			lpt[key] = value;
		}
	});
}

/**
 * One page of the licence feed.
 * @returns {{ count: number, continuation_uuid: string, license_purchase_transactions: object[] } | null} null: unknown cursor
 */
function readFeed(ctx, continuationUuid, limit) {
	let position = 0;
	if (continuationUuid) {
		position = decodeCursor(ctx, FEED, continuationUuid);
		if (position === null) return null;
	}
	const pending = ctx.store
		.values(PURCHASES)
		.filter((record) => record.feedSeq > position)
		.sort((a, b) => a.feedSeq - b.feedSeq);
	const page = pending.slice(0, limit);
	const last = page.length > 0 ? page[page.length - 1].feedSeq : position;
	return {
		count: page.length,
		continuation_uuid: encodeCursor(ctx, FEED, last),
		license_purchase_transactions: page.map((record) => record.lpt),
	};
}

/** SyncBinary objects with fresh pre-signed download URLs. */
function binariesOf(ctx, cartPurchaseTransactionUuid, licensePurchaseTransactionUuid) {
	const record = ctx.store.get(PURCHASES, String(licensePurchaseTransactionUuid));
	if (!record || record.lpt.cart_purchase_transaction_uuid !== String(cartPurchaseTransactionUuid)) {
		throw notFound('license purchase transaction', licensePurchaseTransactionUuid);
	}
	if (!record.lpt.can_be_synced) return [];
	return record.binaries.map((binary) => {
		const { url } = createDownloadLink(ctx, [
			{ blobKey: binary.blobKey, fileName: binary.recommended_file_name, mediaType: binary.mediaType },
		]);
		return {
			uuid: binary.uuid,
			content_type: binary.content_type,
			binary_type: binary.binary_type,
			name: binary.name,
			description: binary.description,
			usage: binary.usage,
			download_url: url,
			recommended_file_name: binary.recommended_file_name,
			culture: binary.culture,
			version: binary.version,
		};
	});
}

module.exports = {
	PURCHASES,
	addPurchase: atomic(addPurchase),
	getPurchase,
	changePurchase: atomic(changePurchase),
	cancelPurchase: atomic(cancelPurchase),
	newBinaryVersion: atomic(newBinaryVersion),
	relicensePurchase: atomic(relicensePurchase),
	patchPurchase: atomic(patchPurchase),
	readFeed,
	binariesOf,
};
