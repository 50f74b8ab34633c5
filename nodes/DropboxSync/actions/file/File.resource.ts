import type { INodeProperties } from 'n8n-workflow';

import * as addTags from './addTags.operation';
import * as copy from './copy.operation';
import * as deleteFile from './deleteFile.operation';
import * as download from './download.operation';
import * as getMetadata from './getMetadata.operation';
import * as getProperties from './getProperties.operation';
import * as getTags from './getTags.operation';
import * as getTemporaryLink from './getTemporaryLink.operation';
import * as listRevisions from './listRevisions.operation';
import * as move from './move.operation';
import * as removeTags from './removeTags.operation';
import * as restore from './restore.operation';
import * as searchProperties from './searchProperties.operation';
import * as setProperties from './setProperties.operation';
import * as upload from './upload.operation';

export {
	addTags,
	copy,
	deleteFile,
	download,
	getMetadata,
	getProperties,
	getTags,
	getTemporaryLink,
	listRevisions,
	move,
	removeTags,
	restore,
	searchProperties,
	setProperties,
	upload,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Add Tags', value: 'addTags', description: 'Add tags to a file or folder', action: 'Add tags to a file' },
			{ name: 'Copy', value: 'copy', description: 'Copy a file or folder', action: 'Copy a file' },
			{ name: 'Delete', value: 'deleteFile', description: 'Delete a file or folder (restorable)', action: 'Delete a file' },
			{ name: 'Download', value: 'download', description: 'Download a file into binary data (streamed, any size)', action: 'Download a file' },
			{ name: 'Get Metadata', value: 'getMetadata', description: 'Get the metadata of a file or folder', action: 'Get file metadata' },
			{ name: 'Get Properties', value: 'getProperties', description: 'Get the custom properties of a file', action: 'Get file properties' },
			{ name: 'Get Tags', value: 'getTags', description: 'Get the tags of a file or folder', action: 'Get file tags' },
			{ name: 'Get Temporary Link', value: 'getTemporaryLink', description: 'Get a direct download link that works for 4 hours', action: 'Get a temporary link to a file' },
			{ name: 'List Revisions', value: 'listRevisions', description: 'List the revisions of a file, newest first', action: 'List revisions of a file' },
			{ name: 'Move', value: 'move', description: 'Move or rename a file or folder', action: 'Move a file' },
			{ name: 'Remove Tags', value: 'removeTags', description: 'Remove tags from a file or folder', action: 'Remove tags from a file' },
			{ name: 'Restore', value: 'restore', description: 'Restore an earlier revision of a file', action: 'Restore a file revision' },
			{ name: 'Search by Property', value: 'searchProperties', description: 'Find files by the value of a custom property, without walking folders', action: 'Search files by property' },
			{ name: 'Set Properties', value: 'setProperties', description: 'Store custom name/value properties on a file', action: 'Set file properties' },
			{ name: 'Upload', value: 'upload', description: 'Upload a file of any size', action: 'Upload a file' },
		],
		default: 'upload',
	},
	...addTags.description,
	...copy.description,
	...deleteFile.description,
	...download.description,
	...getMetadata.description,
	...getProperties.description,
	...getTags.description,
	...getTemporaryLink.description,
	...listRevisions.description,
	...move.description,
	...removeTags.description,
	...restore.description,
	...searchProperties.description,
	...setProperties.description,
	...upload.description,
];
