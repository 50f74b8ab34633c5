import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { assetId } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import { getAsset } from '../../transport/assets';
import { clientFor } from '../clientForItem';
import { assetLocator, locatorValue, parallelRequestsOption, portalsOptions } from '../common.descriptions';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	assetLocator(),
	optionsCollection([parallelRequestsOption, ...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = assetId(locatorValue(this.getNodeParameter('asset', itemIndex)), 'Asset');
	const { client, culture } = await clientFor(this, itemIndex);
	const asset = await getAsset(client, id);
	return [{ json: localizeAsset(asset, culture) as INodeExecutionData['json'] }];
}

/** Several items at once (Options > Parallel Requests); output as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
