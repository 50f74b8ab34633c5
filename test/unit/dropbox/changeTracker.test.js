'use strict';

const { trackEntries, vanishedSince, trimKnown, FOLDER_MARK } = require('../../../nodes/DropboxSyncTrigger/helpers/changeTracker');
const { compileGlob } = require('../../../nodes/DropboxSync/helpers/glob');

const file = (path, rev) => ({ '.tag': 'file', name: path.split('/').pop(), path_lower: path.toLowerCase(), path_display: path, rev });
const folder = (path) => ({ '.tag': 'folder', name: path.split('/').pop(), path_lower: path.toLowerCase(), path_display: path });
const deleted = (path) => ({ '.tag': 'deleted', name: path.split('/').pop(), path_lower: path.toLowerCase(), path_display: path });
const events = (changes) => changes.map((change) => `${change.event} ${change.entry.path_lower}${change.previousRev ? ` <${change.previousRev}` : ''}`);

describe('trackEntries', () => {
	test('add, update, replay, delete', () => {
		const known = {};
		const options = { folderLower: '/w' };
		expect(events(trackEntries(known, [folder('/W'), folder('/W/Sub'), file('/W/Sub/a.jpg', '000000001')], options))).toEqual(['folderAdded /w/sub', 'fileAdded /w/sub/a.jpg']);
		// The same entries again (replayed page or re-listing): nothing new.
		expect(trackEntries(known, [folder('/W/Sub'), file('/W/Sub/a.jpg', '000000001')], options)).toEqual([]);
		expect(events(trackEntries(known, [file('/W/Sub/a.jpg', '000000002')], options))).toEqual(['fileUpdated /w/sub/a.jpg <000000001']);
		expect(events(trackEntries(known, [deleted('/W/Sub/a.jpg')], options))).toEqual(['fileDeleted /w/sub/a.jpg <000000002']);
		expect(known).toEqual({ '/w/sub': FOLDER_MARK });
	});

	test('a move is a deletion at the old path and an addition at the new one', () => {
		const known = {};
		trackEntries(known, [file('/a.txt', '000000001')], { folderLower: '' });
		expect(events(trackEntries(known, [deleted('/a.txt'), file('/b.txt', '000000001')], { folderLower: '' }))).toEqual(['fileDeleted /a.txt <000000001', 'fileAdded /b.txt']);
	});

	test('one deleted entry for a folder reports every known file under it', () => {
		const known = {};
		trackEntries(known, [folder('/F'), file('/F/1.txt', 'a00000001'), folder('/F/G'), file('/F/G/2.txt', 'a00000002'), file('/Other.txt', 'a00000003')], { folderLower: '' });
		expect(events(trackEntries(known, [deleted('/F')], { folderLower: '' }))).toEqual(['fileDeleted /f/1.txt <a00000001', 'fileDeleted /f/g/2.txt <a00000002']);
		expect(Object.keys(known)).toEqual(['/other.txt']);
	});

	test('deletions of paths never seen are reported (they predate the trigger); the glob filters', () => {
		const glob = compileGlob('**/Approved/**').regex;
		expect(events(trackEntries({}, [deleted('/x/Approved/old.jpg'), deleted('/x/Draft/old.jpg')], { folderLower: '', glob }))).toEqual(['fileDeleted /x/approved/old.jpg']);
		const known = {};
		expect(events(trackEntries(known, [file('/x/Draft/a.jpg', '000000001'), file('/x/Approved/a.jpg', '000000001')], { folderLower: '', glob }))).toEqual(['fileAdded /x/approved/a.jpg']);
		expect(Object.keys(known)).toEqual(['/x/approved/a.jpg']);
	});

	test('the record is bounded; the least recently changed paths go first', () => {
		const known = {};
		trackEntries(known, [file('/1', '000000001'), file('/2', '000000001'), file('/3', '000000001')], { folderLower: '', maxKnown: 3 });
		trackEntries(known, [file('/1', '000000002'), file('/4', '000000001')], { folderLower: '', maxKnown: 3 });
		expect(Object.keys(known)).toEqual(['/3', '/1', '/4']);
		trimKnown(known, 1);
		expect(Object.keys(known)).toEqual(['/4']);
	});
});

test('vanishedSince reports known files missing from a re-listing, inside the folder only', () => {
	const known = { '/w/a.txt': '000000001', '/w/sub': FOLDER_MARK, '/w/sub/b.txt': '000000002', '/elsewhere.txt': '000000003' };
	const changes = vanishedSince(known, new Set(['/w/a.txt']), '/w');
	expect(events(changes)).toEqual(['fileDeleted /w/sub/b.txt <000000002']);
	expect(known).toEqual({ '/w/a.txt': '000000001', '/elsewhere.txt': '000000003' });
});
