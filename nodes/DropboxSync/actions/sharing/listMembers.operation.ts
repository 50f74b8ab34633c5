import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { sharedFolderIdOf } from '../../transport/resolve';
import { dropboxRpc } from '../../transport/request';
import { folderLocator } from '../common.descriptions';
import { getPath } from '../parameters';

const properties: INodeProperties[] = [{ ...folderLocator, displayName: 'Shared Folder', description: 'The shared folder whose members to list' }];

export const description = updateDisplayOptions({ show: { resource: ['sharing'], operation: ['listMembers'] } }, properties);

interface MembersPage {
	users?: IDataObject[];
	groups?: IDataObject[];
	invitees?: IDataObject[];
	cursor?: string;
}

const tagOf = (value: unknown): string | undefined => (value && typeof value === 'object' ? String((value as IDataObject)['.tag']) : typeof value === 'string' ? value : undefined);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'folder', itemIndex, { label: 'folder path' });
	const sharedFolderId = await sharedFolderIdOf(this, path, itemIndex);
	const results: INodeExecutionData[] = [];
	let page = await dropboxRpc<MembersPage>(this, 'sharing/list_folder_members', { shared_folder_id: sharedFolderId, limit: 1000 }, { itemIndex, subject: { path, kind: 'folder' } });
	for (;;) {
		for (const member of page.users ?? []) {
			const user = (member.user ?? {}) as IDataObject;
			results.push({ json: { memberType: 'user', access_type: tagOf(member.access_type), email: user.email, display_name: user.display_name, account_id: user.account_id, is_inherited: member.is_inherited, user } });
		}
		for (const member of page.invitees ?? []) {
			const invitee = (member.invitee ?? {}) as IDataObject;
			results.push({ json: { memberType: 'invitee', access_type: tagOf(member.access_type), email: invitee.email, is_inherited: member.is_inherited, invitee } });
		}
		for (const member of page.groups ?? []) {
			const group = (member.group ?? {}) as IDataObject;
			results.push({ json: { memberType: 'group', access_type: tagOf(member.access_type), group_name: group.group_name, group_id: group.group_id, is_inherited: member.is_inherited, group } });
		}
		if (!page.cursor) break;
		page = await dropboxRpc<MembersPage>(this, 'sharing/list_folder_members/continue', { cursor: page.cursor }, { itemIndex, subject: { path, kind: 'folder' } });
	}
	return results.map((result) => ({ json: { shared_folder_id: sharedFolderId, ...result.json } }));
}
