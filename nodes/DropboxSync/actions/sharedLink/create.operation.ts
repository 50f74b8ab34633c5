import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { errorMember } from '../../helpers/dropboxErrors';
import { toDropboxTimestamp } from '../../helpers/metadata';
import { failureOf, hasErrorTag, inputError } from '../../transport/errors';
import { dropboxRpc } from '../../transport/request';
import { fileLocator } from '../common.descriptions';
import { getDate, getPath } from '../parameters';
import type { SharedLinkMetadata } from '../../helpers/sharedLinks';
import { linkOutput } from '../../helpers/sharedLinks';

const properties: INodeProperties[] = [
	{ ...fileLocator, displayName: 'File or Folder', description: 'What the link points to' },
	{
		displayName: 'Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		options: [
			{
				displayName: 'Access',
				name: 'access',
				type: 'options',
				options: [
					{ name: 'Default', value: 'default', description: "Dropbox's default for the item" },
					{ name: 'Editor', value: 'editor', description: 'People with the link can edit (folders, Office files)' },
					{ name: 'Max', value: 'max', description: 'The highest access the link owner can give' },
					{ name: 'Viewer', value: 'viewer', description: 'People with the link can view' },
				],
				default: 'viewer',
				description: 'What people with the link can do',
			},
			{
				displayName: 'Allow Download',
				name: 'allowDownload',
				type: 'boolean',
				default: true,
				description: 'Whether people with the link can download the file, not only preview it',
			},
			{
				displayName: 'Audience',
				name: 'audience',
				type: 'options',
				options: [
					{ name: 'Members', value: 'members', description: 'Only members of the shared folder or file' },
					{ name: 'No One', value: 'no_one', description: 'Only people who already have access' },
					{ name: 'Public', value: 'public', description: 'Anyone with the link' },
					{ name: 'Team', value: 'team', description: 'Only members of the Dropbox team' },
				],
				default: 'public',
				description: 'Who can open the link',
			},
			{
				displayName: 'Expires',
				name: 'expires',
				type: 'dateTime',
				default: '',
				description: 'When the link stops working; must be in the future. Needs a paid Dropbox plan.',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Password people must enter to open the link. Needs a paid Dropbox plan.',
			},
		],
	},
	{
		displayName: 'Update Existing Link',
		name: 'updateExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether to apply these settings to the link when the item already has one. Either way the existing link is returned instead of an error (existing: true).',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['sharedLink'], operation: ['create'] } }, properties);

function buildSettings(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = this.getNodeParameter('settings', itemIndex, {}) as IDataObject;
	const settings: IDataObject = {};
	if (raw.access) settings.access = raw.access;
	if (raw.audience) settings.audience = raw.audience;
	if (raw.allowDownload !== undefined) settings.allow_download = raw.allowDownload === true;
	const expires = getDate.call(this, raw.expires, itemIndex, 'Expires');
	if (expires !== undefined) {
		if (expires <= Date.now()) {
			throw inputError(
				this.getNode(),
				itemIndex,
				`Shared link expiry must be in the future (got ${new Date(expires).toISOString()})`,
				'Set "Expires" to a later date, e.g. {{ $now.plus({ days: 14 }) }}, or remove it for a link that does not expire',
			);
		}
		settings.expires = toDropboxTimestamp(new Date(expires));
	}
	const password = String(raw.password ?? '');
	if (password !== '') {
		settings.require_password = true;
		settings.link_password = password;
	}
	return settings;
}

async function findExisting(this: IExecuteFunctions, path: string, body: unknown, itemIndex: number): Promise<SharedLinkMetadata | undefined> {
	const fromError = errorMember(body, 'metadata')?.metadata as SharedLinkMetadata | undefined;
	if (fromError?.url) return fromError;
	// Dropbox leaves the link out when the requested settings differ from it: look it up.
	const { links } = await dropboxRpc<{ links: SharedLinkMetadata[] }>(this, 'sharing/list_shared_links', { path, direct_only: true }, { itemIndex, subject: { path, kind: 'item' } });
	return links[0];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'path' });
	const settings = buildSettings.call(this, itemIndex);
	const hasSettings = Object.keys(settings).length > 0;
	let failure: unknown;
	try {
		const link = await dropboxRpc<SharedLinkMetadata>(this, 'sharing/create_shared_link_with_settings', { path, ...(hasSettings ? { settings } : {}) }, { itemIndex, subject: { path, kind: 'item' } });
		return [{ json: { ...linkOutput(link), existing: false, updated: false } }];
	} catch (error) {
		failure = error;
	}
	if (!hasErrorTag(failure, 'shared_link_already_exists')) throw failure;
	const existing = await findExisting.call(this, path, failureOf(failure)?.body, itemIndex);
	if (!existing) throw failure;
	if (this.getNodeParameter('updateExisting', itemIndex, false) !== true || !hasSettings) {
		return [{ json: { ...linkOutput(existing), existing: true, updated: false } }];
	}
	const updated = await dropboxRpc<SharedLinkMetadata>(this, 'sharing/modify_shared_link_settings', { url: existing.url, settings }, { itemIndex, subject: { path, kind: 'item', url: existing.url } });
	return [{ json: { ...linkOutput(updated), existing: true, updated: true } }];
}
