'use strict';
// The tenant identity server [public paths]: OIDC discovery, /connect/authorize (a sandbox
// consent page that redirects back with code and state; PKCE plain/S256), /connect/token
// (authorization_code, refresh_token, client_credentials; client auth in the body or by HTTP
// Basic), /connect/revocation (RFC 7009) and /connect/userinfo. Token-endpoint errors use the
// OAuth2 shape {error, error_description}: invalid_grant and invalid_request → 400,
// invalid_client → 401, unsupported_grant_type → 400, invalid_scope → 400.

const crypto = require('crypto');
const { readForm, sendJson, sendHtml, redirect } = require('../common/http');
const { OAuthError, basicClient, consentPage } = require('../common/oauth');
const {
	PATHS,
	CLIENTS,
	SANDBOX_USER,
	SCOPES_SUPPORTED,
	DEFAULT_SCOPE,
	CLIENT_CREDENTIALS_SCOPE,
} = require('./constants');
const { secret } = require('./model/meta');
const { SmintioError } = require('./errors');

const AUTH_REQUESTS = 'authRequests';

function discovery(ctx) {
	const base = ctx.config.publicBaseUrl;
	return {
		issuer: base,
		authorization_endpoint: `${base}${PATHS.authorize}`,
		token_endpoint: `${base}${PATHS.token}`,
		revocation_endpoint: `${base}${PATHS.revocation}`,
		userinfo_endpoint: `${base}${PATHS.userinfo}`,
		scopes_supported: SCOPES_SUPPORTED,
		response_types_supported: ['code'],
		response_modes_supported: ['query'],
		grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
		code_challenge_methods_supported: ['plain', 'S256'],
		token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
		revocation_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
		subject_types_supported: ['public'],
		id_token_signing_alg_values_supported: ['HS256'],
		claims_supported: ['sub', 'name', 'email', 'iss', 'aud', 'exp', 'iat'],
	};
}

function handleDiscovery(ctx, _req, res) {
	sendJson(res, 200, discovery(ctx));
}

function findClient(clientId) {
	return CLIENTS.find((client) => client.clientId === clientId) || null;
}

/** Requested scopes must be known; none requested → the full default set. */
function parseScope(scope, fallback) {
	if (scope === undefined || scope === null || scope.trim() === '') return fallback;
	const scopes = scope.trim().split(/\s+/);
	const unknown = scopes.filter((s) => !SCOPES_SUPPORTED.includes(s));
	if (unknown.length > 0) throw new OAuthError('invalid_scope', `unknown scope(s): ${unknown.join(' ')}`);
	return Array.from(new Set(scopes)).join(' ');
}

function withQuery(uri, params) {
	const url = new URL(uri);
	for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) url.searchParams.set(key, value);
	return url.toString();
}

function authorizeError(status, message) {
	return new SmintioError(status, 'argument_invalid', message);
}

