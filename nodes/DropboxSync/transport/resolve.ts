// Turns an "id:..." reference into a path for the routes that accept only paths (tags/get),
// and finds a folder's shared_folder_id. Cached per execution.

import type { DropboxMetadata } from '../helpers/metadata';
import type { DropboxContext } from './connection';
import { inputError } from './errors';
import { dropboxRpc } from './request';

const metadataCache = new WeakMap<object, Map<string, Promise<DropboxMetadata>>>();

/** get_metadata, remembered for the rest of the execution. */
export async function cachedMetadata(ctx: DropboxContext, path: string, itemIndex?: number, kind: 'file' | 'folder' | 'item' = 'item'): Promise<DropboxMetadata> {
	let cache = metadataCache.get(ctx);
	if (!cache) {
		cache = new Map();
		metadataCache.set(ctx, cache);
	}
	const key = path.toLowerCase();
	let pending = cache.get(key);
	if (!pending) {
		pending = dropboxRpc<DropboxMetadata>(ctx, 'files/get_metadata', { path }, { itemIndex, subject: { path, kind } });
		cache.set(key, pending);
		pending.catch(() => cache!.delete(key));
	}
	return await pending;
}

/** A path ("/a/b") for a path or id reference. */
export async function toPath(ctx: DropboxContext, pathOrId: string, itemIndex?: number): Promise<string> {
	if (pathOrId.startsWith('/')) return pathOrId;
	const metadata = await cachedMetadata(ctx, pathOrId, itemIndex);
	return metadata.path_display ?? metadata.path_lower ?? pathOrId;
}

/** The shared_folder_id of a shared folder given by path or id. */
export async function sharedFolderIdOf(ctx: DropboxContext, path: string, itemIndex: number): Promise<string> {
	const metadata = await cachedMetadata(ctx, path, itemIndex, 'folder');
	if (metadata['.tag'] === 'file') {
		throw inputError(ctx.getNode(), itemIndex, `Path ${path} is a file; a folder is needed`, 'Choose a shared folder.');
	}
	const sharingInfo = metadata.sharing_info as { shared_folder_id?: string } | undefined;
	const id = (metadata.shared_folder_id as string | undefined) ?? sharingInfo?.shared_folder_id;
	if (!id) {
		throw inputError(ctx.getNode(), itemIndex, `The folder ${metadata.path_display ?? path} is not shared`, 'Share it first with Sharing > Share Folder, then add members.');
	}
	return id;
}
