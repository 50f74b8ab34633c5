import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dropboxRpc } from '../../transport/request';
import { fileLocator, returnAllAndLimit } from '../common.descriptions';
import { getPath } from '../parameters';
import type { SharedLinkMetadata } from '../../helpers/sharedLinks';
import { linkOutput } from '../../helpers/sharedLinks';

const properties: INodeProperties[] = [
	{
		displayName: 'Links Of',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'All Items', value: 'all', description: "Every shared link of the account" },
			{ name: 'One File or Folder', value: 'path', description: 'Only the links of one item' },
		],
		default: 'path',
		description: 'Whose shared links to list',
	},
	{
		...fileLocator,
		displayName: 'File or Folder',
		description: 'The item whose links to list',
		displayOptions: { show: { scope: ['path'] } },
	},
	{
		displayName: 'Direct Links Only',
		name: 'directOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out links to the folders above the item (which also give access to it)',
		displayOptions: { show: { scope: ['path'] } },
	},
	...returnAllAndLimit,
];

export const description = updateDisplayOptions({ show: { resource: ['sharedLink'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'path');
	const path = scope === 'path' ? getPath.call(this, 'file', itemIndex, { label: 'path' }) : undefined;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : Math.max(1, Math.floor(this.getNodeParameter('limit', itemIndex, 50) as number));
	const results: INodeExecutionData[] = [];
	let arg: Record<string, unknown> = path === undefined ? {} : { path, direct_only: this.getNodeParameter('directOnly', itemIndex, true) === true };
	for (;;) {
		const page = await dropboxRpc<{ links: SharedLinkMetadata[]; has_more: boolean; cursor?: string }>(this, 'sharing/list_shared_links', arg, {
			itemIndex,
			subject: { path, kind: 'item' },
		});
		for (const link of page.links) {
			if (results.length >= limit) break;
			results.push({ json: linkOutput(link) });
		}
		if (results.length >= limit || !page.has_more || !page.cursor) break;
		arg = { cursor: page.cursor };
	}
	return results;
}
