import type { INodeProperties } from 'n8n-workflow';
import * as call from './call.operation';

export { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customMethod'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'Call any Portals API method (Interface.method) with JSON parameters',
				action: 'Call a portals method',
			},
		],
		default: 'call',
	},
	...call.description,
];
