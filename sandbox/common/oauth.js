'use strict';
// OAuth2 token bookkeeping shared by both emulators: authorization codes (with optional PKCE),
// refresh tokens, expiring access tokens, revocation. Wire formats (parameter names, error
// bodies) stay in each emulator; this module only decides.

const crypto = require('crypto');

class OAuthError extends Error {
	/** @param {string} code e.g. invalid_grant, invalid_client, invalid_request */
	constructor(code, description) {
		super(description);
		this.code = code;
	}
}

function randomToken(prefix) {
	return `${prefix}${crypto.randomBytes(24).toString('base64url')}`;
}

function pkceMatches(challenge, method, verifier) {
	if (!verifier) return false;
	if (method === 'S256') {
		return crypto.createHash('sha256').update(verifier).digest('base64url') === challenge;
	}
	return challenge === verifier;
}

/** Parses HTTP Basic client authentication, if present. */
function basicClient(req) {
	const header = req.headers.authorization || '';
	if (!header.startsWith('Basic ')) return null;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return null;
	return {
		clientId: decodeURIComponent(decoded.slice(0, colon)),
		clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
	};
}

class TokenIssuer {
	/**
	 * @param {{ store: import('./entity-store').EntityStore, clock: { now(): number },
	 *           clients: Array<{ clientId: string, clientSecret: string }>,
	 *           accessTokenLifetimeSeconds: number, accessTokenPrefix?: string, refreshTokenPrefix?: string,
	 *           rotateRefreshTokens?: boolean }} options
	 *   rotateRefreshTokens: each refresh answers a new refresh token and revokes the one used (as many
	 *   OAuth servers do), so a second refresh with the same token is invalid_grant
	 */
	constructor(options) {
		this.store = options.store;
		this.clock = options.clock;
		this.clients = options.clients;
		this.lifetime = options.accessTokenLifetimeSeconds;
		this.accessPrefix = options.accessTokenPrefix || 'at.';
		this.refreshPrefix = options.refreshTokenPrefix || 'rt.';
		this.rotateRefreshTokens = Boolean(options.rotateRefreshTokens);
	}

	authenticateClient(clientId, clientSecret, { secretOptional = false } = {}) {
		const client = this.clients.find((c) => c.clientId === clientId);
		if (!client) throw new OAuthError('invalid_client', 'unknown client_id');
		if (clientSecret === undefined && secretOptional) return client;
		if (client.clientSecret !== clientSecret) throw new OAuthError('invalid_client', 'wrong client secret');
		return client;
	}

	issueCode({ clientId, redirectUri, scope, subject, codeChallenge, codeChallengeMethod }) {
		const code = randomToken('code.');
		this.store.put('oauthCodes', code, {
			clientId,
			redirectUri,
			scope,
			subject,
			codeChallenge: codeChallenge || null,
			codeChallengeMethod: codeChallengeMethod || 'plain',
			expiresAt: this.clock.now() + 5 * 60 * 1000,
		});
		return code;
	}

	/** Exchanges a code; codes are single-use. */
	exchangeCode({ code, clientId, redirectUri, codeVerifier }) {
		const record = this.store.get('oauthCodes', code);
		if (!record) throw new OAuthError('invalid_grant', 'authorization code is invalid or was already used');
		this.store.delete('oauthCodes', code);
		if (record.expiresAt < this.clock.now()) throw new OAuthError('invalid_grant', 'authorization code expired');
		if (record.clientId !== clientId) throw new OAuthError('invalid_grant', 'code was issued to another client');
		if (record.redirectUri && redirectUri && record.redirectUri !== redirectUri) {
			throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorization request');
		}
		if (record.codeChallenge && !pkceMatches(record.codeChallenge, record.codeChallengeMethod, codeVerifier)) {
			throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
		}
		return this.issueTokens({ clientId, scope: record.scope, subject: record.subject, withRefresh: true });
	}

	refresh({ refreshToken, clientId }) {
		const record = this.store.get('refreshTokens', refreshToken);
		if (!record || record.revoked) throw new OAuthError('invalid_grant', 'refresh token is invalid or revoked');
		if (clientId && record.clientId !== clientId) throw new OAuthError('invalid_grant', 'refresh token belongs to another client');
		if (this.rotateRefreshTokens) {
			this.store.put('refreshTokens', refreshToken, { ...record, revoked: true, rotated: true });
			return this.issueTokens({ clientId: record.clientId, scope: record.scope, subject: record.subject, withRefresh: true });
		}
		// Refresh tokens stay valid (Dropbox's never rotate; Smint.io's slide): reuse the same one.
		const tokens = this.issueTokens({ clientId: record.clientId, scope: record.scope, subject: record.subject, withRefresh: false });
		return { ...tokens, refreshToken };
	}

	issueTokens({ clientId, scope, subject, withRefresh }) {
		const accessToken = randomToken(this.accessPrefix);
		const expiresAt = this.clock.now() + this.lifetime * 1000;
		this.store.put('accessTokens', accessToken, { clientId, scope, subject, expiresAt });
		let refreshToken;
		if (withRefresh) {
			refreshToken = randomToken(this.refreshPrefix);
			this.store.put('refreshTokens', refreshToken, { clientId, scope, subject, revoked: false });
		}
		return { accessToken, refreshToken, expiresIn: this.lifetime, scope, subject };
	}

	/** Registers a known token pair (the sandbox's printed credentials). */
	seedTokens({ accessToken, refreshToken, clientId, scope, subject, expiresAt }) {
		this.store.put('accessTokens', accessToken, { clientId, scope, subject, expiresAt });
		if (refreshToken) this.store.put('refreshTokens', refreshToken, { clientId, scope, subject, revoked: false });
	}

	/** @returns {{ status: 'valid', record: any } | { status: 'expired' | 'invalid' }} */
	checkAccessToken(token) {
		if (!token) return { status: 'invalid' };
		const record = this.store.get('accessTokens', token);
		if (!record || record.revoked) return { status: 'invalid' };
		if (record.expiresAt <= this.clock.now()) return { status: 'expired' };
		return { status: 'valid', record };
	}

	/** Revokes an access or refresh token (RFC 7009: unknown tokens are not an error). */
	revoke(token) {
		const access = this.store.get('accessTokens', token);
		if (access) this.store.put('accessTokens', token, { ...access, revoked: true });
		const refresh = this.store.get('refreshTokens', token);
		if (refresh) this.store.put('refreshTokens', token, { ...refresh, revoked: true });
	}
}

/** A plain consent page with one button that continues to `approveUrl`. */
function consentPage({ serviceName, clientId, scope, approveUrl, denyUrl }) {
	const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(serviceName)} sandbox: authorize</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5}a.button{display:inline-block;padding:.6rem 1.2rem;background:#0061fe;color:#fff;text-decoration:none;border-radius:4px;margin-right:1rem}</style></head>
<body><h1>${escape(serviceName)} sandbox</h1>
<p>The application <b>${escape(clientId)}</b> asks for access with scopes <code>${escape(scope || '(none)')}</code>.</p>
<p>This is a local emulator: approving issues sandbox tokens for the seeded account.</p>
<p><a class="button" id="approve" href="${escape(approveUrl)}">Allow</a> <a id="deny" href="${escape(denyUrl)}">Cancel</a></p>
</body></html>`;
}

module.exports = { TokenIssuer, OAuthError, basicClient, consentPage, randomToken };
