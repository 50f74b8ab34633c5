'use strict';
// files/upload_session/start, append_v2, finish, finish_batch_v2: sequential sessions (each
// append at the current end, checked by offset) and concurrent ones (4 MiB-aligned pieces
// appended in any order; start and finish carry no data; the last append closes).

const fs = require('fs');
const { RouteError, WriteFailure, tag, nested } = require('../errors');
const { BLOCK_SIZE, ContentHasher } = require('../content-hash');
const { receiveToFile, hashFile, PayloadTooLarge } = require('../stream-body');
const { commitFile } = require('../write');
const { Sessions } = require('../model/sessions');
const { readCommitInfo, checkPropertyGroups } = require('./commit-info');
const { renderFile } = require('./common');

/** files.stone: a session's file may not exceed 2^41 - 2^22 bytes. */
const MAX_SESSION_SIZE = 2 ** 41 - 2 ** 22;

/** Error of an UploadSessionLookupError member; `wrap` nests it (finish: lookup_failed). */
function lookupError(wrap, value) {
	return new RouteError(wrap ? nested(wrap, value) : value);
}

/**
 * Receives a request body into the session file at `offset`.
 * @returns {Promise<number>} bytes received
 */
async function receiveChunk(ctx, session, offset, { expectedHash, runningHash }) {
	const chunkHasher = new ContentHasher();
	const hashers = [chunkHasher];
	let rollback = null;
	if (runningHash) {
		rollback = { sha: runningHash.sha.copy(), content: runningHash.content.copy() };
		hashers.push(runningHash.sha, runningHash.content);
	}
	const restore = () => {
		if (rollback) Object.assign(runningHash, rollback);
		if (session.type === 'sequential') fs.truncateSync(session.file, session.size);
	};
	let size;
	try {
		({ size } = await receiveToFile(ctx.req, {
			filePath: session.file,
			start: offset,
			flags: 'r+',
			maxBytes: ctx.emulator.options.maxRequestBytes,
			hashers,
		}));
	} catch (error) {
		restore();
		if (error instanceof PayloadTooLarge) throw new RouteError(tag('payload_too_large'));
		throw error;
	}
	if (expectedHash !== undefined && chunkHasher.digest() !== expectedHash) {
		restore();
		throw new RouteError(tag('content_hash_mismatch'));
	}
	if (runningHash) runningHash.at += size;
	return size;
}

/** Reads an empty body (concurrent start/finish must not carry data). */
async function bodyIsEmpty(req) {
	let empty = true;
	for await (const chunk of req) if (chunk.length) empty = false;
	return empty;
}

/** The running hash when it covers the whole session (else undefined: finish re-reads the file). */
function runningHashOf(db, session) {
	const running = db.sessions.hashers.get(session.id);
	const end = session.type === 'concurrent' ? session.total : session.size;
	return running && running.at === end ? running : undefined;
}

/**
 * Concurrent sessions: extends the running hash over pieces that are on disk and continue the
 * hashed prefix (they arrived before the piece in front of them).
 */
async function catchUpRunningHash(db, session) {
	const running = db.sessions.hashers.get(session.id);
	if (!running) return;
	for (;;) {
		const next = session.pieces.find((piece) => piece.offset === running.at);
		if (!next || next.length === 0) return;
		for await (const chunk of fs.createReadStream(session.file, { start: next.offset, end: next.offset + next.length - 1, highWaterMark: 1024 * 1024 })) {
			running.sha.update(chunk);
			running.content.update(chunk);
		}
		running.at += next.length;
	}
}

/** Appends to a sequential session (append_v2 and finish with data). */
async function appendSequential(ctx, session, offset, { close, expectedHash, wrap }) {
	const { db } = ctx;
	if (session.closed) throw lookupError(wrap, tag('closed'));
	if (offset !== session.size) throw lookupError(wrap, { '.tag': 'incorrect_offset', correct_offset: session.size });
	// Bytes beyond the recorded size come from an append that was cut off: drop them.
	fs.truncateSync(session.file, session.size);
	let runningHash = runningHashOf(db, session);
	if (!runningHash) db.sessions.hashers.delete(session.id);
	const size = await receiveChunk(ctx, session, offset, { expectedHash, runningHash });
	if (session.size + size > MAX_SESSION_SIZE) {
		fs.truncateSync(session.file, session.size);
		db.sessions.hashers.delete(session.id);
		throw lookupError(wrap, tag('too_large'));
	}
	const updated = { ...session, size: session.size + size, closed: Boolean(close) };
	db.write(() => db.sessions.save(updated));
	return updated;
}

