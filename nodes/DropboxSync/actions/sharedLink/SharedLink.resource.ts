import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as list from './list.operation';
import * as revoke from './revoke.operation';

export { create, list, revoke };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sharedLink'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a shared link with expiry, password and audience, or return the existing one',
				action: 'Create a shared link',
			},
			{ name: 'List', value: 'list', description: 'List shared links', action: 'List shared links' },
			{ name: 'Revoke', value: 'revoke', description: 'Revoke a shared link', action: 'Revoke a shared link' },
		],
		default: 'create',
	},
	...create.description,
	...list.description,
	...revoke.description,
];
