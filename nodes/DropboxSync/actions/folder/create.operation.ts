import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { metadataOutput } from '../../helpers/metadata';
import { dropboxRpc } from '../../transport/request';
import { newFolderLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	newFolderLocator,
	optionsCollection([
		{
			displayName: 'Autorename',
			name: 'autorename',
			type: 'boolean',
			default: false,
			description: 'Whether to add a number to the name ("Finals (1)") when the folder exists, instead of failing',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['folder'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'folderPath', itemIndex, { label: 'folder path', allowIds: false });
	const { autorename } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let existedAlready = false;
	const result = await dropboxRpc<{ metadata: DropboxMetadata }>(this, 'files/create_folder_v2', { path, autorename: autorename === true }, {
		itemIndex,
		subject: { path, kind: 'folder' },
		// The first attempt created it but its reply was lost: the folder is there, as asked.
		recover: async (failure) => {
			if (autorename === true || !failure.tags.includes('conflict') || !failure.tags.includes('folder')) return undefined;
			existedAlready = true;
			return { metadata: await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path }, { itemIndex, subject: { path, kind: 'folder' } }) };
		},
	});
	return [{ json: { ...metadataOutput(result.metadata, 'folder'), created: !existedAlready } }];
}
