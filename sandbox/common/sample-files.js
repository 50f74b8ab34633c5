'use strict';
// Real, valid sample files for seed data: PNGs drawn in code (each one different, so content
// hashes differ), four small JPEGs shipped in samples/, and deterministic pseudo-random large
// files produced as streams (never held in memory) for video-sized seeds and benchmarks.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { Readable } = require('stream');
const { createRandom } = require('./random');

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(buffer) {
	let c = 0xffffffff;
	for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

function hexToRgb(hex) {
	const value = parseInt(hex.replace('#', ''), 16);
	return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/**
 * A valid RGB PNG: a diagonal gradient between two colours with a stripe pattern seeded by
 * `seed`, so two calls with different seeds never produce the same bytes.
 */
function makePng({ width = 64, height = 64, from = '#1e3a8a', to = '#60a5fa', seed = 1 } = {}) {
	const a = hexToRgb(from);
	const b = hexToRgb(to);
	const random = createRandom(seed);
	const stripe = random.int(3, 11);
	const raw = Buffer.alloc((width * 3 + 1) * height);
	let offset = 0;
	for (let y = 0; y < height; y++) {
		raw[offset++] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const t = (x + y) / (width + height - 2 || 1);
			const shade = (x + y * 2) % stripe === 0 ? 24 : 0;
			for (let channel = 0; channel < 3; channel++) {
				raw[offset++] = Math.min(255, Math.round(a[channel] + (b[channel] - a[channel]) * t) + shade);
			}
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', zlib.deflateSync(raw)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

const SAMPLE_JPEGS = ['launch-hero.jpg', 'product-shoes.jpg', 'summer-sale.jpg', 'texture-stock.jpg'];

/** One of the shipped JPEGs; `variant` appends a JPEG comment so the bytes (and hash) differ. */
function sampleJpeg(name, variant) {
	const bytes = fs.readFileSync(path.join(__dirname, 'samples', name));
	if (variant === undefined) return bytes;
	// Insert a COM segment right after SOI: still a valid JPEG, different content hash.
	const comment = Buffer.from(`variant:${variant}`, 'utf8');
	const segment = Buffer.alloc(4);
	segment[0] = 0xff;
	segment[1] = 0xfe;
	segment.writeUInt16BE(comment.length + 2, 2);
	return Buffer.concat([bytes.subarray(0, 2), segment, comment, bytes.subarray(2)]);
}

/**
 * A deterministic pseudo-random byte stream of `size` bytes (same seed, same bytes), produced
 * in 1 MiB pieces so multi-gigabyte test files never sit in memory. The bytes are an AES-CTR
 * keystream keyed by the seed: native speed, and incompressible like real video.
 */
function pseudoRandomStream(size, seed = 1, pieceSize = 1024 * 1024) {
	const key = crypto.createHash('sha256').update(`sample-files:${seed}`).digest().subarray(0, 16);
	const cipher = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
	const zeros = Buffer.alloc(pieceSize);
	let produced = 0;
	return new Readable({
		read() {
			if (produced >= size) {
				this.push(null);
				return;
			}
			const length = Math.min(pieceSize, size - produced);
			produced += length;
			this.push(cipher.update(length === pieceSize ? zeros : zeros.subarray(0, length)));
		},
	});
}

module.exports = { makePng, sampleJpeg, SAMPLE_JPEGS, pseudoRandomStream, crc32 };
