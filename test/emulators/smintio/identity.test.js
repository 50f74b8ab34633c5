'use strict';
// Identity server: discovery, consent + code (PKCE), token grants, client auth, errors,
// expiry → 401 → refresh, revocation, userinfo, scopes.

const crypto = require('crypto');
const { start, http, execute, ok } = require('./helpers');
const { startSmintioEmulator } = require('../../../sandbox/smintio');

const CLIENT_ID = 'n8n-smintio-sandbox';
const CLIENT_SECRET = 'northwind-sandbox-secret';
const PUBLIC_CLIENT_ID = 'n8n-smintio-sandbox-public';
const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
const basic = (id, secret) => ({
	headers: { ...FORM.headers, Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
});

let emulator;
let anon;
let admin;

beforeAll(async () => {
	({ emulator, admin } = await start({ seed: false }));
	anon = http(emulator.baseUrl);
});
afterAll(() => emulator.close());

/** Walks the consent page: returns the redirect Location after "Allow" (or "Cancel"). */
async function authorize(query, decision = 'allow') {
	const page = await anon.get('/connect/authorize', { params: query });
	expect(page.status).toBe(200);
	expect(page.headers['content-type']).toMatch(/text\/html/);
	const match = new RegExp(`id="${decision === 'allow' ? 'approve' : 'deny'}" href="([^"]+)"`).exec(page.data);
	expect(match).not.toBeNull();
	const link = match[1].replace(/&#38;/g, '&');
	const answer = await anon.get(link);
	expect(answer.status).toBe(302);
	return new URL(answer.headers.location);
}

function pkce() {
	const verifier = crypto.randomBytes(32).toString('base64url');
	const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
	return { verifier, challenge };
}

async function codeFlow({ clientId = CLIENT_ID, challenge, method = 'S256', scope } = {}) {
	const query = { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, state: 'xyz-state' };
	if (challenge) Object.assign(query, { code_challenge: challenge, code_challenge_method: method });
	if (scope) query.scope = scope;
	const location = await authorize(query);
	expect(location.origin + location.pathname).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('xyz-state');
	return location.searchParams.get('code');
}

describe('discovery', () => {
	test('points every endpoint at the public base URL', async () => {
		const response = await anon.get('/.well-known/openid-configuration');
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			issuer: emulator.baseUrl,
			authorization_endpoint: `${emulator.baseUrl}/connect/authorize`,
			token_endpoint: `${emulator.baseUrl}/connect/token`,
			revocation_endpoint: `${emulator.baseUrl}/connect/revocation`,
		});
		expect(response.data.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
		expect(response.data.code_challenge_methods_supported).toContain('S256');
	});

	test('honours publicBaseUrl', async () => {
		const other = await startSmintioEmulator({ seed: false, publicBaseUrl: 'https://northwind.smint.example/' });
		try {
			const response = await http(other.baseUrl).get('/.well-known/openid-configuration');
			expect(response.data.issuer).toBe('https://northwind.smint.example');
			expect(response.data.token_endpoint).toBe('https://northwind.smint.example/connect/token');
		} finally {
			await other.close();
		}
	});
});

describe('authorization code', () => {
	test('PKCE S256, client auth in the body: tokens that work on both APIs', async () => {
		const { verifier, challenge } = pkce();
		const code = await codeFlow({ challenge });
		const response = await anon.post(
			'/connect/token',
			form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
			FORM,
		);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
		expect(response.data.access_token).toMatch(/^smat\./);
		expect(response.data.refresh_token).toMatch(/^smrt\./);
		expect(response.data.id_token.split('.')).toHaveLength(3);
		const claims = JSON.parse(Buffer.from(response.data.id_token.split('.')[1], 'base64url').toString());
		expect(claims).toMatchObject({ iss: emulator.baseUrl, aud: CLIENT_ID, email: 'alex@northwind.example' });
		const api = http(emulator.baseUrl, response.data.access_token);
		expect((await execute(api, 'ICollectionsSearch', 'searchCollectionsAsync', { page: 0, pageSize: 5 })).status).toBe(200);
		expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(200);
	});

	test('client auth by HTTP Basic with a plain PKCE challenge', async () => {
		const code = await codeFlow({ challenge: 'plain-verifier-0123456789-abcdefghijklmnopqrstuvwxyz', method: 'plain' });
		const response = await anon.post(
			'/connect/token',
			form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'plain-verifier-0123456789-abcdefghijklmnopqrstuvwxyz' }),
			basic(CLIENT_ID, CLIENT_SECRET),
		);
		expect(response.status).toBe(200);
		expect(response.data.access_token).toBeTruthy();
	});

	test('a wrong PKCE verifier and a reused code are invalid_grant', async () => {
		const { challenge } = pkce();
		const code = await codeFlow({ challenge });
		const wrong = await anon.post(
			'/connect/token',
			form({ grant_type: 'authorization_code', code, code_verifier: 'not-the-verifier', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
			FORM,
		);
		expect(wrong.status).toBe(400);
		expect(wrong.data.error).toBe('invalid_grant');
		expect(typeof wrong.data.error_description).toBe('string');
		const reused = await anon.post('/connect/token', form({ grant_type: 'authorization_code', code }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(reused.status).toBe(400);
		expect(reused.data.error).toBe('invalid_grant');
	});

	test('public client: PKCE required, no secret', async () => {
		const refused = await anon.get('/connect/authorize', {
			params: { response_type: 'code', client_id: PUBLIC_CLIENT_ID, redirect_uri: REDIRECT, state: 's1' },
		});
		expect(refused.status).toBe(302);
		const error = new URL(refused.headers.location);
		expect(error.searchParams.get('error')).toBe('invalid_request');
		expect(error.searchParams.get('state')).toBe('s1');

		const { verifier, challenge } = pkce();
		const code = await codeFlow({ clientId: PUBLIC_CLIENT_ID, challenge });
		const response = await anon.post(
			'/connect/token',
			form({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: PUBLIC_CLIENT_ID, redirect_uri: REDIRECT }),
			FORM,
		);
		expect(response.status).toBe(200);
		expect(response.data.refresh_token).toBeTruthy();
	});

	test('Cancel on the consent page redirects with access_denied and the state', async () => {
		const location = await authorize({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, state: 'no-thanks' }, 'deny');
		expect(location.searchParams.get('error')).toBe('access_denied');
		expect(location.searchParams.get('state')).toBe('no-thanks');
		expect(location.searchParams.get('code')).toBeNull();
	});

	test('an unknown client or a bad redirect URI is not redirected', async () => {
		const unknown = await anon.get('/connect/authorize', { params: { response_type: 'code', client_id: 'nobody', redirect_uri: REDIRECT } });
		expect(unknown.status).toBe(400);
		expect(unknown.data.error_code).toBe('argument_invalid');
		const badRedirect = await anon.get('/connect/authorize', { params: { response_type: 'code', client_id: CLIENT_ID, redirect_uri: 'not a url' } });
		expect(badRedirect.status).toBe(400);
	});

	test('an unknown scope is redirected back as invalid_scope', async () => {
		const response = await anon.get('/connect/authorize', {
			params: { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, scope: 'openid smintio.everything', state: 'q' },
		});
		expect(response.status).toBe(302);
		expect(new URL(response.headers.location).searchParams.get('error')).toBe('invalid_scope');
	});
});

describe('token endpoint errors', () => {
	test('wrong secret → 401 invalid_client (body and Basic)', async () => {
		const body = await anon.post('/connect/token', form({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong' }), FORM);
		expect(body.status).toBe(401);
		expect(body.data).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
		const viaBasic = await anon.post('/connect/token', form({ grant_type: 'client_credentials' }), basic(CLIENT_ID, 'wrong'));
		expect(viaBasic.status).toBe(401);
		expect(viaBasic.headers['www-authenticate']).toMatch(/^Basic/);
	});

	test('missing client auth, unknown grant type, missing code', async () => {
		const none = await anon.post('/connect/token', form({ grant_type: 'client_credentials' }), FORM);
		expect(none.status).toBe(401);
		expect(none.data.error).toBe('invalid_client');
		const grant = await anon.post('/connect/token', form({ grant_type: 'password' }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(grant.status).toBe(400);
		expect(grant.data.error).toBe('unsupported_grant_type');
		const code = await anon.post('/connect/token', form({ grant_type: 'authorization_code' }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(code.status).toBe(400);
		expect(code.data.error).toBe('invalid_request');
	});
});

describe('client credentials', () => {
	test('issues an access token without refresh token that works on both APIs', async () => {
		const response = await anon.post('/connect/token', form({ grant_type: 'client_credentials' }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(response.status).toBe(200);
		expect(response.data.refresh_token).toBeUndefined();
		expect(response.data.id_token).toBeUndefined();
		expect(response.data.scope).toBe('smintio.portals.frontend smintio.full');
		const api = http(emulator.baseUrl, response.data.access_token);
		expect((await api.get('/consumer/v1/sync/license-purchase-transactions')).status).toBe(200);
		expect((await execute(api, 'IAssetsChanges', 'getChangesAsync', {})).status).toBe(200);
	});

	test('rejects user scopes', async () => {
		const response = await anon.post(
			'/connect/token',
			form({ grant_type: 'client_credentials', scope: 'smintio.full offline_access', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
			FORM,
		);
		expect(response.status).toBe(400);
		expect(response.data.error).toBe('invalid_scope');
	});
});

describe('expiry, refresh, revocation', () => {
	test('an expired access token gets 401 access_token_expired; refreshing gives a working one', async () => {
		const { refreshToken, accessToken } = emulator.credentials;
		const api = http(emulator.baseUrl, accessToken);
		expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(200);
		await admin.post('/__admin/clock', { advanceSeconds: 3601 });
		try {
			const expired = await api.get('/consumer/v1/sync/generic-metadata');
			expect(expired.status).toBe(401);
			expect(expired.data.error_code).toBe('access_token_expired');
			expect(expired.headers['www-authenticate']).toMatch(/invalid_token/);
			const portal = await execute(api, 'IAssetsChanges', 'getChangesAsync', {});
			expect(portal.status).toBe(401);
			expect(portal.data.error_code).toBe('access_token_expired');

			const refreshed = await anon.post(
				'/connect/token',
				form({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
				FORM,
			);
			expect(refreshed.status).toBe(200);
			expect(refreshed.data.access_token).not.toBe(accessToken);
			expect(refreshed.data.refresh_token).toBe(refreshToken);
			expect((await http(emulator.baseUrl, refreshed.data.access_token).get('/consumer/v1/sync/generic-metadata')).status).toBe(200);
		} finally {
			await admin.post('/__admin/clock', { advanceSeconds: -3601 });
		}
	});

	test('rotateRefreshTokens: each refresh answers a new refresh token; the used one is then invalid_grant', async () => {
		const rotating = await startSmintioEmulator({ seed: false, rotateRefreshTokens: true });
		try {
			const { refreshToken } = rotating.credentials;
			const refresh = async (token) =>
				await http(rotating.baseUrl).post('/connect/token', form({ grant_type: 'refresh_token', refresh_token: token, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }), FORM);
			const first = await refresh(refreshToken);
			expect(first.status).toBe(200);
			expect(first.data.refresh_token).toMatch(/^smrt\./);
			expect(first.data.refresh_token).not.toBe(refreshToken);
			const reused = await refresh(refreshToken);
			expect(reused.status).toBe(400);
			expect(reused.data.error).toBe('invalid_grant');
			const second = await refresh(first.data.refresh_token);
			expect(second.status).toBe(200);
			expect(second.data.refresh_token).not.toBe(first.data.refresh_token);
			expect((await http(rotating.baseUrl, second.data.access_token).get('/consumer/v1/sync/generic-metadata')).status).toBe(200);
		} finally {
			await rotating.close();
		}
	});

	test('short lifetimes are configurable', async () => {
		const shortLived = await startSmintioEmulator({ seed: false, accessTokenLifetimeSeconds: 5 });
		try {
			const response = await http(shortLived.baseUrl).post('/connect/token', form({ grant_type: 'client_credentials' }), basic(CLIENT_ID, CLIENT_SECRET));
			expect(response.data.expires_in).toBe(5);
			const api = http(shortLived.baseUrl, response.data.access_token);
			expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(200);
			await http(shortLived.baseUrl).post('/__admin/clock', { advanceSeconds: 6 });
			expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(401);
		} finally {
			await shortLived.close();
		}
	});

	test('missing or unknown tokens get 401 token_invalid_or_expired', async () => {
		const none = await anon.get('/consumer/v1/sync/generic-metadata');
		expect(none.status).toBe(401);
		expect(none.data.error_code).toBe('token_invalid_or_expired');
		const garbage = await http(emulator.baseUrl, 'smat.garbage').get('/consumer/v1/sync/generic-metadata');
		expect(garbage.status).toBe(401);
		expect(garbage.data.error_code).toBe('token_invalid_or_expired');
	});

	test('an invalid refresh token is invalid_grant', async () => {
		const response = await anon.post('/connect/token', form({ grant_type: 'refresh_token', refresh_token: 'smrt.nope' }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(response.status).toBe(400);
		expect(response.data.error).toBe('invalid_grant');
	});

	test('revocation of access and refresh tokens', async () => {
		const issued = (await admin.post('/__admin/tokens', {})).data;
		const api = http(emulator.baseUrl, issued.accessToken);
		expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(200);

		const revokeAccess = await anon.post('/connect/revocation', form({ token: issued.accessToken, token_type_hint: 'access_token' }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(revokeAccess.status).toBe(200);
		expect((await api.get('/consumer/v1/sync/generic-metadata')).status).toBe(401);

		const revokeRefresh = await anon.post('/connect/revocation', form({ token: issued.refreshToken, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }), FORM);
		expect(revokeRefresh.status).toBe(200);
		const refresh = await anon.post('/connect/token', form({ grant_type: 'refresh_token', refresh_token: issued.refreshToken }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(refresh.data.error).toBe('invalid_grant');

		const unknown = await anon.post('/connect/revocation', form({ token: 'never-issued' }), basic(CLIENT_ID, CLIENT_SECRET));
		expect(unknown.status).toBe(200);
		const badClient = await anon.post('/connect/revocation', form({ token: issued.accessToken }), basic(CLIENT_ID, 'wrong'));
		expect(badClient.status).toBe(401);
		expect(badClient.data.error).toBe('invalid_client');
	});
});

describe('userinfo and scopes', () => {
	test('userinfo names the sandbox user', async () => {
		const response = await http(emulator.baseUrl, emulator.credentials.accessToken).get('/connect/userinfo');
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ name: 'Alex Example', email: 'alex@northwind.example' });
	});

	test('a token without smintio.full is refused by CLAPI-C (403) but accepted by Portals', async () => {
		const issued = (await admin.post('/__admin/tokens', { scope: 'smintio.portals.frontend openid' })).data;
		const api = http(emulator.baseUrl, issued.accessToken);
		const clapi = await api.get('/consumer/v1/sync/license-purchase-transactions');
		expect(clapi.status).toBe(403);
		expect(clapi.data.error_code).toBe('permission_denied');
		const result = await ok(api, 'IAssetsChanges', 'getChangesAsync', {});
		expect(result.details.continuationUuid).toEqual(expect.any(String));
	});
});
