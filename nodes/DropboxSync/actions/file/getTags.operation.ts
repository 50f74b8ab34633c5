import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toPath } from '../../transport/resolve';
import { fileLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { readTags } from '../../helpers/tags';

const properties: INodeProperties[] = [{ ...fileLocator, description: 'The file (or folder) whose tags to get' }];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['getTags'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = await toPath(this, getPath.call(this, 'file', itemIndex, { label: 'path' }), itemIndex);
	return [{ json: { path, tags: await readTags.call(this, path, itemIndex) } }];
}
