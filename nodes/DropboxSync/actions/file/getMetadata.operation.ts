import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { metadataOutput } from '../../helpers/metadata';
import { dropboxRpc } from '../../transport/request';
import { fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { getPath } from '../parameters';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file (or folder) whose metadata to get' },
	optionsCollection([
		{
			displayName: 'Include Deleted',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to return the metadata of a deleted item (type "deleted") instead of failing',
		},
		parallelRequestsOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['getMetadata'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { allowRev: true, label: 'file path' });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const metadata = await dropboxRpc<DropboxMetadata>(
		this,
		'files/get_metadata',
		{ path, include_deleted: options.includeDeleted === true },
		{ itemIndex, subject: { path, kind: 'item' } },
	);
	return [{ json: metadataOutput(metadata) }];
}

/** Several items at once (Options > Parallel Requests); output and pairing as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
