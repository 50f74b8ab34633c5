'use strict';
// Dropbox error replies. Route errors are Stone unions sent as 409 JSON with an error_summary
// (the union's tag path joined by "/" plus a "/.." suffix, as Dropbox writes it); auth errors
// are 401 JSON, bad Path-Root is 422 JSON, and malformed calls are 400 plain text, which is
// what the SDKs expect (the JS SDK puts the text in DropboxResponseError.error).

/** Tags whose value is a struct, not a union, so the summary stops there. */
const STRUCT_MEMBERS = new Set(['metadata', 'invalid_root', 'already_shared', 'success']);

/** Builds "path/conflict/file/.." from a union value. */
function errorSummary(union) {
	const parts = [];
	let current = union;
	while (current && typeof current === 'object' && typeof current['.tag'] === 'string') {
		const tag = current['.tag'];
		parts.push(tag);
		if (STRUCT_MEMBERS.has(tag)) break;
		const inner = current[tag];
		if (inner && typeof inner === 'object' && typeof inner['.tag'] === 'string') {
			current = inner;
		} else if (current.reason && typeof current.reason === 'object' && current.reason['.tag']) {
			// UploadWriteFailed inlines {reason: WriteError, upload_session_id}.
			current = current.reason;
		} else {
			break;
		}
	}
	return `${parts.join('/')}/..`;
}

/** A route error (409): `error` is the route's error union. */
class RouteError extends Error {
	constructor(error, { status = 409, userMessage } = {}) {
		super(errorSummary(error));
		this.status = status;
		this.error = error;
		this.userMessage = userMessage;
	}

	body() {
		const body = { error_summary: errorSummary(this.error), error: this.error };
		if (this.userMessage) body.user_message = { text: this.userMessage, locale: 'en' };
		return body;
	}
}

/** 400 plain text: input that does not validate against the route's argument type. */
class BadInputError extends Error {
	constructor(message) {
		super(message);
		this.status = 400;
	}
}

/** 401 with an AuthError union. */
class AuthError extends RouteError {
	constructor(error) {
		super(error, { status: 401 });
	}
}

/** 422 with a PathRootError union. */
class PathRootError extends RouteError {
	constructor(error) {
		super(error, { status: 422 });
	}
}

/** A lookup that failed; callers wrap its LookupError under their own tag. */
class LookupFailure extends Error {
	/** @param {string} tag LookupError member: not_found, not_file, not_folder, malformed_path, ... */
	constructor(tag) {
		super(`lookup failed: ${tag}`);
		this.lookupError = { '.tag': tag };
	}
}

/** A write that failed; `writeError` is a WriteError union. */
class WriteFailure extends Error {
	constructor(writeError) {
		super(`write failed: ${errorSummary(writeError)}`);
		this.writeError = writeError;
	}
}

const tag = (name, extra) => ({ '.tag': name, ...(extra || {}) });
/** `{".tag": outer, outer: inner}`: a union member holding another union. */
const nested = (outer, inner) => ({ '.tag': outer, [outer]: inner });
const conflict = (kind) => nested('conflict', tag(kind));

function sendRouteError(res, error, headers = {}) {
	const body = Buffer.from(JSON.stringify(error.body()));
	res.writeHead(error.status, {
		'Content-Type': 'application/json',
		'Content-Length': body.length,
		...headers,
	});
	res.end(body);
}

module.exports = {
	errorSummary,
	RouteError,
	BadInputError,
	AuthError,
	PathRootError,
	LookupFailure,
	WriteFailure,
	tag,
	nested,
	conflict,
	sendRouteError,
};
