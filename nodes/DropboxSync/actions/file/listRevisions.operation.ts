import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { metadataOutput } from '../../helpers/metadata';
import { dropboxRpc } from '../../transport/request';
import { fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';
import { getPath } from '../parameters';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file whose revisions to list, newest first' },
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'Max number of results to return',
	},
	optionsCollection([parallelRequestsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['listRevisions'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'file path' });
	const limit = Math.min(100, Math.max(1, Math.floor(this.getNodeParameter('limit', itemIndex, 10) as number)));
	const result = await dropboxRpc<{ is_deleted: boolean; server_deleted?: string; entries: DropboxMetadata[] }>(
		this,
		'files/list_revisions',
		{ path, mode: path.startsWith('id:') ? 'id' : 'path', limit },
		{ itemIndex, subject: { path, kind: 'file' } },
	);
	return result.entries.map((entry, index) => ({
		json: {
			...metadataOutput(entry),
			isLatest: index === 0 && !result.is_deleted,
			fileIsDeleted: result.is_deleted,
			...(result.server_deleted ? { server_deleted: result.server_deleted } : {}),
		},
	}));
}

/** Several items at once (Options > Parallel Requests); output and pairing as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
