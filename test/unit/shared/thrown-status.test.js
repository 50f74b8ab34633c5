'use strict';
// What a thrown error says about the HTTP status behind it: n8n wraps failures of its OAuth2
// token refresh (a remote call that can get 429 or 5xx too) in errors of several shapes.
const { statusOfThrown, retryAfterOfThrown } = require('../../../nodes/shared/retry');

const wrapped = (cause, extra = {}) => Object.assign(new Error('wrapped'), { cause, ...extra });

describe('statusOfThrown', () => {
	test.each([
		['n8n httpCode', Object.assign(new Error('x'), { httpCode: '503' }), 503],
		['axios response', Object.assign(new Error('x'), { response: { status: 502, headers: {} } }), 502],
		['OAuth2 client ResponseError (status)', Object.assign(new Error('HTTP status 429'), { status: 429, code: 'ESTATUS' }), 429],
		['Dropbox rate-limit body in an EAUTH error', Object.assign(new Error('[object Object]'), { code: 'EAUTH', body: { error_summary: 'too_many_requests/..', error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 } } }), 429],
		['bare rate-limit tag', Object.assign(new Error('x'), { body: { error: { '.tag': 'too_many_write_operations' } } }), 429],
		['deep in the cause chain, non-numeric httpCode skipped', wrapped(wrapped(Object.assign(new Error('x'), { status: 500 })), { httpCode: 'EAUTH' }), 500],
	])('%s', (_, error, status) => {
		expect(statusOfThrown(error)).toBe(status);
	});

	test.each([
		['no status anywhere', new Error('socket hang up')],
		['an OAuth error string is not a status', Object.assign(new Error('invalid_grant'), { code: 'EAUTH', body: { error: 'invalid_grant' } })],
		['another Dropbox error tag', Object.assign(new Error('x'), { body: { error: { '.tag': 'path' } } })],
		['out-of-range numbers', Object.assign(new Error('x'), { status: 42, httpCode: '1000' })],
		['not an object', 'boom'],
	])('%s → undefined', (_, error) => {
		expect(statusOfThrown(error)).toBeUndefined();
	});

	test('a cyclic cause chain ends', () => {
		const a = new Error('a');
		const b = new Error('b');
		a.cause = b;
		b.cause = a;
		expect(statusOfThrown(a)).toBeUndefined();
	});
});

describe('retryAfterOfThrown', () => {
	test('from a Dropbox rate-limit body (retry_after seconds)', () => {
		expect(retryAfterOfThrown(wrapped({ body: { error: { reason: { '.tag': 'too_many_requests' }, retry_after: 7 } } }))).toBe('7');
	});
	test('from an axios response header, any case, first of a list', () => {
		expect(retryAfterOfThrown(wrapped({ response: { status: 429, headers: { 'Retry-After': ['4', '9'] } } }))).toBe('4');
	});
	test('none', () => {
		expect(retryAfterOfThrown(Object.assign(new Error('x'), { response: { status: 503, headers: {} } }))).toBeUndefined();
	});
});
