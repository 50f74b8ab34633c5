// Shared link output: Dropbox's SharedLinkMetadata with `type` instead of ".tag".

import type { IDataObject } from 'n8n-workflow';

export interface SharedLinkMetadata {
	'.tag'?: 'file' | 'folder';
	url: string;
	name?: string;
	expires?: string;
	path_lower?: string;
	[key: string]: unknown;
}

export function linkOutput(link: SharedLinkMetadata): IDataObject {
	const { '.tag': tag, ...rest } = link;
	return { type: tag ?? 'file', ...(rest as IDataObject) };
}
