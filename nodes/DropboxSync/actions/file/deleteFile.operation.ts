import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { isRev, metadataOutput } from '../../helpers/metadata';
import { inputError } from '../../transport/errors';
import { dropboxRpc } from '../../transport/request';
import { fileLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file (or folder, with everything in it) to delete. Dropbox keeps deleted files restorable for its retention period.' },
	optionsCollection([
		{
			displayName: 'Only If Rev Is',
			name: 'parentRev',
			type: 'string',
			default: '',
			placeholder: 'e.g. 015f9a2b3c4d5e6f7',
			description: 'Delete only if the file still has this rev, so a newer version someone saved is never deleted by mistake',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['deleteFile'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'path' });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const parentRev = String(options.parentRev ?? '').trim();
	if (parentRev !== '' && !isRev(parentRev)) {
		throw inputError(this.getNode(), itemIndex, `"${parentRev}" is not a Dropbox rev`, 'A rev is the hexadecimal "rev" field of the file\'s metadata, at least 9 characters');
	}
	let lostReply = false;
	const result = await dropboxRpc<{ metadata: DropboxMetadata }>(this, 'files/delete_v2', { path, ...(parentRev ? { parent_rev: parentRev } : {}) }, {
		itemIndex,
		subject: { path, kind: 'item', writeMode: parentRev ? 'update' : undefined, expectedRev: parentRev || undefined },
		// The first attempt deleted it but its reply was lost: the item is gone, as asked.
		recover: async (failure) => {
			if (!failure.tags.includes('not_found')) return undefined;
			lostReply = true;
			return { metadata: { name: path.slice(path.lastIndexOf('/') + 1), path_display: path } };
		},
	});
	return [{ json: { ...metadataOutput(result.metadata), deleted: true, ...(lostReply ? { metadataUnavailable: true } : {}) } }];
}
