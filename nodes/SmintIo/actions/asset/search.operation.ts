// Search: text and filters, paged. The External ID filter takes a list; more than 50 IDs are
// searched 50 at a time (one externalId filter value each) and the results put together.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { inGroups } from '../../../shared/concurrency';
import { EXTERNAL_ID_BATCH_SIZE } from '../../helpers/externalIds';
import { collectionId, idList, isoDate } from '../../helpers/input';
import { localizeAsset } from '../../helpers/localized';
import type { AssetFilters } from '../../helpers/searchFilters';
import type { Asset } from '../../transport/assets';
import { searchAssets } from '../../transport/assets';
import type { SmintIoClient } from '../../transport/client';
import { asNodeError, isNotFound } from '../../transport/errors';
import { clientFor } from '../clientForItem';
import {
	approvalStateOptions,
	collectionLocator,
	contentTypeOptions,
	limitField,
	locatorValue,
	portalsOptions,
	returnAllField,
} from '../common.descriptions';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'queryString',
		type: 'string',
		default: '',
		placeholder: 'e.g. summer shoes',
		description: 'Words that must all occur in the asset (name, description, tags, metadata, file name). Empty: all assets.',
	},
	returnAllField,
	limitField(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Approval States',
				name: 'approvalStates',
				type: 'multiOptions',
				options: approvalStateOptions,
				default: [],
				description: 'Only assets in one of these approval states',
			},
			collectionLocator({
				required: false,
				description: 'Only assets in this collection',
			}),
			{
				displayName: 'Content Types',
				name: 'contentTypes',
				type: 'multiOptions',
				options: contentTypeOptions,
				default: [],
				description: 'Only assets of these content types',
			},
			{
				displayName: 'External IDs',
				name: 'externalId',
				type: 'string',
				default: '',
				placeholder: 'e.g. dropbox:ID:a4ayc_80_OEAAAAAAAAAXw, dropbox:ID:b5bzd_91_PFBBBBBBBBBBYx',
				description:
					"Only assets carrying one of these external IDs (the reference to the source system). Several: separate them by commas, or give an array from an expression (e.g. all input items' IDs, with the node's Execute Once setting on); IDs that contain a comma must come as an array. They are searched 50 at a time. An empty array finds nothing.",
			},
			{
				displayName: 'Modified Since',
				name: 'modifiedSince',
				type: 'dateTime',
				default: '',
				description: 'Only assets changed at or after this time (yyyy-mm-dd or an ISO 8601 date-time)',
			},
		],
	},
	optionsCollection([...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['search'] } }, properties);

export function readFilters(raw: Record<string, unknown>): AssetFilters {
	const filters: AssetFilters = {};
	const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : idList(value));
	if (raw.contentTypes !== undefined) filters.contentTypes = list(raw.contentTypes);
	if (raw.approvalStates !== undefined) filters.approvalStates = list(raw.approvalStates);
	const collection = locatorValue(raw.collection);
	if (collection !== '') filters.collectionIds = [collectionId(collection, 'Filters > Collection')];
	// A list from an expression filters even when empty (it then finds nothing); empty text means no filter.
	if (Array.isArray(raw.externalId)) filters.externalIds = idList(raw.externalId);
	else if (typeof raw.externalId === 'string' && raw.externalId.trim() !== '') filters.externalIds = idList(raw.externalId.split(','));
	if (raw.modifiedSince !== undefined && raw.modifiedSince !== null && raw.modifiedSince !== '') {
		filters.modifiedSince = isoDate(raw.modifiedSince, 'Filters > Modified Since');
	}
	return filters;
}

/**
 * One search, or with more than EXTERNAL_ID_BATCH_SIZE external IDs one per batch of them,
 * the results in batch order (each asset once) up to `limit`.
 */
async function searchInBatches(
	client: SmintIoClient,
	query: { queryString?: string; filters: AssetFilters },
	limit: number | null,
): Promise<Asset[]> {
	const externalIds = query.filters.externalIds;
	if (externalIds === undefined) return await searchAssets(client, query, limit);
	const found: Asset[] = [];
	const seen = new Set<string>();
	for (const batch of inGroups(externalIds, EXTERNAL_ID_BATCH_SIZE)) {
		const remaining = limit === null ? null : limit - found.length;
		if (remaining !== null && remaining <= 0) break;
		for (const asset of await searchAssets(client, { ...query, filters: { ...query.filters, externalIds: batch } }, remaining)) {
			if (!seen.has(asset.id)) {
				seen.add(asset.id);
				found.push(asset);
			}
		}
	}
	return found;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const queryString = (this.getNodeParameter('queryString', itemIndex, '') as string).trim();
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? null : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = readFilters(this.getNodeParameter('filters', itemIndex, {}) as Record<string, unknown>);
	const { client, culture } = await clientFor(this, itemIndex);
	let assets;
	try {
		assets = await searchInBatches(client, { queryString: queryString || undefined, filters }, limit);
	} catch (error) {
		if (filters.collectionIds && isNotFound(error)) {
			throw new NodeOperationError(this.getNode(), `No collection with ID '${filters.collectionIds[0]}' in this portal`, {
				itemIndex,
				description: 'Pick the collection from the list under Filters > Collection, or check the ID.',
			});
		}
		throw asNodeError(this.getNode(), error);
	}
	return assets.map((asset) => ({ json: localizeAsset(asset, culture) as INodeExecutionData['json'] }));
}
