// Asset > Get Download Link: Download's steps up to the pre-signed URL, without fetching the
// file. A node that streams from a URL (Dropbox Sync Upload, File From "URL") then moves
// the bytes itself, so multi-gigabyte files never pass through n8n's binary-data store.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { assetId } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import { getAsset, initiateAssetDownload } from '../../transport/assets';
import type { Asset } from '../../transport/assets';
import { clientFor } from '../clientForItem';
import {
	assetLocator,
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

/**
 * Smint.io's download links stay valid for up to one hour (smintio-api.md): an upper bound
 * from when the link was made, not a promise that it lasts that long.
 */
export const DOWNLOAD_LINK_VALID_AT_MOST_MINUTES = 60;

const properties: INodeProperties[] = [
	{
		displayName:
			'Returns a link to the file, not the file. The link is pre-signed: anyone who has it can download the file until it expires (within an hour), so treat it as a secret and use it soon. Pair it with Dropbox Sync → File → Upload, File From "URL": the file then streams from Smint.io to Dropbox without passing through n8n\'s binary data, whatever its size.',
		name: 'downloadLinkNotice',
		type: 'notice',
		default: '',
	},
	assetLocator(),
	optionsCollection([downloadItemOption, parallelRequestsOption, ...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['getDownloadLink'] } }, properties);

/** What the asset's fileMetadata says about the Original; other items are other files (renditions). */
function originalFileFacts(asset: Asset): IDataObject {
	const meta = asset.fileMetadata ?? {};
	const facts: IDataObject = {};
	if (typeof meta.fileName === 'string' && meta.fileName !== '') facts.fileName = meta.fileName;
	if (typeof meta.mediaType === 'string' && meta.mediaType !== '') facts.mimeType = meta.mediaType;
	if (typeof meta.fileSizeInBytes === 'number') facts.bytes = meta.fileSizeInBytes;
	if (typeof meta.sha1Hash === 'string' && meta.sha1Hash !== '') facts.sha1 = meta.sha1Hash.toLowerCase();
	return facts;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = assetId(locatorValue(this.getNodeParameter('asset', itemIndex)), 'Asset');
	const itemId = readDownloadItem(this, itemIndex);
	const { client, culture } = await clientFor(this, itemIndex);
	const asset = await getAsset(client, id);
	const url = await initiateAssetDownload(client, asset.id, { itemId });
	// The link was made before this moment, so it expires before this moment plus its lifetime.
	const madeBy = Date.now();
	return [
		{
			json: {
				...(localizeAsset(asset, culture) as INodeExecutionData['json']),
				downloadLink: {
					url,
					downloadItem: itemId,
					// For another item the link's response names the file and its type.
					...(isOriginalItem(itemId) ? originalFileFacts(asset) : {}),
					expiresWithinMinutes: DOWNLOAD_LINK_VALID_AT_MOST_MINUTES,
					expiresBefore: new Date(madeBy + DOWNLOAD_LINK_VALID_AT_MOST_MINUTES * 60_000).toISOString(),
				},
			},
		},
	];
}

/** Several items at once (Options > Parallel Requests); output as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
