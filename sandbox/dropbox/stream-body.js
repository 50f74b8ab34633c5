'use strict';
// Streams a request body to disk with backpressure, a byte cap and hashing on the way, so an
// upload never sits in memory. When the cap is crossed the rest of the body is read and
// discarded (not the connection dropped), so the client still gets the 409 reply.

const crypto = require('crypto');
const fs = require('fs');
const { ContentHasher } = require('./content-hash');

class PayloadTooLarge extends Error {
	constructor(limit) {
		super(`request body larger than ${limit} bytes`);
		this.limit = limit;
	}
}

class ClientAborted extends Error {
	constructor() {
		super('client closed the connection before the body was complete');
	}
}

/**
 * @param {import('http').IncomingMessage} req
 * @param {{ filePath: string, start?: number, flags?: string, maxBytes: number, hashers?: Array<{update(b: Buffer): any}> }} options
 * @returns {Promise<{ size: number }>}
 */
function receiveToFile(req, { filePath, start = 0, flags = 'r+', maxBytes, hashers = [] }) {
	return new Promise((resolve, reject) => {
		const out = fs.createWriteStream(filePath, { flags, start });
		let size = 0;
		let settled = false;

		const cleanup = () => {
			req.removeListener('data', onData);
			req.removeListener('end', onEnd);
			req.removeListener('close', onClose);
		};
		const fail = (error) => {
			if (settled) return;
			settled = true;
			cleanup();
			// Keep reading so the client can finish sending and read our reply.
			req.on('error', () => {});
			req.resume();
			out.destroy();
			if (out.closed) reject(error);
			else out.once('close', () => reject(error));
		};
		const onData = (chunk) => {
			size += chunk.length;
			if (size > maxBytes) {
				fail(new PayloadTooLarge(maxBytes));
				return;
			}
			for (const hasher of hashers) hasher.update(chunk);
			if (!out.write(chunk)) {
				req.pause();
				out.once('drain', () => {
					if (!settled) req.resume();
				});
			}
		};
		const onEnd = () => {
			if (settled) return;
			settled = true;
			cleanup();
			out.end(() => {});
			out.once('close', () => resolve({ size }));
		};
		const onClose = () => {
			if (!req.complete) fail(new ClientAborted());
		};
		out.on('error', (error) => fail(error));
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('close', onClose);
	});
}

function sha256Hasher() {
	const hash = crypto.createHash('sha256');
	return {
		update: (chunk) => hash.update(chunk),
		digest: () => hash.digest('hex'),
	};
}

/** Receives a body into a new temp file of the blob store and files it under its SHA-256. */
async function receiveBlob(blobs, req, maxBytes) {
	const tmp = blobs.tempPath('put');
	const sha = sha256Hasher();
	const content = new ContentHasher();
	let size;
	try {
		({ size } = await receiveToFile(req, { filePath: tmp, flags: 'w', maxBytes, hashers: [sha, content] }));
	} catch (error) {
		await fs.promises.rm(tmp, { force: true });
		throw error;
	}
	const key = sha.digest();
	await blobs.adoptTemp(tmp, key);
	return { key, size, hash: content.digest() };
}

/** Reads a file once, computing the blob key and the content hash. */
async function hashFile(filePath) {
	const sha = crypto.createHash('sha256');
	const content = new ContentHasher();
	let size = 0;
	for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
		sha.update(chunk);
		content.update(chunk);
		size += chunk.length;
	}
	return { key: sha.digest('hex'), hash: content.digest(), size };
}

module.exports = { receiveToFile, receiveBlob, hashFile, PayloadTooLarge, ClientAborted, sha256Hasher };
