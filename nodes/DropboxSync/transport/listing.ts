// Paging over files/list_folder and list_folder/continue.

import type { DropboxMetadata } from '../helpers/metadata';
import type { DropboxContext } from './connection';
import { dropboxRpc } from './request';

export interface ListFolderPage {
	entries: DropboxMetadata[];
	cursor: string;
	has_more: boolean;
}

export interface ListFolderArg {
	path: string;
	recursive?: boolean;
	include_deleted?: boolean;
	limit?: number;
	include_mounted_folders?: boolean;
}

/** Yields pages until Dropbox says there are no more (or the caller stops iterating). */
export async function* listFolderPages(ctx: DropboxContext, arg: ListFolderArg, itemIndex?: number): AsyncGenerator<ListFolderPage> {
	let page = await dropboxRpc<ListFolderPage>(ctx, 'files/list_folder', arg, { itemIndex, subject: { path: arg.path, kind: 'folder' } });
	yield page;
	while (page.has_more) {
		page = await continueListing(ctx, page.cursor, itemIndex);
		yield page;
	}
}

/** list_folder/continue; a `reset` error surfaces as a NodeApiError tagged "reset". */
export async function continueListing(ctx: DropboxContext, cursor: string, itemIndex?: number): Promise<ListFolderPage> {
	return await dropboxRpc<ListFolderPage>(ctx, 'files/list_folder/continue', { cursor }, { itemIndex });
}
