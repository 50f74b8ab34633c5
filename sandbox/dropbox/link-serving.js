'use strict';
// Serves the links the API hands out, so they can be opened like Dropbox's:
//  - temporary links  GET /cd/0/get/<token>/file      (410 Gone after 4 hours)
//  - shared links     GET /scl/fi/<id>/<name>?rlkey=..&dl=0|1 (files), /scl/fo/... (folders)
//    dl=0: an HTML preview page; dl=1: the bytes (Range honoured), a ZIP for folders;
//    raw=1: the bytes inline. Expired links answer 410, revoked or unknown ones 404.
//    Password links answer 401 with a password form; the form POSTs `password` back and gets a
//    cookie, and scripts may pass `?password=` instead. allow_download=false refuses dl=1/raw=1
//    with 403. Team-only links need an `Authorization: Bearer` token of the account.

const crypto = require('crypto');
const { readForm, sendText, applyFaults } = require('../common/http');
const { sendContent } = require('./send-content');
const { renderFault } = require('./fault-replies');
const { writeZip, MAX_ZIP_BYTES, MAX_ENTRIES } = require('./zip-stream');

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, status, title, body, headers = {}) {
	const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5}a.button,button{padding:.5rem 1rem;background:#0061fe;color:#fff;border:0;border-radius:4px;text-decoration:none}</style></head>
<body>${body}</body></html>`;
	res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), ...headers });
	res.end(html);
}

function formatSize(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function serveTemporary(emulator, req, res, token) {
	const { db } = emulator;
	const link = db.links.temporary(token);
	if (!link) return sendText(res, 404, 'Not Found');
	if (link.expiresAt <= db.nowMs()) return sendText(res, 410, 'Gone: this temporary link has expired.');
	return sendContent(req, res, {
		blobs: db.blobs,
		blobKey: link.blob,
		size: link.size,
		rev: link.rev,
		filename: link.name,
		attachment: true,
	});
}

function cookieName(link) {
	return `sbx_link_${link.id}`;
}

function passwordProof(emulator, link) {
	return crypto.createHmac('sha256', emulator.db.instanceId()).update(`${link.id}:${link.password}`).digest('base64url');
}

function cookies(req) {
	const out = {};
	for (const part of (req.headers.cookie || '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	return out;
}

function passwordForm(res, link, url, message) {
	const action = `${url.pathname}${url.search}`;
	page(
		res,
		401,
		'This link is password protected',
		`<h1>This link is password protected</h1>${message ? `<p id="error" style="color:#b00">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}"><label>Password <input type="password" name="password" autofocus></label> <button type="submit">Continue</button></form>`,
	);
}

/** Team-only (and no_one) links open only for a caller that shows a token of the account. */
function teamAllowed(emulator, req, link) {
	const audience = link.audience || (link.requestedVisibility === 'team_only' ? 'team' : 'public');
	if (!['team', 'no_one', 'members'].includes(audience)) return true;
	const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
	return Boolean(match && emulator.tokens.checkAccessToken(match[1]).status === 'valid');
}

async function folderZip(emulator, res, node) {
	const { db } = emulator;
	const entries = [];
	let total = 0;
	const prefix = db.tree.chain(node.id).length;
	for (const item of db.tree.descendants(node.id)) {
		const relative = db.tree.chain(item.id).slice(prefix).map((link) => link.name).join('/');
		const name = `${node.name}/${relative}`;
		if (item.kind === 'folder') {
			entries.push({ name, folder: true });
		} else {
			const revision = db.tree.current(item);
			total += revision.size;
			entries.push({ name, modified: revision.clientModified, open: () => db.blobs.createReadStream(revision.blob) });
		}
	}
	if (entries.length > MAX_ENTRIES || total > MAX_ZIP_BYTES) {
		return sendText(res, 400, 'This folder is too large to download as a ZIP.');
	}
	res.writeHead(200, {
		'Content-Type': 'application/zip',
		'Content-Disposition': `attachment; filename="${node.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}.zip"`,
	});
	try {
		await writeZip(res, entries);
	} catch {
		res.destroy();
	}
	return undefined;
}

