import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties } from './actions/node.description';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';

export class SmintIo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smint.io',
		name: 'smintIo',
		icon: { light: 'file:smintIo.svg', dark: 'file:smintIo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Search, download, upload and file assets in Smint.io, check licence rights and read licensed stock purchases',
		defaults: { name: 'Smint.io' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smintIoOAuth2Api', required: true }],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
