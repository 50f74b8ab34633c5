// Fields several operations share: the file and folder locators (browse, by path, by id), the
// Return All / Limit pair, Options > Parallel Requests and the output binary field.

import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS } from '../../shared/parallelItems';

const PATH_HINT = 'A path from the Dropbox root, e.g. /Campaigns/2026/poster.jpg';

interface LocatorFor {
	kind: 'file' | 'folder';
	base: Pick<INodeProperties, 'displayName' | 'name' | 'default' | 'description'>;
	path: { placeholder: string; hint: string; regex: string; errorMessage: string };
}

/** A file or folder locator: browse with the node's list search, a path from the root, or the metadata "id". */
function dropboxLocator({ kind, base, path }: LocatorFor): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${kind}...`,
				typeOptions: {
					searchListMethod: kind === 'file' ? 'searchFiles' : 'searchFolders',
					searchable: true,
					searchFilterRequired: false,
				},
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: path.placeholder,
				hint: path.hint,
				validation: [{ type: 'regex', properties: { regex: path.regex, errorMessage: path.errorMessage } }],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. id:a4ayc_80_OEAAAAAAAAAXw',
				hint: `The ${kind} id from Dropbox metadata (the "id" field)`,
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
}

const FILE_PATH = { placeholder: 'e.g. /Campaigns/2026/poster.jpg', hint: PATH_HINT, regex: '^/.*[^/]$' };
const FOLDER_PATH = { placeholder: 'e.g. /Campaigns/2026', hint: 'A folder path from the Dropbox root; "/" is the root', regex: '^/.*' };

/** A file (or any item) by browsing, path or id. */
export const fileLocator: INodeProperties = dropboxLocator({
	kind: 'file',
	base: { displayName: 'File', name: 'file', default: { mode: 'path', value: '' }, description: 'The file to work on' },
	path: { ...FILE_PATH, errorMessage: 'Start the path with "/" (from the Dropbox root) and end it with the file name' },
});

/** A folder by browsing, path or id; "/" is the root. */
export const folderLocator: INodeProperties = dropboxLocator({
	kind: 'folder',
	base: { displayName: 'Folder', name: 'folder', default: { mode: 'path', value: '/' }, description: 'The folder to work in; "/" is the root of the Dropbox' },
	path: { ...FOLDER_PATH, errorMessage: 'Start the path with "/" (from the Dropbox root)' },
});

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

/** Return All and the Limit it hides, for operations that page through Dropbox lists. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'Name of the binary field of the output item that receives the downloaded file',
};

/** Options > Parallel Requests of the read operations that work on several items at once. */
export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		'How many input items to work on at the same time (1 = one by one). The output keeps the order of the input items. The value of the first item applies.',
};
