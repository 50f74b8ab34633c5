'use strict';
// Opaque, stateless continuation cursors. A cursor is shaped like a UUID (the real APIs call
// them continuationUuid / continuation_uuid): one AES block holding 8 bytes of position and 8
// bytes of an HMAC over position and feed name, encrypted with a key derived from the
// instance secret. So a cursor reveals nothing, cannot be forged or used on the other feed,
// and stays valid across restarts (the secret is persisted with the data).

const crypto = require('crypto');
const { hmac } = require('./meta');

function format(hex) {
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function keyFor(ctx, feed) {
	return hmac(ctx, `cursor-key:${feed}`).subarray(0, 16);
}

function macFor(ctx, feed, positionBytes) {
	return hmac(ctx, `cursor:${feed}:${positionBytes.toString('hex')}`).subarray(0, 8);
}

/**
 * @param {string} feed e.g. "portals-changes" or "license-purchases"
 * @param {number} position the last sequence number the holder has seen (0 = nothing yet)
 */
function encodeCursor(ctx, feed, position) {
	const positionBytes = Buffer.alloc(8);
	positionBytes.writeBigUInt64BE(BigInt(position));
	const block = Buffer.concat([positionBytes, macFor(ctx, feed, positionBytes)]);
	const cipher = crypto.createCipheriv('aes-128-ecb', keyFor(ctx, feed), null);
	cipher.setAutoPadding(false);
	return format(Buffer.concat([cipher.update(block), cipher.final()]).toString('hex'));
}

/** @returns {number | null} the position, or null when the cursor is not one of this feed's */
function decodeCursor(ctx, feed, cursor) {
	if (typeof cursor !== 'string') return null;
	const hex = cursor.replace(/-/g, '').toLowerCase();
	if (!/^[0-9a-f]{32}$/.test(hex)) return null;
	const decipher = crypto.createDecipheriv('aes-128-ecb', keyFor(ctx, feed), null);
	decipher.setAutoPadding(false);
	const block = Buffer.concat([decipher.update(Buffer.from(hex, 'hex')), decipher.final()]);
	const positionBytes = block.subarray(0, 8);
	if (!crypto.timingSafeEqual(macFor(ctx, feed, positionBytes), block.subarray(8))) return null;
	const position = Number(positionBytes.readBigUInt64BE());
	return Number.isSafeInteger(position) ? position : null;
}

module.exports = { encodeCursor, decodeCursor };
