'use strict';

const { compileGlob, globMatches } = require('../../../nodes/DropboxSync/helpers/glob');

function matcher(pattern) {
	const compiled = compileGlob(pattern);
	if (!compiled.ok) throw new Error(compiled.problem);
	return (path) => globMatches(compiled.regex, path);
}

describe('compileGlob', () => {
	test('**/Approved/** matches any depth, case-insensitively, the folder itself included', () => {
		const match = matcher('**/Approved/**');
		expect(match('/Approved/a.jpg')).toBe(true);
		expect(match('/Campaigns/2026/approved/a.jpg')).toBe(true);
		expect(match('/Campaigns/2026/Approved')).toBe(true);
		expect(match('/Campaigns/2026/Approved/x/y/z.png')).toBe(true);
		expect(match('/Campaigns/2026/Approved-old/a.jpg')).toBe(false);
		expect(match('/Campaigns/NotApproved/a.jpg')).toBe(false);
	});

	test('* stays within one name, ** spans folders', () => {
		const match = matcher('/Campaigns/*/Finals/*.jpg');
		expect(match('/Campaigns/Spring/Finals/a.jpg')).toBe(true);
		expect(match('/Campaigns/Spring/Summer/Finals/a.jpg')).toBe(false);
		expect(match('/Campaigns/Spring/Finals/sub/a.jpg')).toBe(false);
		const deep = matcher('/Campaigns/**/*.jpg');
		expect(deep('/Campaigns/a.jpg')).toBe(true);
		expect(deep('/Campaigns/x/y/a.JPG')).toBe(true);
		expect(deep('/Other/a.jpg')).toBe(false);
	});

	test('?, classes, negated classes, alternatives and escapes', () => {
		expect(matcher('/img?.png')('/img1.png')).toBe(true);
		expect(matcher('/img?.png')('/img12.png')).toBe(false);
		expect(matcher('/v[0-9].txt')('/v7.txt')).toBe(true);
		expect(matcher('/v[!0-9].txt')('/v7.txt')).toBe(false);
		expect(matcher('/v[!0-9].txt')('/vx.txt')).toBe(true);
		expect(matcher('**/*.{jpg,png}')('/a/b.png')).toBe(true);
		expect(matcher('**/*.{jpg,png}')('/a/b.gif')).toBe(false);
		expect(matcher('/a\\*b')('/a*b')).toBe(true);
		expect(matcher('/a\\*b')('/axb')).toBe(false);
		expect(matcher('/file(1).txt')('/file(1).txt')).toBe(true);
	});

	test('a leading slash is optional on both sides; ** alone matches everything', () => {
		expect(matcher('Campaigns/*')('/Campaigns/x')).toBe(true);
		expect(matcher('**')('/any/thing.txt')).toBe(true);
	});

	test.each([
		['', /empty/],
		['a**b', /whole folder segment/],
		['/a/[bc', /never closed/],
		['/a/{b,c', /never closed/],
		['/a/b]', /no opening/],
		['/a/{b,{c,d}}', /nested/],
		['/a/{b/c,d}', /cannot contain/],
		['/a//b', /empty folder name/],
		['/a/[]', /never closed|empty/],
		['/a\\', /lone/],
	])('rejects %j', (pattern, reason) => {
		const result = compileGlob(pattern);
		expect(result.ok).toBe(false);
		expect(result.problem).toMatch(reason);
		expect(result.fix).toMatch(/\*\*\/Approved\/\*\*/);
	});
});
