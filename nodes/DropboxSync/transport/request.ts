// The three Dropbox request styles over n8n's authenticated request helper, with the shared
// retry policy: 429 (Retry-After, both reasons), 409 too_many_write_operations, 5xx and
// connection resets are retried with bounded backoff; n8n refreshes OAuth2 tokens on 401.
//
// RPC:      JSON body (none for routes without an argument), JSON result.
// upload:   argument in the Dropbox-API-Arg header (ASCII-escaped), raw bytes as the body.
// download: argument in the header, bytes as the body, result in the Dropbox-API-Result header.

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AttemptResult } from '../../shared/retry';
import { networkCodeOf, retryAfterOfThrown, runWithRetries, statusOfThrown } from '../../shared/retry';
import { readSmallText } from '../../shared/smallBody';
import type { ErrorSubject } from '../helpers/dropboxErrors';
import { errorTags } from '../helpers/dropboxErrors';
import { headerSafeJson } from '../helpers/headerJson';
import type { DropboxConnection, DropboxContext } from './connection';
import { getConnection } from './connection';
import type { DropboxFailure } from './errors';
import { failureToError, networkError } from './errors';

export type RequestStyle = 'rpc' | 'upload' | 'download';

export interface DropboxRequest {
	route: string;
	style: RequestStyle;
	/** The route's argument; undefined for routes without one. */
	arg?: unknown;
	/** Upload body (a chunk in memory, so a retry can resend it). */
	body?: Buffer;
	itemIndex?: number;
	/** What the call is about, for error messages. */
	subject?: ErrorSubject;
	/**
	 * Called when the call fails with a route error after an earlier attempt whose outcome is
	 * unknown (the reply was lost, or a 5xx): the first attempt may have done the work. Return
	 * a result to report success, or undefined to report the error.
	 */
	recover?: (failure: DropboxFailure) => Promise<unknown>;
	/**
	 * For calls that are not idempotent (creating a template): called before a retry when the
	 * previous attempt's outcome is unknown. Return the result the first attempt produced if it
	 * took effect, or undefined to send the call again.
	 */
	checkBeforeRetry?: () => Promise<unknown>;
	/** users/get_current_account for the team root is sent without a Path-Root header. */
	withoutPathRoot?: boolean;
}

export interface DropboxResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

const HOST_OF: Record<RequestStyle, 'api' | 'content'> = { rpc: 'api', upload: 'content', download: 'content' };

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/** Status and body of an error n8n threw (401s: n8n only refreshes when the request throws). */
function thrownResponse(error: unknown): { status?: number; body?: unknown } {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { response?: { status?: number; data?: unknown }; cause?: unknown };
		if (candidate.response && typeof candidate.response.status === 'number') {
			return { status: candidate.response.status, body: candidate.response.data };
		}
		current = candidate.cause;
	}
	// E.g. a token refresh answered 429/5xx inside n8n's OAuth2 helper (no response object).
	return { status: statusOfThrown(error) };
}

async function pathRootHeader(ctx: DropboxContext, connection: DropboxConnection): Promise<string | undefined> {
	if (connection.root !== 'team') return undefined;
	if (!connection.pathRoot) {
		connection.pathRoot = (async () => {
			const account = (await dropboxRequest(ctx, { route: 'users/get_current_account', style: 'rpc', withoutPathRoot: true })).body as {
				root_info?: { root_namespace_id?: string };
			};
			const namespaceId = account?.root_info?.root_namespace_id;
			return namespaceId ? JSON.stringify({ '.tag': 'root', root: namespaceId }) : undefined;
		})();
		// Do not keep a failed lookup: the next call tries again.
		connection.pathRoot.catch(() => (connection.pathRoot = undefined));
	}
	return await connection.pathRoot;
}

