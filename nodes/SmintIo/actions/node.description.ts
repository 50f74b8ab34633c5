// The node's parameters: the resource choice and every resource's operations and fields.
import type { INodeProperties } from 'n8n-workflow';
import * as asset from './asset/Asset.resource';
import * as collection from './collection/Collection.resource';
import * as customMethod from './customMethod/CustomMethod.resource';
import * as licensePurchase from './licensePurchase/LicensePurchase.resource';
import * as rights from './rights/Rights.resource';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Asset', value: 'asset' },
			{ name: 'Collection', value: 'collection' },
			{ name: 'Custom Method', value: 'customMethod' },
			{ name: 'Licence Purchase', value: 'licensePurchase' },
			{ name: 'Licence Right', value: 'rights' },
		],
		default: 'asset',
	},
	...asset.description,
	...collection.description,
	...customMethod.description,
	...licensePurchase.description,
	...rights.description,
];
