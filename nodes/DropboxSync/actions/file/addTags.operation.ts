import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toPath } from '../../transport/resolve';
import { dropboxRpc } from '../../transport/request';
import { fileLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { getTags, readTags, tagsProperty } from '../../helpers/tags';

const properties: INodeProperties[] = [{ ...fileLocator, description: 'The file (or folder) to tag' }, tagsProperty];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['addTags'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = await toPath(this, getPath.call(this, 'file', itemIndex, { label: 'path' }), itemIndex);
	const tags = getTags.call(this, itemIndex);
	// Adding a tag that is already there is a no-op for Dropbox, so retries are harmless.
	for (const tag of tags) {
		await dropboxRpc(this, 'files/tags/add', { path, tag_text: tag }, { itemIndex, subject: { path, kind: 'item' } });
	}
	return [{ json: { path, added: tags, tags: await readTags.call(this, path, itemIndex) } }];
}
