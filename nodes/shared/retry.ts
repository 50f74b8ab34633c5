// Retry policy shared by the Smint.io and Dropbox transports. Pure: the caller passes the
// wait function (n8n-workflow's `sleep` in the nodes, a recorder in tests), so the decisions
// are testable without n8n and without waiting.

export interface RetryPolicy {
	/** Attempts in total, the first one included. */
	maxAttempts: number;
	/** First backoff delay; doubles per attempt. */
	baseDelayMs: number;
	/** Cap for one computed backoff delay. */
	maxDelayMs: number;
	/** Longest Retry-After we honour; a longer one fails fast instead of stalling the workflow. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 16_000,
	maxRetryAfterMs: 300_000,
};

/** What went wrong with one attempt, as far as retrying is concerned. */
export interface AttemptFailure {
	/** HTTP status, when a response arrived. */
	status?: number;
	/** Raw Retry-After header value (seconds or an HTTP date). */
	retryAfter?: string | string[] | number;
	/** Network error code (ECONNRESET, ETIMEDOUT, ...), when no response arrived. */
	networkCode?: string;
	/**
	 * The access token n8n had just refreshed was already expired when the call arrived (a 401
	 * after n8n's own refresh-and-retry): another attempt lets n8n refresh again. The caller
	 * bounds how often it reports this.
	 */
	expiredToken?: boolean;
}

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** Parses Retry-After (delta seconds or HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: AttemptFailure['retryAfter'], now: number = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

export function isRetryableFailure(failure: AttemptFailure): boolean {
	if (failure.expiredToken) return true;
	if (failure.status !== undefined) return failure.status === 429 || RETRYABLE_STATUSES.has(failure.status);
	return failure.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(failure.networkCode);
}

/**
 * How long to wait before attempt number `attempt + 1`, or undefined when the failure must not
 * be retried (not retryable, attempts used up, or a Retry-After beyond the cap).
 * `attempt` counts from 1 (the attempt that just failed).
 */
export function retryDelayMs(
	failure: AttemptFailure,
	attempt: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
): number | undefined {
	if (attempt >= policy.maxAttempts || !isRetryableFailure(failure)) return undefined;
	if (failure.status === 429) {
		const retryAfter = parseRetryAfter(failure.retryAfter);
		if (retryAfter !== undefined) return retryAfter <= policy.maxRetryAfterMs ? retryAfter : undefined;
	}
	// Full jitter keeps many parallel items from retrying in lockstep.
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Reads the network error code from the shapes axios and n8n errors take. */
export function networkCodeOf(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { code?: unknown; cause?: unknown; context?: { data?: unknown } };
		if (typeof candidate.code === 'string' && RETRYABLE_NETWORK_CODES.has(candidate.code)) return candidate.code;
		current = candidate.cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
	if (/ETIMEDOUT|timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/** One attempt's outcome: a value, or a failure description with the error to throw if we give up. */
export type AttemptResult<T> = { value: T } | { failure: AttemptFailure; error: Error };

export interface RetryEvent {
	attempt: number;
	delayMs: number;
	failure: AttemptFailure;
}

/**
 * Runs `attempt` until it yields a value or a failure that must not be retried. A thrown error
 * counts as a network failure (retried when its code is a transient one, rethrown otherwise).
 */
export async function runWithRetries<T>(
	attempt: (attemptNumber: number) => Promise<AttemptResult<T>>,
	wait: (ms: number) => Promise<void>,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	onRetry?: (event: RetryEvent) => void,
): Promise<T> {
	for (let attemptNumber = 1; ; attemptNumber++) {
		let result: AttemptResult<T>;
		try {
			result = await attempt(attemptNumber);
		} catch (error) {
			// Without a transient network code the failure is not retryable and is thrown below.
			result = { failure: { networkCode: networkCodeOf(error) }, error: error as Error };
		}
		if ('value' in result) return result.value;
		const delayMs = retryDelayMs(result.failure, attemptNumber, policy);
		if (delayMs === undefined) throw result.error;
		onRetry?.({ attempt: attemptNumber, delayMs, failure: result.failure });
		await wait(delayMs);
	}
}

/** Dropbox error tags that mean "slow down" (429), as its token endpoint reports them in the body. */
const RATE_LIMIT_TAGS = new Set(['too_many_requests', 'too_many_write_operations']);

/** Dropbox's rate-limit error body: {error: {reason: {'.tag'}, retry_after}} (or a bare '.tag'). */
function rateLimitOfBody(body: unknown): { retryAfterSeconds?: number } | undefined {
	const error = (body as { error?: unknown } | undefined)?.error;
	if (!error || typeof error !== 'object') return undefined;
	const { reason, retry_after: retryAfter } = error as { reason?: { '.tag'?: unknown }; retry_after?: unknown; '.tag'?: unknown };
	const tag = reason?.['.tag'] ?? (error as { '.tag'?: unknown })['.tag'];
	if (!RATE_LIMIT_TAGS.has(String(tag))) return undefined;
	return { retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : undefined };
}

/**
 * The HTTP status of a thrown error, found along its cause chain: n8n's numeric httpCode, an
 * axios response's status, the OAuth2 client's `status`, or a rate-limit tag in an error body
 * (n8n's OAuth2 client turns a token-endpoint answer whose body has an `error` field into an
 * EAUTH error without status: a refresh answered 429 must still count as 429).
 */
export function statusOfThrown(error: unknown): number | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as {
			httpCode?: unknown;
			status?: unknown;
			response?: { status?: unknown };
			body?: { error?: unknown };
			cause?: unknown;
		};
		for (const value of [candidate.httpCode, candidate.response?.status, candidate.status]) {
			if (value === undefined || value === null || value === '') continue;
			const status = Number(value);
			if (Number.isInteger(status) && status >= 100 && status <= 599) return status;
		}
		if (rateLimitOfBody(candidate.body)) return 429;
		current = candidate.cause;
	}
	return undefined;
}

/** Retry-After kept on a thrown error's response (axios), when there is one. */
export function retryAfterOfThrown(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const seconds = rateLimitOfBody((current as { body?: unknown }).body)?.retryAfterSeconds;
		if (seconds !== undefined) return String(seconds);
		const headers = (current as { response?: { headers?: Record<string, unknown> } }).response?.headers;
		if (headers && typeof headers === 'object') {
			const key = Object.keys(headers).find((name) => name.toLowerCase() === 'retry-after');
			const value = key === undefined ? undefined : headers[key];
			if (value !== undefined && value !== null) return String(Array.isArray(value) ? value[0] : value);
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
