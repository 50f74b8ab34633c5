'use strict';
// Sandbox admin endpoints specific to Dropbox (the shared ones, /__admin/counters, /faults,
// /clock and /health, live in sandbox/common/http.js). Tests use them to reset and inspect
// state and to act as a Dropbox user without an API token: write, move, copy and delete
// files, as if someone changed them on another device. README.md documents each route.

const { HttpError } = require('../common/http');
const { LookupFailure, WriteFailure, errorSummary } = require('./errors');
const { lookup, resolveWrite, ensureParents, freeName } = require('./paths');
const { metadata } = require('./metadata');
const { commitFile, createFolderAt, protectedNode } = require('./write');
const { ContentHasher } = require('./content-hash');
const { sendContent } = require('./send-content');

function query(req) {
	return new URL(req.url, 'http://admin.invalid').searchParams;
}

/** The root node for admin paths: the home folder, or the team root with root=team. */
function adminContext(emulator, root) {
	const { db } = emulator;
	const ns = root === 'team' ? db.accounts.rootNamespaceId() : db.accounts.homeNamespaceId();
	if (root && !['team', 'home'].includes(root)) throw new HttpError(400, 'root must be "home" or "team"');
	return { db, emulator, rootId: db.tree.byNamespace(ns).id };
}

/** Runs fn, turning lookup and write failures into 404 / 409 admin replies. */
function guarded(fn) {
	try {
		return fn();
	} catch (error) {
		if (error instanceof LookupFailure) throw new HttpError(404, `path lookup failed: ${error.lookupError['.tag']}`);
		if (error instanceof WriteFailure) throw new HttpError(409, `write failed: ${errorSummary(error.writeError)}`);
		throw error;
	}
}

function requirePath(value, name = 'path') {
	if (typeof value !== 'string' || !value.startsWith('/')) throw new HttpError(400, `${name} must be a path starting with "/"`);
	return value;
}

function fileDetails(ctx, node) {
	const { tree } = ctx.db;
	const details = { metadata: metadata(ctx.db, node, { rootId: ctx.rootId, propertyGroups: { '.tag': 'filter_none' } }) };
	if (node.kind === 'file') {
		const current = tree.current(node);
		details.sha256 = current.blob;
		details.revisions = node.revisions.map((r) => ({ rev: r.rev, size: r.size, content_hash: r.hash, server_modified: r.serverModified }));
	}
	details.tags = node.tags || [];
	return details;
}

function linkDetails(ctx, link) {
	return { url: ctx.db.links.url(link), revoked: Boolean(link.revoked), expires: link.expires ?? null, password: Boolean(link.password) };
}

