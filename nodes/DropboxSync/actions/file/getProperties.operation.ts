import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { lookupTemplate } from '../../transport/properties';
import { cachedMetadata } from '../../transport/resolve';
import { fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { optionsCollection } from '../../../shared/optionsCollection';
import { getPath } from '../parameters';
import { readProperties, templateNameProperty } from '../../helpers/propertyGroups';

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file whose properties to get' },
	templateNameProperty,
	optionsCollection([parallelRequestsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['getProperties'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'file path' });
	const templateName = String(this.getNodeParameter('templateName', itemIndex, '')).trim();
	const template = templateName === '' ? undefined : await lookupTemplate(this, templateName, itemIndex);
	if (!template) {
		// No template yet means no file has these properties; still check that the file exists.
		await cachedMetadata(this, path, itemIndex, 'file');
		return [{ json: { path, templateName, template_id: null, properties: {} } }];
	}
	return [{ json: { path, templateName, template_id: template.id, properties: await readProperties.call(this, path, template.id, itemIndex) } }];
}

/** Several items at once (Options > Parallel Requests); output and pairing as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
