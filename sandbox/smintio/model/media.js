'use strict';
// File names, media types and Portals content types.

const crypto = require('crypto');
const zlib = require('zlib');

const BY_EXTENSION = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	svg: 'image/svg+xml',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	txt: 'text/plain',
	csv: 'text/csv',
	zip: 'application/zip',
};

function extensionOf(fileName) {
	const match = /\.([A-Za-z0-9]+)$/.exec(fileName || '');
	return match ? match[1].toLowerCase() : '';
}

/** The part's declared type when it says something, else a guess from the extension. */
function mediaTypeFor(fileName, declared) {
	if (declared && declared !== 'application/octet-stream') return declared.split(';')[0].trim().toLowerCase();
	return BY_EXTENSION[extensionOf(fileName)] || 'application/octet-stream';
}

function contentTypeFor(mediaType) {
	if (mediaType.startsWith('image/')) return 'image';
	if (mediaType.startsWith('video/')) return 'video';
	if (mediaType.startsWith('audio/')) return 'audio';
	if (
		mediaType === 'application/pdf' ||
		mediaType.startsWith('text/') ||
		mediaType.includes('officedocument') ||
		mediaType === 'application/msword'
	) {
		return 'document';
	}
	return 'other';
}

/** zlib.crc32 as a BlobStore hasher (zip entries need the CRC up front). */
function crc32Hasher() {
	let value = 0;
	return {
		update(chunk) {
			value = zlib.crc32(chunk, value);
		},
		digest() {
			return (value >>> 0).toString(16).padStart(8, '0');
		},
	};
}

/**
 * Hashers for BlobStore.put: sha1 is what Portals reports as fileMetadata.sha1Hash; crc32 lets
 * a multi-asset download be streamed as a zip without reading each file twice.
 */
const FILE_HASHERS = { sha1: () => crypto.createHash('sha1'), crc32: crc32Hasher };

/** A safe name for Content-Disposition and URL paths. */
function safeFileName(name) {
	const cleaned = String(name || 'file')
		.replace(/[\\/\u0000-\u001f"]/g, '_')
		.trim();
	return cleaned || 'file';
}

module.exports = { extensionOf, mediaTypeFor, contentTypeFor, FILE_HASHERS, safeFileName };
