'use strict';
// The emulator's state and services, independent of HTTP: the db with its models, the token
// issuer, fault injector, clock, longpoll waiters, reset, and the credentials to print.

const fs = require('fs');
const path = require('path');
const { TokenIssuer } = require('../common/oauth');
const { Db } = require('./model/db');
const { Tree } = require('./model/tree');
const { Changes } = require('./model/changes');
const { Accounts } = require('./model/accounts');
const { Sessions } = require('./model/sessions');
const { Links } = require('./model/links');
const { Properties } = require('./model/properties');
const { SharedFolders } = require('./model/shared-folders');
const { Listing } = require('./model/listing');
const { BlobStore } = require('../common/blobstore');
const { seedAccount, seedFiles } = require('./seed');
const { createAdminRoutes } = require('./admin');
const { WebhookSender, webhookAdminRoutes } = require('./webhooks');

class DropboxEmulator {
	/**
	 * @param {{ dir: string, clock: any, faults: import('../common/faults').FaultInjector,
	 *           options: { accessTokenLifetimeSeconds: number, maxRequestBytes: number, longpollMaxWaitSeconds?: number,
	 *                      autoApprove?: boolean, seed: boolean } }} config
	 */
	constructor({ dir, clock, faults, options }) {
		this.dir = dir;
		this.clock = clock;
		this.faults = faults;
		this.options = options;
		this.baseUrl = null;
		this.longpollWaiters = new Set();
		this.db = new Db({ dir, clock });
		this.buildModels();
		this.webhooks = new WebhookSender(this, options.webhooks);
		this.db.afterWrite.add(() => this.notifyWaiters());
		this.db.afterWrite.add(() => this.webhooks.afterWrite());
		this.adminRoutes = { ...createAdminRoutes(this), ...webhookAdminRoutes(this.webhooks) };
	}

	buildModels() {
		const db = this.db;
		db.accounts = new Accounts(db);
		db.account = () => db.accounts.account();
		db.tree = new Tree(db);
		db.changes = new Changes(db);
		db.tree.changes = db.changes;
		db.sessions = new Sessions(db);
		db.links = new Links(db, { baseUrl: () => this.publicBaseUrl() });
		db.properties = new Properties(db);
		db.sharedFolders = new SharedFolders(db);
		db.listing = new Listing(db);
		this.tokens = new TokenIssuer({
			store: db.store,
			clock: this.clock,
			clients: this.clients,
			accessTokenLifetimeSeconds: this.options.accessTokenLifetimeSeconds,
			accessTokenPrefix: 'sl.',
			refreshTokenPrefix: '',
		});
	}

	get clients() {
		return this.db.store.get('meta', 'clients')?.list || [];
	}

	publicBaseUrl() {
		return this.options.publicBaseUrl || this.baseUrl || 'http://127.0.0.1';
	}

	/** Seeds the account (and, unless seed=false, the campaign files) on a fresh data dir. */
	async init() {
		if (!this.db.store.get('meta', 'account')) {
			seedAccount(this);
			this.tokens.clients = this.clients;
			if (this.options.seed) await seedFiles(this);
			this.db.store.compact();
		}
		this.tokens.clients = this.clients;
	}

	/** Back to the seed: every file, token, link and session is dropped and seeded again. */
	async reset() {
		for (const waiter of [...this.longpollWaiters]) waiter.resolve(false);
		const epoch = this.db.peek('epoch');
		this.db.store.clear();
		this.db.store.put('meta', 'counters', { epoch: epoch + 1 });
		fs.rmSync(path.join(this.dir, 'content'), { recursive: true, force: true });
		this.db.blobs = new BlobStore(path.join(this.dir, 'content'));
		this.clock.reset();
		this.buildModels();
		this.webhooks.restart();
		await this.init();
	}

	notifyWaiters() {
		for (const waiter of [...this.longpollWaiters]) {
			if (waiter.check()) waiter.resolve(true);
		}
	}

	/** Remembers which refresh token an access token came from (auth/token/revoke). */
	linkTokens(accessToken, refreshToken) {
		if (refreshToken) this.db.store.put('tokenFamilies', accessToken, { refreshToken });
	}

	narrowToken(accessToken, scope) {
		const record = this.db.store.get('accessTokens', accessToken);
		if (record) this.db.store.put('accessTokens', accessToken, { ...record, scope });
	}

	/** Revokes an access token, its refresh token and every access token issued from it. */
	revokeFamily(accessToken) {
		const family = this.db.store.get('tokenFamilies', accessToken);
		this.db.write(() => {
			this.tokens.revoke(accessToken);
			if (!family) return;
			this.tokens.revoke(family.refreshToken);
			for (const [token, link] of this.db.store.collection('tokenFamilies')) {
				if (link.refreshToken === family.refreshToken) this.tokens.revoke(token);
			}
		});
	}

	/** The seeded credentials: a long-lived user token pair and a team-app pair. */
	credentials() {
		const seeded = this.db.store.get('meta', 'seededCredentials');
		const account = this.db.accounts.account();
		return {
			accessToken: seeded.user.accessToken,
			refreshToken: seeded.user.refreshToken,
			clientId: seeded.user.clientId,
			clientSecret: seeded.user.clientSecret,
			accountId: account.accountId,
			teamMemberId: account.teamMemberId,
			rootNamespaceId: account.rootNamespaceId,
			homeNamespaceId: account.homeNamespaceId,
			team: { ...seeded.team },
		};
	}

	close() {
		this.webhooks.close();
		for (const waiter of [...this.longpollWaiters]) waiter.resolve(false);
		this.db.close();
	}
}

module.exports = { DropboxEmulator };
