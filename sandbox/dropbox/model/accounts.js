'use strict';
// The seeded identities: the member "Alex Example" of team "Northwind Marketing" (a team space:
// the team root namespace holds the team folder and the member's home namespace), plus other
// known Dropbox users that can be invited to shared folders.

class Accounts {
	/** @param {import('./db').Db} db */
	constructor(db) {
		this.db = db;
	}

	/** @returns {{ accountId: string, teamMemberId: string, email: string, displayName: string, givenName: string, surname: string,
	 *   teamId: string, teamName: string, rootNamespaceId: string, homeNamespaceId: string, homePath: string, country: string }} */
	account() {
		const account = this.db.store.get('meta', 'account');
		if (!account) throw new Error('the emulator has no account (seed missing)');
		return account;
	}

	setAccount(account) {
		this.db.store.put('meta', 'account', account);
	}

	homeNamespaceId() {
		return this.account().homeNamespaceId;
	}

	rootNamespaceId() {
		return this.account().rootNamespaceId;
	}

	/** RootInfo as Dropbox sends it (a struct with subtypes team | user). */
	rootInfo() {
		const account = this.account();
		return {
			'.tag': account.rootNamespaceId === account.homeNamespaceId ? 'user' : 'team',
			root_namespace_id: account.rootNamespaceId,
			home_namespace_id: account.homeNamespaceId,
			...(account.rootNamespaceId === account.homeNamespaceId ? {} : { home_path: account.homePath }),
		};
	}

	/** The member can read every namespace of the team space (home, team folder, shared folders). */
	canAccessNamespace(ns) {
		const node = this.db.tree.byNamespace(ns);
		return Boolean(node && !node.deleted);
	}

	users() {
		return this.db.store.values('users');
	}

	addUser(user) {
		this.db.store.put('users', user.accountId, user);
	}

	byEmail(email) {
		const wanted = email.toLowerCase();
		if (this.account().email.toLowerCase() === wanted) return this.selfAsUser();
		return this.users().find((user) => user.email.toLowerCase() === wanted);
	}

	byAccountId(accountId) {
		if (accountId === this.account().accountId) return this.selfAsUser();
		return this.db.store.get('users', accountId);
	}

	selfAsUser() {
		const account = this.account();
		return {
			accountId: account.accountId,
			email: account.email,
			displayName: account.displayName,
			sameTeam: true,
			teamMemberId: account.teamMemberId,
		};
	}
}

module.exports = { Accounts };
