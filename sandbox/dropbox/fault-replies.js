'use strict';
// Injected faults rendered the way Dropbox sends them: 429 RateLimitError JSON with a
// Retry-After header (too_many_requests or too_many_write_operations), a 409 route error
// too_many_write_operations in the route's own error shape, and 500/503 plain text.

const crypto = require('crypto');
const { sendJson, sendText } = require('../common/http');
const { RouteError, sendRouteError, tag } = require('./errors');

/** Renders an injected fault in Dropbox's wire shapes. */
function renderFault(route) {
	return (fault, req, res) => {
		const headers = { 'X-Dropbox-Request-Id': requestId() };
		if (fault.kind === 'rateLimit' || fault.kind === 'writeRateLimit') {
			const reason = fault.kind === 'rateLimit' ? 'too_many_requests' : 'too_many_write_operations';
			if (fault.retryAfterSeconds !== null && fault.retryAfterSeconds !== undefined) {
				headers['Retry-After'] = String(fault.retryAfterSeconds);
			}
			sendJson(
				res,
				429,
				{ error_summary: `${reason}/..`, error: { reason: { '.tag': reason }, retry_after: fault.retryAfterSeconds ?? 1 } },
				headers,
			);
		} else if (fault.kind === 'writeConflict') {
			const error = route && route.writeConflict ? route.writeConflict() : tag('too_many_write_operations');
			sendRouteError(res, new RouteError(error), headers);
		} else {
			const text = fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error';
			sendText(res, fault.status || 500, text, headers);
		}
		// The body of a faulted call is never read: discard it so the reply gets through.
		req.resume();
	};
}

function requestId() {
	return crypto.randomBytes(16).toString('hex');
}

module.exports = { renderFault, requestId };
