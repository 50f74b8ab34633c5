import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as ensurePath from './ensurePath.operation';
import * as list from './list.operation';

export { create, ensurePath, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a folder (and any missing parents)', action: 'Create a folder' },
			{
				name: 'Ensure Path',
				value: 'ensurePath',
				description: 'Make sure a folder path exists, creating only the missing levels; safe to run repeatedly',
				action: 'Ensure a folder path exists',
			},
			{ name: 'List', value: 'list', description: 'List the files and folders in a folder, with filters', action: 'List a folder' },
		],
		default: 'list',
	},
	...create.description,
	...ensurePath.description,
	...list.description,
];
