'use strict';
// Write semantics shared by upload, upload_session/finish(_batch_v2), restore, copy and move:
// WriteMode add / overwrite / update(rev), autorename, strict_conflict and the identical-content
// no-op, as files.stone documents them. All functions run inside db.write().

const { WriteFailure, conflict } = require('./errors');
const { resolveWrite, ensureParents, freeName } = require('./paths');

/**
 * @param {{ db: any, rootId: string }} ctx
 * @param {{ path: string, mode: any, autorename?: boolean, strictConflict?: boolean, clientModified?: string,
 *           serverModified?: string, propertyGroups?: any[] }} commit (serverModified: seeds only)
 * @param {{ key: string, size: number, hash: string }} blob
 * @returns {{ node: any, written: boolean }}
 */
function commitFile(ctx, commit, blob) {
	const { tree } = ctx.db;
	const resolved = resolveWrite(ctx, commit.path);
	const modeTag = commit.mode['.tag'];
	const strict = Boolean(commit.strictConflict);
	let { name } = resolved;
	const existing = resolved.target;

	const renameOr = (error, style) => {
		if (!commit.autorename) throw new WriteFailure(error);
		name = freeName(ctx, resolved.parent, resolved.name, resolved.missing, style);
		return undefined;
	};

	let replace;
	if (existing && existing.kind === 'folder') {
		replace = renameOr(conflict('folder'), 'number');
	} else if (existing) {
		const current = tree.current(existing);
		const identical = current.hash === blob.hash;
		if (modeTag === 'overwrite') {
			if (identical) return { node: existing, written: false };
			replace = existing;
		} else if (identical && !strict) {
			return { node: existing, written: false };
		} else if (modeTag === 'add') {
			replace = renameOr(conflict('file'), 'number');
		} else if (current.rev === commit.mode.update && !identical) {
			replace = existing;
		} else {
			replace = renameOr(conflict('file'), 'conflicted');
		}
	} else if (modeTag === 'update' && strict) {
		// strict_conflict: a rev that does not match is a conflict even when the file is gone.
		replace = renameOr(conflict('file'), 'conflicted');
	}

	const revision = {
		rev: ctx.db.newRev(),
		blob: blob.key,
		size: blob.size,
		hash: blob.hash,
		clientModified: commit.clientModified || ctx.db.timestamp(),
		serverModified: commit.serverModified || ctx.db.timestamp(),
	};
	const extra = commit.propertyGroups ? { propertyGroups: commit.propertyGroups } : {};
	if (replace) return { node: tree.addRevision(replace, revision, extra), written: true };
	const parent = ensureParents(ctx, resolved);
	return { node: tree.createFile(parent.id, name, revision, extra), written: true };
}

/** create_folder_v2 */
function createFolderAt(ctx, path, autorename) {
	const resolved = resolveWrite(ctx, path);
	let { name } = resolved;
	if (resolved.target) {
		if (!autorename) throw new WriteFailure(conflict(resolved.target.kind === 'file' ? 'file' : 'folder'));
		name = freeName(ctx, resolved.parent, name, resolved.missing, 'number');
	}
	const parent = ensureParents(ctx, resolved);
	return ctx.db.tree.createFolder(parent.id, name);
}

/** True when the node is a namespace root the member cannot move, delete or overwrite. */
function protectedNode(ctx, node) {
	return node.parentId === null || node.ns === ctx.db.accounts.homeNamespaceId() || node.teamFolder;
}

module.exports = { commitFile, createFolderAt, protectedNode };
