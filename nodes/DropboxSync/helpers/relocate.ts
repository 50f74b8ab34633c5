// Copy and move share their parameters and their recovery after a lost reply.

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DropboxMetadata } from './metadata';
import { metadataOutput } from './metadata';
import { baseName, joinPath } from './paths';
import { dropboxRpc } from '../transport/request';
import { toPath as pathOf } from '../transport/resolve';
import { fileLocator, folderLocator } from '../actions/common.descriptions';
import { getName, getPath } from '../actions/parameters';
import { optionsCollection } from '../../shared/optionsCollection';

export function relocateProperties(verb: 'copy' | 'move'): INodeProperties[] {
	return [
		{ ...fileLocator, description: `The file (or folder) to ${verb}` },
		{
			...folderLocator,
			displayName: 'Destination Folder',
			name: 'destinationFolder',
			description: `The folder to ${verb} it into; "/" is the root`,
		},
		{
			displayName: 'New Name',
			name: 'newName',
			type: 'string',
			default: '',
			placeholder: 'e.g. poster-final.jpg',
			description: 'Name at the destination; leave empty to keep the current name',
		},
		optionsCollection([
			{
				displayName: 'Autorename',
				name: 'autorename',
				type: 'boolean',
				default: false,
				description: 'Whether to add a number to the name ("poster (1).jpg") when something already has that name, instead of failing',
			},
		]),
	];
}

export async function relocate(this: IExecuteFunctions, itemIndex: number, verb: 'copy' | 'move'): Promise<INodeExecutionData[]> {
	const fromPath = getPath.call(this, 'file', itemIndex, { label: 'source path' });
	const folder = getPath.call(this, 'destinationFolder', itemIndex, { allowRoot: true, label: 'destination folder' });
	const newName = String(this.getNodeParameter('newName', itemIndex, '') ?? '').trim();
	let name: string;
	if (newName !== '') {
		name = getName.call(this, 'newName', itemIndex, 'new name');
	} else if (fromPath.startsWith('/')) {
		name = baseName(fromPath);
	} else {
		// An id gives no name: look it up so the item keeps its name.
		const source = await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path: fromPath }, { itemIndex, subject: { path: fromPath, kind: 'item' } });
		name = source.name;
	}
	const toPath = joinPath(/^(id|ns):/.test(folder) ? await pathOf(this, folder, itemIndex) : folder, name);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const result = await dropboxRpc<{ metadata: DropboxMetadata }>(
		this,
		verb === 'copy' ? 'files/copy_v2' : 'files/move_v2',
		{ from_path: fromPath, to_path: toPath, autorename: options.autorename === true },
		{
			itemIndex,
			subject: { path: fromPath, toPath, kind: 'item' },
			// A lost reply means the first attempt may have done it: then the source is gone (move)
			// or the destination is taken (copy). If the destination holds the item, that is success.
			recover: async (failure) => {
				const done = verb === 'move' ? failure.tags.includes('from_lookup') : failure.tags.includes('conflict');
				if (!done) return undefined;
				const metadata = await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path: toPath }, { itemIndex, subject: { path: toPath, kind: 'item' } });
				return { metadata };
			},
		},
	);
	return [{ json: { ...metadataOutput(result.metadata), from_path: fromPath } }];
}
