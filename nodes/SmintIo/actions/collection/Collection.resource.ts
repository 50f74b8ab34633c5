import type { INodeProperties } from 'n8n-workflow';
import * as addAssets from './addAssets.operation';
import * as create from './create.operation';
import * as ensurePath from './ensurePath.operation';
import * as get from './get.operation';
import * as removeAssets from './removeAssets.operation';
import * as search from './search.operation';

export { addAssets, create, ensurePath, get, removeAssets, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['collection'] } },
		options: [
			{ name: 'Add Assets', value: 'addAssets', description: 'Add assets to a collection', action: 'Add assets to a collection' },
			{ name: 'Create', value: 'create', description: 'Create a collection', action: 'Create a collection' },
			{
				name: 'Ensure Path',
				value: 'ensurePath',
				description: 'Get the collection at a path such as Launch 2027/Germany/Shoes, creating missing levels',
				action: 'Ensure a collection path exists',
			},
			{ name: 'Get', value: 'get', description: 'Get a collection by ID', action: 'Get a collection' },
			{
				name: 'Remove Assets',
				value: 'removeAssets',
				description: 'Remove assets from a collection',
				action: 'Remove assets from a collection',
			},
			{ name: 'Search', value: 'search', description: 'Search collections by name', action: 'Search collections' },
		],
		default: 'search',
	},
	...addAssets.description,
	...create.description,
	...ensurePath.description,
	...get.description,
	...removeAssets.description,
	...search.description,
];
