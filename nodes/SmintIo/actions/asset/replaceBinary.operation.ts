// Replace Binary: a new version of the asset's file, sent with its eTag (409: read again and
// retry once). With "Skip If Identical" the file's SHA-1 is computed first (one pass over the
// binary) and identical bytes are not uploaded.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { assetId } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import { getAsset, replaceBinary } from '../../transport/assets';
import { inputBinary, sha1Of } from '../../transport/binary';
import { uploadFile } from '../../transport/upload';
import { clientFor } from '../clientForItem';
import { assetLocator, binaryInputField, locatorValue, parallelRequestsOption, portalsOptions } from '../common.descriptions';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { executeItemsInParallel, keyReader } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	assetLocator(),
	binaryInputField,
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "File name to store. Empty: the binary's file name.",
		},
		{
			displayName: 'Skip If Identical',
			name: 'skipIfIdentical',
			type: 'boolean',
			default: true,
			description: "Whether to compare the file's SHA-1 with the asset's first and leave the asset alone when they match",
		},
		parallelRequestsOption,
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['replaceBinary'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = assetId(locatorValue(this.getNodeParameter('asset', itemIndex)), 'Asset');
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const skipIfIdentical = this.getNodeParameter('options.skipIfIdentical', itemIndex, true) as boolean;
	const fileNameOption = (this.getNodeParameter('options.fileName', itemIndex, '') as string).trim();
	const source = await inputBinary(this, itemIndex, binaryPropertyName);
	const { client, culture } = await clientFor(this, itemIndex);
	const current = await getAsset(client, id);
	if (skipIfIdentical) {
		const { sha1 } = await sha1Of(source.openFile);
		if (current.fileMetadata?.sha1Hash === sha1) {
			return [
				{
					json: {
						...(localizeAsset(current, culture) as IDataObject),
						action: 'skipped',
						skipped: true,
						reason: 'same content (SHA-1) already stored',
						sha1,
					},
				},
			];
		}
	}
	const uploaded = await uploadFile(client, source, fileNameOption || source.fileName);
	const replaced = await replaceBinary(client, id, uploaded, current);
	const stored = replaced.asset.fileMetadata?.sha1Hash;
	if (typeof stored === 'string' && stored !== '' && stored.toLowerCase() !== uploaded.sha1) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'checksum mismatch' },
			{
				message: `Asset ${id}: Smint.io stored a file with SHA-1 ${stored}, but the uploaded file has SHA-1 ${uploaded.sha1}`,
				description: 'The file was changed in transit. Run again.',
				itemIndex,
			},
		);
	}
	return [
		{
			json: {
				...(localizeAsset(replaced.asset, culture) as IDataObject),
				action: 'binaryReplaced',
				skipped: false,
				sha1: uploaded.sha1,
				conflictRetried: replaced.conflictRetried,
			},
		},
	];
}

/** Several items at once (Options > Parallel Requests); items about the same asset run one after the other. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	const assetKey = keyReader((itemIndex) => locatorValue(this.getNodeParameter('asset', itemIndex)));
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex), assetKey);
}