function buildOptions(connection: DropboxConnection, request: DropboxRequest, pathRoot: string | undefined): IHttpRequestOptions {
	const host = HOST_OF[request.style];
	const headers: IDataObject = {};
	if (pathRoot) headers['Dropbox-API-Path-Root'] = pathRoot;
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${connection.hosts[host]}/2/${request.route}`,
		headers,
		returnFullResponse: true,
		// n8n refreshes OAuth2 tokens only when a request throws with 401; every other status is
		// handled here (Retry-After, Dropbox error unions).
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	if (request.style === 'rpc') {
		// Routes without an argument get no body and no Content-Type: Dropbox rejects a JSON
		// Content-Type with an empty body.
		if (request.arg !== undefined) {
			headers['Content-Type'] = 'application/json';
			options.body = JSON.stringify(request.arg);
		}
		options.json = false;
	} else {
		if (request.arg !== undefined) headers['Dropbox-API-Arg'] = headerSafeJson(request.arg);
		if (request.style === 'upload') {
			headers['Content-Type'] = 'application/octet-stream';
			if (request.body && request.body.length > 0) options.body = request.body;
			// Otherwise axios keeps every body chunk for a possible redirect replay.
			options.disableFollowRedirect = true;
		} else {
			options.encoding = 'stream';
		}
	}
	return options;
}

/** How often one call may meet a token that expired again right after n8n refreshed it. */
const MAX_EXPIRED_TOKEN_RETRIES = 2;

/**
 * Sends one Dropbox call with retries. Returns the response of the successful attempt (for
 * downloads the body is a readable stream); throws NodeApiError / NodeOperationError.
 */
export async function dropboxRequest(ctx: DropboxContext, request: DropboxRequest): Promise<DropboxResponse> {
	const connection = await getConnection(ctx);
	const pathRoot = request.withoutPathRoot ? undefined : await pathRootHeader(ctx, connection);
	const node = ctx.getNode();
	const subject = request.subject ?? {};
	let outcomeUnknown = false;
	let lastNetworkFailure = false;
	let expiredTokenRetries = 0;

	const attempt = async (attemptNumber: number): Promise<AttemptResult<DropboxResponse>> => {
		if (lastNetworkFailure && request.style === 'upload' && connection.usesOAuth2) {
			// A server that rejects an expired token before reading the body can reset the
			// connection (EPIPE) before the 401 arrives, so n8n never refreshes. A body-less call
			// gets the 401 through and lets n8n refresh before the upload is sent again.
			await probeToken(ctx, connection);
		}
		lastNetworkFailure = false;
		if (outcomeUnknown && request.checkBeforeRetry) {
			const alreadyDone = await request.checkBeforeRetry();
			if (alreadyDone !== undefined) return { value: { statusCode: 200, headers: {}, body: alreadyDone } };
		}
		let response: HttpResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				connection.credentialType,
				buildOptions(connection, request, pathRoot),
			)) as HttpResponse;
		} catch (error) {
			const thrown = thrownResponse(error);
			if (thrown.status !== undefined) {
				const failure: DropboxFailure = { status: thrown.status, tags: errorTags(parseBody(thrown.body)), body: parseBody(thrown.body), route: request.route };
				// n8n refreshes once on a 401 and sends the call again; when the new token has expired
				// too by the time it arrives (clock skew, a slow machine), try again so n8n refreshes again.
				const expiredToken = thrown.status === 401 && connection.usesOAuth2 && failure.tags.includes('expired_access_token') && expiredTokenRetries < MAX_EXPIRED_TOKEN_RETRIES;
				if (expiredToken) expiredTokenRetries++;
				return { failure: { status: thrown.status, retryAfter: retryAfterOfThrown(error), expiredToken }, error: failureToError(node, failure, subject, { itemIndex: request.itemIndex, usesOAuth2: connection.usesOAuth2, attempts: attemptNumber }) };
			}
			const networkCode = networkCodeOf(error);
			if (networkCode === undefined) {
				// Not a transport failure (e.g. the credential needs reconnecting): n8n's own error is clear.
				return { failure: {}, error: error as Error };
			}
			outcomeUnknown = true;
			lastNetworkFailure = true;
			return { failure: { networkCode }, error: networkError(node, request.route, networkCode, error, request.itemIndex, attemptNumber) };
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) return { value: response };

		const body = parseBody(request.style === 'download' ? await readSmallText(response.body) : response.body);
		const failure: DropboxFailure = { status, tags: errorTags(body), body, route: request.route };
		const error = () => failureToError(node, failure, subject, { itemIndex: request.itemIndex, usesOAuth2: connection.usesOAuth2, attempts: attemptNumber });
		if (status === 429) {
			return { failure: { status, retryAfter: header(response.headers, 'retry-after') }, error: error() };
		}
		if (status >= 500) {
			outcomeUnknown = true;
			return { failure: { status }, error: error() };
		}
		if (status === 409 && failure.tags.includes('too_many_write_operations')) {
			// Namespace lock contention inside a route error: as retryable as a 429 (backoff, no Retry-After).
			return { failure: { status: 429 }, error: error() };
		}
		if (outcomeUnknown && request.recover) {
			const recovered = await request.recover(failure);
			if (recovered !== undefined) return { value: { statusCode: 200, headers: {}, body: recovered } };
		}
		return { failure: { status }, error: error() };
	};

	return await runWithRetries(attempt, async (ms) => await sleep(ms));
}

async function probeToken(ctx: DropboxContext, connection: DropboxConnection): Promise<void> {
	try {
		await ctx.helpers.httpRequestWithAuthentication.call(ctx, connection.credentialType, {
			method: 'POST',
			url: `${connection.hosts.api}/2/users/get_current_account`,
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
		});
	} catch {
		// The probe only gives n8n the chance to refresh; the upload's own retry reports failures.
	}
}

/** RPC call: JSON in, JSON out. */
export async function dropboxRpc<T = unknown>(ctx: DropboxContext, route: string, arg?: unknown, options: Omit<DropboxRequest, 'route' | 'style' | 'arg'> = {}): Promise<T> {
	const response = await dropboxRequest(ctx, { ...options, route, style: 'rpc', arg });
	return response.body as T;
}

/** Content-upload call: argument in the header, bytes as the body, JSON result. */
export async function dropboxUpload<T = unknown>(
	ctx: DropboxContext,
	route: string,
	arg: unknown,
	body: Buffer,
	options: Omit<DropboxRequest, 'route' | 'style' | 'arg' | 'body'> = {},
): Promise<T> {
	const response = await dropboxRequest(ctx, { ...options, route, style: 'upload', arg, body });
	return parseBody(response.body) as T;
}

/** Content-download call: the response body is a stream; the result comes from Dropbox-API-Result. */
export async function dropboxDownload<T = unknown>(
	ctx: DropboxContext,
	route: string,
	arg: unknown,
	options: Omit<DropboxRequest, 'route' | 'style' | 'arg' | 'body'> = {},
): Promise<{ result: T; stream: unknown; headers: Record<string, unknown> }> {
	const response = await dropboxRequest(ctx, { ...options, route, style: 'download', arg });
	const resultHeader = header(response.headers, 'dropbox-api-result');
	return { result: (resultHeader ? JSON.parse(resultHeader) : {}) as T, stream: response.body, headers: response.headers };
}
