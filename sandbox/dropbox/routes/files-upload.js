'use strict';
// files/upload: one request, at most 150 MiB, streamed to the blob store while hashing.

const { RouteError, WriteFailure, tag } = require('../errors');
const { receiveBlob, PayloadTooLarge } = require('../stream-body');
const { commitFile } = require('../write');
const { readCommitInfo, checkPropertyGroups } = require('./commit-info');
const { renderFile } = require('./common');

async function upload(ctx) {
	const { args, db } = ctx;
	const commit = readCommitInfo(args);
	const expectedHash = args.string('content_hash', { minLength: 64, maxLength: 64 });
	let blob;
	try {
		blob = await receiveBlob(db.blobs, ctx.req, ctx.emulator.options.maxRequestBytes);
	} catch (error) {
		if (error instanceof PayloadTooLarge) throw new RouteError(tag('payload_too_large'));
		throw error;
	}
	if (expectedHash !== undefined && expectedHash !== blob.hash) throw new RouteError(tag('content_hash_mismatch'));
	checkPropertyGroups(ctx, commit);
	let node;
	try {
		({ node } = db.write(() => commitFile(ctx, commit, blob)));
	} catch (error) {
		if (!(error instanceof WriteFailure)) throw error;
		// Dropbox keeps the bytes in a closed session, so the commit can be retried elsewhere.
		const session = db.write(() => db.sessions.createFromBlob(blob));
		throw new RouteError({ '.tag': 'path', reason: error.writeError, upload_session_id: session.id });
	}
	return renderFile(ctx, node, { propertyGroups: commit.propertyGroups ? { '.tag': 'filter_none' } : undefined });
}

const routes = {
	'files/upload': {
		style: 'upload',
		scope: 'files.content.write',
		handler: upload,
		writeConflict: () => ({ '.tag': 'path', reason: tag('too_many_write_operations'), upload_session_id: '' }),
	},
};

module.exports = { routes };
