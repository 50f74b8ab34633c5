'use strict';
// Streaming helpers shared by the large-upload test and the memory script: a multipart body
// produced from a deterministic byte stream (sha1 computed on the way), a streamed POST, and a
// streamed download that hashes without buffering.

const crypto = require('crypto');
const http = require('http');
const { pipeline } = require('stream/promises');
const { Readable, Writable } = require('stream');

const PIECE = 1024 * 1024;
const ZEROS = Buffer.alloc(PIECE);

/**
 * Deterministic pseudo-random bytes (AES-128-CTR over zeros, keyed by the seed): the same
 * seed gives the same bytes, at native speed, one 1 MiB piece at a time. (The shared
 * pseudoRandomStream is a JS loop, about ten times slower inside jest's sandbox.)
 */
async function* deterministicBytes(size, seed) {
	const key = crypto.createHash('sha256').update(`smintio-stream:${seed}`).digest().subarray(0, 16);
	const cipher = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
	let produced = 0;
	while (produced < size) {
		const length = Math.min(PIECE, size - produced);
		produced += length;
		yield cipher.update(length === PIECE ? ZEROS : ZEROS.subarray(0, length));
	}
}

/**
 * @returns {{ stream: Readable, contentType: string, contentLength: number, sha1: () => string }}
 */
function multipartStream(fileName, size, seed = 1, mediaType = 'video/mp4') {
	const boundary = `----smintio-stream-${crypto.randomBytes(8).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mediaType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const hash = crypto.createHash('sha1');
	let digest = null;
	async function* generate() {
		yield head;
		for await (const chunk of deterministicBytes(size, seed)) {
			hash.update(chunk);
			yield chunk;
		}
		digest = hash.digest('hex');
		yield tail;
	}
	return {
		stream: Readable.from(generate()),
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: head.length + size + tail.length,
		sha1: () => digest,
	};
}

/** POSTs a stream; resolves with {status, body (parsed JSON)}. */
function postStream(url, headers, stream) {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers }, (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				try {
					resolve({ status: response.statusCode, body: JSON.parse(text) });
				} catch {
					resolve({ status: response.statusCode, body: text });
				}
			});
			response.on('error', reject);
		});
		request.on('error', reject);
		pipeline(stream, request).catch(reject);
	});
}

/** GETs a URL (no Authorization) and hashes the body as it streams. */
function downloadSha1(url) {
	return new Promise((resolve, reject) => {
		http
			.get(url, (response) => {
				const hash = crypto.createHash('sha1');
				let size = 0;
				const sink = new Writable({
					write(chunk, _encoding, callback) {
						size += chunk.length;
						hash.update(chunk);
						callback();
					},
				});
				pipeline(response, sink)
					.then(() => resolve({ status: response.statusCode, size, sha1: hash.digest('hex') }))
					.catch(reject);
			})
			.on('error', reject);
	});
}

module.exports = { multipartStream, postStream, downloadSha1, deterministicBytes };
