import type { INodeProperties } from 'n8n-workflow';
import * as downloadBinary from './downloadBinary.operation';
import * as getBinaries from './getBinaries.operation';
import * as getMany from './getMany.operation';

export { downloadBinary, getBinaries, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['licensePurchase'] } },
		options: [
			{
				name: 'Download Binary',
				value: 'downloadBinary',
				description: 'Download a licensed file into binary data',
				action: 'Download a licensed file',
			},
			{
				name: 'Get Binaries',
				value: 'getBinaries',
				description: 'List the files of a licence purchase',
				action: 'Get the files of a licence purchase',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Read licence purchases from the CLAPI-C feed',
				action: 'Get many licence purchases',
			},
		],
		default: 'getMany',
	},
	...downloadBinary.description,
	...getBinaries.description,
	...getMany.description,
];
