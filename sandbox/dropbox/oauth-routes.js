'use strict';
// OAuth2 as Dropbox serves it: GET /oauth2/authorize (a sandbox consent page that redirects
// back with ?code=&state=, or #access_token= for response_type=token) and POST /oauth2/token
// (authorization_code with client secret or PKCE, refresh_token). Parameters are read from the
// query string and from a form or JSON body: the JS SDK sends them in the query.

const { readBody, sendJson, sendHtml, sendText, redirect, applyFaults } = require('../common/http');
const { OAuthError, basicClient, consentPage } = require('../common/oauth');
const { renderFault } = require('./fault-replies');

function oauthError(res, error) {
	const status = error.code === 'invalid_client' ? 401 : 400;
	sendJson(res, status, { error: error.code, error_description: error.message });
}

async function tokenParams(req, url) {
	const params = Object.fromEntries(url.searchParams);
	const body = await readBody(req, 64 * 1024);
	if (body.length) {
		const type = (req.headers['content-type'] || '').toLowerCase();
		const text = body.toString('utf8');
		if (type.startsWith('application/json')) {
			try {
				const value = JSON.parse(text);
				if (value && typeof value === 'object') Object.assign(params, value);
			} catch {
				// Not JSON after all; the parameters may still be in the query string.
			}
		} else {
			Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
		}
	}
	return params;
}

function tokenResponse(emulator, tokens, { includeRefresh }) {
	const account = emulator.db.accounts.account();
	const subject = tokens.subject || {};
	const out = {
		access_token: tokens.accessToken,
		token_type: 'bearer',
		expires_in: tokens.expiresIn,
	};
	if (includeRefresh && tokens.refreshToken) out.refresh_token = tokens.refreshToken;
	out.scope = tokens.scope;
	if (subject.kind === 'team') {
		out.team_id = account.teamId;
	} else {
		out.uid = account.uid;
		out.account_id = account.accountId;
	}
	return out;
}

async function token(emulator, req, res, url) {
	if (await applyFaults(emulator.faults, 'oauth2/token', req, res, renderFault(null))) return;
	const params = await tokenParams(req, url);
	const basic = basicClient(req);
	const clientId = basic ? basic.clientId : params.client_id;
	const clientSecret = basic ? basic.clientSecret : params.client_secret;
	const issuer = emulator.tokens;
	try {
		if (!clientId) throw new OAuthError('invalid_request', 'No auth function available for given request');
		if (params.grant_type === 'authorization_code') {
			if (!params.code) throw new OAuthError('invalid_request', 'Missing code');
			issuer.authenticateClient(clientId, clientSecret, { secretOptional: Boolean(params.code_verifier) });
			const tokens = issuer.exchangeCode({
				code: params.code,
				clientId,
				redirectUri: params.redirect_uri,
				codeVerifier: params.code_verifier,
			});
			emulator.linkTokens(tokens.accessToken, tokens.refreshToken);
			sendJson(res, 200, tokenResponse(emulator, tokens, { includeRefresh: tokens.subject && tokens.subject.offline }));
			return;
		}
		if (params.grant_type === 'refresh_token') {
			if (!params.refresh_token) throw new OAuthError('invalid_request', 'Missing refresh_token');
			// PKCE apps refresh with the client id alone.
			issuer.authenticateClient(clientId, clientSecret, { secretOptional: true });
			const tokens = issuer.refresh({ refreshToken: params.refresh_token, clientId });
			if (params.scope) {
				const granted = new Set(tokens.scope.split(' '));
				const wanted = params.scope.split(/\s+/).filter(Boolean);
				if (!wanted.every((scope) => granted.has(scope))) throw new OAuthError('invalid_scope', 'scope is not a subset of the granted scopes');
				tokens.scope = wanted.join(' ');
				emulator.narrowToken(tokens.accessToken, tokens.scope);
			}
			emulator.linkTokens(tokens.accessToken, params.refresh_token);
			sendJson(res, 200, tokenResponse(emulator, tokens, { includeRefresh: false }));
			return;
		}
		throw new OAuthError('unsupported_grant_type', `grant_type "${params.grant_type || ''}" is not supported`);
	} catch (error) {
		if (error instanceof OAuthError) oauthError(res, error);
		else throw error;
	}
}

