// Asset calls on top of the client: read, search, find by externalId, create (safe under
// retries), update with eTag merge, replace binary, download.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { buildAssetUpdate } from '../helpers/assetUpdate';
import type { AssetChanges } from '../helpers/assetUpdate';
import { pickByExternalId } from '../helpers/externalIds';
import { buildCurrentFilters } from '../helpers/searchFilters';
import type { AssetFilters } from '../helpers/searchFilters';
import type { SmintIoClient } from './client';
import { downloadPresigned } from './download';
import type { Downloaded } from './download';
import { asNodeError, isConflict } from './errors';
import { PORTALS_METHODS, SEARCH_MAX_PAGE_SIZE } from './methodTable';

export type Asset = Record<string, unknown> & { id: string; eTag?: string; fileMetadata?: Record<string, unknown> };

export interface SearchPage {
	assets: Asset[];
	hasMoreResults: boolean;
	totalResults: number | null;
}

/** After a lost create reply, how many lookups (one per task poll interval) before creating again. */
export const CREATE_SETTLE_LOOKUPS = 10;

function assetOf(result: unknown, label: string, client: SmintIoClient): Asset {
	const asset = (result as { assetDataObject?: Asset } | null)?.assetDataObject;
	if (!asset || typeof asset.id !== 'string') {
		throw new NodeApiError(
			client.node,
			{ message: 'no assetDataObject' },
			{ message: `${label}: Smint.io returned no asset`, itemIndex: client.itemIndex },
		);
	}
	return asset;
}

export async function getAsset(client: SmintIoClient, id: string): Promise<Asset> {
	const label = `Get asset ${id}`;
	return assetOf(await client.call('getAsset', { assetId: { id } }, { label }), label, client);
}

export async function getAssets(client: SmintIoClient, ids: string[]): Promise<Asset[]> {
	const result = await client.call<{ assetDataObjects?: Asset[] }>(
		'getAssets',
		{ assetIds: ids.map((id) => ({ id })) },
		{ label: `Get ${ids.length} asset${ids.length === 1 ? '' : 's'}` },
	);
	return Array.isArray(result.assetDataObjects) ? result.assetDataObjects : [];
}

export async function searchAssetsPage(
	client: SmintIoClient,
	query: { queryString?: string; filters?: AssetFilters; page: number; pageSize: number },
): Promise<SearchPage> {
	const params: Record<string, unknown> = { page: query.page, pageSize: Math.min(query.pageSize, SEARCH_MAX_PAGE_SIZE) };
	if (query.queryString) params.queryString = query.queryString;
	const currentFilters = buildCurrentFilters(query.filters ?? {});
	if (currentFilters) params.currentFilters = currentFilters;
	const result = await client.call<{ assetDataObjects?: Asset[]; details?: { hasMoreResults?: boolean; totalResults?: number } }>(
		'searchAssets',
		params,
		{ label: 'Search assets' },
	);
	const assets = Array.isArray(result.assetDataObjects) ? result.assetDataObjects : [];
	return {
		assets,
		hasMoreResults: result.details?.hasMoreResults === true && assets.length > 0,
		totalResults: typeof result.details?.totalResults === 'number' ? result.details.totalResults : null,
	};
}

/** Pages through a search (0-based pages) until `limit` assets or the end. */
export async function searchAssets(
	client: SmintIoClient,
	query: { queryString?: string; filters?: AssetFilters },
	limit: number | null,
): Promise<Asset[]> {
	const out: Asset[] = [];
	const pageSize = limit === null ? SEARCH_MAX_PAGE_SIZE : Math.min(SEARCH_MAX_PAGE_SIZE, Math.max(1, limit));
	for (let page = 0; ; page++) {
		const result = await searchAssetsPage(client, { ...query, page, pageSize });
		for (const asset of result.assets) {
			if (limit !== null && out.length >= limit) return out;
			out.push(asset);
		}
		if (!result.hasMoreResults || (limit !== null && out.length >= limit)) return out;
	}
}

/**
 * The asset carrying `externalId`, or null. When several carry it (made by someone else),
 * the oldest is used, so reruns keep choosing the same one.
 */
export async function findByExternalId(client: SmintIoClient, externalId: string): Promise<Asset | null> {
	return pickByExternalId(await searchAssets(client, { filters: { externalIds: [externalId] } }, null), externalId);
}

