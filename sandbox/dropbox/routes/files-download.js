'use strict';
// files/download (POST or GET, Range) and files/get_temporary_link.

const { RouteError, tag, nested } = require('../errors');
const { lookupAs, renderFile } = require('./common');

function fileFor(ctx, path, rev) {
	const found = lookupAs(ctx, path, 'path');
	if (found.node.kind !== 'file') throw new RouteError(nested('path', tag('not_file')));
	let revision = found.revision || ctx.db.tree.current(found.node);
	if (rev !== undefined) {
		revision = found.node.revisions.find((candidate) => candidate.rev === rev);
		if (!revision) throw new RouteError(nested('path', tag('not_found')));
	}
	return { node: found.node, revision };
}

function download(ctx) {
	const { args } = ctx;
	const path = args.path('path', 'readPath');
	const rev = args.string('rev', { pattern: 'rev', minLength: 9 });
	const { node, revision } = fileFor(ctx, path, rev);
	return {
		blobs: ctx.db.blobs,
		blobKey: revision.blob,
		size: revision.size,
		rev: revision.rev,
		result: renderFile(ctx, node, { revision }),
	};
}

function getTemporaryLink(ctx) {
	const path = ctx.args.path('path', 'readPath');
	const { node, revision } = fileFor(ctx, path);
	const { url } = ctx.db.write(() => ctx.db.links.createTemporary(node, revision));
	return { metadata: renderFile(ctx, node, { revision }), link: url };
}

const routes = {
	'files/download': { style: 'download', scope: 'files.content.read', handler: download },
	'files/get_temporary_link': { style: 'rpc', scope: 'files.content.read', handler: getTemporaryLink },
};

module.exports = { routes };
