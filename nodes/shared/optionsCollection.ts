import type { INodeProperties } from 'n8n-workflow';

/** The "Options" collection every operation and trigger offers, with its own options inside. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