/** Appends a piece to a concurrent session. */
async function appendConcurrent(ctx, session, offset, { close, expectedHash }) {
	const { db } = ctx;
	if (session.closed) throw new RouteError(tag('closed'));
	if (offset % BLOCK_SIZE !== 0) throw new RouteError(tag('concurrent_session_invalid_offset'));
	const running = db.sessions.hashers.get(session.id);
	// A piece sent again over bytes already hashed: the running hash no longer holds.
	if (running && offset < running.at) db.sessions.hashers.delete(session.id);
	const inline = running && offset === running.at ? running : undefined;
	const size = await receiveChunk(ctx, session, offset, { expectedHash, runningHash: inline });
	const refuse = (error) => {
		// The refused piece was hashed already: start the running hash over (finish re-reads).
		if (inline) db.sessions.hashers.delete(session.id);
		return error;
	};
	if (!close && size % BLOCK_SIZE !== 0) throw refuse(new RouteError(tag('concurrent_session_invalid_data_size')));
	// Re-read: other pieces may have been recorded while this body streamed in.
	const current = db.sessions.get(session.id);
	if (!current) throw refuse(new RouteError(tag('not_found')));
	if (current.closed) throw refuse(new RouteError(tag('closed')));
	const pieces = current.pieces.filter((piece) => piece.offset !== offset);
	pieces.push({ offset, length: size });
	const updated = { ...current, pieces, closed: Boolean(close), total: close ? offset + size : null };
	db.write(() => db.sessions.save(updated));
	await catchUpRunningHash(db, updated);
	return updated;
}

function readCursor(args, name = 'cursor') {
	const cursor = args.struct(name, { required: true });
	return {
		sessionId: cursor.string('session_id', { required: true }),
		offset: cursor.integer('offset', { required: true, min: 0 }),
	};
}

async function start(ctx) {
	const { args, db } = ctx;
	const close = args.boolean('close');
	const type = args.union('session_type', ['sequential', 'concurrent'], { defaultTag: 'sequential' })['.tag'];
	const expectedHash = args.string('content_hash', { minLength: 64, maxLength: 64 });
	if (type === 'concurrent') {
		if (!(await bodyIsEmpty(ctx.req))) throw new RouteError(tag('concurrent_session_data_not_allowed'));
		if (close) throw new RouteError(tag('concurrent_session_close_not_allowed'));
		const session = db.write(() => db.sessions.create('concurrent'));
		return { session_id: session.id };
	}
	const session = db.write(() => db.sessions.create('sequential'));
	try {
		await appendSequential(ctx, session, 0, { close, expectedHash });
	} catch (error) {
		db.write(() => db.sessions.discard(session));
		throw error;
	}
	return { session_id: session.id };
}

async function appendV2(ctx) {
	const { args, db } = ctx;
	const cursor = readCursor(args);
	const close = args.boolean('close');
	const expectedHash = args.string('content_hash', { minLength: 64, maxLength: 64 });
	return db.sessions.withLock(cursor.sessionId, async () => {
		const session = db.sessions.get(cursor.sessionId);
		if (!session || session.blob) throw new RouteError(tag(session ? 'closed' : 'not_found'));
		if (session.type === 'concurrent') await appendConcurrent(ctx, session, cursor.offset, { close, expectedHash });
		else await appendSequential(ctx, session, cursor.offset, { close, expectedHash });
		return null;
	});
}

