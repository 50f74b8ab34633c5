'use strict';

const { errorTags, errorMember, describeRouteError, describeBadRequest, describeAuthError } = require('../../../nodes/DropboxSync/helpers/dropboxErrors');

const body = (error, summary) => ({ error_summary: summary ?? 'x/..', error });
const nested = (outer, inner) => ({ '.tag': outer, [outer]: inner });

describe('errorTags / errorMember', () => {
	test('walks nested unions, inlined upload reasons and falls back to the summary', () => {
		expect(errorTags(body(nested('path', { '.tag': 'not_found' })))).toEqual(['path', 'not_found']);
		expect(errorTags(body(nested('path', nested('conflict', { '.tag': 'file' }))))).toEqual(['path', 'conflict', 'file']);
		expect(errorTags(body({ '.tag': 'path', reason: nested('conflict', { '.tag': 'folder' }), upload_session_id: 'x' }))).toEqual(['path', 'conflict', 'folder']);
		expect(errorTags({ error_summary: 'too_many_requests/...' })).toEqual(['too_many_requests']);
		expect(errorTags('plain text')).toEqual([]);
	});

	test('errorMember finds the inlined fields of a member', () => {
		const failure = body(nested('lookup_failed', { '.tag': 'incorrect_offset', correct_offset: 1234 }));
		expect(errorMember(failure, 'incorrect_offset')).toEqual({ '.tag': 'incorrect_offset', correct_offset: 1234 });
		expect(errorMember(failure, 'closed')).toBeUndefined();
	});
});

describe('describeRouteError', () => {
	test('not_found names the path and what was expected', () => {
		const described = describeRouteError(body(nested('path', { '.tag': 'not_found' })), { path: '/Campaigns/x.jpg', kind: 'file' });
		expect(described.message).toBe('No file at /Campaigns/x.jpg');
		expect(described.tag).toBe('path/not_found');
		expect(described.description).toContain('(Dropbox error: path/not_found)');
		expect(described.badInput).toBe(false);
		expect(describeRouteError(body(nested('path', { '.tag': 'not_found' })), { path: '/x', kind: 'folder' }).message).toBe('No folder at /x');
	});

	test('a folder where a file is needed is bad input', () => {
		const described = describeRouteError(body(nested('path', { '.tag': 'not_file' })), { path: '/x', kind: 'file' });
		expect(described).toMatchObject({ message: 'Path /x is a folder; a file is needed', badInput: true });
	});

	test('an update conflict says a different revision is there and is bad input (stale rev)', () => {
		const conflict = body({ '.tag': 'path', reason: nested('conflict', { '.tag': 'file' }) });
		const described = describeRouteError(conflict, { path: '/a.txt', writeMode: 'update', expectedRev: '0123456789' });
		expect(described.message).toBe('A file with a different revision is already there: /a.txt (expected rev 0123456789)');
		expect(described.badInput).toBe(true);
		const add = describeRouteError(conflict, { path: '/a.txt', writeMode: 'add' });
		expect(add.message).toBe('A file is already at /a.txt');
		expect(add.description).toMatch(/Overwrite/);
	});

	test('shared link errors, unknown tags and user messages', () => {
		expect(describeRouteError(body(nested('settings_error', { '.tag': 'invalid_settings' }))).badInput).toBe(true);
		expect(describeRouteError(body({ '.tag': 'shared_link_not_found' }), { url: 'https://x' }).message).toBe('No shared link https://x');
		const unknown = describeRouteError({ error: { '.tag': 'brand_new_error' }, user_message: { text: 'Try later.' } });
		expect(unknown.message).toBe('Dropbox could not do this: brand_new_error');
		expect(unknown.description).toContain('Try later.');
	});
});

describe('400 and 401', () => {
	test('bad request keeps the text', () => {
		expect(describeBadRequest('Error in call to API function "files/upload": bad arg\n').message).toBe('Dropbox rejected the request: Error in call to API function "files/upload": bad arg');
	});

	test('expired token and missing scope', () => {
		expect(describeAuthError(body({ '.tag': 'expired_access_token' }), false).message).toBe('The Dropbox access token has expired');
		expect(describeAuthError(body({ '.tag': 'missing_scope', required_scope: 'sharing.write' }), true).message).toBe('The Dropbox app lacks the permission sharing.write');
		expect(describeAuthError(body({ '.tag': 'invalid_access_token' }), true).description).toMatch(/Reconnect/);
	});
});
