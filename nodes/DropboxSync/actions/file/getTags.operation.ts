import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toPath } from '../../transport/resolve';
import { fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';
import { getPath } from '../parameters';
import { readTags } from '../../helpers/tags';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file (or folder) whose tags to get' },
	optionsCollection([parallelRequestsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['getTags'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = await toPath(this, getPath.call(this, 'file', itemIndex, { label: 'path' }), itemIndex);
	return [{ json: { path, tags: await readTags.call(this, path, itemIndex) } }];
}

/** Several items at once (Options > Parallel Requests); output and pairing as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
