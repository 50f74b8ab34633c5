// A file at a URL as a source that an upload streams from (Dropbox Sync Upload and Smint.io
// Upload, File From "URL"): the bytes go from the response straight into the upload's requests,
// never through n8n's binary-data store. For a multi-gigabyte video that is one pass over the
// bytes instead of three (into the store, out of it, up), no disk, and no store size cap (the
// "database" mode refuses files over 512 MiB).
//
// Fetched without credentials: pre-signed links (Smint.io downloads, Dropbox temporary links,
// S3/Azure URLs) authorise themselves. 429/5xx/resets before the body are retried; a
// connection that breaks mid-file continues from the byte where it stopped (Range, guarded by
// If-Range), so the upload sees one unbroken stream and a 4 GiB file is never fetched again
// from its start because its connection dropped at 3 GiB.
import type { IExecuteFunctions, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { contentLengthOf, fileNameFromDisposition, fileNameFromUrl, headerValue, parseContentRange, rangeValidatorOf, redactUrl } from './httpFile';
import type { RetryPolicy } from './retry';
import { readBodyHead } from './smallBody';
import { DEFAULT_RETRY_POLICY, networkCodeOf, retryDelayMs, runWithRetries } from './retry';

export interface UrlFile {
	/** The URL without its query, for messages. */
	readonly shownUrl: string;
	/** Exact byte count (the response's Content-Length). */
	readonly size: number;
	/** From Content-Disposition, else the URL's last path segment; undefined when neither names one. */
	readonly fileName: string | undefined;
	readonly mimeType: string | undefined;
	/** The bytes from the start. The first call streams the response fetched for the headers; a later one fetches again. */
	open(): Promise<AsyncIterable<Uint8Array>>;
	/** Closes the response fetched for the headers when its bytes are not needed after all. */
	discard(): void;
}

export interface UrlFetchSettings {
	node: INode;
	itemIndex: number;
	/** What the URL is, for messages, e.g. "Source URL". */
	label: string;
	policy?: RetryPolicy;
	wait?: (ms: number) => Promise<void>;
}

type Helpers = Pick<IExecuteFunctions['helpers'], 'httpRequest'>;
type Body = AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void };

/** Long transfers must not hit n8n's default 5-minute request timeout. */
const TRANSFER_TIMEOUT_MS = 24 * 3600 * 1000;
const ERROR_BODY_PEEK_BYTES = 2048;

const bodyOf = (response: IN8nHttpFullResponse): Body => response.body as unknown as Body;

/** The first bytes of an error reply (S3 and Azure explain an expired signature there), on one line. */
async function peekText(response: IN8nHttpFullResponse): Promise<string> {
	return String((await readBodyHead(response.body, ERROR_BODY_PEEK_BYTES)) ?? '').replace(/\s+/g, ' ').trim();
}

function hintForStatus(status: number): string {
	if (status === 401 || status === 403) {
		return 'The link was refused: a pre-signed link has probably expired (Smint.io download links live about an hour, Dropbox temporary links four hours). Create the link right before this node, or check that the URL is complete.';
	}
	if (status === 404 || status === 410) return 'There is no file at this URL (any more). Check the URL, or create a fresh link.';
	if (status === 416) return 'The file at the URL changed while it was being read. Run again.';
	return 'Check the URL in a browser; run again once it serves the file.';
}

