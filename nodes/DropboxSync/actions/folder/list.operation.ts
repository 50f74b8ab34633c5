import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ListFilters } from '../../helpers/metadata';
import { metadataOutput, parseExtensions, passesFilters } from '../../helpers/metadata';
import { listFolderPages } from '../../transport/listing';
import { folderLocator, returnAllAndLimit } from '../common.descriptions';
import { getDate, getGlob, getPath } from '../parameters';

/** Largest page Dropbox serves. */
const MAX_PAGE_SIZE = 2000;

const properties: INodeProperties[] = [
	{ ...folderLocator, description: 'The folder to list; "/" is the root' },
	{
		displayName: 'Recursive',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether to include everything in the subfolders too',
	},
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Extensions',
				name: 'extensions',
				type: 'string',
				default: '',
				placeholder: 'e.g. jpg, png, mp4',
				description: 'Only files with one of these extensions (comma-separated, case-insensitive)',
			},
			{
				displayName: 'Include Deleted',
				name: 'includeDeleted',
				type: 'boolean',
				default: false,
				description: 'Whether to include entries for deleted files and folders (type "deleted")',
			},
			{
				displayName: 'Item Type',
				name: 'itemType',
				type: 'options',
				options: [
					{ name: 'Files and Folders', value: 'all' },
					{ name: 'Files Only', value: 'files' },
					{ name: 'Folders Only', value: 'folders' },
				],
				default: 'all',
				description: 'Which kinds of entries to return',
			},
			{
				displayName: 'Modified After',
				name: 'modifiedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only files whose server_modified time is after this moment',
			},
			{
				displayName: 'Path Glob',
				name: 'pathGlob',
				type: 'string',
				default: '',
				placeholder: 'e.g. **/Approved/**',
				description:
					'Only entries whose full path matches: * is any characters in a name, ** any number of folders, {jpg,png} alternatives. Case-insensitive.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['folder'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'folder', itemIndex, { allowRoot: true, label: 'folder path' });
	const recursive = this.getNodeParameter('recursive', itemIndex, false) === true;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : Math.max(1, Math.floor(this.getNodeParameter('limit', itemIndex, 50) as number));
	const rawFilters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const itemType = String(rawFilters.itemType ?? 'all');
	const filters: ListFilters = {
		extensions: parseExtensions(String(rawFilters.extensions ?? '')),
		modifiedAfter: getDate.call(this, rawFilters.modifiedAfter, itemIndex, 'Modified After'),
		glob: getGlob.call(this, rawFilters.pathGlob, itemIndex),
		includeDeleted: rawFilters.includeDeleted === true,
		includeFiles: itemType !== 'folders',
		includeFolders: itemType !== 'files',
	};
	const filtered = filters.extensions!.length > 0 || filters.modifiedAfter !== undefined || filters.glob !== undefined || itemType !== 'all';
	// Filters are applied after paging, so ask for full pages when they may drop entries.
	const pageSize = returnAll || filtered ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit);

	const results: INodeExecutionData[] = [];
	for await (const page of listFolderPages(this, { path, recursive, include_deleted: filters.includeDeleted, limit: pageSize }, itemIndex)) {
		for (const entry of page.entries) {
			if (results.length >= limit) break;
			if (passesFilters(entry, filters)) results.push({ json: metadataOutput(entry) });
		}
		if (results.length >= limit) break;
	}
	return results;
}
