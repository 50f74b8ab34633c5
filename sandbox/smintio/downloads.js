'use strict';
// Serves pre-signed download links: GET/HEAD {base}/files/{linkId}/{name}?expires=&signature=.
// No Authorization header is needed (or looked at). Expired or tampered links get 403 with the
// error object, as a storage service answers an expired signed URL. One file is streamed from
// disk (with single-range support); several are streamed as a stored zip.

const { pipeline } = require('stream/promises');
const { resolveDownloadLink } = require('./model/downloads');
const { zipStream, zipLength } = require('./model/zip');
const { SmintioError } = require('./errors');

function parseRange(header, size) {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header || '');
	if (!match || (match[1] === '' && match[2] === '')) return null;
	let start;
	let end;
	if (match[1] === '') {
		start = Math.max(0, size - Number(match[2]));
		end = size - 1;
	} else {
		start = Number(match[1]);
		end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	}
	if (start > end || start >= size) return 'unsatisfiable';
	return { start, end };
}

function contentDisposition(name) {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'");
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function serveDownload(ctx, req, res, linkId, query) {
	const resolved = resolveDownloadLink(ctx, linkId, query.get('expires'), query.get('signature'));
	if (resolved.status === 'unknown') throw new SmintioError(404, 'not_found', 'no such download link');
	if (resolved.status === 'bad_signature') {
		throw new SmintioError(403, 'permission_denied', 'the download link signature is not valid');
	}
	if (resolved.status === 'expired') {
		throw new SmintioError(403, 'permission_denied', 'the download link has expired; request a new one');
	}
	const { link } = resolved;
	const head = req.method === 'HEAD';

	if (link.entries.length > 1) {
		const length = zipLength(link.entries);
		if (length === null) throw new SmintioError(400, 'argument_invalid', 'archive would exceed 4 GiB; download the assets one by one');
		res.writeHead(200, {
			'Content-Type': 'application/zip',
			'Content-Length': length,
			'Content-Disposition': contentDisposition(link.archiveName),
		});
		if (head) return res.end();
		await pipeline(zipStream(link.entries, (key) => ctx.blobs.createReadStream(key)), res);
		return undefined;
	}

	const entry = link.entries[0];
	const headers = {
		'Content-Type': entry.mediaType || 'application/octet-stream',
		'Content-Disposition': contentDisposition(entry.fileName),
		'Accept-Ranges': 'bytes',
	};
	const range = req.headers.range ? parseRange(req.headers.range, entry.size) : null;
	if (range === 'unsatisfiable') {
		res.writeHead(416, { 'Content-Range': `bytes */${entry.size}`, 'Content-Length': 0 });
		return res.end();
	}
	if (range) {
		res.writeHead(206, {
			...headers,
			'Content-Range': `bytes ${range.start}-${range.end}/${entry.size}`,
			'Content-Length': range.end - range.start + 1,
		});
		if (head) return res.end();
		await pipeline(ctx.blobs.createReadStream(entry.blobKey, range), res);
		return undefined;
	}
	res.writeHead(200, { ...headers, 'Content-Length': entry.size });
	if (head) return res.end();
	await pipeline(ctx.blobs.createReadStream(entry.blobKey), res);
	return undefined;
}

module.exports = { serveDownload };
