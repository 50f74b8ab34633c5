// CLAPI-C (licensed stock purchases, read-only) on top of the client: the purchase feed, a
// purchase's binaries, generic metadata. Paths and query spelling come from the method table.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { SmintIoClient } from './client';
import { asNodeError, isNotFound } from './errors';
import { CLAPI_MAX_LIMIT, CLAPI_PATHS, CLAPI_QUERY } from './methodTable';

export type Purchase = Record<string, unknown> & { uuid: string; cart_purchase_transaction_uuid?: string };

export interface FeedPage {
	count: number;
	continuation_uuid: string | null;
	license_purchase_transactions: Purchase[];
}

export interface PurchaseBinary extends Record<string, unknown> {
	uuid: string;
	download_url?: string;
	recommended_file_name?: string;
	content_type?: string;
	binary_type?: string;
	version?: number;
}

export async function feedPage(client: SmintIoClient, cursor: string | null, limit = CLAPI_MAX_LIMIT): Promise<FeedPage> {
	const qs: Record<string, string | number> = { [CLAPI_QUERY.limit]: Math.max(1, Math.min(CLAPI_MAX_LIMIT, limit)) };
	if (cursor) qs[CLAPI_QUERY.continuation] = cursor;
	const page = await client.requestJson<Partial<FeedPage>>({
		method: 'GET',
		url: `${client.hosts.clapiBaseUrl}${CLAPI_PATHS.licensePurchaseTransactions}`,
		qs,
		label: 'Get licence purchases',
	});
	const purchases = Array.isArray(page?.license_purchase_transactions) ? page.license_purchase_transactions : [];
	return {
		count: typeof page?.count === 'number' ? page.count : purchases.length,
		// An empty page still carries a cursor [public]; keep the old one if a server leaves it out.
		continuation_uuid: typeof page?.continuation_uuid === 'string' && page.continuation_uuid !== '' ? page.continuation_uuid : cursor,
		license_purchase_transactions: purchases,
	};
}

/**
 * Reads the feed from `cursor` to its end. A purchase that changed is re-emitted by the feed:
 * only its latest state is kept (in feed order of that latest appearance).
 */
export async function readFeedToEnd(
	client: SmintIoClient,
	cursor: string | null,
	onPage?: (page: FeedPage) => void,
): Promise<{ purchases: Purchase[]; cursor: string | null }> {
	const latest = new Map<string, Purchase>();
	let position = cursor;
	for (;;) {
		const page = await feedPage(client, position);
		onPage?.(page);
		for (const purchase of page.license_purchase_transactions) {
			latest.delete(purchase.uuid);
			latest.set(purchase.uuid, purchase);
		}
		const advanced = page.continuation_uuid !== position;
		position = page.continuation_uuid;
		if (page.count === 0 || page.license_purchase_transactions.length === 0 || !advanced) break;
	}
	return { purchases: [...latest.values()], cursor: position };
}

/** CLAPI-C has no lookup by id [public]: the feed is read from the start and the latest state kept. */
export async function findPurchase(client: SmintIoClient, uuid: string): Promise<Purchase> {
	const { purchases } = await readFeedToEnd(client, null);
	const found = purchases.find((purchase) => String(purchase.uuid) === uuid);
	if (!found) {
		throw new NodeOperationError(client.node, `No licence purchase with UUID '${uuid}' in the CLAPI-C feed`, {
			itemIndex: client.itemIndex,
			description: 'Check the licence purchase transaction UUID (field "uuid" of Licence Purchase > Get Many).',
		});
	}
	return found;
}

export async function purchaseBinaries(client: SmintIoClient, cartPurchaseTransactionUuid: string, licensePurchaseTransactionUuid: string): Promise<PurchaseBinary[]> {
	try {
		const binaries = await client.requestJson<PurchaseBinary[]>({
			method: 'GET',
			url: `${client.hosts.clapiBaseUrl}${CLAPI_PATHS.binaries(cartPurchaseTransactionUuid, licensePurchaseTransactionUuid)}`,
			label: `Get binaries of licence purchase ${licensePurchaseTransactionUuid}`,
		});
		if (!Array.isArray(binaries)) {
			throw new NodeApiError(client.node, { message: 'not a list' }, { message: 'CLAPI-C returned no list of binaries', itemIndex: client.itemIndex });
		}
		return binaries;
	} catch (error) {
		if (isNotFound(error)) {
			throw new NodeOperationError(
				client.node,
				`No licence purchase '${licensePurchaseTransactionUuid}' in cart purchase '${cartPurchaseTransactionUuid}'`,
				{
					itemIndex: client.itemIndex,
					description: 'Use the "uuid" and "cart_purchase_transaction_uuid" fields of the purchase (Licence Purchase > Get Many or the trigger).',
				},
			);
		}
		throw asNodeError(client.node, error);
	}
}

export async function genericMetadata(client: SmintIoClient): Promise<Record<string, unknown>> {
	return await client.requestJson<Record<string, unknown>>({
		method: 'GET',
		url: `${client.hosts.clapiBaseUrl}${CLAPI_PATHS.genericMetadata}`,
		label: 'Get CLAPI-C generic metadata',
	});
}
