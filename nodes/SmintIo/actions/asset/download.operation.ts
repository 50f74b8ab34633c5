import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { assetId } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import { downloadAsset, getAsset } from '../../transport/assets';
import { sha1OfOutput } from '../../transport/binary';
import { clientFor } from '../clientForItem';
import {
	assetLocator,
	binaryOutputField,
	downloadItemOption,
	isOriginalItem,
	locatorValue,
	parallelRequestsOption,
	portalsOptions,
	readDownloadItem,
} from '../common.descriptions';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	assetLocator(),
	binaryOutputField,
	optionsCollection([
		downloadItemOption,
		{
			displayName: 'Verify SHA-1',
			name: 'verifySha1',
			type: 'boolean',
			default: true,
			description:
				"Whether to check the downloaded file against the asset's SHA-1 (fileMetadata.sha1Hash) when the Original is downloaded. Computed while the file streams in.",
		},
		parallelRequestsOption,
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = assetId(locatorValue(this.getNodeParameter('asset', itemIndex)), 'Asset');
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const itemId = readDownloadItem(this, itemIndex);
	const verify = this.getNodeParameter('options.verifySha1', itemIndex, true) as boolean;
	const { client, culture } = await clientFor(this, itemIndex);
	const asset = await getAsset(client, id);
	const downloaded = await downloadAsset(this, client, asset, { itemId });

	const expected = asset.fileMetadata?.sha1Hash;
	let sha1: string | undefined;
	if (verify && isOriginalItem(itemId) && typeof expected === 'string' && expected !== '') {
		// Hashed while streaming into n8n's store; read the stored file back only when that was not possible.
		sha1 = downloaded.sha1 ?? (await sha1OfOutput(this, itemIndex, downloaded.binary));
		if (sha1 !== expected.toLowerCase()) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'checksum mismatch' },
				{
					message: `Download of asset ${id} is corrupt: SHA-1 ${sha1} differs from the asset's ${expected}`,
					description: 'The file changed in transit or on Smint.io. Run again; if it persists, the stored file differs from its metadata.',
					itemIndex,
				},
			);
		}
	}
	return [
		{
			json: {
				...(localizeAsset(asset, culture) as INodeExecutionData['json']),
				download: {
					fileName: downloaded.fileName,
					mimeType: downloaded.mimeType,
					bytes: downloaded.binary.bytes ?? downloaded.contentLength,
					downloadItem: itemId,
					linkRenewed: downloaded.renewed,
					sha1Verified: sha1 !== undefined,
				},
			},
			binary: { [binaryPropertyName]: downloaded.binary },
		},
	];
}

/** Several items at once (Options > Parallel Requests); output as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
