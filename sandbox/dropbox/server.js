'use strict';
// The emulator's HTTP front: one port serves what Dropbox serves on api., content. and
// notify.dropboxapi.com (POST /2/<route>), the OAuth endpoints, temporary and shared links,
// and the sandbox admin API under /__admin/. Requests pass fault injection, authentication,
// Path-Root selection and argument decoding here; routes/ holds the route semantics.

const { createServer, handleAdmin, applyFaults, sendJson, sendText } = require('../common/http');
const { renderFault, requestId } = require('./fault-replies');
const { RouteError, BadInputError, LookupFailure, WriteFailure, sendRouteError, tag } = require('./errors');
const { authenticate, pathRoot, rpcArgument, headerArgument, wrapArgs } = require('./request-context');
const { PayloadTooLarge, ClientAborted } = require('./stream-body');
const { sendContent } = require('./send-content');
const { ROUTES } = require('./routes');
const oauthRoutes = require('./oauth-routes');
const linkServing = require('./link-serving');

function sendBadInput(res, routeName, message) {
	sendText(res, 400, `Error in call to API function "${routeName}": ${message}`, { 'X-Dropbox-Request-Id': requestId() });
}

/** POST /2/<route> (and GET for download-style routes). */
async function handleApi(emulator, req, res, url) {
	const routeName = url.pathname.slice('/2/'.length);
	const route = ROUTES[routeName];
	if (!route) {
		req.resume();
		sendText(res, 404, `Unknown API function: "${routeName}"`);
		return;
	}
	if (req.method !== 'POST' && !(req.method === 'GET' && route.style === 'download')) {
		req.resume();
		sendText(res, 405, `Error in call to API function "${routeName}": Unsupported HTTP method "${req.method}"`, { Allow: 'POST' });
		return;
	}
	if (await applyFaults(emulator.faults, routeName, req, res, renderFault(route))) return;

	const ctx = { emulator, db: emulator.db, req, res, url, routeName, route };
	try {
		if (route.auth !== 'noauth') {
			const auth = authenticate(emulator, req, url, route);
			ctx.token = auth.token;
			ctx.tokenRecord = auth.record;
		}
		ctx.rootId = pathRoot(emulator, req);
		const argument = route.style === 'rpc' ? await rpcArgument(req, route) : headerArgument(req, url, route);
		ctx.args = wrapArgs(argument, route);
		const result = await route.handler(ctx);
		if (res.headersSent || res.writableEnded) return;
		if (route.style === 'download') {
			await sendContent(req, res, result);
			return;
		}
		sendJson(res, 200, result === undefined ? null : result, { 'X-Dropbox-Request-Id': requestId() });
	} catch (error) {
		if (res.headersSent) {
			res.destroy();
			return;
		}
		// An upload whose body was not (fully) read: discard the rest so the reply gets through.
		if (!req.complete) req.resume();
		if (error instanceof ClientAborted) return;
		if (error instanceof RouteError) {
			sendRouteError(res, error, { 'X-Dropbox-Request-Id': requestId() });
		} else if (error instanceof BadInputError) {
			sendBadInput(res, routeName, error.message);
		} else if (error instanceof PayloadTooLarge) {
			sendRouteError(res, new RouteError(tag('payload_too_large')));
		} else if (error instanceof LookupFailure || error instanceof WriteFailure) {
			// A route forgot to wrap a lookup/write failure: still answer in Dropbox's shape.
			sendRouteError(res, new RouteError(error.lookupError ? { '.tag': 'path', path: error.lookupError } : { '.tag': 'path', path: error.writeError }));
		} else if (error && error.status && error.status < 500) {
			sendText(res, error.status, error.message);
		} else {
			console.error(`[dropbox-emulator] ${routeName} failed:`, error);
			sendText(res, 500, 'Internal Server Error');
		}
	}
}

/** @param {any} emulator the object built by index.js (db, tokens, faults, clock, options) */
function createDropboxServer(emulator) {
	const adminCtx = { faults: emulator.faults, clock: emulator.clock, adminRoutes: emulator.adminRoutes };
	return createServer(async (req, res) => {
		const url = new URL(req.url, 'http://emulator.invalid');
		if (await handleAdmin(adminCtx, req, res, url.pathname)) return;
		if (url.pathname.startsWith('/2/')) return handleApi(emulator, req, res, url);
		if (url.pathname.startsWith('/oauth2/')) return oauthRoutes.handle(emulator, req, res, url);
		if (await linkServing.handle(emulator, req, res, url)) return;
		req.resume();
		sendText(res, 404, 'Not Found');
	});
}

module.exports = { createDropboxServer };