/** Turns a complete session into a blob (once); the session then refers to the blob. */
async function sessionBlob(ctx, session) {
	const { db } = ctx;
	if (session.blob) return session.blob;
	let digest;
	const running = runningHashOf(db, session);
	if (running) digest = { key: running.sha.digest('hex'), hash: running.content.digest(), size: running.at };
	else digest = await hashFile(session.file);
	await db.blobs.adoptTemp(session.file, digest.key);
	const blob = { key: digest.key, size: digest.size, hash: digest.hash };
	const updated = { ...session, blob, file: null, closed: true };
	db.write(() => db.sessions.save(updated));
	db.sessions.hashers.delete(session.id);
	return blob;
}

/**
 * The shared core of finish and finish_batch_v2.
 * @param {{ withBody: boolean, requireClosed: boolean }} mode
 */
async function finishSession(ctx, args, { withBody, requireClosed }) {
	const { db } = ctx;
	const cursor = readCursor(args);
	const commit = readCommitInfo(args.struct('commit', { required: true }));
	const expectedHash = args.string('content_hash', { minLength: 64, maxLength: 64 });
	return db.sessions.withLock(cursor.sessionId, async () => {
		let session = db.sessions.get(cursor.sessionId);
		if (!session) {
			if (withBody) ctx.req.resume();
			throw lookupError('lookup_failed', tag('not_found'));
		}
		if (session.type === 'concurrent' || session.blob) {
			if (withBody && !(await bodyIsEmpty(ctx.req))) {
				throw session.blob ? lookupError('lookup_failed', tag('closed')) : new RouteError(tag('concurrent_session_data_not_allowed'));
			}
			if (!session.closed) throw new RouteError(tag('concurrent_session_not_closed'));
			const total = session.blob ? session.blob.size : session.total;
			if (!session.blob && Sessions.contiguous(session.pieces) < total) throw new RouteError(tag('concurrent_session_missing_data'));
			if (cursor.offset !== total) throw lookupError('lookup_failed', { '.tag': 'incorrect_offset', correct_offset: total });
		} else {
			if (requireClosed && !session.closed) throw lookupError('lookup_failed', tag('not_closed'));
			if (withBody && !session.closed) {
				session = await appendSequential(ctx, session, cursor.offset, { close: true, expectedHash, wrap: 'lookup_failed' });
			} else {
				if (withBody && !(await bodyIsEmpty(ctx.req))) throw lookupError('lookup_failed', tag('closed'));
				if (cursor.offset !== session.size) {
					throw lookupError('lookup_failed', { '.tag': 'incorrect_offset', correct_offset: session.size });
				}
			}
		}
		checkPropertyGroups(ctx, commit);
		const blob = await sessionBlob(ctx, db.sessions.get(session.id));
		let node;
		try {
			({ node } = db.write(() => commitFile(ctx, commit, blob)));
		} catch (error) {
			if (error instanceof WriteFailure) throw new RouteError(nested('path', error.writeError));
			throw error;
		}
		db.write(() => db.sessions.consumed(db.sessions.get(session.id) || session));
		return renderFile(ctx, node, { propertyGroups: commit.propertyGroups ? { '.tag': 'filter_none' } : undefined });
	});
}

function finish(ctx) {
	return finishSession(ctx, ctx.args, { withBody: true, requireClosed: false });
}

async function finishBatchV2(ctx) {
	const entries = ctx.args.structList('entries', { required: true, max: 1000 });
	const results = [];
	// Serially, in request order: Dropbox commits a batch as one unit per namespace.
	for (const entry of entries) {
		try {
			const metadata = await finishSession(ctx, entry, { withBody: false, requireClosed: true });
			results.push({ '.tag': 'success', ...metadata });
		} catch (error) {
			if (!(error instanceof RouteError)) throw error;
			results.push({ '.tag': 'failure', failure: error.error });
		}
	}
	return { entries: results };
}

const routes = {
	'files/upload_session/start': { style: 'upload', scope: 'files.content.write', handler: start },
	'files/upload_session/append_v2': { style: 'upload', scope: 'files.content.write', handler: appendV2 },
	'files/upload_session/finish': {
		style: 'upload',
		scope: 'files.content.write',
		handler: finish,
		writeConflict: () => tag('too_many_write_operations'),
	},
	'files/upload_session/finish_batch_v2': { style: 'rpc', scope: 'files.content.write', handler: finishBatchV2 },
};

module.exports = { routes };
