'use strict';
// One HTTP server for the three Smint.io roles (identity, Portals Frontend API, CLAPI-C) plus
// pre-signed downloads and the admin API. Per request: admin → route match → fault injection
// (counted per route name) → Bearer check (scope per API family) → handler. Errors are
// answered with Smint.io's error object.

const { createServer, applyFaults, handleAdmin } = require('../common/http');
const { PATHS, PORTAL_UUID, REQUIRED_SCOPE } = require('./constants');
const { SmintioError, sendError, renderFault } = require('./errors');
const identity = require('./identity');
const { handleExecute, handleTaskGet } = require('./portals/execute');
const { handleUpload } = require('./portals/upload');
const { handleLicensePurchaseFeed } = require('./clapi/feed');
const { handleBinaries } = require('./clapi/binaries');
const { handleGenericMetadata } = require('./clapi/generic-metadata');
const { serveDownload } = require('./downloads');

const SEGMENT = '([^/]+)';

/**
 * @type {Array<{ method: string[], pattern: RegExp, keys: string[], route: string | ((p: any) => string),
 *                auth?: 'portals' | 'clapi' | 'any', portal?: boolean, handler: Function }>}
 */
const ROUTES = [
	{ method: ['GET'], pattern: /^\/\.well-known\/openid-configuration$/, keys: [], route: 'openid-configuration', handler: identity.handleDiscovery },
	{ method: ['GET'], pattern: /^\/connect\/authorize$/, keys: [], route: 'connect/authorize', handler: identity.handleAuthorize },
	{ method: ['GET'], pattern: /^\/connect\/authorize\/decision$/, keys: [], route: 'connect/authorize', handler: identity.handleAuthorizeDecision },
	{ method: ['POST'], pattern: /^\/connect\/token$/, keys: [], route: 'connect/token', handler: identity.handleToken },
	{ method: ['POST'], pattern: /^\/connect\/revocation$/, keys: [], route: 'connect/revocation', handler: identity.handleRevocation },
	{ method: ['GET', 'POST'], pattern: /^\/connect\/userinfo$/, keys: [], route: 'connect/userinfo', auth: 'any', handler: identity.handleUserinfo },
	{
		method: ['POST'],
		pattern: new RegExp(`^${PATHS.portals}/portals/${SEGMENT}/portalsContext/uploadFile$`),
		keys: ['portal'],
		route: 'uploadFile',
		auth: 'portals',
		portal: true,
		handler: handleUpload,
	},
	{
		method: ['POST'],
		pattern: new RegExp(`^${PATHS.portals}/portals/${SEGMENT}/portalsContext/${SEGMENT}/execute/${SEGMENT}$`),
		keys: ['portal', 'iface', 'method'],
		route: (p) => `${p.iface}.${p.method}`,
		auth: 'portals',
		portal: true,
		handler: handleExecute,
	},
	{
		method: ['GET'],
		pattern: new RegExp(`^${PATHS.portals}/backgroundTasks/${SEGMENT}$`),
		keys: ['uuid'],
		route: 'backgroundTasks',
		auth: 'portals',
		handler: handleTaskGet,
	},
	{
		method: ['GET'],
		pattern: new RegExp(`^${PATHS.clapi}/sync/license-purchase-transactions$`),
		keys: [],
		route: 'clapi/license-purchase-transactions',
		auth: 'clapi',
		handler: (ctx, req, res, _params, query) => handleLicensePurchaseFeed(ctx, req, res, query),
	},
	{
		method: ['GET'],
		pattern: new RegExp(`^${PATHS.clapi}/sync/cart-purchase-transactions/${SEGMENT}/license-purchase-transactions/${SEGMENT}/binaries$`),
		keys: ['cpt', 'lpt'],
		route: 'clapi/binaries',
		auth: 'clapi',
		handler: handleBinaries,
	},
	{
		method: ['GET'],
		pattern: new RegExp(`^${PATHS.clapi}/sync/generic-metadata$`),
		keys: [],
		route: 'clapi/generic-metadata',
		auth: 'clapi',
		handler: handleGenericMetadata,
	},
	{
		method: ['GET', 'HEAD'],
		pattern: new RegExp(`^${PATHS.files}/${SEGMENT}/[^/]+$`),
		keys: ['linkId'],
		route: 'download',
		handler: (ctx, req, res, params, query) => serveDownload(ctx, req, res, params.linkId, query),
	},
];

function matchRoute(method, pathname) {
	let pathMatched = false;
	for (const entry of ROUTES) {
		const match = entry.pattern.exec(pathname);
		if (!match) continue;
		pathMatched = true;
		if (!entry.method.includes(method)) continue;
		const params = {};
		entry.keys.forEach((key, index) => {
			params[key] = decodeURIComponent(match[index + 1]);
		});
		return { entry, params };
	}
	return pathMatched ? 'method_not_allowed' : null;
}

function unauthorized(code, message) {
	return new SmintioError(401, code, message, undefined, {
		'WWW-Authenticate': `Bearer realm="smintio", error="invalid_token", error_description="${message.replace(/[^\x20-\x7e]|"/g, '')}"`,
	});
}

/** Checks the Bearer token; returns its record. */
function authenticate(ctx, req, family) {
	const header = req.headers.authorization || '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	if (!match) throw unauthorized('token_invalid_or_expired', 'an access token is required (Authorization: Bearer <token>)');
	const check = ctx.tokens.checkAccessToken(match[1]);
	if (check.status === 'expired') throw unauthorized('access_token_expired', 'the access token has expired; refresh it');
	if (check.status !== 'valid') throw unauthorized('token_invalid_or_expired', 'the access token is invalid or revoked');
	const required = REQUIRED_SCOPE[family];
	if (required && !String(check.record.scope).split(' ').includes(required)) {
		throw new SmintioError(403, 'permission_denied', `the access token lacks the scope "${required}"`);
	}
	return check.record;
}

/** @param {any} ctx @param {Record<string, Function>} adminRoutes */
function createSmintioServer(ctx, adminRoutes) {
	return createServer(async (req, res) => {
		const url = new URL(req.url, 'http://localhost');
		const { pathname } = url;
		if (await handleAdmin({ faults: ctx.faults, clock: ctx.clock, adminRoutes }, req, res, pathname)) return;
		try {
			const found = matchRoute(req.method, pathname);
			if (found === null) throw new SmintioError(404, 'not_found', `no endpoint ${req.method} ${pathname}`);
			if (found === 'method_not_allowed') throw new SmintioError(405, 'method_not_allowed', `${req.method} is not allowed on ${pathname}`);
			const { entry, params } = found;
			const route = typeof entry.route === 'function' ? entry.route(params) : entry.route;
			if (await applyFaults(ctx.faults, route, req, res, renderFault)) return;
			const token = entry.auth ? authenticate(ctx, req, entry.auth) : null;
			if (entry.portal && params.portal !== PORTAL_UUID) {
				throw new SmintioError(404, 'not_found', `portal "${params.portal}" was not found`, { uuid: params.portal });
			}
			await entry.handler(ctx, req, res, params, url.searchParams, token);
		} catch (error) {
			if (!(error instanceof SmintioError)) throw error;
			if (res.headersSent) {
				res.destroy(error);
				return;
			}
			// Unread request bodies (e.g. a rejected upload) must not keep the socket busy.
			if (!req.complete) res.setHeader('Connection', 'close');
			sendError(res, error);
		}
	});
}

module.exports = { createSmintioServer, ROUTES };
