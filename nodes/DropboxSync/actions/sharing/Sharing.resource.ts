import type { INodeProperties } from 'n8n-workflow';

import * as addMember from './addMember.operation';
import * as listMembers from './listMembers.operation';
import * as shareFolder from './shareFolder.operation';

export { addMember, listMembers, shareFolder };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sharing'] } },
		options: [
			{ name: 'Add Member', value: 'addMember', description: 'Invite people to a shared folder', action: 'Add members to a shared folder' },
			{ name: 'List Members', value: 'listMembers', description: 'List the members of a shared folder', action: 'List members of a shared folder' },
			{ name: 'Share Folder', value: 'shareFolder', description: 'Turn a folder into a shared folder (waits for Dropbox to finish)', action: 'Share a folder' },
		],
		default: 'shareFolder',
	},
	...addMember.description,
	...listMembers.description,
	...shareFolder.description,
];
