// Pre-signed download URLs (Portals download links, CLAPI-C download_url) [public]: fetched
// WITHOUT the Authorization header (they authorise themselves and expire after about an
// hour), streamed into n8n binary data. 429/5xx/resets are retried; an expired link (403) is
// replaced once through `renewUrl` (re-initiate the download / re-read the binaries).
// The SHA-1 of the bytes is computed while they stream into the store, so checking them
// against the asset's SHA-1 needs no second read of the stored file.
import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { runWithRetries } from '../../shared/retry';
import type { AttemptResult } from '../../shared/retry';
import type { SmintIoClient } from './client';
import { networkCodeOfError } from './authenticatedRequest';
import { asNodeError, networkError, smintIoApiError } from './errors';
import { binaryStoreRefusal, isStreamBreak } from '../../shared/binaryStore';
import { readBodyHead } from '../../shared/smallBody';
import { fileNameFromDisposition, headerValue as header, redactUrl as redact } from '../../shared/httpFile';

export interface DownloadOptions {
	label: string;
	/** Used when the response names no file. */
	fileName?: string;
	mimeType?: string;
	/** A fresh URL after the first one answered 403 (expired). Called at most once. */
	renewUrl?: () => Promise<string>;
}

export interface Downloaded {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	/** Content-Length announced by the server, when it sent one. */
	contentLength: number | null;
	/** True when the first link had expired and a renewed one was used. */
	renewed: boolean;
	/** SHA-1 (hex) of the bytes that went into the binary data; undefined if they could not all be seen. */
	sha1?: string;
}

type Fetched = { kind: 'stored'; downloaded: Omit<Downloaded, 'renewed'> } | { kind: 'expired'; body: unknown };

/** A small error body (its first 64 KiB, the rest never read), parsed when it is JSON. */
async function readErrorBody(body: unknown): Promise<unknown> {
	const text = await readBodyHead(body);
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * Calls `onChunk` with every chunk the binary store takes from the response body. Readable
 * streams emit 'data' for each chunk they hand out, whether the consumer pipes, listens or
 * reads (async iteration); wrapping `emit` sees them all without changing the stream's mode
 * (a 'data' listener would start the flow before n8n's store is attached).
 */
function observeChunks(body: unknown, onChunk: (chunk: Uint8Array) => void): boolean {
	const emitter = body as { emit?: (event: string | symbol, ...args: unknown[]) => boolean } | null;
	if (typeof emitter?.emit !== 'function') return false;
	const emit = emitter.emit;
	emitter.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
		if (event === 'data' && args[0] instanceof Uint8Array) onChunk(args[0]);
		return emit.call(this, event, ...args);
	};
	return true;
}

function binaryStoreError(client: SmintIoClient, label: string, error: unknown): NodeOperationError {
	return binaryStoreRefusal(client.node, `${label}: n8n could not store the downloaded file`, error, client.itemIndex);
}

async function fetchOnce(ctx: IExecuteFunctions, client: SmintIoClient, url: string, options: DownloadOptions): Promise<Fetched> {
	let attempts = 0;
	const attempt = async (attemptNumber: number): Promise<AttemptResult<Fetched>> => {
		attempts = attemptNumber;
		let response: IN8nHttpFullResponse;
		try {
			// No Authorization header: the URL is pre-signed (and may point at a storage host).
			response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 24 * 3600 * 1000,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const networkCode = networkCodeOfError(error) ?? 'ECONNRESET';
			return {
				failure: { networkCode },
				error: networkError(client.node, options.label, networkCode, attemptNumber, client.itemIndex),
			};
		}
		const status = response.statusCode;
		if (status === 200) {
			const fileName = fileNameFromDisposition(header(response, 'content-disposition')) ?? options.fileName ?? 'download';
			const mimeType = options.mimeType ?? header(response, 'content-type')?.split(';')[0] ?? 'application/octet-stream';
			const length = Number(header(response, 'content-length'));
			let binary: IBinaryData;
			const hash = createHash('sha1');
			let hashedBytes = 0;
			const observed = observeChunks(response.body, (chunk) => {
				hash.update(chunk);
				hashedBytes += chunk.length;
			});
			try {
				binary = await ctx.helpers.prepareBinaryData(response.body as Buffer, fileName, mimeType);
			} catch (error) {
				// n8n's binary store refused the file (the database mode's size cap, a full disk):
				// fetching it again cannot help, so say so instead of retrying it as a reset.
				if (networkCodeOfError(error) === undefined && !isStreamBreak(error)) throw binaryStoreError(client, options.label, error);
				// The connection broke while the file was streaming: fetch it again.
				const networkCode = networkCodeOfError(error) ?? 'ECONNRESET';
				return {
					failure: { networkCode },
					error: networkError(client.node, options.label, networkCode, attemptNumber, client.itemIndex),
				};
			}
			return {
				value: {
					kind: 'stored',
					downloaded: {
						binary,
						fileName,
						mimeType,
						contentLength: Number.isFinite(length) ? length : null,
						// Only when every stored byte passed the observer.
						sha1: observed && binary.bytes === hashedBytes ? hash.digest('hex') : undefined,
					},
				},
			};
		}
		const body = await readErrorBody(response.body);
		if (status === 403) return { value: { kind: 'expired', body } };
		return {
			failure: { status, retryAfter: header(response, 'retry-after') },
			error: smintIoApiError(client.node, {
				status,
				label: options.label,
				body,
				itemIndex: client.itemIndex,
				attempts: attemptNumber,
			}),
		};
	};
	try {
		return await runWithRetries(attempt, async (ms) => await client.wait(ms), client.retryPolicy);
	} catch (error) {
		const code = networkCodeOfError(error);
		throw code ? networkError(client.node, options.label, code, attempts, client.itemIndex) : asNodeError(client.node, error);
	}
}

export async function downloadPresigned(
	ctx: IExecuteFunctions,
	client: SmintIoClient,
	url: string,
	options: DownloadOptions,
): Promise<Downloaded> {
	let fetched = await fetchOnce(ctx, client, url, options);
	let renewed = false;
	if (fetched.kind === 'expired' && options.renewUrl) {
		renewed = true;
		fetched = await fetchOnce(ctx, client, await options.renewUrl(), options);
	}
	if (fetched.kind === 'expired') {
		throw smintIoApiError(client.node, {
			status: 403,
			label: `${options.label} (${redact(url)})`,
			body: fetched.body,
			itemIndex: client.itemIndex,
		});
	}
	return { ...fetched.downloaded, renewed };
}
