'use strict';
// sharing/create_shared_link_with_settings, list_shared_links, modify_shared_link_settings,
// revoke_shared_link. One link per item: asking again gives shared_link_already_exists, with
// the existing link's metadata when the requested settings do not conflict with it.

const { RouteError, tag, nested } = require('../errors');
const { encodeCursor, decodeCursor } = require('../model/cursor');
const { lookupAs } = require('./common');

const VISIBILITIES = ['public', 'team_only', 'password'];
const AUDIENCES = ['public', 'team', 'no_one', 'password', 'members'];
const ACCESS_LEVELS = ['viewer', 'editor', 'max', 'default'];
const PAGE_SIZE = 100;

const invalidSettings = () => new RouteError(nested('settings_error', tag('invalid_settings')));

/**
 * Reads SharedLinkSettings into the link record's fields (only those given).
 * @returns {Record<string, any>}
 */
function readSettings(ctx, settings) {
	if (!settings) return {};
	const out = {};
	const visibility = settings.union('requested_visibility', VISIBILITIES);
	const audience = settings.union('audience', AUDIENCES);
	const access = settings.union('access', ACCESS_LEVELS);
	const requirePassword = settings.has('require_password') ? settings.boolean('require_password') : undefined;
	const password = settings.string('link_password');
	const expires = settings.timestamp('expires');
	const allowDownload = settings.has('allow_download') ? settings.boolean('allow_download') : undefined;
	if (visibility) out.requestedVisibility = visibility['.tag'];
	if (audience) out.audience = audience['.tag'];
	if (access) out.access = access['.tag'];
	const wantsPassword = requirePassword === true || out.requestedVisibility === 'password' || out.audience === 'password';
	if (wantsPassword && !password) throw invalidSettings();
	if (password !== undefined && password.length === 0) throw invalidSettings();
	if (password !== undefined) out.password = password;
	if (requirePassword === false) out.password = null;
	if (expires !== undefined) {
		if (Date.parse(expires) <= ctx.db.nowMs()) throw invalidSettings();
		out.expires = expires;
	}
	if (allowDownload !== undefined) out.allowDownload = allowDownload;
	return out;
}

function resolvedVisibility(link) {
	const audience = link.audience || (link.requestedVisibility === 'team_only' ? 'team' : 'public');
	if (link.password) return audience === 'team' ? 'team_and_password' : 'password';
	if (audience === 'team') return 'team_only';
	if (audience === 'no_one') return 'no_one';
	return 'public';
}

function effectiveAudience(link) {
	if (link.audience && link.audience !== 'password') return link.audience;
	return link.requestedVisibility === 'team_only' ? 'team' : 'public';
}

function linkPermissions(link) {
	const policy = (name) => ({ policy: { '.tag': name }, resolved_policy: { '.tag': name }, allowed: true });
	const permissions = {
		can_revoke: true,
		resolved_visibility: { '.tag': resolvedVisibility(link) },
		...(link.requestedVisibility ? { requested_visibility: { '.tag': link.requestedVisibility } } : {}),
		visibility_policies: [policy('public'), policy('team_only'), policy('password')],
		can_set_expiry: true,
		can_remove_expiry: true,
		allow_download: link.allowDownload !== false,
		can_allow_download: true,
		can_disallow_download: true,
		allow_comments: true,
		team_restricts_comments: false,
		audience_options: ['public', 'team', 'no_one'].map((name) => ({ audience: { '.tag': name }, allowed: true })),
		can_set_password: true,
		can_remove_password: true,
		require_password: Boolean(link.password),
		can_use_extended_sharing_controls: true,
		effective_audience: { '.tag': effectiveAudience(link) },
		link_access_level: { '.tag': link.access === 'editor' ? 'editor' : 'viewer' },
	};
	return permissions;
}

/** SharedLinkMetadata (FileLinkMetadata / FolderLinkMetadata). */
function linkMetadata(ctx, link) {
	const { db } = ctx;
	const node = db.tree.node(link.nodeId);
	const account = db.accounts.account();
	const out = { '.tag': link.kind, url: db.links.url(link), id: node.id, name: node.name };
	if (link.expires) out.expires = link.expires;
	const path = db.tree.pathOf(node.id, ctx.rootId);
	if (path) out.path_lower = path.lower;
	out.link_permissions = linkPermissions(link);
	out.preview_type = link.kind === 'folder' ? 'folder' : 'file';
	if (link.kind === 'file') {
		const revision = db.tree.current(node);
		out.client_modified = revision.clientModified;
		out.server_modified = revision.serverModified;
		out.rev = revision.rev;
		out.size = revision.size;
	}
	out.team_member_info = {
		team_info: { id: account.teamId, name: account.teamName },
		display_name: account.displayName,
		member_id: account.teamMemberId,
	};
	return out;
}

