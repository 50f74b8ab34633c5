import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseList } from '../../helpers/metadata';
import { inputError } from '../../transport/errors';
import { sharedFolderIdOf } from '../../transport/resolve';
import { dropboxRpc } from '../../transport/request';
import { folderLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { optionsCollection } from '../../../shared/optionsCollection';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const properties: INodeProperties[] = [
	{ ...folderLocator, displayName: 'Shared Folder', description: 'The shared folder to add people to (share it first with Share Folder)' },
	{
		displayName: 'Emails',
		name: 'emails',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. anna@agency.example, li@partner.example',
		description: 'Email addresses of the people to add, comma-separated',
	},
	{
		displayName: 'Access Level',
		name: 'accessLevel',
		type: 'options',
		options: [
			{ name: 'Editor', value: 'editor', description: 'Can edit, add and delete files' },
			{ name: 'Viewer', value: 'viewer', description: 'Can view and comment' },
			{ name: 'Viewer (No Comments)', value: 'viewer_no_comment', description: 'Can only view' },
		],
		default: 'viewer',
		description: 'What the new members can do',
	},
	optionsCollection([
		{
			displayName: 'Message',
			name: 'customMessage',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'A personal note for the invitation email',
		},
		{
			displayName: 'Quiet',
			name: 'quiet',
			type: 'boolean',
			default: false,
			description: 'Whether to add the members without sending them an email',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['sharing'], operation: ['addMember'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'folder', itemIndex, { label: 'folder path' });
	const emails = parseList(this.getNodeParameter('emails', itemIndex, ''));
	if (emails.length === 0) throw inputError(this.getNode(), itemIndex, 'No email addresses given', 'Enter at least one email address');
	const invalid = emails.filter((email) => !EMAIL.test(email));
	if (invalid.length > 0) throw inputError(this.getNode(), itemIndex, `Not an email address: ${invalid.join(', ')}`, 'Separate addresses with commas, e.g. "anna@agency.example, li@partner.example"');
	const accessLevel = this.getNodeParameter('accessLevel', itemIndex, 'viewer') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sharedFolderId = await sharedFolderIdOf(this, path, itemIndex);
	const message = String(options.customMessage ?? '').trim();
	// Adding someone who is already a member is a no-op for Dropbox, so retries are harmless.
	await dropboxRpc(
		this,
		'sharing/add_folder_member',
		{
			shared_folder_id: sharedFolderId,
			members: emails.map((email) => ({ member: { '.tag': 'email', email }, access_level: accessLevel })),
			quiet: options.quiet === true,
			...(message ? { custom_message: message } : {}),
		},
		{ itemIndex, subject: { path, kind: 'folder' } },
	);
	return [{ json: { path, shared_folder_id: sharedFolderId, added: emails.map((email) => ({ email, access_level: accessLevel })) } }];
}
