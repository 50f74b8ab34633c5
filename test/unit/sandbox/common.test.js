'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const http = require('http');
const { FaultInjector } = require('../../../sandbox/common/faults');
const { EntityStore } = require('../../../sandbox/common/entity-store');
const { BlobStore, PayloadTooLargeError } = require('../../../sandbox/common/blobstore');
const { TokenIssuer, OAuthError } = require('../../../sandbox/common/oauth');
const { createClock } = require('../../../sandbox/common/clock');
const { pseudoRandomStream } = require('../../../sandbox/common/sample-files');
const { createServer, listen, close, applyFaults, handleAdmin, sendJson } = require('../../../sandbox/common/http');

function tmpDir() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-common-'));
}

describe('FaultInjector', () => {
	test('the same seed yields the same faults in the same order', () => {
		const config = { seed: 7, probabilities: { rateLimit: 0.2, serverError: 0.1, drop: 0.05 } };
		const run = () => {
			const injector = new FaultInjector(config);
			return Array.from({ length: 200 }, () => injector.decide('files/upload').fault?.kind ?? '-').join(',');
		};
		expect(run()).toBe(run());
		const kinds = run().split(',');
		expect(kinds).toContain('rateLimit');
		expect(kinds).toContain('serverError');
		expect(kinds.filter((k) => k === '-').length).toBeGreaterThan(100);
	});

	test('probabilities are roughly honoured', () => {
		const injector = new FaultInjector({ seed: 3, probabilities: { rateLimit: 0.1 } });
		let hits = 0;
		for (let i = 0; i < 5000; i++) if (injector.decide('r').fault) hits++;
		expect(hits / 5000).toBeGreaterThan(0.08);
		expect(hits / 5000).toBeLessThan(0.12);
	});

	test('a scheduled fault fires exactly on the given call, once', () => {
		const injector = new FaultInjector({
			schedule: [{ route: 'files/upload', call: 2, fault: 'rateLimit', retryAfterSeconds: 3 }],
		});
		expect(injector.decide('files/upload').fault).toBeNull();
		expect(injector.decide('files/upload').fault).toEqual({ kind: 'rateLimit', status: 429, retryAfterSeconds: 3 });
		expect(injector.decide('files/upload').fault).toBeNull();
		expect(injector.counters()).toEqual({ calls: { 'files/upload': 3 }, totalCalls: 3, faults: { rateLimit: 1 } });
	});

	test('include/exclude limit where probabilistic faults land; latency applies per route', () => {
		const injector = new FaultInjector({
			latencyMs: 20,
			routes: { 'files/download': { latencyMs: 50 } },
			probabilities: { serverError: 1 },
			include: ['files/*'],
			exclude: ['files/download'],
		});
		expect(injector.decide('files/upload').fault.kind).toBe('serverError');
		expect(injector.decide('files/download')).toEqual({ latencyMs: 50, fault: null });
		expect(injector.decide('oauth2/token')).toEqual({ latencyMs: 20, fault: null });
	});

	test('retryAfterSeconds null means a 429 without Retry-After', () => {
		const injector = new FaultInjector({ retryAfterSeconds: null, probabilities: { rateLimit: 1 } });
		expect(injector.decide('x').fault).toEqual({ kind: 'rateLimit', status: 429, retryAfterSeconds: null });
	});

	test('invalid configs are rejected with a reason', () => {
		expect(() => new FaultInjector({ probabilities: { meteor: 0.1 } })).toThrow(/unknown fault kind/);
		expect(() => new FaultInjector({ probabilities: { drop: 2 } })).toThrow(/\[0, 1\]/);
		expect(() => new FaultInjector({ schedule: [{ route: 'a', call: 0, fault: 'drop' }] })).toThrow(/call number/);
	});
});

