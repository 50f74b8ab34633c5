// Paging over file_properties/properties/search and search/continue.

import type { PropertySearchMatch } from '../helpers/propertySearch';
import type { DropboxContext } from './connection';
import { dropboxRpc } from './request';

interface PropertySearchPage {
	matches: PropertySearchMatch[];
	cursor?: string;
}

export interface PropertySearchArg {
	queries: Array<{ query: string; mode: { '.tag': string; field_name: string } }>;
	template_filter: { '.tag': 'filter_none' } | { '.tag': 'filter_some'; filter_some: string[] };
}

/** Yields pages until Dropbox returns no cursor (or the caller stops iterating). */
export async function* propertySearchPages(ctx: DropboxContext, arg: PropertySearchArg, itemIndex?: number): AsyncGenerator<PropertySearchPage> {
	let page = await dropboxRpc<PropertySearchPage>(ctx, 'file_properties/properties/search', arg, { itemIndex });
	yield page;
	while (page.cursor) {
		page = await dropboxRpc<PropertySearchPage>(ctx, 'file_properties/properties/search/continue', { cursor: page.cursor }, { itemIndex });
		yield page;
	}
}
