import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { assetIdList } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import { getAssets } from '../../transport/assets';
import { clientFor } from '../clientForItem';
import { portalsOptions } from '../common.descriptions';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{
		displayName: 'Asset IDs',
		name: 'assetIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 99:image:64257dc3…, 99:video:0a1b2c…',
		description: 'The assets to read: IDs separated by commas, or an expression giving a list of IDs (or of asset objects)',
	},
	optionsCollection([
		{
			displayName: 'Ignore Missing',
			name: 'ignoreMissing',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out assets that do not exist (or no longer), instead of failing',
		},
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const ids = assetIdList(this.getNodeParameter('assetIds', itemIndex), 'Asset IDs');
	const ignoreMissing = this.getNodeParameter('options.ignoreMissing', itemIndex, false) as boolean;
	const { client, culture } = await clientFor(this, itemIndex);
	const assets = await getAssets(client, ids);
	const found = new Set(assets.map((asset) => asset.id));
	const missing = ids.filter((id) => !found.has(id));
	if (missing.length > 0 && !ignoreMissing) {
		throw new NodeOperationError(this.getNode(), `No asset with ID ${missing.map((id) => `'${id}'`).join(', ')}`, {
			itemIndex,
			description: 'Check the IDs (the asset may have been deleted), or turn on Options > Ignore Missing.',
		});
	}
	return assets.map((asset) => ({ json: localizeAsset(asset, culture) as INodeExecutionData['json'] }));
}
