import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { hasErrorTag } from '../../transport/errors';
import { toPath } from '../../transport/resolve';
import { dropboxRpc } from '../../transport/request';
import { fileLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { getTags, readTags, tagsProperty } from '../../helpers/tags';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file (or folder) to remove tags from' },
	tagsProperty,
	optionsCollection([
		{
			displayName: 'Fail If Tag Is Missing',
			name: 'failIfMissing',
			type: 'boolean',
			default: false,
			description: 'Whether to fail when a tag is not on the item; by default such tags are skipped',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['removeTags'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = await toPath(this, getPath.call(this, 'file', itemIndex, { label: 'path' }), itemIndex);
	const tags = getTags.call(this, itemIndex);
	const { failIfMissing } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const removed: string[] = [];
	const notPresent: string[] = [];
	for (const tag of tags) {
		let failure: unknown;
		try {
			await dropboxRpc(this, 'files/tags/remove', { path, tag_text: tag }, {
				itemIndex,
				subject: { path, kind: 'item' },
				// A lost reply after the removal: the tag is gone, as asked.
				recover: async (lost) => (lost.tags.includes('tag_not_present') ? null : undefined),
			});
			removed.push(tag);
			continue;
		} catch (error) {
			failure = error;
		}
		if (failIfMissing === true || !hasErrorTag(failure, 'tag_not_present')) throw failure;
		notPresent.push(tag);
	}
	return [{ json: { path, removed, notPresent, tags: await readTags.call(this, path, itemIndex) } }];
}