function authorizeError(res, message) {
	sendHtml(res, 400, `<!doctype html><html><body><h1>Error (400)</h1><p>${message.replace(/[&<>"]/g, '')}</p></body></html>`);
}

/** Validates authorize parameters; returns them or null after answering with an error page. */
function authorizeParams(emulator, res, url) {
	const params = Object.fromEntries(url.searchParams);
	const client = emulator.clients.find((c) => c.clientId === params.client_id);
	if (!client) return authorizeError(res, 'Invalid client_id.'), null;
	if (!['code', 'token'].includes(params.response_type)) return authorizeError(res, 'Invalid response_type: use "code" or "token".'), null;
	if (params.redirect_uri && !/^https?:\/\//.test(params.redirect_uri)) return authorizeError(res, 'Invalid redirect_uri.'), null;
	if (params.response_type === 'token' && !params.redirect_uri) return authorizeError(res, 'response_type=token needs a redirect_uri.'), null;
	if (params.code_challenge_method && !['S256', 'plain'].includes(params.code_challenge_method)) {
		return authorizeError(res, 'Invalid code_challenge_method.'), null;
	}
	const scope = params.scope ? params.scope.split(/\s+/).filter(Boolean) : client.scopes;
	const unknown = scope.filter((s) => !client.scopes.includes(s) && !['openid', 'profile', 'email'].includes(s));
	if (unknown.length) return authorizeError(res, `Invalid scope: ${unknown.join(', ')}`), null;
	return { params, client, scope: scope.join(' ') };
}

function withQuery(base, values, separator = '?') {
	const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
	const join = separator === '#' ? '#' : base.includes('?') ? '&' : '?';
	return `${base}${join}${query}`;
}

function decide(emulator, res, validated, allow) {
	const { params, client, scope } = validated;
	const redirectUri = params.redirect_uri;
	if (!allow) {
		if (!redirectUri) return sendHtml(res, 200, '<!doctype html><p>Access was not granted.</p>');
		return redirect(
			res,
			withQuery(redirectUri, {
				error: 'access_denied',
				error_description: 'The user chose not to give your app access to their Dropbox account.',
				state: params.state,
			}),
		);
	}
	const account = emulator.db.accounts.account();
	const subject = { accountId: account.accountId, kind: client.kind, offline: params.token_access_type === 'offline' };
	if (params.response_type === 'token') {
		const tokens = emulator.tokens.issueTokens({ clientId: client.clientId, scope, subject, withRefresh: false });
		return redirect(
			res,
			withQuery(
				redirectUri,
				{ access_token: tokens.accessToken, token_type: 'bearer', expires_in: tokens.expiresIn, state: params.state, uid: account.uid, account_id: account.accountId },
				'#',
			),
		);
	}
	const code = emulator.tokens.issueCode({
		clientId: client.clientId,
		redirectUri,
		scope,
		subject,
		codeChallenge: params.code_challenge,
		codeChallengeMethod: params.code_challenge_method,
	});
	if (!redirectUri) {
		return sendHtml(res, 200, `<!doctype html><html><body><h1>Enter this code into your app</h1><p><code id="code">${code}</code></p></body></html>`);
	}
	return redirect(res, withQuery(redirectUri, { code, state: params.state }));
}

async function handle(emulator, req, res, url) {
	if (url.pathname === '/oauth2/token' && req.method === 'POST') return token(emulator, req, res, url);
	req.resume();
	if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed');
	if (url.pathname === '/oauth2/authorize') {
		const validated = authorizeParams(emulator, res, url);
		if (!validated) return undefined;
		if (emulator.options.autoApprove) return decide(emulator, res, validated, true);
		const decisionUrl = (decision) => `/oauth2/authorize/decide?${new URLSearchParams({ ...validated.params, decision })}`;
		return sendHtml(
			res,
			200,
			consentPage({
				serviceName: 'Dropbox',
				clientId: validated.client.clientId,
				scope: validated.scope,
				approveUrl: decisionUrl('allow'),
				denyUrl: decisionUrl('deny'),
			}),
		);
	}
	if (url.pathname === '/oauth2/authorize/decide') {
		const validated = authorizeParams(emulator, res, url);
		if (!validated) return undefined;
		return decide(emulator, res, validated, url.searchParams.get('decision') === 'allow');
	}
	return sendText(res, 404, 'Not Found');
}

module.exports = { handle };