describe('EntityStore', () => {
	test('state survives a restart, including deletions', () => {
		const dir = tmpDir();
		const store = new EntityStore({ dir });
		store.put('files', 'a', { name: 'a', size: 1 });
		store.put('files', 'b', { name: 'b', size: 2 });
		store.put('files', 'a', { name: 'a', size: 3 });
		store.delete('files', 'b');
		store.close();
		const reopened = new EntityStore({ dir });
		expect(reopened.values('files')).toEqual([{ name: 'a', size: 3 }]);
	});

	test('a torn last journal line (killed mid-write) is ignored', () => {
		const dir = tmpDir();
		const store = new EntityStore({ dir });
		store.put('files', 'a', { v: 1 });
		store.put('files', 'b', { v: 2 });
		store.close();
		const journal = path.join(dir, 'journal-0.jsonl');
		fs.appendFileSync(journal, '{"c":"files","i":"c","v":{"v":');
		const reopened = new EntityStore({ dir });
		expect(reopened.get('files', 'b')).toEqual({ v: 2 });
		expect(reopened.has('files', 'c')).toBe(false);
	});

	test('compaction folds the journal into a snapshot and keeps later writes', () => {
		const dir = tmpDir();
		const store = new EntityStore({ dir, compactAfter: 10 });
		for (let i = 0; i < 25; i++) store.put('n', String(i % 7), { i });
		store.delete('n', '0');
		store.close();
		expect(fs.existsSync(path.join(dir, 'snapshot.json'))).toBe(true);
		const reopened = new EntityStore({ dir });
		expect(reopened.size('n')).toBe(6);
		expect(reopened.get('n', '3')).toEqual({ i: 24 });
		expect(reopened.has('n', '0')).toBe(false);
	});

	test('a snapshot of a newer generation is not overwritten by an older journal', () => {
		const dir = tmpDir();
		const store = new EntityStore({ dir });
		store.put('k', 'x', { v: 'old' });
		store.close();
		// Simulate a crash right after compaction wrote generation 1 but before the old journal was removed.
		const oldJournal = fs.readFileSync(path.join(dir, 'journal-0.jsonl'));
		const again = new EntityStore({ dir });
		again.put('k', 'x', { v: 'new' });
		again.compact();
		again.close();
		fs.writeFileSync(path.join(dir, 'journal-0.jsonl'), oldJournal);
		expect(new EntityStore({ dir }).get('k', 'x')).toEqual({ v: 'new' });
	});

	test('memory mode needs no directory', () => {
		const store = new EntityStore();
		store.put('a', 1, { ok: true });
		expect(store.get('a', '1')).toEqual({ ok: true });
		store.clear();
		expect(store.size('a')).toBe(0);
	});
});

describe('BlobStore', () => {
	test('streams content in, addresses it by sha256, dedupes and serves ranges', async () => {
		const store = new BlobStore(tmpDir());
		const size = 3 * 1024 * 1024 + 17;
		const expected = crypto.createHash('sha256');
		await new Promise((resolve) => pseudoRandomStream(size, 5).on('data', (d) => expected.update(d)).on('end', resolve));
		const digest = expected.digest('hex');
		const put = await store.put(pseudoRandomStream(size, 5), {
			hashers: { md5: () => crypto.createHash('md5') },
		});
		expect(put.key).toBe(digest);
		expect(put.size).toBe(size);
		expect(put.hashes.md5).toMatch(/^[0-9a-f]{32}$/);
		const again = await store.put(pseudoRandomStream(size, 5));
		expect(again.key).toBe(put.key);
		expect(store.size(put.key)).toBe(size);

		const chunks = [];
		for await (const chunk of store.createReadStream(put.key, { start: 10, end: 19 })) chunks.push(chunk);
		expect(Buffer.concat(chunks).length).toBe(10);
		expect(fs.readdirSync(store.tmpDir)).toEqual([]);
	});

	test('rejects past maxBytes and leaves nothing behind', async () => {
		const store = new BlobStore(tmpDir());
		await expect(store.put(pseudoRandomStream(2048, 1), { maxBytes: 1000 })).rejects.toBeInstanceOf(PayloadTooLargeError);
		expect(fs.readdirSync(store.tmpDir)).toEqual([]);
	});
});

