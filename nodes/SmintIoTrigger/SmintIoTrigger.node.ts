import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { searchCollections, searchPortals } from '../SmintIo/methods/listSearch';
import { properties } from './properties';
import { runPoll } from './poll/run';

export class SmintIoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smint.io Trigger',
		name: 'smintIoTrigger',
		icon: { light: 'file:../SmintIo/smintIo.svg', dark: 'file:../SmintIo/smintIo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when assets are created, updated, approved, deleted or filed in Smint.io, or licences are purchased',
		defaults: { name: 'Smint.io Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smintIoOAuth2Api', required: true }],
		properties,
	};

	methods = { listSearch: { searchCollections, searchPortals } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runPoll(this);
	}
}
