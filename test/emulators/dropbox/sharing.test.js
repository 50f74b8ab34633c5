'use strict';
// Shared links (create with settings, already_exists, list, modify, revoke) and how the
// emulator serves them (preview, download, password form, expiry, allow_download, folder ZIP);
// shared folders (share_folder sync and async, check_share_job_status, members).

const zlib = require('zlib');
const { startEmulator, client, expectDropboxError } = require('./helpers');

const HERO = '/Campaigns/Launch 2027/Finals/launch-keyvisual.jpg';

/** Entry names and CRC check of a stored (uncompressed) ZIP, via its central directory. */
function readZip(buffer) {
	const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	const count = buffer.readUInt16LE(end + 10);
	let at = buffer.readUInt32LE(end + 16);
	const entries = [];
	for (let i = 0; i < count; i += 1) {
		const crc = buffer.readUInt32LE(at + 16);
		const size = buffer.readUInt32LE(at + 24);
		const nameLength = buffer.readUInt16LE(at + 28);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const dataStart = local + 30 + buffer.readUInt16LE(local + 26);
		const data = buffer.subarray(dataStart, dataStart + size);
		entries.push({ name, size, crcOk: zlib.crc32(data) === crc });
		at += 46 + nameLength;
	}
	return entries;
}

describe('Dropbox emulator: sharing', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator();
		dbx = client(emulator);
	});
	afterAll(() => emulator.close());

	const advanceClock = (seconds) => fetch(`${emulator.baseUrl}/__admin/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: seconds }) });
	const withParam = (url, key, value) => {
		const parsed = new URL(url);
		parsed.searchParams.set(key, value);
		return parsed.toString();
	};

	test('create_shared_link_with_settings: a served link; asking again gives shared_link_already_exists', async () => {
		const { result: link } = await dbx.sharingCreateSharedLinkWithSettings({ path: HERO });
		expect(link['.tag']).toBe('file');
		expect(link.url).toMatch(/\/scl\/fi\/[a-z0-9]+\/launch-keyvisual\.jpg\?rlkey=[a-z0-9]+&dl=0$/);
		expect(link.path_lower).toBe(HERO.toLowerCase());
		expect(link.link_permissions.resolved_visibility['.tag']).toBe('public');
		expect(link.link_permissions.allow_download).toBe(true);
		const preview = await fetch(link.url);
		expect(preview.status).toBe(200);
		expect(preview.headers.get('content-type')).toContain('text/html');
		await preview.text();
		const file = await fetch(withParam(link.url, 'dl', '1'));
		expect(file.status).toBe(200);
		expect(file.headers.get('content-disposition')).toContain('attachment');
		const bytes = Buffer.from(await file.arrayBuffer());
		const download = await dbx.filesDownload({ path: HERO });
		expect(Buffer.compare(bytes, download.result.fileBinary)).toBe(0);

		const again = await expectDropboxError(dbx.sharingCreateSharedLinkWithSettings({ path: HERO }), 409, ['shared_link_already_exists', 'metadata']);
		expect(again.error.error.shared_link_already_exists.metadata.url).toBe(link.url);
		const different = await expectDropboxError(
			dbx.sharingCreateSharedLinkWithSettings({ path: HERO, settings: { requested_visibility: 'team_only' } }),
			409,
			['shared_link_already_exists'],
		);
		expect(different.error.error.shared_link_already_exists).toBeUndefined();
		await expectDropboxError(dbx.sharingCreateSharedLinkWithSettings({ path: '/nope.jpg' }), 409, ['path', 'not_found']);
	});

	test('a password link with expiry: 401 form, wrong password, form post sets a cookie, ?password=, 410 after expiry', async () => {
		const expires = new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
		const path = '/Campaigns/Launch 2027/Finals/launch-banner.png';
		await expectDropboxError(
			dbx.sharingCreateSharedLinkWithSettings({ path, settings: { require_password: true } }),
			409,
			['settings_error', 'invalid_settings'],
		);
		const { result: link } = await dbx.sharingCreateSharedLinkWithSettings({
			path,
			settings: { require_password: true, link_password: 's3cret', expires, audience: 'public', access: 'viewer' },
		});
		expect(link.expires).toBe(expires);
		expect(link.link_permissions.resolved_visibility['.tag']).toBe('password');
		const url = withParam(link.url, 'dl', '1');
		const locked = await fetch(url);
		expect(locked.status).toBe(401);
		expect(await locked.text()).toContain('<form method="post"');
		const wrong = await fetch(withParam(url, 'password', 'nope'));
		expect(wrong.status).toBe(401);
		await wrong.text();
		const posted = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'password=s3cret',
			redirect: 'manual',
		});
		expect(posted.status).toBe(303);
		const cookie = posted.headers.get('set-cookie').split(';')[0];
		const withCookie = await fetch(url, { headers: { Cookie: cookie } });
		expect(withCookie.status).toBe(200);
		expect(withCookie.headers.get('content-type')).toBe('application/octet-stream');
		await withCookie.arrayBuffer();
		const viaQuery = await fetch(withParam(url, 'password', 's3cret'), { headers: { Range: 'bytes=0-7' } });
		expect(viaQuery.status).toBe(206);
		expect(Buffer.from(await viaQuery.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		await advanceClock(24 * 3600 + 60);
		const expired = await fetch(withParam(url, 'password', 's3cret'));
		expect(expired.status).toBe(410);
		await expired.text();
		await expectDropboxError(
			dbx.sharingCreateSharedLinkWithSettings({ path: HERO.replace('keyvisual.jpg', 'teaser.mp4'), settings: { expires: '2020-01-01T00:00:00Z' } }),
			409,
			['settings_error', 'invalid_settings'],
		);
	});

	test('list, modify (allow_download, remove_expiration) and revoke', async () => {
		const folderLink = await dbx.sharingCreateSharedLinkWithSettings({ path: '/Campaigns/Launch 2027/Finals' });
		expect(folderLink.result['.tag']).toBe('folder');
		const all = await dbx.sharingListSharedLinks({});
		expect(all.result.links.length).toBeGreaterThanOrEqual(3);
		const direct = await dbx.sharingListSharedLinks({ path: HERO, direct_only: true });
		expect(direct.result.links.map((l) => l.path_lower)).toEqual([HERO.toLowerCase()]);
		const withParents = await dbx.sharingListSharedLinks({ path: HERO });
		expect(withParents.result.links.map((l) => l.path_lower)).toEqual(expect.arrayContaining([HERO.toLowerCase(), '/campaigns/launch 2027/finals']));

		const link = direct.result.links[0];
		const modified = await dbx.sharingModifySharedLinkSettings({ url: link.url, settings: { allow_download: false } });
		expect(modified.result.link_permissions.allow_download).toBe(false);
		const refused = await fetch(withParam(link.url, 'dl', '1'));
		expect(refused.status).toBe(403);
		await refused.text();
		const preview = await fetch(link.url);
		expect(preview.status).toBe(200);
		await preview.text();
		// The emulator clock was moved forward by the test before: take its time.
		const { now } = await (await fetch(`${emulator.baseUrl}/__admin/clock`)).json();
		const future = new Date(Date.parse(now) + 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
		const withExpiry = await dbx.sharingModifySharedLinkSettings({ url: link.url, settings: { expires: future, allow_download: true } });
		expect(withExpiry.result.expires).toBe(future);
		const noExpiry = await dbx.sharingModifySharedLinkSettings({ url: link.url, settings: {}, remove_expiration: true });
		expect(noExpiry.result.expires).toBeUndefined();

		await dbx.sharingRevokeSharedLink({ url: link.url });
		const gone = await fetch(withParam(link.url, 'dl', '1'));
		expect(gone.status).toBe(404);
		await gone.text();
		await expectDropboxError(dbx.sharingRevokeSharedLink({ url: link.url }), 409, ['shared_link_not_found']);
		await expectDropboxError(dbx.sharingRevokeSharedLink({ url: 'not a url' }), 409, ['shared_link_malformed']);
		await expectDropboxError(dbx.sharingModifySharedLinkSettings({ url: link.url, settings: {} }), 409, ['shared_link_not_found']);
		// A new link can be made after revocation.
		const fresh = await dbx.sharingCreateSharedLinkWithSettings({ path: HERO });
		expect(fresh.result.url).not.toBe(link.url);
	});

	test('a folder link downloads as a ZIP with dl=1', async () => {
		const links = await dbx.sharingListSharedLinks({ path: '/Campaigns/Launch 2027/Finals', direct_only: true });
		const response = await fetch(withParam(links.result.links[0].url, 'dl', '1'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		const entries = readZip(Buffer.from(await response.arrayBuffer()));
		expect(entries.map((e) => e.name).sort()).toEqual(['Finals/launch-banner.png', 'Finals/launch-keyvisual.jpg', 'Finals/launch-teaser.mp4']);
		expect(entries.every((e) => e.crcOk)).toBe(true);
		expect(entries.find((e) => e.name.endsWith('.mp4')).size).toBe(24 * 1024 * 1024);
	});

	test('share_folder (sync and async), members and invitees', async () => {
		const shared = await dbx.sharingShareFolder({ path: '/Partners/Acme Retail', member_policy: 'anyone' });
		expect(shared.result['.tag']).toBe('complete');
		const folderId = shared.result.shared_folder_id;
		expect(folderId).toMatch(/^\d+$/);
		expect(shared.result.path_lower).toBe('/partners/acme retail');
		expect(shared.result.access_type['.tag']).toBe('owner');
		const meta = await dbx.filesGetMetadata({ path: '/Partners/Acme Retail' });
		expect(meta.result.shared_folder_id).toBe(folderId);
		const inside = await dbx.filesUpload({ path: '/Partners/Acme Retail/delivery.txt', contents: 'd' });
		expect(inside.result.parent_shared_folder_id).toBe(folderId);
		// ns:<shared folder id> paths address the shared folder.
		const byNs = await dbx.filesGetMetadata({ path: `ns:${folderId}/delivery.txt` });
		expect(byNs.result.id).toBe(inside.result.id);

		await expectDropboxError(dbx.sharingShareFolder({ path: '/Partners/Acme Retail' }), 409, ['bad_path', 'already_shared']);
		await expectDropboxError(dbx.sharingShareFolder({ path: HERO }), 409, ['bad_path', 'is_file']);
		await expectDropboxError(dbx.sharingShareFolder({ path: '/Partners/Acme Retail/sub' }), 409, ['bad_path', 'inside_shared_folder']);

		await dbx.sharingAddFolderMember({
			shared_folder_id: folderId,
			members: [
				{ member: { '.tag': 'email', email: 'priya@acme-retail.example' }, access_level: 'viewer' },
				{ member: { '.tag': 'email', email: 'new.person@acme-retail.example' }, access_level: 'editor' },
			],
		});
		const members = await dbx.sharingListFolderMembers({ shared_folder_id: folderId });
		expect(members.result.users.map((u) => [u.user.email, u.access_type['.tag']])).toEqual([
			['alex@northwind.example', 'owner'],
			['priya@acme-retail.example', 'viewer'],
		]);
		expect(members.result.invitees.map((i) => i.invitee.email)).toEqual(['new.person@acme-retail.example']);
		await expectDropboxError(
			dbx.sharingAddFolderMember({ shared_folder_id: folderId, members: [{ member: { '.tag': 'email', email: 'not-an-email' } }] }),
			409,
			['bad_member', 'invalid_email'],
		);
		await expectDropboxError(
			dbx.sharingAddFolderMember({ shared_folder_id: '999', members: [{ member: { '.tag': 'email', email: 'a@b.example' } }] }),
			409,
			['access_error', 'invalid_id'],
		);
		await expectDropboxError(dbx.sharingListFolderMembers({ shared_folder_id: '999' }), 409, ['invalid_id']);

		const teamOnly = await dbx.sharingShareFolder({ path: '/Projects/Website Relaunch', member_policy: 'team', force_async: true });
		expect(teamOnly.result['.tag']).toBe('async_job_id');
		const first = await dbx.sharingCheckShareJobStatus({ async_job_id: teamOnly.result.async_job_id });
		expect(first.result['.tag']).toBe('in_progress');
		const second = await dbx.sharingCheckShareJobStatus({ async_job_id: teamOnly.result.async_job_id });
		expect(second.result['.tag']).toBe('complete');
		expect(second.result.policy.member_policy['.tag']).toBe('team');
		await expectDropboxError(
			dbx.sharingAddFolderMember({ shared_folder_id: second.result.shared_folder_id, members: [{ member: { '.tag': 'email', email: 'dana@brightlight-agency.example' } }] }),
			409,
			['cant_share_outside_team'],
		);
		await dbx.sharingAddFolderMember({ shared_folder_id: second.result.shared_folder_id, members: [{ member: { '.tag': 'email', email: 'sam@northwind.example' }, access_level: 'editor' }] });
		await expectDropboxError(dbx.sharingCheckShareJobStatus({ async_job_id: 'dbjid:unknown' }), 409, ['invalid_async_job_id']);
	});
});
