'use strict';
// Streams file bytes for files/download, temporary links and shared links: HTTP Range (one
// range; 206 + Content-Range, 416 when unsatisfiable), ETag/If-None-Match, and the download
// result JSON in Dropbox-API-Result (ASCII-only, as HTTP headers must be).

const { pipeline } = require('stream/promises');

/** JSON with every character outside ASCII escaped as \uXXXX (what Dropbox and its SDKs send). */
function headerSafeJson(value) {
	return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * @returns {null | 'unsatisfiable' | { start: number, end: number }} null: serve the whole file
 */
function parseRange(header, size) {
	if (!header) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return null; // unsupported (e.g. several ranges): whole file
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	if (match[2] !== '' && Number(match[2]) < start) return null;
	if (start >= size) return 'unsatisfiable';
	return { start, end };
}

function contentDisposition(filename, attachment) {
	const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `${attachment ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * @param {{ blobs: any, blobKey: string, size: number, rev: string, result?: any, filename?: string,
 *           attachment?: boolean, extraHeaders?: Record<string, string> }} content
 */
async function sendContent(req, res, content) {
	const etag = `W/"${content.rev}"`;
	const headers = {
		'Content-Type': 'application/octet-stream',
		'Accept-Ranges': 'bytes',
		ETag: etag,
		'Cache-Control': 'no-cache',
		...(content.extraHeaders || {}),
	};
	if (content.result) headers['Dropbox-API-Result'] = headerSafeJson(content.result);
	if (content.filename) headers['Content-Disposition'] = contentDisposition(content.filename, content.attachment !== false);
	if (req.headers['if-none-match'] && req.headers['if-none-match'].split(/\s*,\s*/).includes(etag)) {
		res.writeHead(304, headers);
		res.end();
		return;
	}
	const range = parseRange(req.headers.range, content.size);
	if (range === 'unsatisfiable') {
		res.writeHead(416, { ...headers, 'Content-Range': `bytes */${content.size}`, 'Content-Length': 0 });
		res.end();
		return;
	}
	const start = range ? range.start : 0;
	const end = range ? range.end : content.size - 1;
	const length = content.size === 0 ? 0 : end - start + 1;
	if (range) headers['Content-Range'] = `bytes ${start}-${end}/${content.size}`;
	headers['Content-Length'] = length;
	res.writeHead(range ? 206 : 200, headers);
	if (req.method === 'HEAD' || length === 0) {
		res.end();
		return;
	}
	try {
		await pipeline(content.blobs.createReadStream(content.blobKey, { start, end, highWaterMark: 256 * 1024 }), res);
	} catch {
		// The client went away mid-download; nothing to answer.
	}
}

module.exports = { sendContent, headerSafeJson, parseRange, contentDisposition };