export async function openUrlFile(helpers: Helpers, rawUrl: string, settings: UrlFetchSettings): Promise<UrlFile> {
	const { node, itemIndex, label } = settings;
	const policy = settings.policy ?? DEFAULT_RETRY_POLICY;
	const wait = settings.wait ?? (async (ms: number) => await sleep(ms));
	if (rawUrl.trim() === '') {
		throw new NodeOperationError(node, `${label} is empty`, {
			itemIndex,
			description: `Set "${label}" to the address of the file, e.g. {{ $json.downloadLink.url }} after a Smint.io "Get Download Link" or {{ $json.link }} after a Dropbox Sync "Get Temporary Link".`,
		});
	}
	let url: URL;
	try {
		url = new URL(rawUrl.trim());
	} catch {
		throw new NodeOperationError(node, `${label} "${redactUrl(rawUrl)}" is not a URL`, {
			itemIndex,
			description: 'Give the full address of the file, starting with https://, e.g. the link a "Get Download Link" or "Get Temporary Link" operation returns.',
		});
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(node, `${label} must start with https:// or http://, not ${url.protocol}`, { itemIndex, description: 'Give the address of the file on a web server.' });
	}
	const shownUrl = redactUrl(url.href);
	// A server may echo the signature in its error reply (S3's SignatureDoesNotMatch does).
	const secrets = [...url.searchParams.values(), url.hash.slice(1)].filter((value) => value.length >= 6).flatMap((value) => [value, encodeURIComponent(value)]);
	const withoutSecrets = (text: string) => secrets.reduce((shown, secret) => shown.split(secret).join('…'), text);
	const remoteError = (message: string, status: number | undefined, description: string) =>
		new NodeApiError(node, { message, ...(status ? { httpCode: String(status) } : {}) }, { message, description, itemIndex, ...(status ? { httpCode: String(status) } : {}) });

	/** One GET (retried on 429, 5xx and resets) whose status is one of `accepted`. */
	const fetch = async (headers: Record<string, string>, accepted: number[]): Promise<IN8nHttpFullResponse> =>
		await runWithRetries<IN8nHttpFullResponse>(
			async () => {
				let response: IN8nHttpFullResponse;
				try {
					response = (await helpers.httpRequest({
						method: 'GET',
						url: url.href,
						// The size must be the size of the bytes we read: no compression.
						headers: { 'Accept-Encoding': 'identity', ...headers },
						encoding: 'stream',
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						timeout: TRANSFER_TIMEOUT_MS,
					})) as IN8nHttpFullResponse;
				} catch (error) {
					const networkCode = networkCodeOf(error) ?? 'ECONNRESET';
					return { failure: { networkCode }, error: remoteError(`${label}: could not reach ${url.host} (${networkCode})`, undefined, 'Check the URL and that the server is up; run again.') };
				}
				if (accepted.includes(response.statusCode)) return { value: response };
				const detail = withoutSecrets(await peekText(response));
				return {
					failure: { status: response.statusCode, retryAfter: headerValue(response, 'retry-after') },
					error: remoteError(`${label}: ${shownUrl} answered ${response.statusCode}${detail ? `: ${detail.slice(0, 300)}` : ''}`, response.statusCode, hintForStatus(response.statusCode)),
				};
			},
			wait,
			policy,
		);

	const first = await fetch({}, [200]);
	const announced = contentLengthOf(first);
	const encoding = headerValue(first, 'content-encoding');
	if (announced === undefined || (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')) {
		bodyOf(first).destroy?.();
		throw new NodeOperationError(node, `${label}: ${shownUrl} does not say how large the file is (${announced === undefined ? 'no Content-Length' : `Content-Encoding ${encoding}`})`, {
			itemIndex,
			description: 'An upload has to announce the exact size before it sends. Download the file into n8n first (e.g. with an HTTP Request node) and upload its binary field instead.',
		});
	}
	const size = announced;
	const validator = rangeValidatorOf(first);
	const changed = (what: string) =>
		remoteError(`${label}: the file at ${shownUrl} changed while it was being read (${what})`, undefined, 'Run again; if it keeps changing, download it into n8n first and upload the binary field.');

	/** The body from byte `from` on: a 206 with the right range, or a full 200 whose first bytes are skipped. */
	const resumeAt = async (from: number): Promise<{ body: Body; skip: number }> => {
		const response = await fetch({ Range: `bytes=${from}-`, ...(validator ? { 'If-Range': validator } : {}) }, [200, 206]);
		if (response.statusCode === 206) {
			const range = parseContentRange(headerValue(response, 'content-range'));
			if (range && range.first === from && range.total === size) return { body: bodyOf(response), skip: 0 };
			bodyOf(response).destroy?.();
			throw changed(`it answered the range request with ${headerValue(response, 'content-range') ?? 'no Content-Range'}`);
		}
		// No ranges (or If-Range saw a new version): the whole file again, which must still be the same size.
		if (contentLengthOf(response) !== size) {
			bodyOf(response).destroy?.();
			throw changed(`${contentLengthOf(response) ?? 'an unknown number of'} bytes instead of ${size}`);
		}
		return { body: bodyOf(response), skip: from };
	};

	/** The bytes of `start`, continued after every break; exactly `size` of them or an error. */
	async function* bytes(start: Body): AsyncGenerator<Uint8Array> {
		let body = start;
		let skip = 0;
		let received = 0;
		let brokeAt = -1;
		let breaksWithoutProgress = 0;
		try {
			for (;;) {
				let broken: unknown;
				try {
					for await (const piece of body) {
						let chunk = piece;
						if (skip > 0) {
							const dropped = Math.min(skip, chunk.length);
							skip -= dropped;
							chunk = chunk.subarray(dropped);
							if (chunk.length === 0) continue;
						}
						received += chunk.length;
						if (received > size) break;
						yield chunk;
					}
				} catch (error) {
					broken = error;
				}
				if (received > size) throw changed(`more than the announced ${size} bytes`);
				// Every byte arrived (a break after the last one does not matter).
				if (received === size) return;
				// The connection broke (or ended early): continue where it stopped.
				breaksWithoutProgress = received > brokeAt ? 1 : breaksWithoutProgress + 1;
				brokeAt = received;
				const delay = retryDelayMs({ networkCode: networkCodeOf(broken) ?? 'ECONNRESET' }, breaksWithoutProgress, policy);
				if (delay === undefined) {
					throw remoteError(`${label}: the connection to ${url.host} kept breaking at byte ${received} of ${size}`, undefined, 'Run again when the server is reachable.');
				}
				body.destroy?.();
				await wait(delay);
				({ body, skip } = await resumeAt(received));
			}
		} finally {
			body.destroy?.();
		}
	}

	let unread: Body | undefined = bodyOf(first);
	const disposition = fileNameFromDisposition(headerValue(first, 'content-disposition'));
	return {
		shownUrl,
		size,
		fileName: disposition || fileNameFromUrl(url) || undefined,
		mimeType: headerValue(first, 'content-type')?.split(';')[0]?.trim() || undefined,
		async open() {
			const body = unread;
			unread = undefined;
			if (body) return bytes(body);
			// A resend (e.g. an upload request retried after a reset): the file again from its start.
			const again = await fetch({}, [200]);
			if (contentLengthOf(again) !== size) {
				bodyOf(again).destroy?.();
				throw changed(`${contentLengthOf(again) ?? 'an unknown number of'} bytes instead of ${size}`);
			}
			return bytes(bodyOf(again));
		},
		discard() {
			unread?.destroy?.();
			unread = undefined;
		},
	};
}
