'use strict';
// OAuth2 and access tokens: the consent page and redirect with code and state, code exchange
// (client secret in the query as the SDK sends it, HTTP Basic with a form body as n8n sends
// it, PKCE), the SDK's token refresh against expiring tokens, scopes, 401 shapes, revocation.

const { DropboxAuth } = require('dropbox');
const { startEmulator, client, expectDropboxError, rewritingFetch, rawCall, Dropbox } = require('./helpers');

const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';

describe('Dropbox emulator: OAuth2 and tokens', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ seed: false, accessTokenLifetimeSeconds: 60 });
	});
	afterAll(() => emulator.close());

	const counters = async () => (await (await fetch(`${emulator.baseUrl}/__admin/counters`)).json()).calls;
	const advanceClock = (seconds) => fetch(`${emulator.baseUrl}/__admin/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: seconds }) });

	/** Opens the authorize URL (as a browser would), clicks "Allow", returns the redirect URL. */
	async function authorize(authUrl, decision = 'allow') {
		const url = new URL(authUrl);
		const page = await fetch(`${emulator.baseUrl}${url.pathname}${url.search}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		const link = new RegExp(`href="([^"]*decision=${decision}[^"]*)"`).exec(html)[1].replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
		const decided = await fetch(`${emulator.baseUrl}${link}`, { redirect: 'manual' });
		expect(decided.status).toBe(302);
		return new URL(decided.headers.get('location'));
	}

	function sdkAuth(options = {}) {
		return new DropboxAuth({ clientId: emulator.credentials.clientId, fetch: rewritingFetch(emulator.baseUrl), ...options });
	}

	test('authorization code flow: consent page, redirect with code and state, exchange with the client secret', async () => {
		const auth = sdkAuth({ clientSecret: emulator.credentials.clientSecret });
		const authUrl = await auth.getAuthenticationUrl(REDIRECT, 'state-123', 'code', 'offline', ['account_info.read', 'files.metadata.read']);
		const back = await authorize(authUrl);
		expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
		expect(back.searchParams.get('state')).toBe('state-123');
		const code = back.searchParams.get('code');
		const { result } = await auth.getAccessTokenFromCode(REDIRECT, code);
		expect(result.access_token.startsWith('sl.')).toBe(true);
		expect(result.token_type).toBe('bearer');
		expect(result.expires_in).toBe(60);
		expect(result.refresh_token).toEqual(expect.any(String));
		expect(result.account_id).toBe(emulator.credentials.accountId);
		expect(result.scope).toBe('account_info.read files.metadata.read');
		const dbx = new Dropbox({ accessToken: result.access_token, fetch: rewritingFetch(emulator.baseUrl) });
		expect((await dbx.usersGetCurrentAccount()).result.email).toBe('alex@northwind.example');
		// The granted scopes bound the token.
		await expectDropboxError(dbx.filesUpload({ path: '/x.txt', contents: 'x' }), 401, ['missing_scope']);
		// Codes are single-use.
		const again = await auth.getAccessTokenFromCode(REDIRECT, code).catch((error) => error);
		expect(again.status).toBe(400);
		expect(again.error.error).toBe('invalid_grant');
	});

	test('PKCE: no client secret, the code_verifier must match', async () => {
		const auth = sdkAuth();
		const authUrl = await auth.getAuthenticationUrl(REDIRECT, 's', 'code', 'offline', null, 'none', true);
		expect(authUrl).toContain('code_challenge_method=S256');
		const code = (await authorize(authUrl)).searchParams.get('code');
		const { result } = await auth.getAccessTokenFromCode(REDIRECT, code);
		expect(result.refresh_token).toEqual(expect.any(String));

		const other = sdkAuth();
		const otherUrl = await other.getAuthenticationUrl(REDIRECT, 's', 'code', 'offline', null, 'none', true);
		const otherCode = (await authorize(otherUrl)).searchParams.get('code');
		auth.codeVerifier = 'a'.repeat(64);
		const mismatch = await auth.getAccessTokenFromCode(REDIRECT, otherCode).catch((error) => error);
		expect(mismatch.error.error).toBe('invalid_grant');
	});

	test('token endpoint with HTTP Basic client auth and a form body; bad secret; deny', async () => {
		const { clientId, clientSecret } = emulator.credentials;
		const authUrl = `https://www.dropbox.com/oauth2/authorize?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}&state=n8n&token_access_type=offline`;
		const code = (await authorize(authUrl)).searchParams.get('code');
		const token = (secret) =>
			fetch(`${emulator.baseUrl}/oauth2/token`, {
				method: 'POST',
				headers: {
					Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }).toString(),
			});
		const wrong = await token('wrong-secret');
		expect(wrong.status).toBe(401);
		expect((await wrong.json()).error).toBe('invalid_client');
		const ok = await token(clientSecret);
		expect(ok.status).toBe(200);
		const body = await ok.json();
		expect(body.refresh_token).toEqual(expect.any(String));
		// Refresh with a form body too.
		const refreshed = await fetch(`${emulator.baseUrl}/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: clientId, client_secret: clientSecret }).toString(),
		});
		expect((await refreshed.json()).access_token.startsWith('sl.')).toBe(true);

		const denied = await authorize(authUrl, 'deny');
		expect(denied.searchParams.get('error')).toBe('access_denied');
		expect(denied.searchParams.get('state')).toBe('n8n');
	});

	test("the SDK refreshes an expiring token (refresh params in the query, empty body) and calls succeed", async () => {
		const { refreshToken, clientId, clientSecret } = emulator.credentials;
		const before = (await counters())['oauth2/token'] || 0;
		const dbx = new Dropbox({ refreshToken, clientId, clientSecret, fetch: rewritingFetch(emulator.baseUrl) });
		const account = await dbx.usersGetCurrentAccount();
		expect(account.result.account_id).toBe(emulator.credentials.accountId);
		expect((await counters())['oauth2/token']).toBe(before + 1);
		const issued = dbx.auth.getAccessToken();

		// The issued token works alone until it expires (emulator clock), then 401 expired_access_token.
		const plain = new Dropbox({ accessToken: issued, fetch: rewritingFetch(emulator.baseUrl) });
		await plain.usersGetCurrentAccount();
		await advanceClock(61);
		await expectDropboxError(plain.usersGetCurrentAccount(), 401, ['expired_access_token']);

		// The SDK client refreshes on its next call (its token is within the expiry margin) and succeeds.
		const again = await dbx.usersGetCurrentAccount();
		expect(again.result.email).toBe('alex@northwind.example');
		expect(dbx.auth.getAccessToken()).not.toBe(issued);
		expect((await counters())['oauth2/token']).toBeGreaterThanOrEqual(before + 2);
	});

	test('401 and 400 shapes: unknown token, missing header, wrong scheme; authorization as a URL parameter', async () => {
		const bad = new Dropbox({ accessToken: 'sl.not-a-token', fetch: rewritingFetch(emulator.baseUrl) });
		const error = await expectDropboxError(bad.usersGetCurrentAccount(), 401, ['invalid_access_token']);
		expect(error.error.error_summary).toBe('invalid_access_token/..');
		const missing = await rawCall(emulator, 'users/get_current_account', { token: null });
		expect(missing.status).toBe(400);
		expect(missing.text).toContain('Authorization');
		const basic = await rawCall(emulator, 'users/get_current_account', { token: null, headers: { Authorization: 'Basic abc' } });
		expect(basic.status).toBe(400);
		const viaQuery = await rawCall(emulator, 'users/get_current_account', {
			token: null,
			query: `?authorization=${encodeURIComponent(`Bearer ${emulator.credentials.accessToken}`)}`,
		});
		expect(viaQuery.status).toBe(200);
		expect(viaQuery.json.email).toBe('alex@northwind.example');
	});

	test('refresh with a narrower scope; unknown refresh token is invalid_grant', async () => {
		const { refreshToken, clientSecret } = emulator.credentials;
		const auth = sdkAuth({ refreshToken, clientSecret });
		await auth.refreshAccessToken(['files.metadata.read']);
		const narrow = new Dropbox({ accessToken: auth.getAccessToken(), fetch: rewritingFetch(emulator.baseUrl) });
		const error = await expectDropboxError(narrow.usersGetCurrentAccount(), 401, ['missing_scope']);
		expect(error.error.error.required_scope).toBe('account_info.read');
		await narrow.filesListFolder({ path: '' });
		const unknown = sdkAuth({ refreshToken: 'nope', clientSecret });
		const failed = await unknown.refreshAccessToken().catch((e) => e);
		expect(failed.status).toBe(400);
		expect(failed.error.error).toBe('invalid_grant');
	});

	test('auth/token/revoke revokes the token and its refresh token', async () => {
		const { clientSecret } = emulator.credentials;
		const auth = sdkAuth({ clientSecret });
		const authUrl = await auth.getAuthenticationUrl(REDIRECT, 's', 'code', 'offline');
		const code = (await authorize(authUrl)).searchParams.get('code');
		const { result } = await auth.getAccessTokenFromCode(REDIRECT, code);
		const dbx = new Dropbox({ accessToken: result.access_token, fetch: rewritingFetch(emulator.baseUrl) });
		await dbx.authTokenRevoke();
		await expectDropboxError(dbx.usersGetCurrentAccount(), 401, ['invalid_access_token']);
		const refresh = await sdkAuth({ refreshToken: result.refresh_token, clientSecret }).refreshAccessToken().catch((e) => e);
		expect(refresh.error.error).toBe('invalid_grant');
		// The seeded credentials are unaffected.
		await client(emulator).usersGetCurrentAccount();
	});
});
