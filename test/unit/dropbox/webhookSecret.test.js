'use strict';
// The webhook trigger keeps the app secret a minute per process (helpers/keptSecrets.ts) so a
// burst of notifications does not read the credential (and evaluate its expressions) each time.

const crypto = require('node:crypto');

const { KeptSecrets, KEEP_SECRET_MS } = require('../../../nodes/DropboxSyncWebhookTrigger/helpers/keptSecrets');
const { isSignedNotification } = require('../../../nodes/DropboxSyncWebhookTrigger/webhook/verify');

const body = Buffer.from('{"list_folder":{"accounts":["dbid:x"]},"delta":{"users":[1]}}');
const sign = (secret) => crypto.createHmac('sha256', secret).update(body).digest('hex');

/** A webhook context whose credential (id `credentialId`, or unsaved) holds `store.secret`. */
function contextWith(store, credentialId) {
	return {
		reads: 0,
		getNodeParameter: (name, fallback) => (name === 'authentication' ? 'oAuth2' : fallback),
		getNode() {
			return { name: 'Webhook', credentials: credentialId ? { dropboxSyncOAuth2Api: { id: credentialId, name: 'Dropbox' } } : {} };
		},
		async getCredentials() {
			this.reads += 1;
			return { clientSecret: store.secret };
		},
	};
}

describe('kept app secrets', () => {
	test('a secret is kept for KEEP_SECRET_MS, per key', () => {
		const kept = new KeptSecrets();
		kept.set('a', 's1', 1000);
		expect(kept.get('a', 1000 + KEEP_SECRET_MS - 1)).toBe('s1');
		expect(kept.get('b', 1000)).toBeUndefined();
		expect(kept.get('a', 1000 + KEEP_SECRET_MS)).toBeUndefined();
		// Gone once expired, not revived.
		expect(kept.get('a', 1000)).toBeUndefined();
	});

	test('a burst of signed notifications reads the credential once', async () => {
		const store = { secret: 'secret-one' };
		const ctx = contextWith(store, 'burst-1');
		const results = [];
		for (let index = 0; index < 5; index++) results.push(await isSignedNotification(ctx, body, sign('secret-one')));
		expect(results).toEqual([true, true, true, true, true]);
		expect(ctx.reads).toBe(1);
	});

	test('a changed secret is read again at once: the genuine notification is accepted, the old signature no longer', async () => {
		const store = { secret: 'old' };
		const ctx = contextWith(store, 'rotated-1');
		expect(await isSignedNotification(ctx, body, sign('old'))).toBe(true);
		store.secret = 'new';
		expect(await isSignedNotification(ctx, body, sign('new'))).toBe(true);
		expect(ctx.reads).toBe(2);
		// The fresh secret is the kept one now.
		expect(await isSignedNotification(ctx, body, sign('old'))).toBe(false);
		expect(await isSignedNotification(ctx, body, sign('new'))).toBe(true);
		expect(ctx.reads).toBe(3);
	});

	test('forged notifications are refused and each reads the credential (nothing is accepted on a kept secret alone)', async () => {
		const store = { secret: 'real' };
		const ctx = contextWith(store, 'forged-1');
		expect(await isSignedNotification(ctx, body, sign('real'))).toBe(true);
		expect(await isSignedNotification(ctx, body, sign('guess'))).toBe(false);
		expect(ctx.reads).toBe(2);
	});

	test('an unsigned or malformed signature is refused without reading the credential', async () => {
		const ctx = contextWith({ secret: 'real' }, 'junk-1');
		for (const signature of [undefined, '', 'abc', 'z'.repeat(64), ['x']]) expect(await isSignedNotification(ctx, body, signature)).toBe(false);
		expect(ctx.reads).toBe(0);
	});

	test('an unsaved credential (no id) is never kept', async () => {
		const store = { secret: 'plain' };
		const ctx = contextWith(store, undefined);
		expect(await isSignedNotification(ctx, body, sign('plain'))).toBe(true);
		expect(await isSignedNotification(ctx, body, sign('plain'))).toBe(true);
		expect(ctx.reads).toBe(2);
	});

	test('a credential without an app secret throws the clear error, every time', async () => {
		const ctx = contextWith({ secret: '' }, 'empty-1');
		await expect(isSignedNotification(ctx, body, sign('x'))).rejects.toThrow('The credential has no app secret to check Dropbox signatures with');
		await expect(isSignedNotification(ctx, body, sign('x'))).rejects.toThrow('The credential has no app secret');
	});
});
