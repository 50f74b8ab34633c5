import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { metadataOutput } from '../../helpers/metadata';
import { failureOf, inputError } from '../../transport/errors';
import { dropboxRpc } from '../../transport/request';
import { newFolderLocator } from '../common.descriptions';
import { getPath } from '../parameters';

const properties: INodeProperties[] = [
	{
		...newFolderLocator,
		description: 'The folder that must exist, as a full path; every missing level is created, existing ones are left alone',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['folder'], operation: ['ensurePath'] } }, properties);

async function existing(this: IExecuteFunctions, path: string, itemIndex: number): Promise<DropboxMetadata | null> {
	try {
		return await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path }, { itemIndex, subject: { path, kind: 'folder' } });
	} catch (error) {
		if (failureOf(error)?.tag.split('/').includes('not_found')) return null;
		throw error as Error;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'folderPath', itemIndex, { label: 'folder path', allowIds: false });
	const isFolder = (metadata: DropboxMetadata) => {
		if (metadata['.tag'] === 'folder') return true;
		throw inputError(this.getNode(), itemIndex, `Path ${path} is a file; a folder is needed`, 'A file already has this name; choose another folder path.');
	};
	const found = await existing.call(this, path, itemIndex);
	if (found && isFolder(found)) return [{ json: { ...metadataOutput(found, 'folder'), created: false } }];

	let createdNow = true;
	// create_folder_v2 creates the missing parent folders as well.
	const result = await dropboxRpc<{ metadata: DropboxMetadata }>(this, 'files/create_folder_v2', { path, autorename: false }, {
		itemIndex,
		subject: { path, kind: 'folder' },
		// Created meanwhile (another run, or our own attempt whose reply was lost): fine.
		recover: async (failure) => {
			if (!failure.tags.includes('conflict') || !failure.tags.includes('folder')) return undefined;
			createdNow = false;
			return { metadata: await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path }, { itemIndex, subject: { path, kind: 'folder' } }) };
		},
	});
	return [{ json: { ...metadataOutput(result.metadata, 'folder'), created: createdNow } }];
}
