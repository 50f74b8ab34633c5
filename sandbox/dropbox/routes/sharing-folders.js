'use strict';
// sharing/share_folder (+ check_share_job_status), add_folder_member, list_folder_members.

const { RouteError, tag, nested } = require('../errors');
const { lookup, resolveWrite, ensureParents } = require('../paths');
const { LookupFailure, WriteFailure } = require('../errors');

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ACCESS_LEVELS = ['owner', 'editor', 'viewer', 'viewer_no_comment', 'traverse', 'no_access'];

function badPath(error) {
	return new RouteError(nested('bad_path', error));
}

/** SharedFolderMetadata. */
function folderMetadata(ctx, folder) {
	const { db } = ctx;
	const node = db.tree.node(folder.nodeId);
	const account = db.accounts.account();
	const path = db.tree.pathOf(node.id, ctx.rootId);
	const parent = db.tree.sharedAncestor(node.id);
	const policy = {
		member_policy: { '.tag': folder.policy.memberPolicy },
		resolved_member_policy: { '.tag': folder.policy.memberPolicy },
		acl_update_policy: { '.tag': folder.policy.aclUpdatePolicy },
		shared_link_policy: { '.tag': folder.policy.sharedLinkPolicy },
		viewer_info_policy: { '.tag': folder.policy.viewerInfoPolicy },
	};
	const self = folder.members.find((member) => member.accountId === account.accountId);
	return {
		access_type: { '.tag': self ? self.accessLevel : 'editor' },
		is_inside_team_folder: Boolean(parent && parent.teamFolder),
		is_team_folder: Boolean(folder.teamFolder),
		owner_display_names: [folder.teamFolder ? account.teamName : account.displayName],
		owner_team: { id: account.teamId, name: account.teamName },
		...(parent ? { parent_shared_folder_id: parent.sharedFolderId } : {}),
		...(path ? { path_display: path.display, path_lower: path.lower } : {}),
		name: node.name,
		policy,
		preview_url: `${db.links.baseUrl()}/home${path ? path.display.split('/').map(encodeURIComponent).join('/') : ''}`,
		shared_folder_id: folder.id,
		time_invited: folder.timeInvited,
		access_inheritance: { '.tag': 'inherit' },
		folder_id: node.id,
	};
}

function shareFolder(ctx) {
	const { args, db } = ctx;
	const path = args.path('path', 'writePathOrId');
	const policy = {
		aclUpdatePolicy: args.union('acl_update_policy', ['owner', 'editors'], { defaultTag: 'editors' })['.tag'],
		memberPolicy: args.union('member_policy', ['team', 'anyone'], { defaultTag: 'anyone' })['.tag'],
		sharedLinkPolicy: args.union('shared_link_policy', ['anyone', 'team', 'members'], { defaultTag: 'anyone' })['.tag'],
		viewerInfoPolicy: args.union('viewer_info_policy', ['enabled', 'disabled'], { defaultTag: 'enabled' })['.tag'],
	};
	args.union('access_inheritance', ['inherit', 'no_inherit'], { defaultTag: 'inherit' });
	const forceAsync = args.boolean('force_async');

	const folder = db.write(() => {
		let node;
		try {
			node = lookup(ctx, path).node;
		} catch (error) {
			if (!(error instanceof LookupFailure)) throw error;
			if (error.lookupError['.tag'] === 'malformed_path') throw badPath(tag('invalid_path'));
			// The folder to share is created when it does not exist yet.
			try {
				const resolved = resolveWrite(ctx, path);
				node = db.tree.createFolder(ensureParents(ctx, resolved).id, resolved.name);
			} catch (writeError) {
				if (writeError instanceof WriteFailure) throw badPath(tag('invalid_path'));
				throw writeError;
			}
		}
		if (node.kind === 'file') throw badPath(tag('is_file'));
		if (node.sharedFolderId) {
			throw badPath({ '.tag': 'already_shared', ...folderMetadata(ctx, db.sharedFolders.get(node.sharedFolderId)) });
		}
		if (node.ns || node.parentId === null) throw badPath(tag('invalid_path'));
		if (db.tree.sharedAncestor(node.id)) throw badPath(tag('inside_shared_folder'));
		if (db.tree.descendants(node.id).some((descendant) => descendant.sharedFolderId)) throw badPath(tag('contains_shared_folder'));
		return db.sharedFolders.share(node, { policy, owner: db.accounts.account() });
	});
	if (forceAsync) {
		const job = db.write(() => db.sharedFolders.createJob(folder.id));
		return { '.tag': 'async_job_id', async_job_id: job.id };
	}
	return { '.tag': 'complete', ...folderMetadata(ctx, folder) };
}