/** Links whose item still exists. */
function liveLinks(ctx) {
	return ctx.db.links.active().filter((link) => ctx.db.tree.isLive(ctx.db.tree.node(link.nodeId)));
}

function sameSettings(link, requested) {
	return Object.entries(requested).every(([key, value]) => (link[key] ?? null) === (value ?? null));
}

function createSharedLink(ctx) {
	const { args, db } = ctx;
	const path = args.path('path', 'readPath');
	const settingsArgs = args.struct('settings');
	const settings = readSettings(ctx, settingsArgs);
	const { node } = lookupAs(ctx, path, 'path');
	const existing = liveLinks(ctx).find((link) => link.nodeId === node.id);
	if (existing) {
		// The metadata is left out when the requested settings may differ from the link's.
		const compatible = !settingsArgs || sameSettings(existing, settings);
		throw new RouteError(
			compatible
				? nested('shared_link_already_exists', { '.tag': 'metadata', metadata: linkMetadata(ctx, existing) })
				: tag('shared_link_already_exists'),
		);
	}
	const link = db.write(() => db.links.createShared(node, { password: null, allowDownload: true, ...settings }));
	return linkMetadata(ctx, link);
}

function listSharedLinks(ctx) {
	const { args, db } = ctx;
	let state;
	if (args.has('cursor')) {
		state = decodeCursor(db, 'shared_links', args.string('cursor'));
		if (!state) throw new RouteError(tag('reset'));
	} else {
		const path = args.string('path', { pattern: 'readPath' });
		const directOnly = args.boolean('direct_only');
		let nodeIds = null;
		if (path !== undefined) {
			const { node } = lookupAs(ctx, path, 'path');
			nodeIds = [node.id];
			// Without direct_only, links to the folders above the item count too.
			if (!directOnly) nodeIds.push(...db.tree.chain(node.id).slice(0, -1).map((link) => link.id));
		}
		state = { n: nodeIds, o: 0 };
	}
	const all = liveLinks(ctx).filter((link) => !state.n || state.n.includes(link.nodeId));
	const page = all.slice(state.o, state.o + PAGE_SIZE);
	const hasMore = state.o + PAGE_SIZE < all.length;
	const out = { links: page.map((link) => linkMetadata(ctx, link)), has_more: hasMore };
	if (hasMore) out.cursor = encodeCursor(db, 'shared_links', { ...state, o: state.o + PAGE_SIZE });
	return out;
}

function linkByUrl(ctx, malformedTag) {
	const url = ctx.args.string('url', { required: true });
	const { link, malformed } = ctx.db.links.byUrl(url);
	if (malformed) throw new RouteError(tag(malformedTag));
	if (!link || !ctx.db.tree.isLive(ctx.db.tree.node(link.nodeId))) throw new RouteError(tag('shared_link_not_found'));
	return link;
}

function modifySharedLinkSettings(ctx) {
	const { args, db } = ctx;
	const link = linkByUrl(ctx, 'shared_link_not_found');
	const settings = readSettings(ctx, args.struct('settings', { required: true }));
	const updated = { ...link, ...settings };
	if (args.boolean('remove_expiration')) delete updated.expires;
	db.write(() => db.links.saveShared(updated));
	return linkMetadata(ctx, updated);
}

function revokeSharedLink(ctx) {
	const { db } = ctx;
	const link = linkByUrl(ctx, 'shared_link_malformed');
	db.write(() => db.links.saveShared({ ...link, revoked: true }));
	return null;
}

const routes = {
	'sharing/create_shared_link_with_settings': { style: 'rpc', scope: 'sharing.write', handler: createSharedLink },
	'sharing/list_shared_links': { style: 'rpc', scope: 'sharing.read', handler: listSharedLinks },
	'sharing/modify_shared_link_settings': { style: 'rpc', scope: 'sharing.write', handler: modifySharedLinkSettings },
	'sharing/revoke_shared_link': { style: 'rpc', scope: 'sharing.write', handler: revokeSharedLink },
};

module.exports = { routes, linkMetadata };
