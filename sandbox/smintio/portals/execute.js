'use strict';
// POST {fe}/portals/{portalUuid}/portalsContext/{Interface}/execute/{method} [public protocol].
// Body: a JSON array holding ONE JSON-encoded string of the camelCase parameter object, or []
// when there are no parameters. Answer: a background task (portals/tasks.js).
//
// HTTP-level errors on this call (no task is created): 400 argument_invalid for a malformed
// body, 404 not_found for an unknown portal, interface or method, 428/409 for eTag
// preconditions of IAssetsWrite methods (plus 401/403/429/5xx from the server).

const { readBody, sendJson } = require('../../common/http');
const { SmintioError, argumentInvalid } = require('../errors');
const { findInterface, findMethod } = require('./methods');
const { isPlainObject } = require('../model/validate');

const MAX_BODY = 8 * 1024 * 1024;

const BODY_HINT = 'the body must be a JSON array holding one JSON-encoded string of the parameter object (["{\\"assetId\\":{\\"id\\":\\"…\\"}}"]) or [] for no parameters';

async function readParams(req) {
	let body;
	try {
		body = await readBody(req, MAX_BODY);
	} catch (error) {
		if (error.status === 413) throw new SmintioError(413, 'argument_invalid', `request body larger than ${MAX_BODY} bytes`);
		throw error;
	}
	let outer;
	try {
		outer = JSON.parse(body.toString('utf8'));
	} catch {
		throw argumentInvalid(`request body is not JSON; ${BODY_HINT}`, 'body');
	}
	if (!Array.isArray(outer) || outer.length > 1) throw argumentInvalid(BODY_HINT, 'body');
	if (outer.length === 0) return {};
	if (typeof outer[0] !== 'string') throw argumentInvalid(BODY_HINT, 'body');
	let params;
	try {
		params = JSON.parse(outer[0]);
	} catch {
		throw argumentInvalid(`the string in the body array is not JSON; ${BODY_HINT}`, 'body');
	}
	if (!isPlainObject(params)) throw argumentInvalid(`the parameters must be a JSON object; ${BODY_HINT}`, 'body');
	return params;
}

/** Resolves the method before anything else, so unknown names are 404 whatever the body. */
function resolveMethod(iface, method) {
	if (!findInterface(iface)) throw new SmintioError(404, 'not_found', `unknown interface "${iface}"`, { name: iface });
	const spec = findMethod(iface, method);
	if (!spec) throw new SmintioError(404, 'not_found', `unknown method "${iface}.${method}"`, { name: method });
	return spec;
}

async function handleExecute(ctx, req, res, params) {
	const spec = resolveMethod(params.iface, params.method);
	const methodParams = await readParams(req);
	const task = await ctx.tasks.start(params.iface, params.method, spec, methodParams);
	sendJson(res, 200, task);
}

async function handleTaskGet(ctx, _req, res, params) {
	const task = await ctx.tasks.get(params.uuid);
	if (!task) throw new SmintioError(404, 'not_found', `background task "${params.uuid}" was not found`, { uuid: params.uuid });
	sendJson(res, 200, task);
}

module.exports = { handleExecute, handleTaskGet, readParams };