/** Looks `lookups` times, one poll interval apart, for a result that may still be in the making. */
export async function settle<T>(client: SmintIoClient, lookup: () => Promise<T | null>, lookups: number): Promise<T | undefined> {
	for (let i = 0; i < lookups; i++) {
		const found = await lookup();
		if (found !== null) return found;
		if (i < lookups - 1) await client.wait(client.pollIntervalMs);
	}
	return undefined;
}

/** The asset id a 409 external_id_exists names (another create won the External ID), or null. */
export function externalIdHolderOf(error: unknown): string | null {
	if (!isConflict(error)) return null;
	const details = (error as { context?: { smintIoError?: { error_details?: { uuid?: unknown; name?: unknown } | null } } }).context?.smintIoError?.error_details;
	return details?.name === 'externalId' && typeof details.uuid === 'string' && details.uuid !== '' ? details.uuid : null;
}

export interface CreateOutcome {
	asset: Asset;
	/** A failure after the request was sent was answered by finding the asset by its External ID. */
	recovered: boolean;
	/**
	 * Smint.io created nothing: an asset with this External ID exists (created meanwhile, e.g. by
	 * another execution on another worker); `asset` is that asset, read fresh.
	 */
	existed: boolean;
}

/**
 * createAssetAsync. With an externalId the call is safe to retry: after a failure that may
 * have come after Smint.io acted (reply lost, 5xx), it first looks the asset up by externalId
 * (for up to CREATE_SETTLE_LOOKUPS poll intervals, since creation runs as a background task).
 * Without one, such a failure is not retried blindly: the error says the asset may exist.
 * The create is conditional on externalId (409 external_id_exists while an asset holds it):
 * that asset is returned with `existed`, so concurrent executions converge on one asset.
 */
export async function createAsset(client: SmintIoClient, params: Record<string, unknown>): Promise<CreateOutcome> {
	const externalId = typeof params.externalId === 'string' && params.externalId !== '' ? params.externalId : null;
	const label = `Create asset${externalId ? ` '${externalId}'` : ''}`;
	let recovered = false;
	const recover = async (): Promise<{ assetDataObject: Asset } | undefined> => {
		if (!externalId) {
			throw new NodeApiError(
				client.node,
				{ message: 'create reply lost' },
				{
					message: `${label}: the connection failed after the request was sent; the asset may or may not have been created`,
					description: 'Set an External ID on uploads: the node then checks for the asset before creating it again, so retries never duplicate it.',
					itemIndex: client.itemIndex,
				},
			);
		}
		const found = await settle(client, async () => await findByExternalId(client, externalId), CREATE_SETTLE_LOOKUPS);
		if (found) recovered = true;
		return found ? { assetDataObject: found } : undefined;
	};
	try {
		const result = await client.call('createAsset', params, { label, recover });
		return { asset: assetOf(result, label, client), recovered, existed: false };
	} catch (error) {
		const holder = externalId ? externalIdHolderOf(error) : null;
		if (!holder) throw asNodeError(client.node, error);
		return { asset: await getAsset(client, holder), recovered, existed: true };
	}
}

export interface UpdateOutcome {
	asset: Asset;
	/** The fields sent (empty when nothing needed to change). */
	changedFields: string[];
	/** A 409 was answered by re-reading the asset and merging the changes onto it. */
	conflictRetried: boolean;
}

/**
 * updateAssetAsync with the eTag of the asset as read. On 409 (changed meanwhile) the asset is
 * read again, the user's changes are applied to the fresh copy and sent ONCE more; a second
 * 409 is reported as a conflict.
 */
export async function updateAssetMerged(client: SmintIoClient, id: string, changes: AssetChanges, current?: Asset): Promise<UpdateOutcome> {
	let asset = current ?? (await getAsset(client, id));
	let firstChangedFields: string[] = [];
	for (let round = 1; ; round++) {
		const fields = buildAssetUpdate(asset, changes);
		const changedFields = Object.keys(fields);
		if (round === 1) firstChangedFields = changedFields;
		// After a 409 the fresh asset may already hold the changes (e.g. our own first attempt
		// went through and only its reply was lost): then nothing is sent again.
		if (changedFields.length === 0) return { asset, changedFields: round > 1 ? firstChangedFields : [], conflictRetried: round > 1 };
		try {
			const result = await client.call(
				'updateAsset',
				{ assetId: { id }, eTag: asset.eTag, ...fields },
				{ label: `Update asset ${id}` },
			);
			return { asset: assetOf(result, `Update asset ${id}`, client), changedFields, conflictRetried: round > 1 };
		} catch (error) {
			if (!isConflict(error)) throw asNodeError(client.node, error);
			if (round >= 2) {
				throw new NodeApiError(
					client.node,
					{ httpCode: '409', message: 'conflict' },
					{
						message: `Update asset ${id} failed: the asset kept changing while it was being updated (eTag conflict twice)`,
						description: 'Someone else is editing this asset right now. The node re-read it and merged your changes once; run again later.',
						httpCode: '409',
						itemIndex: client.itemIndex,
					},
				);
			}
			asset = await getAsset(client, id);
		}
	}
}

