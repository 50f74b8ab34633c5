// Authenticated requests to Smint.io with retries, the Portals method-call protocol and
// background-task polling. One client per item (it carries the item index for errors).
//
// - Every call goes through n8n's httpRequestWithAuthentication with the Smint.io OAuth2
//   credential; `ignoreHttpStatusErrors` except 401, so n8n still refreshes an expired token
//   on 401 (and resends) while this code sees every other status with its headers.
// - 429 (Retry-After honoured), 5xx and connection resets are retried with the shared
//   bounded, jittered backoff (nodes/shared/retry.ts), waiting with n8n-workflow's `sleep`.
// - Calls that create something pass `recover`: after a failure that may have happened after
//   the server acted (no response, 5xx), `recover` looks for the result before sending again.
// - Background tasks are polled at a FIXED interval (Smint.io asks for >= 1 s and never
//   exponential backoff) until completed or error, up to a timeout.
import type {
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { DEFAULT_RETRY_POLICY, networkCodeOf, retryAfterOfThrown, runWithRetries, statusOfThrown } from '../../shared/retry';
import type { AttemptResult, RetryPolicy } from '../../shared/retry';
import { deriveHosts } from '../helpers/hosts';
import type { SmintIoHosts } from '../helpers/hosts';
import { asNodeError, networkError, smintIoApiError, statusForCode } from './errors';
import { PORTALS_METHODS, PORTALS_PATHS } from './methodTable';
import type { PortalsMethod, PortalsMethodName } from './methodTable';

export const CREDENTIAL_TYPE = 'smintIoOAuth2Api';

export type SmintIoContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

type Helpers = Pick<RequestHelperFunctions, 'httpRequest' | 'httpRequestWithAuthentication' | 'refreshOAuth2Token'>;

/** Smint.io asks clients not to poll background tasks faster than once a second. */
export const DEFAULT_TASK_POLL_INTERVAL_MS = 1000;
export const DEFAULT_TASK_TIMEOUT_MS = 300_000;
/** Floor for the poll interval; below 1 s is meant for the sandbox only. */
export const MIN_TASK_POLL_INTERVAL_MS = 10;

export interface ClientSettings {
	itemIndex?: number;
	taskPollIntervalMs?: number;
	taskTimeoutMs?: number;
	/** `culture` query parameter of Portals calls. */
	culture?: string;
	/** Overrides the credential's portal. */
	portalUuid?: string;
	retryPolicy?: RetryPolicy;
}

export interface BackgroundTask {
	uuid: string;
	state: 'created' | 'in_progress' | 'error' | 'completed' | string;
	finished_percentage?: number;
	result_string?: string | null;
}

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

/** A network error code from anything n8n or axios throws, or undefined. */
export function networkCodeOfError(error: unknown): string | undefined {
	const code = networkCodeOf(error);
	if (code) return code;
	const httpCode = (error as { httpCode?: unknown } | undefined)?.httpCode;
	if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return httpCode;
	return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

const CREDENTIALS_OF_RUN = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

export class SmintIoClient {
	readonly node: INode;
	readonly itemIndex: number | undefined;
	readonly pollIntervalMs: number;
	readonly taskTimeoutMs: number;
	readonly culture: string | undefined;
	readonly retryPolicy: RetryPolicy;

	private constructor(
		readonly ctx: SmintIoContext,
		readonly hosts: SmintIoHosts,
		readonly portalUuid: string,
		settings: ClientSettings,
	) {
		this.node = ctx.getNode();
		this.itemIndex = settings.itemIndex;
		this.pollIntervalMs = Math.max(MIN_TASK_POLL_INTERVAL_MS, settings.taskPollIntervalMs ?? DEFAULT_TASK_POLL_INTERVAL_MS);
		this.taskTimeoutMs = Math.max(this.pollIntervalMs, settings.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS);
		this.culture = settings.culture;
		this.retryPolicy = settings.retryPolicy ?? DEFAULT_RETRY_POLICY;
	}

	static async create(ctx: SmintIoContext, settings: ClientSettings = {}): Promise<SmintIoClient> {
		// Read once per node run: n8n decrypts the credential and resolves its expressions on every
		// read, which costs more than the request itself in a run over thousands of items. Only the
		// hosts and the portal are taken from it; the tokens are n8n's business per request.
		let pending = CREDENTIALS_OF_RUN.get(ctx);
		if (!pending) {
			pending =
				settings.itemIndex === undefined
					? ctx.getCredentials(CREDENTIAL_TYPE)
					: (ctx as IExecuteFunctions).getCredentials(CREDENTIAL_TYPE, settings.itemIndex);
			CREDENTIALS_OF_RUN.set(ctx, pending);
			pending.catch(() => CREDENTIALS_OF_RUN.delete(ctx));
		}
		const credentials = await pending;
		let hosts: SmintIoHosts;
		try {
			hosts = deriveHosts(credentials);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
				itemIndex: settings.itemIndex,
				description: 'Open the Smint.io credential and fill in the Tenant ID (or the three base URLs).',
			});
		}
		const portalUuid = (settings.portalUuid ?? '').trim() || String(credentials.portalUuid ?? '').trim();
		return new SmintIoClient(ctx, hosts, portalUuid, settings);
	}

	private get helpers(): Helpers {
		return this.ctx.helpers as unknown as Helpers;
	}

	private get callContext(): IAllExecuteFunctions {
		return this.ctx as unknown as IAllExecuteFunctions;
	}

	/** Waits with n8n-workflow's sleep (no timers in shipped code). */
	async wait(ms: number): Promise<void> {
		if (ms > 0) await sleep(ms);
	}

	requirePortal(): string {
		if (this.portalUuid === '') {
			throw new NodeOperationError(this.node, 'No portal: the credential has no Portal UUID and none was chosen', {
				itemIndex: this.itemIndex,
				description: 'Fill in the Portal UUID on the Smint.io credential, or pick a portal under Options > Portal.',
			});
		}
		return this.portalUuid;
	}

	/**
	 * One authenticated request with retries. Returns the full response of the first 2xx, or
	 * what `recover` found after an ambiguous failure; throws a NodeApiError otherwise.
	 */
	async send(options: SendOptions, recover?: () => Promise<unknown>): Promise<SendResult> {
		let ambiguous = false;
		let reset = false;
		let refreshed = false;
		let attempts = 0;
		const attempt = async (attemptNumber: number): Promise<AttemptResult<SendResult>> => {
			attempts = attemptNumber;
			if (reset && options.refreshTokenOnReset && !refreshed) {
				refreshed = true;
				await this.refreshToken();
			}
			if (attemptNumber > 1 && ambiguous && recover) {
				const found = await recover();
				if (found !== undefined) return { value: { kind: 'recovered', value: found } };
			}
			let response: IN8nHttpFullResponse;
			try {
				response = (await this.helpers.httpRequestWithAuthentication.call(
					this.callContext,
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
					return { failure: { networkCode }, error: networkError(this.node, options.label, networkCode, attemptNumber, this.itemIndex) };
				}
				const status = statusOfThrown(error);
				if (status !== undefined && (status === 429 || status >= 500)) {
					// n8n refreshes the token inside the request: a refresh answered 429 or 5xx (or the
					// resend after it) surfaces as a thrown error. Transient like any other: retry.
					ambiguous = ambiguous || status >= 500;
					return {
						failure: { status, retryAfter: retryAfterOfThrown(error) },
						error: smintIoApiError(this.node, { status, label: options.label, itemIndex: this.itemIndex, attempts: attemptNumber }),
					};
				}
				if (status !== undefined && status >= 400) {
					// In practice a 401 that persisted through n8n's token refresh.
					throw smintIoApiError(this.node, { status, label: options.label, itemIndex: this.itemIndex });
				}
				// E.g. the refresh token was revoked: n8n's message says to reconnect the credential.
				const message = (error as Error).message ?? String(error);
				throw new NodeApiError(
					this.node,
					{ message },
					{
						message: `${options.label} failed: ${message}`,
						description: (error as { description?: string }).description ?? undefined,
						itemIndex: this.itemIndex,
					},
				);
			}
			const status = response.statusCode;
			if (status >= 200 && status < 300) return { value: { kind: 'response', response } };
			ambiguous = status >= 500;
			return {
				failure: { status, retryAfter: headerValue(response.headers as Record<string, unknown>, 'retry-after') },
				error: smintIoApiError(this.node, { status, label: options.label, body: response.body, itemIndex: this.itemIndex, attempts: attemptNumber }),
			};
		};
		try {
			return await runWithRetries(attempt, async (ms) => await this.wait(ms), this.retryPolicy);
		} catch (error) {
			const code = networkCodeOfError(error);
			throw code ? networkError(this.node, options.label, code, attempts, this.itemIndex) : asNodeError(this.node, error);
		}
	}

	/** Refreshes the OAuth2 token through n8n (single-flight, persisted by n8n). */
	async refreshToken(): Promise<void> {
		try {
			await this.helpers.refreshOAuth2Token.call(this.callContext, CREDENTIAL_TYPE, { includeCredentialsOnRefreshOnBody: true });
		} catch (error) {
			// A failed refresh shows up as the next attempt's 401 with n8n's reconnect message.
			this.ctx.logger.warn(`Smint.io token refresh after a connection reset failed: ${(error as Error).message}`);
		}
	}

	/** `send` for calls without `recover`: the response body. */
	async requestJson<T = unknown>(options: SendOptions): Promise<T> {
		const result = await this.send(options);
		return (result.kind === 'response' ? result.response.body : result.value) as T;
	}

	// ------------------------------------------------------------------ Portals method calls

	/**
	 * Calls a Portals method and returns its parsed result. `params` undefined sends `[]`.
	 * `recover` (creates): see `send`; its value is returned as the method's result.
	 */
	async call<T = Record<string, unknown>>(
		name: PortalsMethodName | PortalsMethod,
		params?: object,
		options: { label?: string; recover?: () => Promise<T | undefined> } = {},
	): Promise<T> {
		const spec = typeof name === 'string' ? PORTALS_METHODS[name] : name;
		const label = options.label ?? `${spec.interface}.${spec.method}`;
		const portal = this.requirePortal();
		const result = await this.send(
			{
				method: 'POST',
				url: `${this.hosts.portalsBaseUrl}${PORTALS_PATHS.execute(portal, spec.interface, spec.method)}`,
				// The Portals protocol: a JSON array holding ONE JSON-encoded string of the parameters,
				// or [] without parameters (sent as text: n8n drops an empty array body).
				body: params === undefined ? '[]' : [JSON.stringify(params)],
				headers: { 'Content-Type': 'application/json' },
				qs: this.culture ? { culture: this.culture } : undefined,
				label,
			},
			options.recover,
		);
		if (result.kind === 'recovered') return result.value as T;
		const task = result.response.body as BackgroundTask;
		if (!isObject(task) || typeof task.uuid !== 'string' || typeof task.state !== 'string') {
			throw smintIoApiError(this.node, {
				status: result.response.statusCode,
				label,
				body: { error_code: 'unexpected_response', error_message: 'the answer is not a background task' },
				itemIndex: this.itemIndex,
			});
		}
		return (await this.waitForTask(task, label)) as T;
	}

	/** Polls a background task at the fixed interval until it completes (result) or fails (throws). */
	async waitForTask(first: BackgroundTask, label: string): Promise<unknown> {
		const started = Date.now();
		let task = first;
		for (;;) {
			if (task.state === 'completed') return this.parseResult(task, label);
			if (task.state === 'error') {
				const body = this.parseJson(task.result_string);
				const code = isObject(body) && typeof body.error_code === 'string' ? body.error_code : undefined;
				throw smintIoApiError(this.node, { status: statusForCode(code), label, body: body ?? task.result_string, itemIndex: this.itemIndex });
			}
			if (Date.now() - started >= this.taskTimeoutMs) {
				throw new NodeApiError(
					this.node,
					{ httpCode: '408', message: 'Background task timed out' },
					{
						message: `${label} did not finish within ${Math.round(this.taskTimeoutMs / 1000)} s (background task ${task.uuid}, ${task.finished_percentage ?? 0}% done)`,
						description: 'Smint.io is still working on it. Raise Options > Task Timeout, or run again later.',
						itemIndex: this.itemIndex,
					},
				);
			}
			await this.wait(this.pollIntervalMs);
			task = await this.requestJson<BackgroundTask>({
				method: 'GET',
				url: `${this.hosts.portalsBaseUrl}${PORTALS_PATHS.backgroundTask(task.uuid)}`,
				label: `${label} (background task ${task.uuid})`,
			});
		}
	}

	private parseJson(text: unknown): unknown {
		if (typeof text !== 'string') return text ?? null;
		try {
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	}

	private parseResult(task: BackgroundTask, label: string): unknown {
		if (task.result_string === null || task.result_string === undefined || task.result_string === '') return {};
		const parsed = this.parseJson(task.result_string);
		if (parsed === undefined) {
			throw new NodeApiError(
				this.node,
				{ httpCode: '502', message: 'Result is not JSON' },
				{
					message: `${label} returned a result that is not JSON`,
					description: `Background task ${task.uuid} completed, but its result_string could not be parsed: ${String(task.result_string).slice(0, 200)}`,
					itemIndex: this.itemIndex,
				},
			);
		}
		return parsed;
	}
}
