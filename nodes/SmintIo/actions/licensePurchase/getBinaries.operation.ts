import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { purchaseBinaries } from '../../transport/clapi';
import { SmintIoClient } from '../../transport/client';
import { purchaseIdProperties, readPurchaseIds } from '../../helpers/purchaseIds';

export const description = updateDisplayOptions(
	{ show: { resource: ['licensePurchase'], operation: ['getBinaries'] } },
	purchaseIdProperties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const ids = readPurchaseIds(this, itemIndex);
	const client = await SmintIoClient.create(this, { itemIndex });
	const binaries = await purchaseBinaries(client, ids.cart, ids.purchase);
	// download_url is pre-signed and expires (about 1 h): use it soon, or Download Binary.
	return binaries.map((binary) => ({
		json: { ...(binary as IDataObject), cartPurchaseTransactionUuid: ids.cart, licensePurchaseTransactionUuid: ids.purchase },
	}));
}

