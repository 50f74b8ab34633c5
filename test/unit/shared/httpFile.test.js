'use strict';
// Pure helpers for files fetched over HTTP (nodes/shared/httpFile.ts): sizes, ranges, the
// If-Range validator, names from URLs, and URLs made safe to print.

const { contentLengthOf, parseContentRange, rangeValidatorOf, fileNameFromUrl, redactUrl, headerValue } = require('../../../nodes/shared/httpFile');

const withHeaders = (headers) => ({ headers });

test('headerValue is case-insensitive and takes the first value of a list', () => {
	expect(headerValue(withHeaders({ 'Content-Type': 'video/mp4' }), 'content-type')).toBe('video/mp4');
	expect(headerValue(withHeaders({ 'set-cookie': ['a', 'b'] }), 'Set-Cookie')).toBe('a');
	expect(headerValue(withHeaders({}), 'etag')).toBeUndefined();
});

test('contentLengthOf accepts only a whole byte count', () => {
	expect(contentLengthOf(withHeaders({ 'content-length': '2147483648' }))).toBe(2147483648);
	expect(contentLengthOf(withHeaders({ 'content-length': '0' }))).toBe(0);
	for (const bad of [undefined, '', '12.5', '-1', '1e9', 'abc', '99999999999999999999']) {
		expect(contentLengthOf(withHeaders(bad === undefined ? {} : { 'content-length': bad }))).toBeUndefined();
	}
});

test('parseContentRange reads "bytes first-last/total" and refuses anything else', () => {
	expect(parseContentRange('bytes 100-199/1000')).toEqual({ first: 100, last: 199, total: 1000 });
	expect(parseContentRange('Bytes 0-0/1')).toEqual({ first: 0, last: 0, total: 1 });
	for (const bad of [undefined, '', 'bytes */1000', 'bytes 100-99/1000', 'bytes 0-1000/1000', 'items 0-1/2', 'bytes 0-9/*']) {
		expect(parseContentRange(bad)).toBeUndefined();
	}
});

test('rangeValidatorOf prefers a strong ETag, falls back to Last-Modified, never a weak ETag', () => {
	expect(rangeValidatorOf(withHeaders({ etag: '"abc"', 'last-modified': 'Tue, 08 Dec 2026 01:00:00 GMT' }))).toBe('"abc"');
	expect(rangeValidatorOf(withHeaders({ etag: 'W/"abc"', 'last-modified': 'Tue, 08 Dec 2026 01:00:00 GMT' }))).toBe('Tue, 08 Dec 2026 01:00:00 GMT');
	expect(rangeValidatorOf(withHeaders({ etag: 'W/"abc"' }))).toBeUndefined();
	expect(rangeValidatorOf(withHeaders({}))).toBeUndefined();
});

test('fileNameFromUrl decodes the last path segment; a trailing slash or a broken escape names nothing', () => {
	expect(fileNameFromUrl(new URL('https://h/a/Hero%20Shot%C3%9C.jpg?sig=1'))).toBe('Hero ShotÜ.jpg');
	expect(fileNameFromUrl(new URL('https://h/a/'))).toBe('');
	expect(fileNameFromUrl(new URL('https://h/a/%E0%A4%A'))).toBe('');
});

test('redactUrl drops the query and the fragment, where pre-signed links keep their signature', () => {
	expect(redactUrl('https://s3.example/bucket/file.mp4?X-Amz-Signature=abc&X-Amz-Expires=3600')).toBe('https://s3.example/bucket/file.mp4?…');
	expect(redactUrl('https://h/file#token=abc')).toBe('https://h/file?…');
	expect(redactUrl('https://h/file')).toBe('https://h/file');
});
