'use strict';
// POST {fe}/portals/{portalUuid}/portalsContext/uploadFile [public]: multipart/form-data with
// one file part → {uuid}. The file is streamed to disk (busboy → blob store, hashing sha1 and
// crc32 on the way), so memory stays flat whatever its size. Further file parts are drained
// and ignored; other fields are ignored. A client that aborts leaves nothing behind.

const busboy = require('busboy');
const { sendJson } = require('../../common/http');
const { PayloadTooLargeError } = require('../../common/blobstore');
const { storeStream } = require('../model/files');
const { recordUpload } = require('../model/uploads');
const { SmintioError, argumentInvalid, argumentMissing } = require('../errors');

function handleUpload(ctx, req, res) {
	const contentType = req.headers['content-type'] || '';
	if (!/^multipart\/form-data/i.test(contentType)) {
		throw argumentInvalid('uploadFile takes multipart/form-data with one file part', 'body');
	}
	let parser;
	try {
		parser = busboy({ headers: req.headers, limits: { files: 8, fields: 100 } });
	} catch (error) {
		throw argumentInvalid(`malformed multipart request: ${error.message}`, 'body');
	}
	return new Promise((resolve, reject) => {
		let settled = false;
		let stored = null;
		const fail = (error) => {
			if (settled) return;
			settled = true;
			req.unpipe(parser);
			parser.destroy(error);
			req.resume(); // drain what the client still sends
			reject(error);
		};
		req.on('close', () => {
			if (req.complete || settled) return;
			// The client went away: drop the partial file; there is nobody to answer.
			settled = true;
			req.unpipe(parser);
			parser.destroy(new Error('client aborted the upload'));
			if (stored) stored.catch(() => undefined);
			resolve();
		});
		parser.on('file', (_field, stream, info) => {
			if (stored) {
				stream.resume();
				return;
			}
			const fileName = info.filename || 'upload.bin';
			stored = storeStream(ctx, stream, { maxBytes: ctx.config.maxUploadBytes }).then((blob) => ({
				blob,
				fileName,
				declaredType: info.mimeType,
			}));
			stored.catch((error) => {
				if (error instanceof PayloadTooLargeError) {
					fail(new SmintioError(413, 'argument_invalid', `the file is larger than ${ctx.config.maxUploadBytes} bytes`, { name: 'file' }));
				} else fail(error);
			});
		});
		parser.on('error', (error) => fail(argumentInvalid(`malformed multipart request: ${error.message}`, 'body')));
		parser.on('close', async () => {
			try {
				if (!stored) throw argumentMissing('file');
				const { blob, fileName, declaredType } = await stored;
				if (settled) return;
				const upload = recordUpload(ctx, { blobKey: blob.blobKey, size: blob.size, sha1: blob.sha1, fileName, declaredType });
				settled = true;
				sendJson(res, 200, { uuid: upload.uuid });
				resolve();
			} catch (error) {
				fail(error);
			}
		});
		req.pipe(parser);
	});
}

module.exports = { handleUpload };
