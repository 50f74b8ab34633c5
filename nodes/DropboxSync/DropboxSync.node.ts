import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentials, properties } from './actions/node.description';
import { router } from './actions/router';
import { listSearch } from './methods';

export class DropboxSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dropbox Sync',
		name: 'dropboxSync',
		icon: { light: 'file:dropboxSync.svg', dark: 'file:dropboxSync.dark.svg' },
		group: ['input', 'output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upload files of any size, download, organize, tag and share files in Dropbox',
		defaults: { name: 'Dropbox Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
