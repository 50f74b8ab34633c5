import type { INodeProperties } from 'n8n-workflow';
import * as checkUse from './checkUse.operation';
import * as get from './get.operation';

export { checkUse, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rights'] } },
		options: [
			{
				name: 'Check Use',
				value: 'checkUse',
				description: 'Decide whether a use (usage, size, placement, region, date, …) is allowed, with the reasons',
				action: 'Check whether a use is allowed',
			},
			{ name: 'Get', value: 'get', description: 'Get the normalized rights of an asset or licence purchase', action: 'Get rights' },
		],
		default: 'checkUse',
	},
	...checkUse.description,
	...get.description,
];
