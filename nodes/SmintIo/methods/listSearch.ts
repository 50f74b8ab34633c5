// Searchable lists for the resource locators: assets, collections, portals.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { resolveCulture } from '../helpers/localized';
import { searchAssetsPage } from '../transport/assets';
import { SmintIoClient } from '../transport/client';
import { searchCollectionsPage } from '../transport/collections';

const PAGE_SIZE = 50;

/** The list's page number travels in the pagination token. */
function pageOf(token?: string): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 0 ? page : 0;
}

async function client(ctx: ILoadOptionsFunctions): Promise<SmintIoClient> {
	// Immediate methods answer at once; the interval matters only if a server makes them wait.
	return await SmintIoClient.create(ctx, { culture: 'en' });
}

function text(value: unknown, fallback: string): string {
	const resolved = resolveCulture<unknown>(value, 'en');
	return typeof resolved === 'string' && resolved.trim() !== '' ? resolved : fallback;
}

export async function searchAssets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const result = await searchAssetsPage(await client(this), { queryString: filter?.trim() || undefined, page, pageSize: PAGE_SIZE });
	const results: INodeListSearchItems[] = result.assets.map((asset) => {
		const fileName = (asset.fileMetadata?.fileName as string | undefined) ?? '';
		const name = text(asset.name, fileName || asset.id);
		return {
			name: fileName && fileName !== name ? `${name} (${fileName})` : name,
			value: asset.id,
			description: `${String(asset.contentType ?? '')} · ${String(asset.approvalState ?? '')}`.replace(/^ · | · $/g, ''),
		};
	});
	return { results, paginationToken: result.hasMoreResults ? String(page + 1) : undefined };
}

export async function searchCollections(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const result = await searchCollectionsPage(await client(this), { queryString: filter?.trim() || undefined, page, pageSize: PAGE_SIZE });
	return {
		results: result.collections.map((collection) => ({
			name: text(collection.name, collection.collectionId),
			value: collection.collectionId,
			description: typeof collection.description === 'string' ? collection.description : undefined,
		})),
		paginationToken: result.hasMoreResults ? String(page + 1) : undefined,
	};
}

/**
 * Portals: Smint.io publishes no method that lists a user's portals, so the list holds the
 * credential's portal, checked with a cheap call (so a wrong UUID shows up here, not later).
 */
export async function searchPortals(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const smintIo = await client(this);
	if (smintIo.portalUuid === '') return { results: [] };
	const check = await searchCollectionsPage(smintIo, { page: 0, pageSize: 1 });
	const name = `Portal of the credential (${smintIo.portalUuid})`;
	const matches = !filter || name.toLowerCase().includes(filter.trim().toLowerCase());
	return {
		results: matches
			? [{ name, value: smintIo.portalUuid, description: `${check.totalResults ?? 0} collection(s)` }]
			: [],
	};
}

export const listSearch = { searchAssets, searchCollections, searchPortals };
