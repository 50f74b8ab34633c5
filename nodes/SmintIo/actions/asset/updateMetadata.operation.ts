// Update Metadata: the user's changes applied to the asset as read, sent with its eTag. On a
// 409 (changed meanwhile) the asset is read again, the same changes are merged onto it and
// sent once more; a second conflict is reported.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { assetId } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import { updateAssetMerged } from '../../transport/assets';
import { clientFor } from '../clientForItem';
import { assetLocator, locatorValue, parallelRequestsOption, portalsOptions } from '../common.descriptions';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { executeItemsInParallel, keyReader } from '../../../shared/parallelItems';
import { readChanges, updateFields } from '../../helpers/assetFields';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	assetLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFields,
	},
	optionsCollection([parallelRequestsOption, ...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['updateMetadata'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = assetId(locatorValue(this.getNodeParameter('asset', itemIndex)), 'Asset');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as Record<string, unknown>;
	const { client, culture } = await clientFor(this, itemIndex);
	const changes = readChanges(fields, culture);
	if (Object.keys(changes).length === 1) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no field was given', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	const outcome = await updateAssetMerged(client, id, changes);
	return [
		{
			json: {
				...(localizeAsset(outcome.asset, culture) as IDataObject),
				changedFields: outcome.changedFields,
				unchanged: outcome.changedFields.length === 0,
				conflictRetried: outcome.conflictRetried,
			},
		},
	];
}

/** Several items at once (Options > Parallel Requests); items about the same asset run one after the other. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	const assetKey = keyReader((itemIndex) => locatorValue(this.getNodeParameter('asset', itemIndex)));
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex), assetKey);
}
