'use strict';
// Stores file bytes (streamed) in the content-addressed blob store and remembers per blob
// what downloads need later: size, sha1 and crc32.

const { FILE_HASHERS } = require('./media');

const BLOB_INFO = 'blobInfo';

/** @returns {Promise<{ blobKey: string, size: number, sha1: string, crc32: number }>} */
async function storeStream(ctx, source, { maxBytes } = {}) {
	const { key, size, hashes } = await ctx.blobs.put(source, { hashers: FILE_HASHERS, maxBytes });
	const info = { blobKey: key, size, sha1: hashes.sha1, crc32: parseInt(hashes.crc32, 16) };
	ctx.store.put(BLOB_INFO, key, info);
	return info;
}

function storeBuffer(ctx, buffer) {
	return storeStream(ctx, [buffer]);
}

function blobInfo(ctx, blobKey) {
	return ctx.store.get(BLOB_INFO, blobKey);
}

module.exports = { storeStream, storeBuffer, blobInfo, BLOB_INFO };