async function serveShared(emulator, req, res, url, linkId) {
	const { db } = emulator;
	const link = db.links.shared(linkId);
	const node = link && db.tree.node(link.nodeId);
	if (!link || link.revoked || link.key !== url.searchParams.get('rlkey') || !node || !db.tree.isLive(node)) {
		req.resume();
		return page(res, 404, 'Link not found', '<h1>This link was removed or does not exist</h1>');
	}
	if (db.links.isExpired(link)) {
		req.resume();
		return page(res, 410, 'Link expired', '<h1>This link has expired</h1>');
	}
	if (!teamAllowed(emulator, req, link)) {
		req.resume();
		return page(res, 403, 'Team only', `<h1>This link is only for members of ${escapeHtml(db.accounts.account().teamName)}</h1>`);
	}
	if (link.password) {
		const proof = passwordProof(emulator, link);
		if (req.method === 'POST') {
			const form = await readForm(req);
			if (form.password !== link.password) return passwordForm(res, link, url, 'Incorrect password.');
			res.writeHead(303, {
				Location: `${url.pathname}${url.search}`,
				'Set-Cookie': `${cookieName(link)}=${proof}; Path=/; HttpOnly; SameSite=Lax`,
				'Content-Length': 0,
			});
			return res.end();
		}
		const viaQuery = url.searchParams.get('password');
		if (cookies(req)[cookieName(link)] !== proof && viaQuery !== link.password) {
			return passwordForm(res, link, url, viaQuery !== null ? 'Incorrect password.' : '');
		}
	}
	req.resume();
	const wantsBytes = url.searchParams.get('dl') === '1' || url.searchParams.get('raw') === '1';
	if (wantsBytes && link.allowDownload === false) {
		return page(res, 403, 'Download disabled', '<h1>The owner has disabled downloads for this link</h1>');
	}
	if (node.kind === 'folder') {
		if (wantsBytes) return folderZip(emulator, res, node);
		const rows = db.tree
			.children(node.id)
			.map((child) => `<li>${escapeHtml(child.name)}${child.kind === 'folder' ? '/' : ` (${formatSize(db.tree.current(child).size)})`}</li>`)
			.join('');
		const download = link.allowDownload === false ? '' : `<p><a class="button" href="?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), dl: '1' })}">Download</a></p>`;
		return page(res, 200, node.name, `<h1>${escapeHtml(node.name)}</h1><ul>${rows}</ul>${download}`);
	}
	const revision = db.tree.current(node);
	if (wantsBytes) {
		return sendContent(req, res, {
			blobs: db.blobs,
			blobKey: revision.blob,
			size: revision.size,
			rev: revision.rev,
			filename: node.name,
			attachment: url.searchParams.get('raw') !== '1',
		});
	}
	const download = link.allowDownload === false ? '' : `<p><a class="button" id="download" href="?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), dl: '1' })}">Download</a></p>`;
	return page(res, 200, node.name, `<h1>${escapeHtml(node.name)}</h1><p>${formatSize(revision.size)}</p>${download}`);
}

/** @returns {Promise<boolean>} whether the request was a link request */
async function handle(emulator, req, res, url) {
	const temporary = /^\/cd\/0\/get\/([A-Za-z0-9_-]+)\/file$/.exec(url.pathname);
	if (temporary && (req.method === 'GET' || req.method === 'HEAD')) {
		if (await applyFaults(emulator.faults, 'links/temporary', req, res, renderFault(null))) return true;
		req.resume();
		await serveTemporary(emulator, req, res, temporary[1]);
		return true;
	}
	const shared = /^\/scl\/f[io]\/([a-z0-9]+)(\/[^/]*)?$/.exec(url.pathname);
	if (shared && ['GET', 'HEAD', 'POST'].includes(req.method)) {
		if (await applyFaults(emulator.faults, 'links/shared', req, res, renderFault(null))) return true;
		await serveShared(emulator, req, res, url, shared[1]);
		return true;
	}
	return false;
}

module.exports = { handle };
