// Dropbox's content_hash: SHA-256 over the concatenated SHA-256 digests of 4 MiB blocks
// (https://www.dropbox.com/developers/reference/content-hash). Incremental, so a file can be
// hashed while it streams past, in pieces of any size.

import { createHash, type Hash } from 'crypto';

export const CONTENT_HASH_BLOCK_SIZE = 4 * 1024 * 1024;

export class DropboxContentHasher {
	private readonly overall: Hash = createHash('sha256');

	private block: Hash | undefined;

	private blockBytes = 0;

	/** Bytes hashed so far. */
	bytes = 0;

	update(data: Uint8Array): this {
		let offset = 0;
		while (offset < data.length) {
			if (!this.block) this.block = createHash('sha256');
			const take = Math.min(CONTENT_HASH_BLOCK_SIZE - this.blockBytes, data.length - offset);
			this.block.update(data.subarray(offset, offset + take));
			this.blockBytes += take;
			offset += take;
			if (this.blockBytes === CONTENT_HASH_BLOCK_SIZE) this.finishBlock();
		}
		this.bytes += data.length;
		return this;
	}

	/** Lowercase hex, as Dropbox reports it. The hasher cannot be used afterwards. */
	digest(): string {
		if (this.block) this.finishBlock();
		return this.overall.digest('hex');
	}

	private finishBlock(): void {
		this.overall.update(this.block!.digest());
		this.block = undefined;
		this.blockBytes = 0;
	}
}

/** content_hash of bytes that are already in memory. */
export function contentHashOf(data: Uint8Array): string {
	return new DropboxContentHasher().update(data).digest();
}
