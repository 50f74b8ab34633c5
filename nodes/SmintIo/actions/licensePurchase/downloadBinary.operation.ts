// Download Binary: a licensed file through its pre-signed download_url (no Authorization
// header). An expired URL (403) is replaced once by reading the binaries again.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { PurchaseBinary } from '../../transport/clapi';
import { purchaseBinaries } from '../../transport/clapi';
import { SmintIoClient } from '../../transport/client';
import { downloadPresigned } from '../../transport/download';
import { binaryOutputField, parallelRequestsOption } from '../common.descriptions';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import { purchaseIdProperties, readPurchaseIds } from '../../helpers/purchaseIds';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	...purchaseIdProperties,
	{
		displayName: 'Binary UUID',
		name: 'binaryUuid',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1',
		description: 'Which file of the purchase (the "uuid" from Get Binaries). Empty: the standard file (or the first).',
	},
	binaryOutputField,
	optionsCollection([parallelRequestsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['licensePurchase'], operation: ['downloadBinary'] } }, properties);

function choose(binaries: PurchaseBinary[], binaryUuid: string): PurchaseBinary | undefined {
	if (binaryUuid !== '') return binaries.find((binary) => String(binary.uuid) === binaryUuid);
	return binaries.find((binary) => binary.binary_type === 'standard') ?? binaries[0];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const ids = readPurchaseIds(this, itemIndex);
	const binaryUuid = String(this.getNodeParameter('binaryUuid', itemIndex, '') ?? '').trim();
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const client = await SmintIoClient.create(this, { itemIndex });

	const pick = async (): Promise<PurchaseBinary> => {
		const binaries = await purchaseBinaries(client, ids.cart, ids.purchase);
		const binary = choose(binaries, binaryUuid);
		if (!binary || typeof binary.download_url !== 'string' || binary.download_url === '') {
			throw new NodeOperationError(
				this.getNode(),
				binaries.length === 0
					? `Licence purchase ${ids.purchase} has no files to download (it may not be syncable: can_be_synced false)`
					: `Licence purchase ${ids.purchase} has no file '${binaryUuid}'`,
				{
					itemIndex,
					description:
						binaries.length === 0
							? 'Only purchases with can_be_synced true have files. Filter on it (Options > Syncable Only).'
							: `Files of this purchase: ${binaries.map((b) => String(b.uuid)).join(', ')}`,
				},
			);
		}
		return binary;
	};

	const binary = await pick();
	const downloaded = await downloadPresigned(this, client, binary.download_url as string, {
		label: `Download file ${String(binary.uuid)} of licence purchase ${ids.purchase}`,
		fileName: binary.recommended_file_name,
		renewUrl: async () => (await pick()).download_url as string,
	});
	// The pre-signed URL is left out: it is a short-lived secret.
	const rest = { ...binary } as IDataObject;
	delete rest.download_url;
	return [
		{
			json: {
				...rest,
				cartPurchaseTransactionUuid: ids.cart,
				licensePurchaseTransactionUuid: ids.purchase,
				download: {
					fileName: downloaded.fileName,
					mimeType: downloaded.mimeType,
					bytes: downloaded.binary.bytes ?? downloaded.contentLength,
					linkRenewed: downloaded.renewed,
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
