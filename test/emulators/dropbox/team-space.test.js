'use strict';
// The team space: Dropbox-API-Path-Root (home, root, namespace_id), 422 for a bad root,
// the team folder "/Team Assets", and team tokens acting as a member via Dropbox-API-Select-User.

const { startEmulator, client, expectDropboxError, rawCall } = require('./helpers');

describe('Dropbox emulator: team space', () => {
	let emulator;
	let home;
	let rootInfo;
	let teamRoot;
	beforeAll(async () => {
		emulator = await startEmulator();
		home = client(emulator);
		rootInfo = (await home.usersGetCurrentAccount()).result.root_info;
		teamRoot = client(emulator, { pathRoot: JSON.stringify({ '.tag': 'root', root: rootInfo.root_namespace_id }) });
	});
	afterAll(() => emulator.close());

	test('root_info describes the team space', () => {
		expect(rootInfo['.tag']).toBe('team');
		expect(rootInfo.home_path).toBe('/Alex Example');
		expect(rootInfo.root_namespace_id).not.toBe(rootInfo.home_namespace_id);
	});

	test('with Path-Root root, paths start at the team root: the team folder and the home folder', async () => {
		const { result } = await teamRoot.filesListFolder({ path: '' });
		const byName = Object.fromEntries(result.entries.map((e) => [e.name, e]));
		expect(Object.keys(byName).sort()).toEqual(['Alex Example', 'Team Assets']);
		expect(byName['Team Assets'].shared_folder_id).toEqual(expect.stringMatching(/^\d+$/));
		const campaigns = await teamRoot.filesGetMetadata({ path: '/Alex Example/Campaigns' });
		const same = await home.filesGetMetadata({ path: '/Campaigns' });
		expect(campaigns.result.id).toBe(same.result.id);
		expect(campaigns.result.path_display).toBe('/Alex Example/Campaigns');
	});

	test('writing into the team folder; the file is not under the home root', async () => {
		const { result } = await teamRoot.filesUpload({ path: '/Team Assets/Approved/hero.jpg', contents: 'jpeg' });
		expect(result.path_display).toBe('/Team Assets/Approved/hero.jpg');
		expect(result.parent_shared_folder_id).toEqual(expect.stringMatching(/^\d+$/));
		expect(result.sharing_info.parent_shared_folder_id).toBe(result.parent_shared_folder_id);
		await expectDropboxError(home.filesGetMetadata({ path: '/Team Assets/Approved/hero.jpg' }), 409, ['path', 'not_found']);
		// By id it is found, but it has no path relative to the home root.
		const byId = await home.filesGetMetadata({ path: result.id });
		expect(byId.result.path_lower).toBeUndefined();
		// Members cannot write at the top of the team space.
		await expectDropboxError(teamRoot.filesCreateFolderV2({ path: '/Top Level' }), 409, ['path', 'no_write_permission']);
		await expectDropboxError(teamRoot.filesDeleteV2({ path: '/Team Assets' }), 409, ['path_write', 'team_folder']);
	});

	test('Path-Root home and namespace_id', async () => {
		const homeHeader = client(emulator, { pathRoot: JSON.stringify({ '.tag': 'home' }) });
		const list = await homeHeader.filesListFolder({ path: '' });
		expect(list.result.entries.map((e) => e.name)).toContain('Campaigns');
		const teamFolderId = (await teamRoot.filesGetMetadata({ path: '/Team Assets' })).result.shared_folder_id;
		const inTeamFolder = client(emulator, { pathRoot: JSON.stringify({ '.tag': 'namespace_id', namespace_id: teamFolderId }) });
		const approved = await inTeamFolder.filesListFolder({ path: '' });
		expect(approved.result.entries.map((e) => e.path_display)).toEqual(['/Approved']);
		const members = await home.sharingListFolderMembers({ shared_folder_id: teamFolderId });
		expect(members.result.groups[0].group.group_name).toBe('Northwind Marketing');
		await expectDropboxError(home.sharingAddFolderMember({ shared_folder_id: teamFolderId, members: [{ member: { '.tag': 'email', email: 'sam@northwind.example' } }] }), 409, ['team_folder']);
	});

	test('a wrong root is 422 invalid_root with the right root_info; an unknown namespace is 422 no_permission', async () => {
		const wrong = client(emulator, { pathRoot: JSON.stringify({ '.tag': 'root', root: '1234' }) });
		const error = await expectDropboxError(wrong.filesListFolder({ path: '' }), 422, ['invalid_root']);
		expect(error.error.error.invalid_root).toEqual(rootInfo);
		const unknown = client(emulator, { pathRoot: JSON.stringify({ '.tag': 'namespace_id', namespace_id: '999999' }) });
		await expectDropboxError(unknown.filesListFolder({ path: '' }), 422, ['no_permission']);
		const malformed = await rawCall(emulator, 'files/list_folder', {
			headers: { 'Content-Type': 'application/json', 'Dropbox-API-Path-Root': '{not json' },
			body: JSON.stringify({ path: '' }),
		});
		expect(malformed.status).toBe(400);
	});

	test('team tokens act as a member with Dropbox-API-Select-User', async () => {
		const { team, teamMemberId } = emulator.credentials;
		const teamClient = client(emulator, { accessToken: team.accessToken });
		const needsUser = await expectDropboxError(teamClient.filesListFolder({ path: '' }), 400);
		expect(needsUser.error).toContain('Dropbox-API-Select-User');
		const asAlex = client(emulator, { accessToken: team.accessToken, selectUser: teamMemberId });
		const listed = await asAlex.filesListFolder({ path: '' });
		expect(listed.result.entries.map((e) => e.name)).toContain('Campaigns');
		const teamSpace = client(emulator, {
			accessToken: team.accessToken,
			selectUser: teamMemberId,
			pathRoot: JSON.stringify({ '.tag': 'root', root: rootInfo.root_namespace_id }),
		});
		expect((await teamSpace.filesListFolder({ path: '/Team Assets' })).result.entries.map((e) => e.name)).toContain('Approved');
		const wrongMember = client(emulator, { accessToken: team.accessToken, selectUser: 'dbmid:AADnot-a-member' });
		await expectDropboxError(wrongMember.filesListFolder({ path: '' }), 401, ['invalid_select_user']);
		const userWithHeader = client(emulator, { selectUser: teamMemberId });
		await expectDropboxError(userWithHeader.filesListFolder({ path: '' }), 400);
	});
});
