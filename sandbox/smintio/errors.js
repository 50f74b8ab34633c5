'use strict';
// Smint.io's error object and how the emulator renders it. Public shape (HCore's generated
// ApiException model, also documented for Portals): {error_code, error_message,
// error_details?: {uuid?, name?}, redirect_url?}; null fields are left out.

const { sendJson } = require('../common/http');

class SmintioError extends Error {
	/**
	 * @param {number} status HTTP status when the error is answered directly (ignored inside a task)
	 * @param {string} code error_code, e.g. argument_invalid, not_found, optimistic_lock_violated
	 * @param {string} message error_message
	 * @param {{ uuid?: string, name?: string }} [details] error_details
	 * @param {Record<string, string>} [headers] extra response headers (WWW-Authenticate, Retry-After)
	 */
	constructor(status, code, message, details, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.headers = headers || {};
	}

	toJSON() {
		return errorObject(this.code, this.message, this.details);
	}
}

function errorObject(code, message, details) {
	const body = { error_code: code, error_message: message };
	if (details) {
		const clean = {};
		if (details.uuid !== undefined && details.uuid !== null) clean.uuid = String(details.uuid);
		if (details.name !== undefined && details.name !== null) clean.name = String(details.name);
		if (Object.keys(clean).length > 0) body.error_details = clean;
	}
	return body;
}

const argumentInvalid = (message, name) => new SmintioError(400, 'argument_invalid', message, name ? { name } : undefined);
const argumentMissing = (name) =>
	new SmintioError(400, 'argument_missing', `the parameter "${name}" is required`, { name });
const notFound = (what, uuid, name) =>
	new SmintioError(404, 'not_found', `${what} "${uuid}" was not found`, { uuid, name });
const pagingLimitInvalid = (message, name) => new SmintioError(400, 'paging_limit_invalid', message, { name });
const maxPagingLimitExceeded = (max, name) =>
	new SmintioError(400, 'max_paging_limit_exceeded', `at most ${max} items per page are allowed`, { name });
const permissionDenied = (message) => new SmintioError(403, 'permission_denied', message);

function sendError(res, error) {
	sendJson(res, error.status, error.toJSON(), error.headers);
}

/**
 * Renders an injected fault in Smint.io's shape (called by common/http.applyFaults).
 * @param {{ kind: string, status?: number, retryAfterSeconds?: number | null }} fault
 */
function renderFault(fault, _req, res) {
	if (fault.status === 429) {
		const headers = {};
		if (fault.retryAfterSeconds !== null && fault.retryAfterSeconds !== undefined) {
			headers['Retry-After'] = String(fault.retryAfterSeconds);
		}
		sendJson(res, 429, errorObject('too_many_requests', 'rate limit exceeded, retry later'), headers);
		return;
	}
	if (fault.status === 409) {
		// "writeConflict" is a Dropbox notion; on Smint.io the nearest reply is an optimistic-lock conflict.
		sendJson(res, 409, errorObject('optimistic_lock_violated', 'the resource was modified concurrently'));
		return;
	}
	const status = fault.status || 500;
	const code = status === 503 ? 'service_unavailable' : 'internal_server_error';
	sendJson(res, status, errorObject(code, status === 503 ? 'service temporarily unavailable' : 'internal server error'));
}

module.exports = {
	SmintioError,
	errorObject,
	argumentInvalid,
	argumentMissing,
	notFound,
	pagingLimitInvalid,
	maxPagingLimitExceeded,
	permissionDenied,
	sendError,
	renderFault,
};
