'use strict';
// files/list_revisions and files/restore. Revisions stay with the file id (a file revived at
// the same path after a deletion keeps its history, so a deleted file can be restored).

const { RouteError, WriteFailure, tag, nested } = require('../errors');
const { commitFile } = require('../write');
const { lookupAs, renderFile } = require('./common');

function listRevisions(ctx) {
	const { args, db } = ctx;
	const path = args.path('path', 'pathOrId');
	const mode = args.union('mode', ['path', 'id'], { defaultTag: 'path' })['.tag'];
	const limit = args.integer('limit', { min: 1, max: 100, defaultValue: 10 });
	const beforeRev = args.string('before_rev', { pattern: 'rev', minLength: 9 });
	args.boolean('include_restorable_info');
	if (beforeRev !== undefined && mode === 'id') throw new RouteError(tag('before_rev_not_supported'));
	const found = lookupAs(ctx, path, 'path', { includeDeleted: mode === 'path' });
	const { node } = found;
	if (node.kind !== 'file') throw new RouteError(nested('path', tag('not_file')));
	let revisions = [...node.revisions].reverse();
	if (beforeRev !== undefined) {
		const at = revisions.findIndex((revision) => revision.rev === beforeRev);
		if (at === -1) throw new RouteError(tag('invalid_before_rev'));
		revisions = revisions.slice(at + 1);
	}
	const page = revisions.slice(0, limit);
	const result = {
		is_deleted: found.deleted,
		entries: page.map((revision) => renderFile(ctx, node, { revision })),
		has_more: revisions.length > limit,
	};
	if (found.deleted && node.deletedAt) result.server_deleted = db.timestamp(node.deletedAt);
	return result;
}

function restore(ctx) {
	const { args, db } = ctx;
	const path = args.path('path', 'writePath');
	const rev = args.string('rev', { required: true, pattern: 'rev', minLength: 9, maxLength: 64 });
	const found = lookupAs(ctx, path, 'path_lookup', { includeDeleted: true });
	if (found.node.kind !== 'file') throw new RouteError(nested('path_lookup', tag('not_file')));
	const revision = found.node.revisions.find((candidate) => candidate.rev === rev);
	if (!revision) throw new RouteError(tag('invalid_revision'));
	const blob = { key: revision.blob, size: revision.size, hash: revision.hash };
	let node;
	try {
		({ node } = db.write(() =>
			commitFile(ctx, { path, mode: { '.tag': 'overwrite' }, clientModified: revision.clientModified }, blob),
		));
	} catch (error) {
		if (error instanceof WriteFailure) throw new RouteError(nested('path_write', error.writeError));
		throw error;
	}
	return renderFile(ctx, node);
}

const routes = {
	'files/list_revisions': { style: 'rpc', scope: 'files.metadata.read', handler: listRevisions },
	'files/restore': { style: 'rpc', scope: 'files.content.write', handler: restore },
};

module.exports = { routes };
