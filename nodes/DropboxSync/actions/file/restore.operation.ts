import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { isRev, metadataOutput } from '../../helpers/metadata';
import { inputError } from '../../transport/errors';
import { dropboxRpc } from '../../transport/request';
import { fileLocator } from '../common.descriptions';
import { getPath } from '../parameters';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file to restore (it may be deleted)' },
	{
		displayName: 'Revision',
		name: 'rev',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 015f9a2b3c4d5e6f7',
		description: 'The rev to restore, from List Revisions. The restored content becomes a new revision; nothing is lost.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['restore'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'file path', allowIds: false });
	const rev = String(this.getNodeParameter('rev', itemIndex, '')).trim();
	if (!isRev(rev)) {
		throw inputError(this.getNode(), itemIndex, `"${rev}" is not a Dropbox rev`, 'Use the "rev" field of an entry returned by List Revisions (hexadecimal, at least 9 characters)');
	}
	const metadata = await dropboxRpc<DropboxMetadata>(this, 'files/restore', { path, rev }, { itemIndex, subject: { path, kind: 'file' } });
	return [{ json: metadataOutput(metadata) }];
}
