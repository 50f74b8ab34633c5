'use strict';
// Content-addressed file storage for the emulators. Bytes are streamed to a temp file while
// being hashed, then renamed into place, so memory stays flat whatever the file size and a
// killed server never leaves a half-written blob under its final name.

const crypto = require('crypto');
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const { pipeline } = require('stream/promises');
const { Writable } = require('stream');

class PayloadTooLargeError extends Error {
	constructor(limit) {
		super(`payload larger than ${limit} bytes`);
		this.limit = limit;
	}
}

class BlobStore {
	/** @param {string} dir folder that holds `blobs/` and `tmp/` */
	constructor(dir) {
		this.dir = dir;
		this.blobDir = path.join(dir, 'blobs');
		this.tmpDir = path.join(dir, 'tmp');
		fs.mkdirSync(this.blobDir, { recursive: true });
		fs.mkdirSync(this.tmpDir, { recursive: true });
		// Leftovers of a killed process are never referenced by metadata: drop them.
		for (const name of fs.readdirSync(this.tmpDir)) {
			if (name.startsWith('put-')) fs.rmSync(path.join(this.tmpDir, name), { force: true });
		}
	}

	path(key) {
		if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`invalid blob key ${key}`);
		return path.join(this.blobDir, key.slice(0, 2), key);
	}

	has(key) {
		return fs.existsSync(this.path(key));
	}

	size(key) {
		return fs.statSync(this.path(key)).size;
	}

	/** A fresh temp path (for upload sessions that are written piecewise). */
	tempPath(prefix = 'tmp') {
		return path.join(this.tmpDir, `${prefix}-${crypto.randomBytes(12).toString('hex')}`);
	}

	/**
	 * Streams `source` into the store.
	 * @param {NodeJS.ReadableStream | AsyncIterable<Buffer>} source
	 * @param {{ hashers?: Record<string, () => { update(b: Buffer): void, digest(): string | Buffer }>, maxBytes?: number }} [options]
	 *   hashers: extra digests computed in the same pass (Buffers come back hex-encoded)
	 * @returns {Promise<{ key: string, size: number, hashes: Record<string, string> }>}
	 */
	async put(source, options = {}) {
		const tmp = this.tempPath('put');
		const sha = crypto.createHash('sha256');
		const extra = Object.entries(options.hashers || {}).map(([name, make]) => [name, make()]);
		const maxBytes = options.maxBytes ?? Infinity;
		let size = 0;
		const out = fs.createWriteStream(tmp);
		const tap = new Writable({
			write(chunk, _encoding, callback) {
				size += chunk.length;
				if (size > maxBytes) return callback(new PayloadTooLargeError(maxBytes));
				sha.update(chunk);
				for (const [, hasher] of extra) hasher.update(chunk);
				if (!out.write(chunk)) out.once('drain', callback);
				else callback();
			},
			final(callback) {
				out.end(callback);
			},
		});
		// Without a listener, an error of the file stream (a write still pending when an aborted
		// upload destroys it, a full disk) would be an uncaught exception that kills the server.
		out.on('error', (error) => tap.destroy(error));
		try {
			await pipeline(source, tap);
		} catch (error) {
			out.destroy();
			await fsp.rm(tmp, { force: true });
			throw error;
		}
		const key = sha.digest('hex');
		await this.adoptTemp(tmp, key);
		// Hashers may return a string or a Buffer (node:crypto's digest()); hex-encode Buffers.
		const hashes = Object.fromEntries(
			extra.map(([name, hasher]) => {
				const digest = hasher.digest();
				return [name, typeof digest === 'string' ? digest : Buffer.from(digest).toString('hex')];
			}),
		);
		return { key, size, hashes };
	}

	async putBuffer(buffer, options = {}) {
		return this.put([buffer], options);
	}

	/**
	 * Moves a finished temp file (e.g. an upload session) into the store, hashing it by reading
	 * it once as a stream.
	 */
	async adoptFile(tmpPath, options = {}) {
		const result = await this.put(fs.createReadStream(tmpPath), options);
		await fsp.rm(tmpPath, { force: true });
		return result;
	}

	async adoptTemp(tmp, key) {
		const finalPath = this.path(key);
		await fsp.mkdir(path.dirname(finalPath), { recursive: true });
		if (fs.existsSync(finalPath)) {
			await fsp.rm(tmp, { force: true });
		} else {
			await fsp.rename(tmp, finalPath);
		}
	}

	/** @param {{start?: number, end?: number}} [range] inclusive byte range */
	createReadStream(key, range = {}) {
		return fs.createReadStream(this.path(key), range);
	}
}

module.exports = { BlobStore, PayloadTooLargeError };
