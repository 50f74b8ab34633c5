import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { metadataOutput, toDropboxTimestamp } from '../../helpers/metadata';
import { dropboxRpc } from '../../transport/request';
import { fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';
import { getPath } from '../parameters';

/** Dropbox temporary links stop working after four hours. */
const TEMPORARY_LINK_LIFETIME_MS = 4 * 60 * 60 * 1000;

const properties: INodeProperties[] = [
	{
		...fileLocator,
		description: 'The file to link to. The link works without signing in and expires after 4 hours.',
	},
	optionsCollection([parallelRequestsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['getTemporaryLink'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'file path' });
	const requestedAt = Date.now();
	const result = await dropboxRpc<{ link: string; metadata: DropboxMetadata }>(
		this,
		'files/get_temporary_link',
		{ path },
		{ itemIndex, subject: { path, kind: 'file' } },
	);
	return [
		{
			json: {
				link: result.link,
				expiresAt: toDropboxTimestamp(new Date(requestedAt + TEMPORARY_LINK_LIFETIME_MS)),
				...metadataOutput(result.metadata),
			},
		},
	];
}

/** Several items at once (Options > Parallel Requests); output and pairing as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