describe('TokenIssuer', () => {
	function issuer(lifetime = 60) {
		const clock = createClock();
		const tokens = new TokenIssuer({
			store: new EntityStore(),
			clock,
			clients: [{ clientId: 'app', clientSecret: 's3cret' }],
			accessTokenLifetimeSeconds: lifetime,
		});
		return { tokens, clock };
	}

	test('code exchange with PKCE S256, expiry and refresh', () => {
		const { tokens, clock } = issuer(60);
		const verifier = 'v'.repeat(50);
		const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
		const code = tokens.issueCode({ clientId: 'app', redirectUri: 'http://x/cb', scope: 's', subject: 'u1', codeChallenge: challenge, codeChallengeMethod: 'S256' });
		const pair = tokens.exchangeCode({ code, clientId: 'app', redirectUri: 'http://x/cb', codeVerifier: verifier });
		expect(tokens.checkAccessToken(pair.accessToken).status).toBe('valid');
		expect(() => tokens.exchangeCode({ code, clientId: 'app', codeVerifier: verifier })).toThrow(OAuthError);
		clock.advance(61000);
		expect(tokens.checkAccessToken(pair.accessToken).status).toBe('expired');
		const refreshed = tokens.refresh({ refreshToken: pair.refreshToken, clientId: 'app' });
		expect(tokens.checkAccessToken(refreshed.accessToken).status).toBe('valid');
		tokens.revoke(pair.refreshToken);
		expect(() => tokens.refresh({ refreshToken: pair.refreshToken })).toThrow(/revoked/);
	});

	test('a wrong verifier, a wrong client or a wrong secret are refused with the OAuth code', () => {
		const { tokens } = issuer();
		const code = tokens.issueCode({ clientId: 'app', scope: 's', subject: 'u', codeChallenge: 'abc', codeChallengeMethod: 'plain' });
		try {
			tokens.exchangeCode({ code, clientId: 'app', codeVerifier: 'nope' });
			throw new Error('should have thrown');
		} catch (error) {
			expect(error.code).toBe('invalid_grant');
		}
		expect(() => tokens.authenticateClient('app', 'wrong')).toThrow(/secret/);
		expect(() => tokens.authenticateClient('other', 's3cret')).toThrow(/unknown client/);
		expect(tokens.checkAccessToken('nonsense').status).toBe('invalid');
	});
});

describe('http helpers', () => {
	test('faults are rendered by the emulator, drops reset the connection, admin edits faults and clock', async () => {
		const { FaultInjector: Injector } = require('../../../sandbox/common/faults');
		const faults = new Injector({});
		const clock = createClock();
		const server = createServer(async (req, res) => {
			const pathname = new URL(req.url, 'http://x').pathname;
			if (await handleAdmin({ faults, clock }, req, res, pathname)) return;
			const handled = await applyFaults(faults, 'route', req, res, (fault, _req, r) =>
				sendJson(r, fault.status, { fault: fault.kind }, fault.retryAfterSeconds ? { 'Retry-After': String(fault.retryAfterSeconds) } : {}),
			);
			if (!handled) sendJson(res, 200, { ok: true });
		});
		const { baseUrl } = await listen(server);
		const request = (method, p, body) =>
			new Promise((resolve, reject) => {
				const req = http.request(`${baseUrl}${p}`, { method, headers: { 'Content-Type': 'application/json' } }, (res) => {
					let data = '';
					res.on('data', (d) => (data += d));
					res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data ? JSON.parse(data) : null }));
				});
				req.on('error', reject);
				req.end(body ? JSON.stringify(body) : undefined);
			});
		try {
			expect((await request('GET', '/x')).status).toBe(200);
			await request('PUT', '/__admin/faults', {
				schedule: [
					{ route: 'route', call: 1, fault: 'rateLimit', retryAfterSeconds: 2 },
					{ route: 'route', call: 2, fault: 'drop' },
				],
			});
			const limited = await request('GET', '/x');
			expect(limited.status).toBe(429);
			expect(limited.headers['retry-after']).toBe('2');
			await expect(request('GET', '/x')).rejects.toThrow(/socket hang up|ECONNRESET/);
			expect((await request('GET', '/x')).status).toBe(200);
			const counters = (await request('GET', '/__admin/counters')).body;
			expect(counters.calls.route).toBe(3);
			expect(counters.faults).toEqual({ rateLimit: 1, drop: 1 });
			const moved = await request('POST', '/__admin/clock', { advanceSeconds: 3600 });
			expect(moved.body.offsetMs).toBe(3600000);
			expect((await request('PUT', '/__admin/faults', { probabilities: { bogus: 1 } })).status).toBe(400);
		} finally {
			await close(server);
		}
	});
});
