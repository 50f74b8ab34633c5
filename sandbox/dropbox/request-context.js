'use strict';
// Per-call checks that Dropbox makes before a route runs: the access token (header or
// `authorization` URL parameter), scopes, team tokens with Dropbox-API-Select-User, the
// Dropbox-API-Path-Root header, and the route argument (JSON body for RPC routes,
// Dropbox-API-Arg header or `arg` URL parameter for content routes).

const { readBody } = require('../common/http');
const { BadInputError, AuthError, PathRootError, tag } = require('./errors');
const { Args } = require('./args');

const RPC_CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain; charset=dropbox-cors-hack'];
const UPLOAD_CONTENT_TYPES = ['application/octet-stream', 'text/plain; charset=dropbox-cors-hack'];
const DOWNLOAD_CONTENT_TYPES = ['', 'text/plain', 'text/plain; charset=utf-8', 'application/octet-stream', 'application/octet-stream; charset=utf-8', 'text/plain; charset=dropbox-cors-hack'];

function normalizeType(value) {
	return (value || '').toLowerCase().replace(/\s*;\s*/g, '; ').trim();
}

function contentTypeError(value, allowed) {
	return new BadInputError(
		`Bad HTTP "Content-Type" header: "${value || ''}".  Expecting one of ${allowed.filter(Boolean).map((t) => `"${t}"`).join(', ')}.`,
	);
}

/** Reads the bearer token from the Authorization header or the `authorization` URL parameter. */
function bearerToken(req, url) {
	const header = req.headers.authorization ?? url.searchParams.get('authorization');
	if (header === null || header === undefined || header === '') {
		throw new BadInputError('Must provide HTTP header "Authorization" or URL parameter "authorization".');
	}
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	if (!match) {
		throw new BadInputError(`Invalid authorization value in HTTP header "Authorization": "${header.slice(0, 40)}".  Expecting "Bearer <oauth2-access-token>".`);
	}
	return match[1];
}

/**
 * Authenticates a user-auth call.
 * @returns {{ token: string, record: any }}
 */
function authenticate(emulator, req, url, route) {
	const token = bearerToken(req, url);
	const check = emulator.tokens.checkAccessToken(token);
	if (check.status === 'expired') throw new AuthError(tag('expired_access_token'));
	if (check.status !== 'valid') throw new AuthError(tag('invalid_access_token'));
	const { record } = check;
	const scopes = (record.scope || '').split(/\s+/).filter(Boolean);
	if (route.scope && !scopes.includes(route.scope)) {
		throw new AuthError({ '.tag': 'missing_scope', required_scope: route.scope });
	}
	const account = emulator.db.accounts.account();
	const selectUser = req.headers['dropbox-api-select-user'] ?? url.searchParams.get('select_user');
	if (record.subject && record.subject.kind === 'team') {
		if (!selectUser) {
			throw new BadInputError(
				'This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.  Since your API app key has team member file access permissions, you can operate on a team member\'s Dropbox by providing the "Dropbox-API-Select-User" HTTP header or "select_user" URL parameter.',
			);
		}
		if (selectUser !== account.teamMemberId) throw new AuthError(tag('invalid_select_user'));
	} else if (selectUser) {
		throw new BadInputError('Unexpected "Dropbox-API-Select-User" header: the access token is not a team token.');
	}
	return { token, record };
}

/** Picks the root node for paths from Dropbox-API-Path-Root (home when absent). */
function pathRoot(emulator, req) {
	const { db } = emulator;
	const header = req.headers['dropbox-api-path-root'];
	const homeNode = db.tree.byNamespace(db.accounts.homeNamespaceId());
	if (header === undefined || header === '') return homeNode.id;
	let root;
	try {
		root = JSON.parse(header);
	} catch {
		throw new BadInputError('HTTP header "Dropbox-API-Path-Root": could not decode input as JSON');
	}
	if (typeof root === 'string') root = { '.tag': root };
	switch (root && root['.tag']) {
		case 'home':
			return homeNode.id;
		case 'root': {
			if (String(root.root) !== db.accounts.rootNamespaceId()) {
				throw new PathRootError({ '.tag': 'invalid_root', invalid_root: db.accounts.rootInfo() });
			}
			return db.tree.byNamespace(db.accounts.rootNamespaceId()).id;
		}
		case 'namespace_id': {
			const ns = String(root.namespace_id);
			if (!db.accounts.canAccessNamespace(ns)) throw new PathRootError(tag('no_permission'));
			return db.tree.byNamespace(ns).id;
		}
		default:
			throw new BadInputError('HTTP header "Dropbox-API-Path-Root": unknown tag');
	}
}

/** Reads the RPC argument from the JSON body. */
async function rpcArgument(req, route) {
	const body = await readBody(req, 16 * 1024 * 1024);
	const type = normalizeType(req.headers['content-type']);
	if (body.length === 0) {
		if (route.voidArg) return { value: null, where: 'request body' };
		if (type && !RPC_CONTENT_TYPES.includes(type)) throw contentTypeError(req.headers['content-type'], RPC_CONTENT_TYPES);
		throw new BadInputError('request body: could not decode input as JSON');
	}
	if (!RPC_CONTENT_TYPES.includes(type)) throw contentTypeError(req.headers['content-type'], RPC_CONTENT_TYPES);
	let value;
	try {
		value = JSON.parse(body.toString('utf8'));
	} catch {
		throw new BadInputError('request body: could not decode input as JSON');
	}
	if (route.voidArg) {
		// Void routes take "null"; an empty object is tolerated (HTTP clients that always send JSON).
		if (value !== null && !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) {
			throw new BadInputError('request body: expected null, got value');
		}
		return { value: null, where: 'request body' };
	}
	return { value, where: 'request body' };
}

/** Reads a content route's argument from Dropbox-API-Arg or the `arg` URL parameter. */
function headerArgument(req, url, route) {
	const type = normalizeType(req.headers['content-type']);
	if (route.style === 'upload' && !UPLOAD_CONTENT_TYPES.includes(type)) {
		throw contentTypeError(req.headers['content-type'], UPLOAD_CONTENT_TYPES);
	}
	if (route.style === 'download' && !DOWNLOAD_CONTENT_TYPES.includes(type)) {
		throw contentTypeError(req.headers['content-type'], DOWNLOAD_CONTENT_TYPES);
	}
	const header = req.headers['dropbox-api-arg'];
	const query = url.searchParams.get('arg');
	const raw = header ?? query;
	const where = header !== undefined ? 'HTTP header "Dropbox-API-Arg"' : 'URL parameter "arg"';
	if (raw === null || raw === undefined) {
		throw new BadInputError('Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".');
	}
	let value;
	try {
		value = JSON.parse(raw);
	} catch {
		throw new BadInputError(`${where}: could not decode input as JSON`);
	}
	return { value, where };
}

/** Wraps a decoded argument for field access (void routes get null). */
function wrapArgs(argument, route) {
	if (route.voidArg) return null;
	return new Args(argument.value, argument.where);
}

module.exports = { authenticate, pathRoot, rpcArgument, headerArgument, wrapArgs, bearerToken };
