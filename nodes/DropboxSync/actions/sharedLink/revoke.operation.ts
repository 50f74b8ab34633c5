import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../transport/errors';
import { dropboxRpc } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Link URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://www.dropbox.com/scl/fi/abc123/poster.jpg?rlkey=xyz',
		description: 'The shared link to revoke, as returned in the URL field of Create or List',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['sharedLink'], operation: ['revoke'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const url = String(this.getNodeParameter('url', itemIndex, '') ?? '').trim();
	if (!/^https?:\/\/\S+$/i.test(url)) {
		throw inputError(this.getNode(), itemIndex, url === '' ? 'The link URL is empty' : `"${url}" is not a link URL`, 'Pass the "url" of a shared link, as returned by Shared Link > Create or List');
	}
	await dropboxRpc(this, 'sharing/revoke_shared_link', { url }, {
		itemIndex,
		subject: { url },
		// The first attempt revoked it but its reply was lost: the link is gone, as asked.
		recover: async (failure) => (failure.tags.includes('shared_link_not_found') ? null : undefined),
	});
	return [{ json: { url, revoked: true } }];
}
