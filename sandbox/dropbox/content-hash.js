'use strict';
// Dropbox's content_hash (https://www.dropbox.com/developers/reference/content-hash): SHA-256
// over the concatenated raw SHA-256 digests of consecutive 4 MiB blocks. Incremental, so it
// runs over a stream without holding a block in memory (only the running block digest).

const crypto = require('crypto');

const BLOCK_SIZE = 4 * 1024 * 1024;

class ContentHasher {
	constructor() {
		this.overall = crypto.createHash('sha256');
		this.block = null;
		this.blockPosition = 0;
	}

	/** @param {Buffer | Uint8Array} data */
	update(data) {
		let offset = 0;
		while (offset < data.length) {
			if (this.block === null) {
				this.block = crypto.createHash('sha256');
				this.blockPosition = 0;
			}
			const take = Math.min(BLOCK_SIZE - this.blockPosition, data.length - offset);
			this.block.update(data.subarray(offset, offset + take));
			this.blockPosition += take;
			offset += take;
			if (this.blockPosition === BLOCK_SIZE) {
				this.overall.update(this.block.digest());
				this.block = null;
			}
		}
		return this;
	}

	/** An independent hasher in the same state (to roll back a failed append). */
	copy() {
		const clone = Object.create(ContentHasher.prototype);
		clone.overall = this.overall.copy();
		clone.block = this.block ? this.block.copy() : null;
		clone.blockPosition = this.blockPosition;
		return clone;
	}

	/** @returns {string} lowercase hex; an empty input has no blocks: SHA-256 of nothing */
	digest() {
		if (this.block !== null) {
			this.overall.update(this.block.digest());
			this.block = null;
		}
		return this.overall.digest('hex');
	}
}

function contentHashOf(buffer) {
	return new ContentHasher().update(buffer).digest();
}

module.exports = { ContentHasher, contentHashOf, BLOCK_SIZE };
