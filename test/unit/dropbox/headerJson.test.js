'use strict';

const { headerSafeJson } = require('../../../nodes/DropboxSync/helpers/headerJson');

test('Dropbox-API-Arg is ASCII: U+007F and above become \\uXXXX, and it parses back to the same value', () => {
	const value = { path: '/Kampagnen/Müller – Sommer/ß😀.txt', mode: 'add' };
	const header = headerSafeJson(value);
	expect(header).toMatch(/^[\x20-\x7e]*$/);
	expect(header).toContain('\\u00fc');
	expect(header).toContain('\\u2013');
	expect(header).toContain('\\ud83d\\ude00');
	expect(JSON.parse(header)).toEqual(value);
	expect(headerSafeJson({ a: '\u007f' })).toBe('{"a":"\\u007f"}');
});
