import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { collectionId } from '../../helpers/input';
import { localizeCollection } from '../../helpers/localized';
import { getCollection } from '../../transport/collections';
import { clientFor } from '../clientForItem';
import { collectionLocator, locatorValue, portalsOptions } from '../common.descriptions';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	collectionLocator(),
	optionsCollection([...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['collection'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = collectionId(locatorValue(this.getNodeParameter('collection', itemIndex)));
	const { client, culture } = await clientFor(this, itemIndex);
	return [{ json: localizeCollection(await getCollection(client, id), culture) as INodeExecutionData['json'] }];
}
