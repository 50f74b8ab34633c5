// Request bodies that n8n's request helpers STREAM, built without importing 'stream', 'fs' or
// 'http' (shipped code may not).
//
// How it works (measured with n8n-core 2.41 in test/helpers/README.md): axios, inside n8n's
// request helper, treats an object whose `Object.prototype.toString` is "[object Blob]" as a
// Blob. It takes Content-Type from `type`, Content-Length from `size`, and sends the chunks
// of `stream()` as they come, so a 1 GiB file never sits in memory. n8n's OAuth2 refresh and
// preAuthentication retry resend such a body (it is neither a Stream nor FormData, which n8n
// calls "single-use"): axios calls `stream()` again, so `stream()` opens the source afresh
// each time.
//
// Rules for callers:
// - Do not set a Content-Type header: axios overwrites it with `type`.
// - Set `disableFollowRedirect: true` on the request. With redirects on, axios sends through
//   follow-redirects, which keeps every body chunk in memory until the response arrives.
// - `size` must be exact: it is sent as Content-Length.
import { randomBytes } from 'crypto';

/** Opens the bytes to send, from the start, each time it is called. */
export type OpenSource = () => Promise<AsyncIterable<Uint8Array>>;

/** Called with every chunk of the source as it is sent (e.g. to hash it); `restart` on a resend. */
export interface ChunkObserver {
	restart(): void;
	chunk(data: Uint8Array): void;
}

/** A Blob look-alike body. `opened` counts `stream()` calls (1 + resends). */
export interface StreamingBody {
	readonly size: number;
	readonly type: string;
	opened: number;
	stream(): AsyncGenerator<Uint8Array>;
}

class BlobLikeBody implements StreamingBody {
	opened = 0;

	constructor(
		readonly size: number,
		readonly type: string,
		private readonly parts: () => AsyncGenerator<Uint8Array>,
	) {}

	get [Symbol.toStringTag](): string {
		return 'Blob';
	}

	async *stream(): AsyncGenerator<Uint8Array> {
		this.opened++;
		yield* this.parts();
	}
}

/**
 * Passes the source through, reporting chunks to the observer. A resend starts a new pass; a
 * stale pass (axios may still read ahead from an aborted attempt) no longer reports.
 */
function observing(observer?: ChunkObserver): (source: AsyncIterable<Uint8Array>) => AsyncGenerator<Uint8Array> {
	let passes = 0;
	return async function* (source) {
		const pass = ++passes;
		observer?.restart();
		for await (const chunk of source) {
			if (pass === passes) observer?.chunk(chunk);
			yield chunk;
		}
	};
}

/** Escapes a value for a quoted Content-Disposition parameter. */
function quoted(value: string): string {
	return value.replace(/[\r\n]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export interface MultipartOptions {
	openFile: OpenSource;
	/** Exact byte length of the file. */
	fileSize: number;
	fileName: string;
	mimeType: string;
	/** Form field name of the file part. Default `file`. */
	fieldName?: string;
	/** Text fields sent before the file part. */
	fields?: Record<string, string>;
	observer?: ChunkObserver;
}

/** multipart/form-data with text fields and one file part streamed from `openFile`. */
export function multipartStreamingBody(options: MultipartOptions): StreamingBody {
	const { openFile, fileSize, fileName, mimeType, fieldName = 'file', fields = {}, observer } = options;
	const boundary = `----n8nFormBoundary${randomBytes(12).toString('hex')}`;
	let head = '';
	for (const [name, value] of Object.entries(fields)) {
		head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`;
	}
	// filename* carries non-ASCII names; the plain filename is an ASCII fallback.
	const asciiName = fileName.replace(/[^\x20-\x7e]/g, '_');
	head +=
		`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fieldName)}"; filename="${quoted(asciiName)}"` +
		(asciiName === fileName ? '' : `; filename*=UTF-8''${encodeURIComponent(fileName)}`) +
		`\r\nContent-Type: ${mimeType || 'application/octet-stream'}\r\n\r\n`;
	const preamble = Buffer.from(head, 'utf8');
	const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	const observed = observing(observer);
	return new BlobLikeBody(preamble.length + fileSize + epilogue.length, `multipart/form-data; boundary=${boundary}`, async function* () {
		yield preamble;
		yield* observed(await openFile());
		yield epilogue;
	});
}

/** The file's bytes as the whole body (e.g. application/octet-stream uploads). */
export function rawStreamingBody(options: { openFile: OpenSource; size: number; type?: string; observer?: ChunkObserver }): StreamingBody {
	const { openFile, size, type = 'application/octet-stream', observer } = options;
	const observed = observing(observer);
	return new BlobLikeBody(size, type, async function* () {
		yield* observed(await openFile());
	});
}

/** A source over bytes already in memory (n8n's default binary mode keeps them in the item). */
export function bufferSource(buffer: Uint8Array, chunkSize = 256 * 1024): OpenSource {
	return async () =>
		(async function* () {
			for (let offset = 0; offset < buffer.length; offset += chunkSize) {
				yield buffer.subarray(offset, Math.min(buffer.length, offset + chunkSize));
			}
		})();
}
