// Custom Method: any Portals `Interface.method` with JSON parameters; the result is parsed
// from the background task. The escape hatch for tenants whose method names differ from ours.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { jsonInput, methodName } from '../../helpers/input';
import { clientFor } from '../clientForItem';
import { portalsOptions } from '../common.descriptions';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{
		displayName: 'Interface',
		name: 'interfaceName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. IAssetsSearch',
		description: 'The Portals API interface, e.g. IAssetsRead, IAssetsSearch, ICollectionsSearch',
	},
	{
		displayName: 'Method',
		name: 'methodName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. searchAssetsAsync',
		description: 'The method of that interface, e.g. getAssetAsync',
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'parameters',
		type: 'json',
		default: '{}',
		placeholder: '{"assetId": {"ID": "99:image:64257dc3…"}}',
		description: 'The method\'s parameter object (camelCase). Empty or {} with "Send No Parameters" sends [].',
	},
	optionsCollection([
		{
			displayName: 'Send No Parameters',
			name: 'sendNoParameters',
			type: 'boolean',
			default: false,
			description: 'Whether to send an empty body ([]) instead of the parameter object, for methods that take none',
		},
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['customMethod'], operation: ['call'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { iface, method } = methodName(this.getNodeParameter('interfaceName', itemIndex), this.getNodeParameter('methodName', itemIndex));
	const params = jsonInput(this.getNodeParameter('parameters', itemIndex, '{}'), 'Parameters (JSON)', 'object') as IDataObject;
	const sendNone = this.getNodeParameter('options.sendNoParameters', itemIndex, false) as boolean;
	const { client } = await clientFor(this, itemIndex);
	const result = await client.call<unknown>(
		{ interface: iface, method, tag: 'public', longRunning: false },
		sendNone ? undefined : params,
		{ label: `${iface}.${method}` },
	);
	const json: IDataObject =
		typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as IDataObject) : { result: result as IDataObject };
	return [{ json }];
}
