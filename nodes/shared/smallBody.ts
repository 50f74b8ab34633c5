// Reads a response body that is expected to be small (an error body, a claim file) as text,
// keeping at most `limit` bytes so a runaway body is never buffered whole. Strings and buffers
// pass through; anything that is not a stream is returned unchanged.

export const SMALL_BODY_LIMIT = 64 * 1024;

export async function readSmallText(body: unknown, limit = SMALL_BODY_LIMIT): Promise<unknown> {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (typeof body !== 'object' || body === null || !(Symbol.asyncIterator in body)) return body;
	const pieces: Buffer[] = [];
	let size = 0;
	for await (const piece of body as AsyncIterable<Uint8Array>) {
		// Keep reading past the limit (dropping the bytes) so the connection is drained, not cut.
		if (size < limit) pieces.push(Buffer.from(piece));
		size += piece.length;
	}
	return Buffer.concat(pieces).toString('utf8').slice(0, limit);
}

/**
 * The first `limit` bytes of a body as text, then the stream is closed: for error replies of
 * download URLs, which may stream gigabytes where draining (readSmallText) would read them
 * all. A body that breaks off returns what arrived. Non-streams as readSmallText returns them.
 */
export async function readBodyHead(body: unknown, limit = SMALL_BODY_LIMIT): Promise<unknown> {
	if (typeof body === 'string') return body.slice(0, limit);
	if (Buffer.isBuffer(body)) return body.subarray(0, limit).toString('utf8');
	if (typeof body !== 'object' || body === null || !(Symbol.asyncIterator in body)) return body;
	const stream = body as AsyncIterable<Uint8Array> & { destroy?: () => void };
	const pieces: Buffer[] = [];
	let size = 0;
	try {
		for await (const piece of stream) {
			pieces.push(Buffer.from(piece));
			size += piece.length;
			if (size >= limit) break;
		}
	} catch {
		// The reply broke off: what arrived is enough to say what went wrong.
	}
	stream.destroy?.();
	return Buffer.concat(pieces).subarray(0, limit).toString('utf8');
}
