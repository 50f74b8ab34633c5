import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { executeMembership, membershipProperties } from '../../helpers/collectionMembership';

export const description = updateDisplayOptions(
	{ show: { resource: ['collection'], operation: ['removeAssets'] } },
	membershipProperties('remove'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await executeMembership(this, itemIndex, 'remove');
}
