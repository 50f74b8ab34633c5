'use strict';
const {
	parseRetryAfter,
	retryDelayMs,
	isRetryableFailure,
	runWithRetries,
	networkCodeOf,
	DEFAULT_RETRY_POLICY,
} = require('../../../nodes/shared/retry');

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60000 };
const half = () => 0.5;

describe('parseRetryAfter', () => {
	test.each([
		['3', 3000],
		[7, 7000],
		[['2', '9'], 2000],
		['0', 0],
		['', undefined],
		[undefined, undefined],
		['soon', undefined],
	])('%p -> %p ms', (value, expected) => {
		expect(parseRetryAfter(value)).toBe(expected);
	});

	test('HTTP date is measured from now', () => {
		const now = Date.parse('2026-11-27T10:00:00Z');
		expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Fri, 27 Nov 2026 09:59:00 GMT', now)).toBe(0);
	});
});

describe('retryDelayMs', () => {
	test('429 honours Retry-After exactly', () => {
		expect(retryDelayMs({ status: 429, retryAfter: '4' }, 1, policy, half)).toBe(4000);
	});

	test('429 without Retry-After backs off exponentially', () => {
		expect(retryDelayMs({ status: 429 }, 1, policy, half)).toBe(75);
		expect(retryDelayMs({ status: 429 }, 2, policy, half)).toBe(150);
		expect(retryDelayMs({ status: 429 }, 3, policy, half)).toBe(300);
	});

	test('a Retry-After beyond the cap fails fast', () => {
		expect(retryDelayMs({ status: 429, retryAfter: '600' }, 1, policy, half)).toBeUndefined();
	});

	test.each([500, 502, 503, 504])('%i is retried with bounded backoff', (status) => {
		expect(retryDelayMs({ status }, 1, policy, () => 1)).toBe(100);
		expect(retryDelayMs({ status }, 3, { ...policy, maxAttempts: 10 }, () => 1)).toBe(400);
		expect(retryDelayMs({ status }, 9, { ...policy, maxAttempts: 10 }, () => 1)).toBe(1000);
	});

	test.each([400, 401, 403, 404, 409, 422, 501])('%i is not retried', (status) => {
		expect(retryDelayMs({ status }, 1, policy, half)).toBeUndefined();
	});

	test('network resets are retried, unknown errors are not', () => {
		expect(retryDelayMs({ networkCode: 'ECONNRESET' }, 1, policy, half)).toBe(75);
		expect(retryDelayMs({ networkCode: 'EWHATEVER' }, 1, policy, half)).toBeUndefined();
		expect(retryDelayMs({}, 1, policy, half)).toBeUndefined();
	});

	test('attempts are bounded', () => {
		expect(retryDelayMs({ status: 503 }, policy.maxAttempts, policy, half)).toBeUndefined();
	});

	test('jitter stays within [ceiling/2, ceiling]', () => {
		for (const r of [0, 0.25, 0.999]) {
			const d = retryDelayMs({ status: 503 }, 2, policy, () => r);
			expect(d).toBeGreaterThanOrEqual(100);
			expect(d).toBeLessThanOrEqual(200);
		}
	});
});

describe('networkCodeOf', () => {
	test('finds codes on the error or its causes', () => {
		expect(networkCodeOf(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
		expect(networkCodeOf({ cause: { cause: { code: 'ETIMEDOUT' } } })).toBe('ETIMEDOUT');
		expect(networkCodeOf(new Error('socket hang up'))).toBe('ECONNRESET');
		expect(networkCodeOf(new Error('Not Found'))).toBeUndefined();
	});
});

describe('runWithRetries', () => {
	test('retries failures until a value arrives and reports each wait', async () => {
		const waits = [];
		const events = [];
		const outcomes = [
			{ failure: { status: 429, retryAfter: '2' }, error: new Error('rate limited') },
			{ failure: { status: 503 }, error: new Error('unavailable') },
			{ value: 'done' },
		];
		const result = await runWithRetries(
			async (n) => outcomes[n - 1],
			async (ms) => waits.push(ms),
			{ ...policy, baseDelayMs: 10 },
			(event) => events.push(event.attempt),
		);
		expect(result).toBe('done');
		expect(waits[0]).toBe(2000);
		expect(waits[1]).toBeGreaterThanOrEqual(10);
		expect(waits[1]).toBeLessThanOrEqual(20);
		expect(events).toEqual([1, 2]);
	});

	test('a thrown reset is retried; a thrown unknown error is rethrown at once', async () => {
		let calls = 0;
		const value = await runWithRetries(
			async () => {
				calls += 1;
				if (calls === 1) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
				return { value: calls };
			},
			async () => {},
			policy,
		);
		expect(value).toBe(2);

		const boom = new Error('bad request');
		let attempts = 0;
		await expect(
			runWithRetries(
				async () => {
					attempts += 1;
					throw boom;
				},
				async () => {},
				policy,
			),
		).rejects.toBe(boom);
		expect(attempts).toBe(1);
	});

	test('gives up after maxAttempts with the last error', async () => {
		let attempts = 0;
		const last = new Error('still 503');
		await expect(
			runWithRetries(
				async () => {
					attempts += 1;
					return { failure: { status: 503 }, error: last };
				},
				async () => {},
				policy,
			),
		).rejects.toBe(last);
		expect(attempts).toBe(policy.maxAttempts);
	});

	test('the default policy is bounded', () => {
		expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
		expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeLessThanOrEqual(10);
	});
});

describe('a token that expired again right after n8n refreshed it', () => {
	test('is retried (the caller bounds how often it reports it); a plain 401 is not', () => {
		expect(isRetryableFailure({ status: 401, expiredToken: true })).toBe(true);
		expect(isRetryableFailure({ status: 401 })).toBe(false);
		expect(retryDelayMs({ status: 401, expiredToken: true }, 1, undefined, () => 0)).toBeGreaterThan(0);
	});
});
