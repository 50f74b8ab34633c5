import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { localizeCollection } from '../../helpers/localized';
import { searchCollections } from '../../transport/collections';
import { clientFor } from '../clientForItem';
import { limitField, portalsOptions, returnAllField } from '../common.descriptions';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'queryString',
		type: 'string',
		default: '',
		placeholder: 'e.g. Launch 2027',
		description: 'Words that must occur in the collection name or description. Empty: all collections.',
	},
	returnAllField,
	limitField(),
	optionsCollection([...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['collection'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const queryString = (this.getNodeParameter('queryString', itemIndex, '') as string).trim();
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? null : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const { client, culture } = await clientFor(this, itemIndex);
	const collections = await searchCollections(client, queryString || undefined, limit);
	return collections.map((collection) => ({ json: localizeCollection(collection, culture) as INodeExecutionData['json'] }));
}