function createAdminRoutes(emulator) {
	const ctxFor = (root) => adminContext(emulator, root);
	return {
		'POST /reset': async () => {
			await emulator.reset();
			return { ok: true, credentials: emulator.credentials() };
		},
		'GET /credentials': () => emulator.credentials(),
		'GET /tree': (req) => {
			const params = query(req);
			const ctx = ctxFor(params.get('root') || 'home');
			const path = params.get('path') || '';
			const folder = path ? guarded(() => lookup(ctx, path)).node : ctx.db.tree.node(ctx.rootId);
			if (folder.kind !== 'folder') throw new HttpError(400, 'path is not a folder');
			return {
				root: params.get('root') || 'home',
				path,
				entries: ctx.db.tree.descendants(folder.id).map((node) => metadata(ctx.db, node, { rootId: ctx.rootId })),
			};
		},
		'GET /file': (req) => {
			const params = query(req);
			const ctx = ctxFor(params.get('root') || 'home');
			const { node } = guarded(() => lookup(ctx, requirePath(params.get('path'))));
			return fileDetails(ctx, node);
		},
		'GET /file/content': async (req, res) => {
			const params = query(req);
			const ctx = ctxFor(params.get('root') || 'home');
			const { node } = guarded(() => lookup(ctx, requirePath(params.get('path'))));
			if (node.kind !== 'file') throw new HttpError(400, 'path is not a file');
			const revision = ctx.db.tree.current(node);
			await sendContent(req, res, { blobs: ctx.db.blobs, blobKey: revision.blob, size: revision.size, rev: revision.rev, filename: node.name });
		},
		// Body: { path, content?: utf-8 text, contentBase64?: bytes, mode?: "add"|"overwrite"|{".tag":"update","update":rev},
		//         autorename?, clientModified?, root?: "home"|"team" }
		'POST /files/write': async (req, res, body = {}) => {
			const ctx = ctxFor(body.root);
			const path = requirePath(body.path);
			let bytes;
			if (typeof body.contentBase64 === 'string') bytes = Buffer.from(body.contentBase64, 'base64');
			else if (typeof body.content === 'string') bytes = Buffer.from(body.content, 'utf8');
			else throw new HttpError(400, 'give content (text) or contentBase64');
			const stored = await ctx.db.blobs.putBuffer(bytes, { hashers: { content: () => new ContentHasher() } });
			const mode = typeof body.mode === 'string' ? { '.tag': body.mode } : body.mode || { '.tag': 'overwrite' };
			const { node } = guarded(() =>
				ctx.db.write(() =>
					commitFile(
						ctx,
						{ path, mode, autorename: Boolean(body.autorename), clientModified: body.clientModified },
						{ key: stored.key, size: stored.size, hash: stored.hashes.content },
					),
				),
			);
			return fileDetails(ctx, node);
		},
		'POST /files/create_folder': (req, res, body = {}) => {
			const ctx = ctxFor(body.root);
			const node = guarded(() => ctx.db.write(() => createFolderAt(ctx, requirePath(body.path), Boolean(body.autorename))));
			return fileDetails(ctx, node);
		},
		'POST /files/move': (req, res, body = {}) => relocate(ctxFor(body.root), body, 'move'),
		'POST /files/copy': (req, res, body = {}) => relocate(ctxFor(body.root), body, 'copy'),
		'POST /files/delete': (req, res, body = {}) => {
			const ctx = ctxFor(body.root);
			const { node } = guarded(() => lookup(ctx, requirePath(body.path)));
			if (protectedNode(ctx, node)) throw new HttpError(409, 'namespace roots cannot be deleted');
			const before = metadata(ctx.db, node, { rootId: ctx.rootId });
			ctx.db.write(() => ctx.db.tree.remove(node));
			return { metadata: before };
		},
		// Body: { path, root?, password? }: a person shares the item (a public link, as the app would make).
		'POST /links/create': (req, res, body = {}) => {
			const ctx = ctxFor(body.root);
			const { node } = guarded(() => lookup(ctx, requirePath(body.path)));
			const password = typeof body.password === 'string' && body.password !== '' ? body.password : null;
			const link = ctx.db.write(() => ctx.db.links.createShared(node, { password, allowDownload: true }));
			return linkDetails(ctx, link);
		},
		// ?path=&root=: every shared link ever made for the item, revoked ones included.
		'GET /links': (req) => {
			const params = query(req);
			const ctx = ctxFor(params.get('root') || 'home');
			const { node } = guarded(() => lookup(ctx, requirePath(params.get('path'))));
			const links = ctx.db.store.values('sharedLinks').filter((link) => link.nodeId === node.id);
			return { links: links.sort((a, b) => a.createdAt - b.createdAt).map((link) => linkDetails(ctx, link)) };
		},
		// Body: { accessToken?: string } (default: every access token). Expires them now.
		'POST /tokens/expire': (req, res, body = {}) => {
			const { store } = emulator.db;
			const now = emulator.clock.now();
			let count = 0;
			emulator.db.write(() => {
				for (const [token, record] of store.collection('accessTokens')) {
					if (body.accessToken && token !== body.accessToken) continue;
					store.put('accessTokens', token, { ...record, expiresAt: now });
					count += 1;
				}
			});
			return { expired: count };
		},
	};
}

function relocate(ctx, body, operation) {
	const from = requirePath(body.from, 'from');
	const to = requirePath(body.to, 'to');
	const { node } = guarded(() => lookup(ctx, from));
	if (operation === 'move' && protectedNode(ctx, node)) throw new HttpError(409, 'namespace roots cannot be moved');
	const result = guarded(() =>
		ctx.db.write(() => {
			const resolved = resolveWrite(ctx, to);
			if (node.kind === 'folder' && (resolved.parent.id === node.id || ctx.db.tree.isAncestor(node.id, resolved.parent.id))) {
				throw new HttpError(409, 'cannot move a folder into itself');
			}
			let { name } = resolved;
			if (resolved.target) {
				if (!body.autorename) throw new HttpError(409, 'the destination exists');
				name = freeName(ctx, resolved.parent, name, resolved.missing, 'number');
			}
			const parent = ensureParents(ctx, resolved);
			return operation === 'move' ? ctx.db.tree.move(node, parent.id, name) : ctx.db.tree.copy(node, parent.id, name);
		}),
	);
	return fileDetails(ctx, result);
}

module.exports = { createAdminRoutes };
