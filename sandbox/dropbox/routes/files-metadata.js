'use strict';
// files/get_metadata, create_folder_v2, delete_v2, copy_v2, move_v2.

const { RouteError, BadInputError, tag, nested, conflict, WriteFailure } = require('../errors');
const { resolveWrite, ensureParents, freeName, displayPath } = require('../paths');
const { deletedMetadata } = require('../metadata');
const { createFolderAt, protectedNode } = require('../write');
const { lookupAs, writeAs, renderMetadata, propertyGroupFilter } = require('./common');

/** Dropbox refuses relocations and deletions of more than this many entries. */
const MAX_ENTRIES_PER_OPERATION = 10000;

function getMetadata(ctx) {
	const { args } = ctx;
	// Checked before the pattern: this is the message Dropbox gives for the root.
	if (args.raw('path') === '' || args.raw('path') === '/') throw new BadInputError(`${args.where}: path: The root folder is unsupported.`);
	const path = args.path('path', 'readPath');
	const includeDeleted = args.boolean('include_deleted');
	args.boolean('include_media_info');
	const hasExplicitMembers = args.boolean('include_has_explicit_shared_members');
	const propertyGroups = propertyGroupFilter(args);
	const found = lookupAs(ctx, path, 'path', { includeDeleted });
	if (found.revision) {
		return renderMetadata(ctx, found.node, { revision: found.revision, propertyGroups, hasExplicitMembers });
	}
	if (found.deleted) {
		const components = path.startsWith('/') ? path.split('/') : null;
		const name = components ? components[components.length - 1] : found.node.name;
		return deletedMetadata(name, displayPath(ctx, found.node));
	}
	return renderMetadata(ctx, found.node, { propertyGroups, hasExplicitMembers });
}

function createFolder(ctx) {
	const { args } = ctx;
	const path = args.path('path', 'writePath');
	const autorename = args.boolean('autorename');
	const node = writeAs('path', () => ctx.db.write(() => createFolderAt(ctx, path, autorename)));
	const metadata = renderMetadata(ctx, node);
	delete metadata['.tag'];
	return { metadata };
}

function deleteEntry(ctx) {
	const { args } = ctx;
	const path = args.path('path', 'writePathOrId');
	const parentRev = args.string('parent_rev', { pattern: 'rev', minLength: 9 });
	const { node } = lookupAs(ctx, path, 'path_lookup');
	if (protectedNode(ctx, node)) {
		throw new RouteError(nested('path_write', tag(node.teamFolder ? 'team_folder' : 'no_write_permission')));
	}
	if (parentRev !== undefined && (node.kind !== 'file' || ctx.db.tree.current(node).rev !== parentRev)) {
		throw new RouteError(nested('path_write', conflict(node.kind === 'file' ? 'file' : 'folder')));
	}
	if (node.kind === 'folder' && ctx.db.tree.descendants(node.id).length >= MAX_ENTRIES_PER_OPERATION) {
		throw new RouteError(tag('too_many_files'));
	}
	const before = renderMetadata(ctx, node);
	ctx.db.write(() => ctx.db.tree.remove(node));
	return { metadata: before };
}

/** copy_v2 and move_v2 share RelocationError semantics. */
function relocate(ctx, operation) {
	const { args } = ctx;
	const { tree } = ctx.db;
	const fromPath = args.path('from_path', 'writePathOrId');
	const toPath = args.path('to_path', 'writePathOrId');
	const allowSharedFolder = args.boolean('allow_shared_folder');
	const autorename = args.boolean('autorename');
	args.boolean('allow_ownership_transfer');

	const { node } = lookupAs(ctx, fromPath, 'from_lookup');
	if (operation === 'move' && protectedNode(ctx, node)) {
		throw new RouteError(nested('from_write', tag(node.teamFolder ? 'team_folder' : 'no_write_permission')));
	}
	const containsShared = node.kind === 'folder' && (node.sharedFolderId || tree.descendants(node.id).some((d) => d.sharedFolderId));
	if (operation === 'copy' && containsShared && !allowSharedFolder) throw new RouteError(tag('cant_copy_shared_folder'));
	if (node.kind === 'folder' && tree.descendants(node.id).length >= MAX_ENTRIES_PER_OPERATION) {
		throw new RouteError(tag('too_many_files'));
	}

	const moved = writeAs('to', () =>
		ctx.db.write(() => {
			const resolved = resolveWrite(ctx, toPath);
			// A RouteError thrown here passes writeAs() unchanged: these are RelocationError members.
			if (node.kind === 'folder' && (resolved.parent.id === node.id || tree.isAncestor(node.id, resolved.parent.id))) {
				throw new RouteError(tag('cant_move_folder_into_itself'));
			}
			if (containsShared && tree.sharedAncestor(resolved.parent.id) && operation === 'move') {
				throw new RouteError(tag('cant_nest_shared_folder'));
			}
			let { name } = resolved;
			if (resolved.target) {
				if (!autorename) throw new WriteFailure(conflict(resolved.target.kind === 'file' ? 'file' : 'folder'));
				name = freeName(ctx, resolved.parent, name, resolved.missing, 'number');
			}
			const parent = ensureParents(ctx, resolved);
			return operation === 'move' ? tree.move(node, parent.id, name) : tree.copy(node, parent.id, name);
		}),
	);
	return { metadata: renderMetadata(ctx, moved) };
}

const routes = {
	'files/get_metadata': { style: 'rpc', scope: 'files.metadata.read', handler: getMetadata },
	'files/create_folder_v2': {
		style: 'rpc',
		scope: 'files.content.write',
		handler: createFolder,
		writeConflict: () => nested('path', tag('too_many_write_operations')),
	},
	'files/delete_v2': { style: 'rpc', scope: 'files.content.write', handler: deleteEntry },
	'files/copy_v2': { style: 'rpc', scope: 'files.content.write', handler: (ctx) => relocate(ctx, 'copy') },
	'files/move_v2': { style: 'rpc', scope: 'files.content.write', handler: (ctx) => relocate(ctx, 'move') },
};

module.exports = { routes };