/**
 * replaceAssetBinaryAsync with the asset's eTag; on 409 the asset is read again and the call
 * repeated once. If the fresh asset already holds the uploaded bytes (our own earlier attempt
 * went through), that asset is the result.
 */
export async function replaceBinary(
	client: SmintIoClient,
	id: string,
	upload: { uuid: string; sha1: string },
	current?: Asset,
): Promise<{ asset: Asset; conflictRetried: boolean }> {
	let asset = current ?? (await getAsset(client, id));
	const label = `Replace binary of asset ${id}`;
	for (let round = 1; ; round++) {
		try {
			const result = await client.call(
				PORTALS_METHODS.replaceAssetBinary,
				{ assetId: { id }, eTag: asset.eTag, uploadedFileUuid: upload.uuid },
				{ label },
			);
			return { asset: assetOf(result, label, client), conflictRetried: round > 1 };
		} catch (error) {
			if (!isConflict(error)) throw asNodeError(client.node, error);
			asset = await getAsset(client, id);
			if (asset.fileMetadata?.sha1Hash === upload.sha1) return { asset, conflictRetried: true };
			if (round >= 2) {
				throw new NodeApiError(
					client.node,
					{ httpCode: '409', message: 'conflict' },
					{
						message: `${label} failed: the asset kept changing while its file was being replaced (eTag conflict twice)`,
						description: 'Someone else is editing this asset right now. Run again later.',
						httpCode: '409',
						itemIndex: client.itemIndex,
					},
				);
			}
		}
	}
}

export interface DownloadItemChoice {
	/** Download item id, e.g. "Original". */
	itemId: string;
}

/** Download groups → initiate (long-running) → the pre-signed URL. */
export async function initiateAssetDownload(client: SmintIoClient, id: string, choice: DownloadItemChoice): Promise<string> {
	const groups = await client.call<{ assetDownloadGroups?: Array<{ assetDownloadItems?: Array<Record<string, unknown>> }> }>(
		'getDownloadGroups',
		{ assetIds: [{ id }] },
		{ label: `Get download options of asset ${id}` },
	);
	const items = (groups.assetDownloadGroups ?? []).flatMap((group) => group.assetDownloadItems ?? []);
	const wanted = items.find((item) => String(item.itemId).toLowerCase() === choice.itemId.toLowerCase());
	if (!wanted) {
		const offered = items.map((item) => String(item.itemId));
		throw new NodeApiError(
			client.node,
			{ message: 'download item not offered' },
			{
				message: `Asset ${id} offers no download '${choice.itemId}'`,
				description: offered.length > 0 ? `Offered: ${offered.join(', ')}. Set "Download Item" to one of them.` : 'Smint.io offers no download for this asset.',
				itemIndex: client.itemIndex,
			},
		);
	}
	const initiated = await client.call<{ assetDownloadUrl?: { url?: string } }>(
		'initiateDownload',
		{ assetIds: [{ id }], assetDownloadItems: [wanted], immediatelyDownload: true },
		{ label: `Create download link for asset ${id}` },
	);
	const url = initiated.assetDownloadUrl?.url;
	if (typeof url !== 'string' || url === '') {
		throw new NodeApiError(
			client.node,
			{ message: 'no download url' },
			{ message: `Create download link for asset ${id}: Smint.io returned no URL`, itemIndex: client.itemIndex },
		);
	}
	return url;
}

export async function downloadAsset(
	ctx: IExecuteFunctions,
	client: SmintIoClient,
	asset: Asset,
	choice: DownloadItemChoice,
): Promise<Downloaded> {
	const url = await initiateAssetDownload(client, asset.id, choice);
	const meta = asset.fileMetadata ?? {};
	return await downloadPresigned(ctx, client, url, {
		label: `Download asset ${asset.id}`,
		fileName: typeof meta.fileName === 'string' ? meta.fileName : undefined,
		mimeType: typeof meta.mediaType === 'string' ? meta.mediaType : undefined,
		renewUrl: async () => await initiateAssetDownload(client, asset.id, choice),
	});
}