/** GET /connect/authorize: validates the request and shows the consent page. */
function handleAuthorize(ctx, _req, res, _params, query) {
	const clientId = query.get('client_id');
	const redirectUri = query.get('redirect_uri');
	const client = findClient(clientId);
	// Problems with the client or redirect URI must not redirect (RFC 6749 4.1.2.1).
	if (!client) throw authorizeError(400, `unknown client_id "${clientId}"`);
	let redirectUrl;
	try {
		redirectUrl = new URL(redirectUri || '');
	} catch {
		throw authorizeError(400, 'redirect_uri must be an absolute http(s) URL');
	}
	if (!['http:', 'https:'].includes(redirectUrl.protocol)) throw authorizeError(400, 'redirect_uri must be an absolute http(s) URL');
	const state = query.get('state');
	const fail = (error, description) =>
		redirect(res, withQuery(redirectUri, { error, error_description: description, state }));
	if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');
	let scope;
	try {
		scope = parseScope(query.get('scope'), DEFAULT_SCOPE);
	} catch (error) {
		return fail(error.code, error.message);
	}
	const codeChallenge = query.get('code_challenge');
	const codeChallengeMethod = query.get('code_challenge_method') || (codeChallenge ? 'plain' : null);
	if (codeChallengeMethod && !['plain', 'S256'].includes(codeChallengeMethod)) {
		return fail('invalid_request', 'code_challenge_method must be plain or S256');
	}
	if (client.public && !codeChallenge) return fail('invalid_request', 'public clients must use PKCE (code_challenge)');
	const requestId = crypto.randomBytes(16).toString('hex');
	ctx.store.put(AUTH_REQUESTS, requestId, {
		clientId,
		redirectUri,
		scope,
		state,
		codeChallenge,
		codeChallengeMethod,
		expiresAt: ctx.clock.now() + 10 * 60 * 1000,
	});
	const decision = (value) => `${ctx.config.publicBaseUrl}${PATHS.authorizeDecision}?request=${requestId}&decision=${value}`;
	sendHtml(
		res,
		200,
		consentPage({ serviceName: `Smint.io (${ctx.config.tenant})`, clientId, scope, approveUrl: decision('allow'), denyUrl: decision('deny') }),
	);
	return undefined;
}

/** GET /connect/authorize/decision: the consent page's Allow / Cancel links. */
function handleAuthorizeDecision(ctx, _req, res, _params, query) {
	const requestId = query.get('request') || '';
	const request = ctx.store.get(AUTH_REQUESTS, requestId);
	if (!request || request.expiresAt < ctx.clock.now()) {
		throw authorizeError(400, 'the authorization request is unknown or expired; start again');
	}
	ctx.store.delete(AUTH_REQUESTS, requestId);
	if (query.get('decision') !== 'allow') {
		return redirect(res, withQuery(request.redirectUri, { error: 'access_denied', error_description: 'the user declined', state: request.state }));
	}
	const code = ctx.tokens.issueCode({
		clientId: request.clientId,
		redirectUri: request.redirectUri,
		scope: request.scope,
		subject: SANDBOX_USER.sub,
		codeChallenge: request.codeChallenge,
		codeChallengeMethod: request.codeChallengeMethod,
	});
	return redirect(res, withQuery(request.redirectUri, { code, state: request.state }));
}

/**
 * Client authentication: Basic header or client_id/client_secret in the body (not both with
 * different ids). Public clients send only client_id.
 */
function authenticateClient(ctx, req, form) {
	const basic = basicClient(req);
	if (basic && form.client_id && form.client_id !== basic.clientId) {
		throw new OAuthError('invalid_request', 'client_id in the body differs from the Basic credentials');
	}
	const clientId = basic ? basic.clientId : form.client_id;
	const clientSecret = basic ? basic.clientSecret : form.client_secret;
	if (!clientId) throw new OAuthError('invalid_client', 'client authentication is missing (Basic or client_id/client_secret)');
	const client = findClient(clientId);
	if (!client) throw new OAuthError('invalid_client', 'unknown client_id');
	if (client.public) {
		if (clientSecret) throw new OAuthError('invalid_client', 'public clients have no secret');
		return client;
	}
	ctx.tokens.authenticateClient(clientId, clientSecret);
	return client;
}

