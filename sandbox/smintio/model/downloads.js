'use strict';
// Pre-signed download links [public behaviour: self-authorising URLs that expire after about
// an hour]. A link names one file or, for several, a zip of them; its URL carries the expiry
// and an HMAC signature, and is fetched WITHOUT an Authorization header.
// URL: {publicBaseUrl}/files/{linkId}/{fileName}?expires={unix seconds}&signature={hmac}

const crypto = require('crypto');
const { hmac } = require('./meta');
const { blobInfo } = require('./files');
const { safeFileName } = require('./media');
const { PATHS } = require('../constants');

const LINKS = 'downloadLinks';
/** Expired links are kept this long (so an expired URL answers 403, not 404), then dropped. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

function sign(ctx, linkId, expires) {
	return hmac(ctx, `download:${linkId}:${expires}`).toString('base64url');
}

function pruneExpired(ctx) {
	const now = ctx.clock.now();
	for (const link of ctx.store.values(LINKS)) {
		if (link.expires * 1000 + KEEP_EXPIRED_MS < now) ctx.store.delete(LINKS, link.id);
	}
}

/**
 * @param {Array<{ blobKey: string, fileName: string, mediaType: string }>} files
 * @param {{ archiveName?: string, lifetimeSeconds?: number }} [options]
 * @returns {{ url: string, expiresAt: string }}
 */
function createDownloadLink(ctx, files, options = {}) {
	pruneExpired(ctx);
	const lifetime = options.lifetimeSeconds ?? ctx.config.downloadUrlLifetimeSeconds;
	const expires = Math.floor(ctx.clock.now() / 1000) + lifetime;
	const entries = files.map((file) => {
		const info = blobInfo(ctx, file.blobKey);
		return {
			blobKey: file.blobKey,
			fileName: safeFileName(file.fileName),
			mediaType: file.mediaType,
			size: info.size,
			crc32: info.crc32,
		};
	});
	const link = {
		id: crypto.randomBytes(16).toString('hex'),
		expires,
		entries,
		archiveName: entries.length > 1 ? safeFileName(options.archiveName || 'assets.zip') : null,
	};
	ctx.store.put(LINKS, link.id, link);
	const name = link.archiveName || entries[0].fileName;
	const url =
		`${ctx.config.publicBaseUrl}${PATHS.files}/${link.id}/${encodeURIComponent(name)}` +
		`?expires=${expires}&signature=${sign(ctx, link.id, expires)}`;
	return { url, expiresAt: new Date(expires * 1000).toISOString() };
}

/**
 * @returns {{ status: 'ok', link: object } | { status: 'unknown' | 'bad_signature' | 'expired' }}
 */
function resolveDownloadLink(ctx, linkId, expires, signature) {
	const link = ctx.store.get(LINKS, linkId);
	if (!link) return { status: 'unknown' };
	const expected = Buffer.from(sign(ctx, link.id, link.expires));
	const given = Buffer.from(String(signature || ''));
	if (String(link.expires) !== String(expires) || expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
		return { status: 'bad_signature' };
	}
	if (ctx.clock.now() >= link.expires * 1000) return { status: 'expired' };
	return { status: 'ok', link };
}

module.exports = { createDownloadLink, resolveDownloadLink, LINKS };
