import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentials } from '../DropboxSync/actions/node.description';
import { searchFolders } from '../DropboxSync/methods/listSearch';
import { properties } from './properties';
import { checkExists, create, remove } from './webhook/lifecycle';
import { receive } from './webhook/receive';
import { startSafetyPoll } from './webhook/safetyPoll';

export class DropboxSyncWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dropbox Sync Webhook Trigger',
		name: 'dropboxSyncWebhookTrigger',
		icon: { light: 'file:../DropboxSyncTrigger/dropboxSyncTrigger.svg', dark: 'file:../DropboxSyncTrigger/dropboxSyncTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watching " + ($parameter["folder"].value || "/")}}',
		description: 'Starts the workflow within seconds when files are added, changed or deleted in a Dropbox folder (Dropbox webhooks, with a safety poll)',
		defaults: { name: 'Dropbox Sync Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'dropbox' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'dropbox' },
		],
		properties,
	};

	methods = { listSearch: { searchFolders } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startSafetyPoll(this);
	}
}
