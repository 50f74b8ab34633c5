import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { relocate, relocateProperties } from '../../helpers/relocate';

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['copy'] } }, relocateProperties('copy'));

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await relocate.call(this, itemIndex, 'copy');
}