/** The first poll sees the job running; later polls see it complete, as with a real async share. */
function checkShareJobStatus(ctx) {
	const { db } = ctx;
	const job = db.sharedFolders.job(ctx.args.string('async_job_id', { required: true, minLength: 1 }));
	if (!job) throw new RouteError(tag('invalid_async_job_id'));
	const polls = job.polls + 1;
	db.write(() => db.sharedFolders.saveJob({ ...job, polls }));
	if (polls === 1) return tag('in_progress');
	return { '.tag': 'complete', ...folderMetadata(ctx, db.sharedFolders.get(job.sharedFolderId)) };
}

function sharedFolderFor(ctx, accessErrorMember) {
	const id = ctx.args.string('shared_folder_id', { required: true, pattern: undefined });
	const folder = /^[-_0-9a-zA-Z:]+$/.test(id) ? ctx.db.sharedFolders.get(id) : undefined;
	const node = folder && ctx.db.tree.node(folder.nodeId);
	if (!folder || !node || !ctx.db.tree.isLive(node)) {
		throw new RouteError(accessErrorMember ? nested(accessErrorMember, tag('invalid_id')) : tag('invalid_id'));
	}
	return folder;
}

function addFolderMember(ctx) {
	const { args, db } = ctx;
	const folder = sharedFolderFor(ctx, 'access_error');
	const members = args.structList('members', { required: true });
	args.boolean('quiet');
	args.string('custom_message');
	if (folder.teamFolder) throw new RouteError(tag('team_folder'));
	const additions = members.map((member) => {
		const selector = member.union('member', ['email', 'dropbox_id'], { required: true });
		const accessLevel = member.union('access_level', ACCESS_LEVELS, { defaultTag: 'viewer' })['.tag'];
		if (accessLevel === 'owner') throw new RouteError(tag('no_permission'));
		let user;
		let email;
		if (selector['.tag'] === 'email') {
			email = String(selector.email || '');
			if (!EMAIL.test(email)) throw new RouteError(nested('bad_member', { '.tag': 'invalid_email', invalid_email: email }));
			user = db.accounts.byEmail(email);
		} else {
			user = db.accounts.byAccountId(String(selector.dropbox_id || ''));
			if (!user) throw new RouteError(nested('bad_member', { '.tag': 'invalid_dropbox_id', invalid_dropbox_id: String(selector.dropbox_id) }));
			email = user.email;
		}
		if (folder.policy.memberPolicy === 'team' && !(user && user.sameTeam)) throw new RouteError(tag('cant_share_outside_team'));
		return user
			? { accountId: user.accountId, email: user.email, accessLevel, invitee: false }
			: { accountId: null, email, accessLevel, invitee: true };
	});
	const merged = [...folder.members];
	for (const addition of additions) {
		const at = merged.findIndex((m) => m.email.toLowerCase() === addition.email.toLowerCase());
		if (at === -1) merged.push(addition);
		else if (merged[at].accessLevel !== 'owner') merged[at] = addition;
	}
	db.write(() => db.sharedFolders.save({ ...folder, members: merged }));
	return null;
}

function listFolderMembers(ctx) {
	const { args, db } = ctx;
	const folder = sharedFolderFor(ctx, null);
	args.integer('limit', { min: 1, max: 1000, defaultValue: 1000 });
	const account = db.accounts.account();
	const users = folder.members
		.filter((member) => !member.invitee)
		.map((member) => {
			const user = db.accounts.byAccountId(member.accountId);
			return {
				access_type: { '.tag': member.accessLevel },
				is_inherited: false,
				permissions: [],
				user: {
					account_id: user.accountId,
					email: user.email,
					display_name: user.displayName,
					same_team: Boolean(user.sameTeam),
					...(user.teamMemberId ? { team_member_id: user.teamMemberId } : {}),
				},
			};
		});
	const invitees = folder.members
		.filter((member) => member.invitee)
		.map((member) => ({
			access_type: { '.tag': member.accessLevel },
			is_inherited: false,
			permissions: [],
			invitee: { '.tag': 'email', email: member.email },
		}));
	const groups = folder.teamFolder
		? [
				{
					access_type: { '.tag': 'editor' },
					is_inherited: false,
					permissions: [],
					group: {
						group_name: account.teamName,
						group_id: `g:${account.teamId.replace('dbtid:', '')}`,
						group_management_type: { '.tag': 'company_managed' },
						group_type: { '.tag': 'team' },
						is_member: true,
						is_owner: false,
						same_team: true,
						member_count: 1 + db.accounts.users().filter((user) => user.sameTeam).length,
					},
				},
			]
		: [];
	return { users, groups, invitees };
}

const routes = {
	'sharing/share_folder': { style: 'rpc', scope: 'sharing.write', handler: shareFolder },
	'sharing/check_share_job_status': { style: 'rpc', scope: 'sharing.write', handler: checkShareJobStatus },
	'sharing/add_folder_member': { style: 'rpc', scope: 'sharing.write', handler: addFolderMember },
	'sharing/list_folder_members': { style: 'rpc', scope: 'sharing.read', handler: listFolderMembers },
};

module.exports = { routes, folderMetadata };
