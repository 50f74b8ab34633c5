// Searchable lists for the file and folder locators. A filter starting with "/" browses that
// folder; other text searches names; an empty filter starts at the root. Pages follow Dropbox's
// cursors.

import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { DropboxMetadata } from '../helpers/metadata';
import { checkPath, isPathReference, parentPath } from '../helpers/paths';
import { dropboxRpc } from '../transport/request';

const PAGE_SIZE = 200;

interface ListPage {
	entries: DropboxMetadata[];
	cursor: string;
	has_more: boolean;
}

interface SearchPage {
	matches: Array<{ metadata: { metadata: DropboxMetadata } }>;
	has_more: boolean;
	cursor?: string;
}

type Kind = 'file' | 'folder';

function toItem(entry: DropboxMetadata): INodeListSearchItems {
	const path = entry.path_display ?? entry.path_lower ?? `/${entry.name}`;
	return { name: path, value: path };
}

function keep(kind: Kind) {
	return (entry: DropboxMetadata) => (entry['.tag'] ?? 'file') === kind;
}

async function listPage(ctx: ILoadOptionsFunctions, kind: Kind, path: string, cursor?: string): Promise<INodeListSearchResult> {
	const page = cursor
		? await dropboxRpc<ListPage>(ctx, 'files/list_folder/continue', { cursor })
		: await dropboxRpc<ListPage>(ctx, 'files/list_folder', { path, recursive: kind === 'file', limit: PAGE_SIZE });
	return {
		results: page.entries.filter(keep(kind)).map(toItem),
		paginationToken: page.has_more ? `list:${page.cursor}` : undefined,
	};
}

async function searchPage(ctx: ILoadOptionsFunctions, kind: Kind, query: string, cursor?: string): Promise<INodeListSearchResult> {
	const page = cursor
		? await dropboxRpc<SearchPage>(ctx, 'files/search/continue_v2', { cursor })
		: await dropboxRpc<SearchPage>(ctx, 'files/search_v2', {
				query,
				options: { filename_only: true, max_results: PAGE_SIZE, ...(kind === 'folder' ? { file_categories: ['folder'] } : {}) },
			});
	return {
		results: page.matches.map((match) => match.metadata.metadata).filter(keep(kind)).map(toItem),
		paginationToken: page.has_more && page.cursor ? `search:${page.cursor}` : undefined,
	};
}

async function browse(ctx: ILoadOptionsFunctions, kind: Kind, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (paginationToken?.startsWith('list:')) return await listPage(ctx, kind, '', paginationToken.slice(5));
	if (paginationToken?.startsWith('search:')) return await searchPage(ctx, kind, '', paginationToken.slice(7));
	const text = (filter ?? '').trim();
	if (text === '') {
		const page = await listPage(ctx, kind, '');
		if (kind === 'folder') page.results.unshift({ name: '/ (root)', value: '/' });
		return page;
	}
	if (!isPathReference(text)) return await searchPage(ctx, kind, text);
	const checked = checkPath(text, { allowRoot: true });
	if (!checked.ok) return { results: [] };
	try {
		const page = await listPage(ctx, kind, checked.path);
		if (kind === 'folder' && checked.path !== '') page.results.unshift({ name: checked.path, value: checked.path });
		return page;
	} catch {
		// Not a folder (yet): show the parent's entries that start with the typed name.
		const prefix = checked.path.toLowerCase();
		const page = await listPage(ctx, kind, parentPath(checked.path)).catch(() => ({ results: [] }) as INodeListSearchResult);
		return { results: page.results.filter((item) => String(item.value).toLowerCase().startsWith(prefix)) };
	}
}

export async function searchFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await browse(this, 'folder', filter, paginationToken);
}

export async function searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await browse(this, 'file', filter, paginationToken);
}
