// Get Many: one page of the CLAPI-C feed (cursor in, cursor out, as CLAPI-C returns it) or the
// whole feed (each purchase once, in its latest state).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { feedPage, readFeedToEnd } from '../../transport/clapi';
import { SmintIoClient } from '../../transport/client';
import { CLAPI_MAX_LIMIT } from '../../transport/methodTable';
import { limitField, returnAllField } from '../common.descriptions';
import { purchaseFilter, purchaseFilterOptions } from '../../helpers/purchaseFilters';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{ ...returnAllField, description: 'Whether to read the whole feed (one item per purchase) or one page (one item holding the page and its cursor)' },
	{
		displayName: 'Continuation UUID',
		name: 'continuationUuid',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.continuation_uuid }}',
		description: 'Where to continue: the continuation_uuid of the previous page. Empty: from the start of the feed.',
		displayOptions: { show: { returnAll: [false] } },
	},
	limitField(CLAPI_MAX_LIMIT),
	optionsCollection(purchaseFilterOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['licensePurchase'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const keep = purchaseFilter(options);
	const client = await SmintIoClient.create(this, { itemIndex });
	if (returnAll) {
		const { purchases } = await readFeedToEnd(client, null);
		return purchases.filter(keep).map((purchase) => ({ json: purchase as IDataObject }));
	}
	const cursor = String(this.getNodeParameter('continuationUuid', itemIndex, '') ?? '').trim();
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const page = await feedPage(client, cursor || null, limit);
	return [
		{
			json: {
				// count and continuation_uuid as CLAPI-C returned them (count is before the filters).
				count: page.count,
				continuation_uuid: page.continuation_uuid,
				license_purchase_transactions: page.license_purchase_transactions.filter(keep) as IDataObject[],
			},
		},
	];
}
