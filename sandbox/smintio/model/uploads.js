'use strict';
// Files received by portalsContext/uploadFile: the bytes sit in the blob store, this record
// names them. An upload is a handle for later calls (createAssetAsync, replaceAssetBinaryAsync)
// and may be used more than once.

const crypto = require('crypto');
const { extensionOf, mediaTypeFor } = require('./media');
const { notFound } = require('../errors');

const UPLOADS = 'uploads';

/** @param {{ blobKey: string, size: number, sha1: string, fileName: string, declaredType?: string }} input */
function recordUpload(ctx, input) {
	const upload = {
		uuid: crypto.randomUUID(),
		blobKey: input.blobKey,
		size: input.size,
		sha1: input.sha1,
		fileName: input.fileName,
		mediaType: mediaTypeFor(input.fileName, input.declaredType),
		uploadedAt: new Date(ctx.clock.now()).toISOString(),
	};
	ctx.store.put(UPLOADS, upload.uuid, upload);
	return upload;
}

function getUpload(ctx, uuid, paramName = 'uploadedFileUuid') {
	const upload = ctx.store.get(UPLOADS, uuid);
	if (!upload) throw notFound('uploaded file', uuid, paramName);
	return upload;
}

/** fileMetadata of the public asset object for a stored file. */
function fileMetadataOf({ fileName, size, mediaType, sha1 }) {
	return {
		fileName,
		fileExtension: extensionOf(fileName),
		fileSizeInBytes: size,
		mediaType,
		sha1Hash: sha1,
	};
}

module.exports = { recordUpload, getUpload, fileMetadataOf, UPLOADS };
