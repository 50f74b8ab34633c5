import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentials } from '../DropboxSync/actions/node.description';
import { searchFolders } from '../DropboxSync/methods/listSearch';
import { catchUp } from './poll/run';
import { sample } from './poll/sample';
import { readSettings } from './poll/settings';
import type { TriggerState } from './poll/state';
import { properties } from './properties';

export class DropboxSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dropbox Sync Trigger',
		name: 'dropboxSyncTrigger',
		icon: { light: 'file:dropboxSyncTrigger.svg', dark: 'file:dropboxSyncTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watching " + ($parameter["folder"].value || "/")}}',
		description: 'Starts the workflow when files are added, changed or deleted in a Dropbox folder',
		defaults: { name: 'Dropbox Sync Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	methods = { listSearch: { searchFolders } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		if (this.getMode() === 'manual') return [await sample(this, settings)];
		const items = await catchUp(this, settings, this.getWorkflowStaticData('node') as TriggerState);
		return items.length > 0 ? [items] : null;
	}
}
