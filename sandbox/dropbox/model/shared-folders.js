'use strict';
// Shared folders: sharing a folder turns it into a namespace of its own (shared_folder_id),
// with policies, members and invitees. The team folder of the seed is one too.

const crypto = require('crypto');

class SharedFolders {
	/** @param {import('./db').Db} db */
	constructor(db) {
		this.db = db;
	}

	/** Numeric namespace ids, like Dropbox's. */
	newNamespaceId() {
		return String(8212340000 + this.db.next('ns'));
	}

	get(id) {
		return this.db.store.get('sharedFolders', String(id));
	}

	save(folder) {
		this.db.store.put('sharedFolders', folder.id, folder);
		return folder;
	}

	/** Makes `node` a shared folder (inside db.write). */
	share(node, { policy, owner, teamFolder = false, id }) {
		const sharedFolderId = id || this.newNamespaceId();
		const tree = this.db.tree;
		const updated = tree.touch({ ...node, ns: sharedFolderId, sharedFolderId, ...(teamFolder ? { teamFolder: true } : {}) });
		tree.namespaces.set(sharedFolderId, node.id);
		tree.changes.recordPut(updated);
		return this.save({
			id: sharedFolderId,
			nodeId: node.id,
			teamFolder,
			policy,
			timeInvited: this.db.timestamp(),
			members: [{ accountId: owner.accountId, email: owner.email, accessLevel: 'owner', invitee: false }],
		});
	}

	newJobId() {
		return `dbjid:${crypto.randomBytes(30).toString('base64url')}`;
	}

	createJob(sharedFolderId) {
		const job = { id: this.newJobId(), sharedFolderId, polls: 0 };
		this.db.store.put('shareJobs', job.id, job);
		return job;
	}

	job(id) {
		return this.db.store.get('shareJobs', id);
	}

	saveJob(job) {
		this.db.store.put('shareJobs', job.id, job);
	}
}

module.exports = { SharedFolders };
