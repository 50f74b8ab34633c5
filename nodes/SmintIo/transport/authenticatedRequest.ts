// One authenticated Smint.io request with retries.
//
// - Every call goes through n8n's httpRequestWithAuthentication with the Smint.io OAuth2
//   credential; `ignoreHttpStatusErrors` except 401, so n8n still refreshes an expired token
//   on 401 (and resends) while this code sees every other status with its headers.
// - 429 (Retry-After honoured), 5xx and connection resets are retried with the shared
//   bounded, jittered backoff (nodes/shared/retry.ts).
// - Calls that create something pass `recover`: after a failure that may have happened after
//   the server acted (no response, 5xx), `recover` looks for the result before sending again.
import type { IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { networkCodeOf, retryAfterOfThrown, runWithRetries, statusOfThrown } from '../../shared/retry';
import type { AttemptResult, RetryPolicy } from '../../shared/retry';
import { CREDENTIAL_TYPE, callContext, requestHelpers } from './credentials';
import type { SmintIoContext } from './credentials';
import { asNodeError, networkError, smintIoApiError } from './errors';

export interface SendOptions {
	method: IHttpRequestMethods;
	url: string;
	qs?: IHttpRequestOptions['qs'];
	body?: IHttpRequestOptions['body'];
	headers?: IHttpRequestOptions['headers'];
	/** What is being done, for messages ("Get asset 99:image:…"). */
	label: string;
	/** Streamed uploads: no redirect following (it would buffer the body). */
	disableFollowRedirect?: boolean;
	timeout?: number;
	/**
	 * Streamed uploads: a server that answers 401 before reading the body makes the write fail
	 * (EPIPE/ECONNRESET) before axios sees the 401, so n8n never refreshes. After the first
	 * such failure, refresh the token before sending again.
	 */
	refreshTokenOnReset?: boolean;
}

export type SendResult = { kind: 'response'; response: IN8nHttpFullResponse } | { kind: 'recovered'; value: unknown };

/** What a request needs from its client: where errors point, how to wait, how to refresh. */
export interface RequestScope {
	readonly ctx: SmintIoContext;
	readonly node: INode;
	readonly itemIndex: number | undefined;
	readonly retryPolicy: RetryPolicy;
	wait(ms: number): Promise<void>;
	refreshToken(): Promise<void>;
}

/** A network error code from anything n8n or axios throws, or undefined. */
export function networkCodeOfError(error: unknown): string | undefined {
	const code = networkCodeOf(error);
	if (code) return code;
	const httpCode = (error as { httpCode?: unknown } | undefined)?.httpCode;
	if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return httpCode;
	return undefined;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Returns the full response of the first 2xx, or what `recover` found after an ambiguous
 * failure; throws a NodeApiError otherwise.
 */
export async function sendAuthenticated(scope: RequestScope, options: SendOptions, recover?: () => Promise<unknown>): Promise<SendResult> {
	const { node, itemIndex } = scope;
	let ambiguous = false;
	let reset = false;
	let refreshed = false;
	let attempts = 0;
	const attempt = async (attemptNumber: number): Promise<AttemptResult<SendResult>> => {
		attempts = attemptNumber;
		if (reset && options.refreshTokenOnReset && !refreshed) {
			refreshed = true;
			await scope.refreshToken();
		}
		if (attemptNumber > 1 && ambiguous && recover) {
			const found = await recover();
			if (found !== undefined) return { value: { kind: 'recovered', value: found } };
		}
		let response: IN8nHttpFullResponse;
		try {
			response = (await requestHelpers(scope.ctx).httpRequestWithAuthentication.call(
				callContext(scope.ctx),
				CREDENTIAL_TYPE,
				{
					method: options.method,
					url: options.url,
					qs: options.qs,
					body: options.body,
					headers: options.headers,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: { ignore: true, except: [401] },
					disableFollowRedirect: options.disableFollowRedirect,
					timeout: options.timeout,
				},
				// Smint.io's refresh grant carries the client id and secret in the body [public].
				{ oauth2: { includeCredentialsOnRefreshOnBody: true } },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const networkCode = networkCodeOfError(error);
			if (networkCode) {
				ambiguous = true;
				reset = true;
				return { failure: { networkCode }, error: networkError(node, options.label, networkCode, attemptNumber, itemIndex) };
			}
			const status = statusOfThrown(error);
			if (status !== undefined && (status === 429 || status >= 500)) {
				// n8n refreshes the token inside the request: a refresh answered 429 or 5xx (or the
				// resend after it) surfaces as a thrown error. Transient like any other: retry.
				ambiguous = ambiguous || status >= 500;
				return {
					failure: { status, retryAfter: retryAfterOfThrown(error) },
					error: smintIoApiError(node, { status, label: options.label, itemIndex, attempts: attemptNumber }),
				};
			}
			if (status !== undefined && status >= 400) {
				// In practice a 401 that persisted through n8n's token refresh.
				throw smintIoApiError(node, { status, label: options.label, itemIndex });
			}
			// E.g. the refresh token was revoked: n8n's message says to reconnect the credential.
			const message = (error as Error).message ?? String(error);
			throw new NodeApiError(
				node,
				{ message },
				{
					message: `${options.label} failed: ${message}`,
					description: (error as { description?: string }).description ?? undefined,
					itemIndex,
				},
			);
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) return { value: { kind: 'response', response } };
		ambiguous = status >= 500;
		return {
			failure: { status, retryAfter: headerValue(response.headers as Record<string, unknown>, 'retry-after') },
			error: smintIoApiError(node, { status, label: options.label, body: response.body, itemIndex, attempts: attemptNumber }),
		};
	};
	try {
		return await runWithRetries(attempt, async (ms) => await scope.wait(ms), scope.retryPolicy);
	} catch (error) {
		const code = networkCodeOfError(error);
		throw code ? networkError(node, options.label, code, attempts, itemIndex) : asNodeError(node, error);
	}
}
