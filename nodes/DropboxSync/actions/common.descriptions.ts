// Fields several operations share: the file and folder locators (browse, by path, by id) and
// the output binary field.

import type { INodeProperties } from 'n8n-workflow';

const PATH_HINT = 'A path from the Dropbox root, e.g. /Campaigns/2026/poster.jpg';

/** A file (or any item) by browsing, path or id. */
export const fileLocator: INodeProperties = {
	displayName: 'File',
	name: 'file',
	type: 'resourceLocator',
	default: { mode: 'path', value: '' },
	required: true,
	description: 'The file to work on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a file...',
			typeOptions: {
				searchListMethod: 'searchFiles',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. /Campaigns/2026/poster.jpg',
			hint: PATH_HINT,
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^/.*[^/]$',
						errorMessage: 'Start the path with "/" (from the Dropbox root) and end it with the file name',
					},
				},
			],
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. id:a4ayc_80_OEAAAAAAAAAXw',
			hint: 'The file id from Dropbox metadata (the "id" field)',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^(id:)?[A-Za-z0-9_-]+$',
						errorMessage: 'A Dropbox id looks like id:a4ayc_80_OEAAAAAAAAAXw',
					},
				},
			],
		},
	],
};

/** A folder by browsing, path or id; "/" is the root. */
export const folderLocator: INodeProperties = {
	displayName: 'Folder',
	name: 'folder',
	type: 'resourceLocator',
	default: { mode: 'path', value: '/' },
	required: true,
	description: 'The folder to work in; "/" is the root of the Dropbox',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a folder...',
			typeOptions: {
				searchListMethod: 'searchFolders',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. /Campaigns/2026',
			hint: 'A folder path from the Dropbox root; "/" is the root',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^/.*',
						errorMessage: 'Start the path with "/" (from the Dropbox root)',
					},
				},
			],
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. id:a4ayc_80_OEAAAAAAAAAXw',
			hint: 'The folder id from Dropbox metadata (the "id" field)',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^(id:)?[A-Za-z0-9_-]+$',
						errorMessage: 'A Dropbox id looks like id:a4ayc_80_OEAAAAAAAAAXw',
					},
				},
			],
		},
	],
};

/** A folder that may not exist yet (create, ensure): by path, or picked from the list. */
export const newFolderLocator: INodeProperties = {
	displayName: 'Folder Path',
	name: 'folderPath',
	type: 'resourceLocator',
	default: { mode: 'path', value: '' },
	required: true,
	description: 'The folder to create, as a full path from the Dropbox root',
	modes: [
		{
			displayName: 'By Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. /Campaigns/2026/Spring/Approved',
			hint: 'A full path from the Dropbox root; missing parent folders are created',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^/.*[^/]$',
						errorMessage: 'Start the path with "/" (from the Dropbox root)',
					},
				},
			],
		},
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a folder...',
			typeOptions: {
				searchListMethod: 'searchFolders',
				searchable: true,
				searchFilterRequired: false,
			},
		},
	],
};

export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'Name of the binary field of the output item that receives the downloaded file',
};
