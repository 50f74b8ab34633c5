'use strict';

const { checkPath, checkName, joinPath, parentPath, baseName, pathLevels, isInside, MAX_NAME_LENGTH } = require('../../../nodes/DropboxSync/helpers/paths');

describe('checkPath', () => {
	test.each([
		['/Campaigns/2026/poster.jpg', '/Campaigns/2026/poster.jpg'],
		['  /Campaigns/2026/ ', '/Campaigns/2026'],
		['/ü/ß.txt', '/ü/ß.txt'],
		['id:a4ayc_80_OEAAAAAAAAAXw', 'id:a4ayc_80_OEAAAAAAAAAXw'],
		['id:a4ayc_80_OEAAAAAAAAAXw/sub/x.jpg', 'id:a4ayc_80_OEAAAAAAAAAXw/sub/x.jpg'],
		['ns:12345/Team', 'ns:12345/Team'],
	])('accepts %j as %j', (input, expected) => {
		expect(checkPath(input)).toEqual({ ok: true, path: expected });
	});

	test('the root is "" only where allowed', () => {
		expect(checkPath('/', { allowRoot: true })).toEqual({ ok: true, path: '' });
		expect(checkPath('', { allowRoot: true })).toEqual({ ok: true, path: '' });
		const refused = checkPath('/', { label: 'file path' });
		expect(refused.ok).toBe(false);
		expect(refused.problem).toMatch(/root folder/);
	});

	test('a path without a leading slash names the fix', () => {
		const result = checkPath('Campaigns/x.jpg', { label: 'file path' });
		expect(result).toEqual({ ok: false, problem: 'The file path "Campaigns/x.jpg" does not start with "/"', fix: 'Write it from the Dropbox root: "/Campaigns/x.jpg"' });
	});

	test.each(['/a/../b', '/a/./b', '/..'])('rejects the dot segment in %j', (input) => {
		const result = checkPath(input);
		expect(result.ok).toBe(false);
		expect(result.problem).toMatch(/contains "\.\.?"/);
		expect(result.fix).toMatch(/"\." or "\.\."/);
	});

	test('an empty name between slashes (an empty expression) is reported', () => {
		const result = checkPath('/Campaigns//x.jpg');
		expect(result.ok).toBe(false);
		expect(result.problem).toMatch(/empty name between two slashes/);
	});

	test('a name over 255 characters is reported with the limit', () => {
		const ok = checkPath(`/a/${'n'.repeat(MAX_NAME_LENGTH)}`);
		expect(ok.ok).toBe(true);
		const result = checkPath(`/a/${'n'.repeat(MAX_NAME_LENGTH + 1)}`);
		expect(result.ok).toBe(false);
		expect(result.problem).toMatch(/256 characters long/);
		expect(result.fix).toMatch(/at most 255/);
	});

	test('control characters and non-strings are refused', () => {
		expect(checkPath('/a\nb').ok).toBe(false);
		expect(checkPath(42).problem).toMatch(/must be text/);
		expect(checkPath(null).problem).toMatch(/not null/);
	});

	test('rev references only where allowed; malformed ids never', () => {
		expect(checkPath('rev:a1c10ce0dd78', { allowRev: true })).toEqual({ ok: true, path: 'rev:a1c10ce0dd78' });
		expect(checkPath('rev:a1c10ce0dd78').ok).toBe(false);
		expect(checkPath('id:').ok).toBe(false);
		expect(checkPath('id:abc', { allowIds: false }).ok).toBe(false);
	});
});

describe('checkName', () => {
	test('names', () => {
		expect(checkName('poster.jpg')).toEqual({ ok: true, name: 'poster.jpg' });
		expect(checkName('').problem).toBe('The name is empty');
		expect(checkName('a/b', 'file name').problem).toMatch(/contains a slash/);
		expect(checkName('..').ok).toBe(false);
		expect(checkName('x'.repeat(256)).fix).toMatch(/255/);
	});
});

describe('path arithmetic', () => {
	test('join, parent, base name, levels, inside', () => {
		expect(joinPath('', 'a.txt')).toBe('/a.txt');
		expect(joinPath('/', 'a.txt')).toBe('/a.txt');
		expect(joinPath('/x/y', 'a.txt')).toBe('/x/y/a.txt');
		expect(parentPath('/x/y/a.txt')).toBe('/x/y');
		expect(parentPath('/a.txt')).toBe('');
		expect(baseName('/x/y/a.txt')).toBe('a.txt');
		expect(pathLevels('/a/b/c')).toEqual(['/a', '/a/b', '/a/b/c']);
		expect(isInside('/A/b/c.txt', '/a')).toBe(true);
		expect(isInside('/ab/c.txt', '/a')).toBe(false);
		expect(isInside('/x', '')).toBe(true);
	});
});
