// Collection calls on top of the client: search, get, create (safe under retries), add and
// remove assets, and the lookups Ensure Path needs.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { pickChild, sameName } from '../helpers/collectionPath';
import type { SmintIoClient } from './client';
import { asNodeError, isNotFound } from './errors';
import { SEARCH_MAX_PAGE_SIZE } from './methodTable';

export type Collection = Record<string, unknown> & { collectionId: string; name?: unknown; parentCollectionId?: string | null };

export async function searchCollectionsPage(
	client: SmintIoClient,
	query: { queryString?: string; page: number; pageSize: number },
): Promise<{ collections: Collection[]; hasMoreResults: boolean; totalResults: number | null }> {
	const params: Record<string, unknown> = { page: query.page, pageSize: Math.min(SEARCH_MAX_PAGE_SIZE, query.pageSize) };
	if (query.queryString) params.queryString = query.queryString;
	const result = await client.call<{ collections?: Collection[]; details?: { hasMoreResults?: boolean; totalResults?: number } }>(
		'searchCollections',
		params,
		{ label: 'Search collections' },
	);
	const collections = Array.isArray(result.collections) ? result.collections : [];
	const total = typeof result.details?.totalResults === 'number' ? result.details.totalResults : null;
	// hasMoreResults is not documented for collections: fall back to totalResults.
	const hasMore =
		collections.length > 0 &&
		(typeof result.details?.hasMoreResults === 'boolean'
			? result.details.hasMoreResults
			: total !== null && (query.page + 1) * query.pageSize < total);
	return { collections, hasMoreResults: hasMore, totalResults: total };
}

export async function searchCollections(client: SmintIoClient, queryString: string | undefined, limit: number | null): Promise<Collection[]> {
	const out: Collection[] = [];
	const pageSize = limit === null ? SEARCH_MAX_PAGE_SIZE : Math.min(SEARCH_MAX_PAGE_SIZE, Math.max(1, limit));
	for (let page = 0; ; page++) {
		const result = await searchCollectionsPage(client, { queryString, page, pageSize });
		for (const collection of result.collections) {
			if (limit !== null && out.length >= limit) return out;
			out.push(collection);
		}
		if (!result.hasMoreResults || (limit !== null && out.length >= limit)) return out;
	}
}

/** An unknown collection is the user's input problem: a NodeOperationError saying what to do. */
function unknownCollection(client: SmintIoClient, collectionId: string): NodeOperationError {
	return new NodeOperationError(client.node, `No collection with ID '${collectionId}' in this portal`, {
		itemIndex: client.itemIndex,
		description: 'Pick the collection from the list (Collection > From List), or check the ID and the Portal UUID of the credential.',
	});
}

function collectionOf(result: unknown, label: string, client: SmintIoClient): Collection {
	const collection = (result as { collection?: Collection } | null)?.collection;
	if (!collection || typeof collection.collectionId !== 'string') {
		throw new NodeApiError(client.node, { message: 'no collection' }, { message: `${label}: Smint.io returned no collection`, itemIndex: client.itemIndex });
	}
	return collection;
}

export async function getCollection(client: SmintIoClient, collectionId: string): Promise<Collection> {
	const label = `Get collection ${collectionId}`;
	try {
		return collectionOf(await client.call('getCollection', { collectionId }, { label }), label, client);
	} catch (error) {
		if (isNotFound(error)) throw unknownCollection(client, collectionId);
		throw asNodeError(client.node, error);
	}
}

/** Children of `parentId` (null: top level) named `name`, found by searching for the name. */
export async function findChild(client: SmintIoClient, name: string, parentId: string | null): Promise<{ match: Collection | null; duplicates: number }> {
	const candidates = (await searchCollections(client, name, null)).filter((collection) => sameName(collection.name, name));
	return pickChild(candidates, name, parentId);
}

export interface CreateCollectionInput {
	name: string;
	description?: string;
	parentCollectionId?: string | null;
	ownerEmail?: string;
	/** Recovery after a lost reply only accepts a collection created at or after this ISO time. */
	createdAfter?: string;
}

/**
 * createCollectionAsync. After a failure that may have come after Smint.io acted (reply lost,
 * 5xx), it looks for a collection of that name under that parent before creating again.
 */
export async function createCollection(client: SmintIoClient, input: CreateCollectionInput): Promise<{ collection: Collection; recovered: boolean }> {
	const label = `Create collection '${input.name}'`;
	const params: Record<string, unknown> = { name: input.name };
	if (input.description) params.description = input.description;
	if (input.parentCollectionId) params.parentCollectionId = input.parentCollectionId;
	if (input.ownerEmail) params.ownerEmail = input.ownerEmail;
	let recovered = false;
	const recover = async () => {
		let { match } = await findChild(client, input.name, input.parentCollectionId ?? null);
		if (match && input.createdAfter && String(match.createdAt ?? '') < input.createdAfter) match = null;
		if (match) recovered = true;
		return match ? { collection: match } : undefined;
	};
	try {
		const result = await client.call('createCollection', params, { label, recover });
		return { collection: collectionOf(result, label, client), recovered };
	} catch (error) {
		if (input.parentCollectionId && isNotFound(error)) throw unknownCollection(client, input.parentCollectionId);
		throw asNodeError(client.node, error);
	}
}

export async function changeMembership(
	client: SmintIoClient,
	action: 'add' | 'remove',
	collectionId: string,
	assetIds: string[],
): Promise<Collection> {
	const label = `${action === 'add' ? 'Add' : 'Remove'} ${assetIds.length} asset${assetIds.length === 1 ? '' : 's'} ${action === 'add' ? 'to' : 'from'} collection ${collectionId}`;
	try {
		const result = await client.call(
			action === 'add' ? 'addAssetsToCollection' : 'removeAssetsFromCollection',
			{ collectionId, assetIds: assetIds.map((id) => ({ id })) },
			{ label },
		);
		return collectionOf(result, label, client);
	} catch (error) {
		// not_found names the parameter at fault in error_details.name.
		const details = (error as { context?: { smintIoError?: { error_details?: { name?: string } | null } } }).context?.smintIoError
			?.error_details;
		if (isNotFound(error) && (details?.name ?? 'collectionId') === 'collectionId') throw unknownCollection(client, collectionId);
		throw asNodeError(client.node, error);
	}
}
