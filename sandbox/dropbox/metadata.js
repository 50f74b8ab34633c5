'use strict';
// Metadata as Dropbox serialises it. Routes declared to return `Metadata` (get_metadata,
// list_folder entries, the v2 relocation results) carry ".tag"; routes declared to return
// `FileMetadata` (upload, finish, download) do not. Unset optional fields are omitted.

function pathFields(db, node, rootId) {
	const path = db.tree.pathOf(node.id, rootId);
	return path ? { path_lower: path.lower, path_display: path.display } : {};
}

function propertyGroupsFor(node, filter) {
	if (!filter) return undefined;
	const groups = node.propertyGroups || [];
	const wanted = filter['.tag'] === 'filter_some' ? new Set(filter.filter_some || []) : null;
	return groups
		.filter((group) => !wanted || wanted.has(group.template_id))
		.map((group) => ({ template_id: group.template_id, fields: group.fields.map((f) => ({ name: f.name, value: f.value })) }));
}

/**
 * @param {import('./model/db').Db & { tree: any, account: any }} db
 * @param {{ rootId: string, revision?: any, tag?: boolean, propertyGroups?: any, hasExplicitMembers?: boolean }} options
 */
function fileMetadata(db, node, { rootId, revision, tag = false, propertyGroups, hasExplicitMembers = false }) {
	const rev = revision || db.tree.current(node);
	const shared = db.tree.sharedAncestor(node.id);
	const out = {};
	if (tag) out['.tag'] = 'file';
	out.name = node.name;
	Object.assign(out, pathFields(db, node, rootId));
	if (shared) out.parent_shared_folder_id = shared.sharedFolderId;
	out.id = node.id;
	out.client_modified = rev.clientModified;
	out.server_modified = rev.serverModified;
	out.rev = rev.rev;
	out.size = rev.size;
	if (shared) {
		out.sharing_info = { read_only: false, parent_shared_folder_id: shared.sharedFolderId, modified_by: db.account().accountId };
	}
	out.is_downloadable = true;
	const groups = propertyGroupsFor(node, propertyGroups);
	if (groups) out.property_groups = groups;
	if (hasExplicitMembers) out.has_explicit_shared_members = false;
	out.content_hash = rev.hash;
	return out;
}

function folderMetadata(db, node, { rootId, tag = false, propertyGroups, hasExplicitMembers = false }) {
	const shared = db.tree.sharedAncestor(node.id);
	const out = {};
	if (tag) out['.tag'] = 'folder';
	out.name = node.name;
	Object.assign(out, pathFields(db, node, rootId));
	if (shared) out.parent_shared_folder_id = shared.sharedFolderId;
	out.id = node.id;
	if (node.sharedFolderId) out.shared_folder_id = node.sharedFolderId;
	if (shared || node.sharedFolderId) {
		out.sharing_info = {
			read_only: false,
			...(shared ? { parent_shared_folder_id: shared.sharedFolderId } : {}),
			...(node.sharedFolderId ? { shared_folder_id: node.sharedFolderId } : {}),
			traverse_only: false,
			no_access: false,
		};
	}
	const groups = propertyGroupsFor(node, propertyGroups);
	if (groups) out.property_groups = groups;
	if (hasExplicitMembers) out.has_explicit_shared_members = Boolean(node.sharedFolderId && !node.teamFolder);
	return out;
}

/** `Metadata` (with ".tag") for a live node. */
function metadata(db, node, options) {
	return node.kind === 'file'
		? fileMetadata(db, node, { ...options, tag: true })
		: folderMetadata(db, node, { ...options, tag: true });
}

/** DeletedMetadata; `path` is {display, lower} or null. */
function deletedMetadata(name, path) {
	const out = { '.tag': 'deleted', name };
	if (path) {
		out.path_lower = path.lower;
		out.path_display = path.display;
	}
	return out;
}

module.exports = { fileMetadata, folderMetadata, metadata, deletedMetadata };
