// The node's parameters: authentication (one of two mutually exclusive credentials), the
// resource, and each resource's operations.

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import * as file from './file/File.resource';
import * as folder from './folder/Folder.resource';
import * as sharedLink from './sharedLink/SharedLink.resource';
import * as sharing from './sharing/Sharing.resource';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'accessToken', description: 'A token from the Dropbox App Console; expires after 4 hours' },
		{ name: 'OAuth2 (Recommended)', value: 'oAuth2', description: 'Connect once; n8n refreshes the access automatically' },
	],
	default: 'oAuth2',
};

export const credentials: INodeTypeDescription['credentials'] = [
	{ name: 'dropboxSyncOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'dropboxSyncApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
];

/** Everything the node shows, in order. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'File', value: 'file' },
			{ name: 'Folder', value: 'folder' },
			{ name: 'Shared Link', value: 'sharedLink' },
			{ name: 'Sharing', value: 'sharing' },
		],
		default: 'file',
	},
	...file.description,
	...folder.description,
	...sharedLink.description,
	...sharing.description,
];
