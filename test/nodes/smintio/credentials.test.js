'use strict';
// The Smint.io OAuth2 credential: hosts derived from the tenant or overridden, scopes per
// grant, its credential test (run the way n8n's CredentialsTester runs it: a declarative node
// whose request is the credential's test request), client credentials, token refresh failures,
// and no secrets in errors or output.

const { setup, credentialData, rl } = require('./setup');
const { SmintIoOAuth2Api } = require('../../../credentials/SmintIoOAuth2Api.credentials');

const CREDENTIAL_TEST_NODE = 'n8n-nodes-smintio.credentialTest';
/** What n8n's CredentialsTester builds: a declarative node whose one property routes the test request. */
class CredentialTestNode {
	description = {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'Runs the credential test request',
		defaults: { name: 'Credential Test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'smintIoOAuth2Api', required: true }],
		properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: new SmintIoOAuth2Api().test.request } }],
	};
}

let ctx;
beforeAll(async () => {
	ctx = await setup({ nodeTypes: { [CREDENTIAL_TEST_NODE]: CredentialTestNode } });
});
afterAll(async () => ctx && (await ctx.close()));

const secrets = () => {
	const creds = ctx.credentials();
	return [creds.clientSecret, creds.refreshToken, ctx.harness.getCredentialData('Smint.io').oauthTokenData.access_token];
};

test('hosts and token URLs derive from the tenant, or from the overrides', async () => {
	ctx.harness.setCredential('Tenant only', { tenantId: 'acme', portalUuid: 'p', clientId: 'c', clientSecret: 's' });
	const derived = await ctx.harness.getDecryptedCredential('Tenant only', 'smintIoOAuth2Api');
	expect(derived.authUrl).toBe('https://acme.smint.io/connect/authorize');
	expect(derived.accessTokenUrl).toBe('https://acme.smint.io/connect/token');
	expect(derived.scope).toBe('smintio.portals.frontend smintio.full openid profile offline_access');
	expect(derived.grantType).toBe('authorizationCode');
	expect(derived.authentication).toBe('body');

	ctx.harness.setCredential('White label', {
		tenantId: 'acme',
		identityBaseUrl: 'https://login.brand.example/',
		grantType: 'clientCredentials',
		portalUuid: 'p',
		clientId: 'c',
		clientSecret: 's',
	});
	const override = await ctx.harness.getDecryptedCredential('White label', 'smintIoOAuth2Api');
	expect(override.accessTokenUrl).toBe('https://login.brand.example/connect/token');
	expect(override.scope).toBe('smintio.portals.frontend smintio.full');
});

test('the credential test passes with the right portal and fails with a wrong one', async () => {
	const ok = await ctx.harness.runNode({ type: CREDENTIAL_TEST_NODE, credentials: { smintIoOAuth2Api: 'Smint.io' } });
	expect(ok.error).toBeUndefined();
	expect(ok.items[0].json).toEqual(expect.objectContaining({ state: 'completed' }));

	ctx.harness.setCredential('Wrong portal', credentialData(ctx.emulator, { portalUuid: '00000000-0000-0000-0000-000000000000' }));
	const wrong = await ctx.harness.runNode({ type: CREDENTIAL_TEST_NODE, credentials: { smintIoOAuth2Api: 'Wrong portal' } });
	expect(wrong.error).toBeDefined();
	expect(String(wrong.error.httpCode ?? wrong.error.message)).toMatch(/404|not found/i);
});

test('client credentials: n8n fetches a token with the client id and secret, no user scopes', async () => {
	ctx.harness.setCredential('Machine', credentialData(ctx.emulator, { grantType: 'clientCredentials', oauthTokenData: undefined }));
	const asset = await ctx.assetByFileName('brand-logo-mono.png');
	const { items, error } = await ctx.harness.runNode({
		type: 'n8n-nodes-smintio.smintIo',
		parameters: { resource: 'asset', operation: 'get', asset: rl(asset.id), options: { taskPollIntervalMs: 15 } },
		credentials: { smintIoOAuth2Api: 'Machine' },
	});
	expect(error).toBeUndefined();
	expect(items[0].json.id).toBe(asset.id);
	const token = ctx.harness.getCredentialData('Machine').oauthTokenData;
	expect(token.access_token).toMatch(/^smat\./);
	expect(token.refresh_token).toBeUndefined();
});

test('a revoked refresh token ends in a clear error without secrets', async () => {
	const issued = await ctx.adminPost('/tokens', {});
	ctx.harness.setCredential(
		'Revoked',
		credentialData(ctx.emulator, { oauthTokenData: { access_token: issued.accessToken, refresh_token: issued.refreshToken, token_type: 'Bearer' } }),
	);
	const creds = ctx.credentials();
	const revoke = await fetch(`${ctx.emulator.baseUrl}/connect/revocation`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ token: issued.refreshToken, client_id: creds.clientId, client_secret: creds.clientSecret }),
	});
	expect(revoke.status).toBe(200);
	await ctx.adminPost('/clock', { advanceSeconds: 3700 }); // the access token expires too
	const { error } = await ctx.harness.runNode({
		type: 'n8n-nodes-smintio.smintIo',
		parameters: { resource: 'collection', operation: 'search', returnAll: true, options: { taskPollIntervalMs: 15 } },
		credentials: { smintIoOAuth2Api: 'Revoked' },
	});
	expect(error).toBeDefined();
	expect(error.message).toMatch(/needs to be reconnected/);
	const text = JSON.stringify(error);
	for (const secret of [issued.accessToken, issued.refreshToken, creds.clientSecret]) expect(text).not.toContain(secret);
});

test('errors and error items never carry tokens, secrets or the Authorization header', async () => {
	const { items } = await ctx.run(
		{ resource: 'asset', operation: 'get', asset: rl('={{ $json.id }}') },
		{ inputItems: [{ json: { id: '99:image:00000000000000000000000000000000' } }, { json: { id: 'bad' } }], continueOnFail: true },
	);
	const failed = await ctx.run({ resource: 'asset', operation: 'get', asset: rl('99:image:00000000000000000000000000000000') });
	const text = JSON.stringify({ items, error: failed.error });
	for (const secret of secrets()) expect(text).not.toContain(secret);
	expect(text).not.toMatch(/Bearer /);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
