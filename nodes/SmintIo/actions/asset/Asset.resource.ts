import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getDownloadLink from './getDownloadLink.operation';
import * as getMany from './getMany.operation';
import * as replaceBinary from './replaceBinary.operation';
import * as search from './search.operation';
import * as updateMetadata from './updateMetadata.operation';
import * as upload from './upload.operation';

export { download, get, getDownloadLink, getMany, replaceBinary, search, updateMetadata, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{ name: 'Download', value: 'download', description: "Download an asset's file into binary data", action: 'Download an asset' },
			{ name: 'Get', value: 'get', description: 'Get an asset by ID', action: 'Get an asset' },
			{
				name: 'Get Download Link',
				value: 'getDownloadLink',
				description: "Get a pre-signed link to an asset's file (valid up to an hour) for a node that fetches it itself",
				action: 'Get a download link for an asset',
			},
			{ name: 'Get Many', value: 'getMany', description: 'Get several assets by their IDs', action: 'Get many assets' },
			{
				name: 'Replace Binary',
				value: 'replaceBinary',
				description: "Upload a new version of an asset's file",
				action: 'Replace the file of an asset',
			},
			{ name: 'Search', value: 'search', description: 'Search assets by text and filters', action: 'Search assets' },
			{
				name: 'Update Metadata',
				value: 'updateMetadata',
				description: "Change an asset's name, description, tags, metadata, rights or approval state",
				action: 'Update the metadata of an asset',
			},
			{ name: 'Upload', value: 'upload', description: 'Upload a file as a new asset (or update the one with its External ID)', action: 'Upload an asset' },
		],
		default: 'search',
	},
	...download.description,
	...get.description,
	...getDownloadLink.description,
	...getMany.description,
	...replaceBinary.description,
	...search.description,
	...updateMetadata.description,
	...upload.description,
];
