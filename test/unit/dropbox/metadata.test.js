'use strict';

const { metadataOutput, toDropboxTimestamp, extensionOf, parseExtensions, parseList, isRev, checkTag, passesFilters } = require('../../../nodes/DropboxSync/helpers/metadata');
const { compileGlob } = require('../../../nodes/DropboxSync/helpers/glob');

test('metadataOutput replaces .tag with type and keeps Dropbox field names', () => {
	expect(metadataOutput({ '.tag': 'folder', name: 'A', path_lower: '/a', id: 'id:1' })).toEqual({ type: 'folder', name: 'A', path_lower: '/a', id: 'id:1' });
	expect(metadataOutput({ name: 'a.txt', rev: '0123456789', content_hash: 'h' })).toEqual({ type: 'file', name: 'a.txt', rev: '0123456789', content_hash: 'h' });
});

test('small conversions', () => {
	expect(toDropboxTimestamp('2026-03-01T12:00:00.789Z')).toBe('2026-03-01T12:00:00Z');
	expect(toDropboxTimestamp('not a date')).toBeUndefined();
	expect(extensionOf('Poster.Final.JPG')).toBe('jpg');
	expect(extensionOf('.env')).toBe('');
	expect(parseExtensions('jpg, .PNG ,*.tif')).toEqual(['jpg', 'png', 'tif']);
	expect(parseList(' a, b ,,a ')).toEqual(['a', 'b']);
	expect(isRev('015f9a2b3c')).toBe(true);
	expect(isRev('xyz')).toBe(false);
	expect(checkTag('Approved_2026')).toEqual({ ok: true, tag: 'approved_2026' });
	expect(checkTag('no spaces').ok).toBe(false);
	expect(checkTag('x'.repeat(33)).ok).toBe(false);
});

test('passesFilters: extensions, modified after, glob, kinds, deleted', () => {
	const file = { '.tag': 'file', name: 'a.JPG', path_display: '/C/Approved/a.JPG', server_modified: '2026-03-01T00:00:00Z' };
	const folder = { '.tag': 'folder', name: 'Approved', path_display: '/C/Approved' };
	const deleted = { '.tag': 'deleted', name: 'b.jpg', path_display: '/C/b.jpg' };
	const glob = compileGlob('**/Approved/**').regex;
	expect(passesFilters(file, { extensions: ['jpg'] })).toBe(true);
	expect(passesFilters(file, { extensions: ['png'] })).toBe(false);
	expect(passesFilters(folder, { extensions: ['jpg'] })).toBe(false);
	expect(passesFilters(file, { modifiedAfter: Date.parse('2026-02-01T00:00:00Z') })).toBe(true);
	expect(passesFilters(file, { modifiedAfter: Date.parse('2026-03-01T00:00:00Z') })).toBe(false);
	expect(passesFilters(file, { glob })).toBe(true);
	expect(passesFilters({ ...file, path_display: '/C/Draft/a.JPG' }, { glob })).toBe(false);
	expect(passesFilters(folder, { includeFolders: false })).toBe(false);
	expect(passesFilters(file, { includeFiles: false })).toBe(false);
	expect(passesFilters(deleted, {})).toBe(false);
	expect(passesFilters(deleted, { includeDeleted: true })).toBe(true);
});
