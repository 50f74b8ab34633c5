import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SmintIoClient } from '../../transport/client';
import { portalsOptions, readSettings } from '../common.descriptions';
import { readRights, sourceProperties } from '../../helpers/rightsSource';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	...sourceProperties,
	optionsCollection([...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['rights'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { rights } = await readRights(this, itemIndex, async () => await SmintIoClient.create(this, readSettings(this, itemIndex)));
	return [{ json: rights as unknown as IDataObject }];
}
