// Add Assets / Remove Assets share everything but the direction.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { assetIdList, collectionId } from './input';
import { localizeCollection } from './localized';
import { changeMembership } from '../transport/collections';
import { clientFor } from '../actions/clientForItem';
import { collectionLocator, locatorValue, portalsOptions } from '../actions/common.descriptions';
import { optionsCollection } from '../../shared/optionsCollection';

export function membershipProperties(action: 'add' | 'remove'): INodeProperties[] {
	return [
		collectionLocator(),
		{
			displayName: 'Asset IDs',
			name: 'assetIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 99:image:64257dc3…, 99:video:0a1b2c…',
			description: `The assets to ${action}: IDs separated by commas, or an expression giving a list of IDs (or of asset objects)`,
		},
		optionsCollection([...portalsOptions]),
	];
}

export async function executeMembership(ctx: IExecuteFunctions, itemIndex: number, action: 'add' | 'remove'): Promise<INodeExecutionData[]> {
	const id = collectionId(locatorValue(ctx.getNodeParameter('collection', itemIndex)));
	const assetIds = assetIdList(ctx.getNodeParameter('assetIds', itemIndex), 'Asset IDs');
	const { client, culture } = await clientFor(ctx, itemIndex);
	const collection = await changeMembership(client, action, id, assetIds);
	return [
		{
			json: {
				...(localizeCollection(collection, culture) as IDataObject),
				[action === 'add' ? 'addedAssetIds' : 'removedAssetIds']: assetIds,
			},
		},
	];
}