function base64url(value) {
	return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An HS256 id_token (signed with the client secret, or the instance secret for public clients). */
function idToken(ctx, client, subject) {
	const now = Math.floor(ctx.clock.now() / 1000);
	const header = base64url({ alg: 'HS256', typ: 'JWT' });
	const claims = { iss: ctx.config.publicBaseUrl, sub: subject, aud: client.clientId, iat: now, exp: now + 300 };
	if (subject === SANDBOX_USER.sub) Object.assign(claims, { name: SANDBOX_USER.name, email: SANDBOX_USER.email });
	const payload = base64url(claims);
	const key = client.clientSecret || secret(ctx);
	const signature = crypto.createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${signature}`;
}

function tokenResponse(ctx, client, tokens) {
	const body = {
		access_token: tokens.accessToken,
		token_type: 'Bearer',
		expires_in: tokens.expiresIn,
		scope: tokens.scope,
	};
	if (tokens.refreshToken) body.refresh_token = tokens.refreshToken;
	if (String(tokens.scope).split(' ').includes('openid')) body.id_token = idToken(ctx, client, tokens.subject);
	return body;
}

function oauthErrorReply(req, res, error) {
	const status = error.code === 'invalid_client' ? 401 : 400;
	const headers = error.code === 'invalid_client' && basicClient(req) ? { 'WWW-Authenticate': 'Basic realm="smintio"' } : {};
	sendJson(res, status, { error: error.code, error_description: error.message }, { 'Cache-Control': 'no-store', ...headers });
}

async function handleToken(ctx, req, res) {
	const form = await readForm(req);
	try {
		const client = authenticateClient(ctx, req, form);
		let tokens;
		switch (form.grant_type) {
			case 'authorization_code':
				if (!form.code) throw new OAuthError('invalid_request', 'code is required');
				tokens = ctx.tokens.exchangeCode({
					code: form.code,
					clientId: client.clientId,
					redirectUri: form.redirect_uri,
					codeVerifier: form.code_verifier,
				});
				break;
			case 'refresh_token':
				if (!form.refresh_token) throw new OAuthError('invalid_request', 'refresh_token is required');
				tokens = ctx.tokens.refresh({ refreshToken: form.refresh_token, clientId: client.clientId });
				break;
			case 'client_credentials': {
				if (client.public) throw new OAuthError('unauthorized_client', 'public clients cannot use client_credentials');
				const scope = parseScope(form.scope, CLIENT_CREDENTIALS_SCOPE);
				const userScopes = scope.split(' ').filter((s) => ['openid', 'profile', 'offline_access'].includes(s));
				if (userScopes.length > 0) throw new OAuthError('invalid_scope', `client_credentials tokens cannot carry ${userScopes.join(' ')}`);
				tokens = ctx.tokens.issueTokens({ clientId: client.clientId, scope, subject: `client:${client.clientId}`, withRefresh: false });
				break;
			}
			case undefined:
			case '':
				throw new OAuthError('invalid_request', 'grant_type is required');
			default:
				throw new OAuthError('unsupported_grant_type', `grant_type "${form.grant_type}" is not supported`);
		}
		sendJson(res, 200, tokenResponse(ctx, client, tokens), { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
	} catch (error) {
		if (!(error instanceof OAuthError)) throw error;
		oauthErrorReply(req, res, error);
	}
}

async function handleRevocation(ctx, req, res) {
	const form = await readForm(req);
	try {
		authenticateClient(ctx, req, form);
		if (!form.token) throw new OAuthError('invalid_request', 'token is required');
		ctx.tokens.revoke(form.token);
		res.writeHead(200, { 'Content-Length': 0, 'Cache-Control': 'no-store' });
		res.end();
	} catch (error) {
		if (!(error instanceof OAuthError)) throw error;
		oauthErrorReply(req, res, error);
	}
}

/** GET /connect/userinfo (Bearer; needs the openid scope). */
function handleUserinfo(_ctx, _req, res, _params, _query, token) {
	if (!String(token.scope).split(' ').includes('openid')) {
		throw new SmintioError(403, 'permission_denied', 'userinfo needs a token with the openid scope');
	}
	if (token.subject !== SANDBOX_USER.sub) {
		sendJson(res, 200, { sub: token.subject });
		return;
	}
	sendJson(res, 200, { sub: SANDBOX_USER.sub, name: SANDBOX_USER.name, email: SANDBOX_USER.email, preferred_username: SANDBOX_USER.email });
}

module.exports = {
	discovery,
	handleDiscovery,
	handleAuthorize,
	handleAuthorizeDecision,
	handleToken,
	handleRevocation,
	handleUserinfo,
};
