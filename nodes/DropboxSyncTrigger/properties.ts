// Parameters of the Dropbox Sync Trigger (shared by the webhook trigger, which watches the same way).
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../DropboxSync/actions/node.description';
import { folderLocator } from '../DropboxSync/actions/common.descriptions';
import { optionsCollection } from '../shared/optionsCollection';

/** What to watch and which changes to report: the same for the polling and the webhook trigger. */
export const watchProperties: INodeProperties[] = [
	{ ...folderLocator, description: 'The folder to watch; "/" watches the whole Dropbox' },
	{
		displayName: 'Include Subfolders',
		name: 'recursive',
		type: 'boolean',
		default: true,
		description: 'Whether to watch the subfolders too, at any depth',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'File Added', value: 'fileAdded', description: 'A file appears (uploaded, copied or moved in)' },
			{ name: 'File Deleted', value: 'fileDeleted', description: 'A file is deleted or moved away' },
			{ name: 'File Updated', value: 'fileUpdated', description: 'A file the trigger has seen gets new content' },
			{ name: 'Folder Added', value: 'folderAdded', description: 'A folder is created' },
		],
		default: ['fileAdded', 'fileUpdated'],
		description: 'Which changes start the workflow; each item has an "event" field saying which one it is',
	},
];

/** The options both triggers share. */
export const watchOptions: INodeProperties[] = [
	{
		displayName: 'Include Existing Files',
		name: 'includeExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether the first run reports everything already in the folder as added; by default the trigger starts from the moment it is activated',
	},
	{
		displayName: 'Path Glob',
		name: 'pathGlob',
		type: 'string',
		default: '',
		placeholder: 'e.g. **/Approved/**',
		description:
			'Only changes whose full path matches: * is any characters in a name, ** any number of folders, {jpg,png} alternatives. Case-insensitive.',
	},
];

export const properties: INodeProperties[] = [
	authenticationProperty,
	...watchProperties,
	optionsCollection(watchOptions),
];
