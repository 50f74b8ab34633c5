// Pure helpers for files fetched over HTTP: headers, file names, byte ranges, and URLs made
// safe to print. No n8n needed, so they are unit-tested on their own.
import type { IN8nHttpFullResponse } from 'n8n-workflow';

/** A response header (case-insensitive), first value of a list. */
export function headerValue(response: Pick<IN8nHttpFullResponse, 'headers'>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const key = Object.keys(response.headers ?? {}).find((k) => k.toLowerCase() === wanted);
	const value = key === undefined ? undefined : response.headers[key];
	return value === undefined || value === null ? undefined : String(Array.isArray(value) ? value[0] : value);
}

/** File name from Content-Disposition (filename* preferred). */
export function fileNameFromDisposition(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim());
		} catch {
			// fall through to the plain filename
		}
	}
	const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
	const name = plain ? (plain[1] ?? plain[2])?.trim() : undefined;
	return name || undefined;
}

/** The last segment of a URL's path, decoded ("" when the path ends in "/" or cannot be decoded). */
export function fileNameFromUrl(url: URL): string {
	const last = url.pathname.split('/').pop() ?? '';
	try {
		return decodeURIComponent(last).trim();
	} catch {
		return '';
	}
}

/**
 * A URL without its query and fragment, for messages: a pre-signed link carries its signature
 * in the query, and whoever holds it can fetch the file.
 */
export function redactUrl(url: string): string {
	return url.replace(/[?#].*$/, '?…');
}

/** Content-Length as a byte count, or undefined when absent or not a whole number. */
export function contentLengthOf(response: Pick<IN8nHttpFullResponse, 'headers'>): number | undefined {
	const raw = headerValue(response, 'content-length');
	if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return undefined;
	const length = Number(raw);
	return Number.isSafeInteger(length) ? length : undefined;
}

/** Content-Range "bytes FIRST-LAST/TOTAL" of a 206 reply, or undefined when it is not that. */
export function parseContentRange(value: string | undefined): { first: number; last: number; total: number } | undefined {
	const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/i.exec(value ?? '');
	if (!match) return undefined;
	const [first, last, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return first <= last && last < total ? { first, last, total } : undefined;
}

/**
 * The validator that makes a Range request safe (If-Range): a strong ETag, else Last-Modified.
 * Without one a resumed request could splice two versions of a file; then only the size check
 * guards it.
 */
export function rangeValidatorOf(response: Pick<IN8nHttpFullResponse, 'headers'>): string | undefined {
	const etag = headerValue(response, 'etag');
	if (etag && !/^W\//.test(etag.trim())) return etag.trim();
	return headerValue(response, 'last-modified')?.trim() || undefined;
}
