// Where the rights come from: a Portals asset (its `rights`), a CLAPI-C licence purchase given
// as input data (e.g. from the trigger or Licence Purchase > Get Many), or one looked up by
// UUID in the CLAPI-C feed.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { normalizeFromAsset, normalizeFromPurchase } from '../rights';
import type { NormalizedRights } from '../rights';
import { InputError } from './inputError';
import { assetId, jsonInput } from './input';
import { getAsset } from '../transport/assets';
import { findPurchase } from '../transport/clapi';
import type { SmintIoClient } from '../transport/client';
import { assetLocator, locatorValue } from '../actions/common.descriptions';

export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Rights Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Licence Purchase (by UUID)',
				value: 'purchaseUuid',
				description: 'A CLAPI-C licence purchase, looked up in the feed by its UUID (reads the whole feed)',
			},
			{
				name: 'Licence Purchase (From Input Data)',
				value: 'purchaseData',
				description: 'A CLAPI-C licence purchase object the item already carries (e.g. from the Smint.io Trigger)',
			},
			{ name: 'Portals Asset', value: 'asset', description: "A Smint.io library asset's rights" },
		],
		default: 'asset',
		description: 'Where the licence comes from',
	},
	{ ...assetLocator(), displayOptions: { show: { source: ['asset'] } } },
	{
		displayName: 'Licence Purchase UUID',
		name: 'purchaseUuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 80101',
		description: 'The "uuid" of the licence purchase transaction',
		displayOptions: { show: { source: ['purchaseUuid'] } },
	},
	{
		displayName: 'Licence Purchase',
		name: 'purchaseData',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description: 'The CLAPI-C licence purchase object (snake_case, with license_terms)',
		displayOptions: { show: { source: ['purchaseData'] } },
	},
];

export interface RightsSourceResult {
	rights: NormalizedRights;
	/** The asset or purchase the rights were read from. */
	subject: Record<string, unknown>;
}

export async function readRights(ctx: IExecuteFunctions, itemIndex: number, client: () => Promise<SmintIoClient>): Promise<RightsSourceResult> {
	const source = ctx.getNodeParameter('source', itemIndex) as string;
	if (source === 'asset') {
		const id = assetId(locatorValue(ctx.getNodeParameter('asset', itemIndex)), 'Asset');
		const asset = await getAsset(await client(), id);
		return { rights: normalizeFromAsset(asset), subject: asset };
	}
	if (source === 'purchaseUuid') {
		const uuid = String(ctx.getNodeParameter('purchaseUuid', itemIndex) ?? '').trim();
		if (uuid === '') throw new InputError('Licence Purchase UUID is empty', 'Give the "uuid" of the licence purchase transaction');
		const purchase = await findPurchase(await client(), uuid);
		return { rights: normalizeFromPurchase(purchase), subject: purchase };
	}
	const data = jsonInput(ctx.getNodeParameter('purchaseData', itemIndex), 'Licence Purchase', 'object') as Record<string, unknown>;
	if (!('license_terms' in data) && !('uuid' in data)) {
		throw new InputError(
			'Licence Purchase does not look like a CLAPI-C licence purchase (no uuid, no license_terms)',
			'Map the purchase object itself, e.g. {{ $json }} after Licence Purchase > Get Many (Return All) or the Smint.io Trigger',
		);
	}
	return { rights: normalizeFromPurchase(data), subject: data };
}
