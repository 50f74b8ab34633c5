// Parameters of the Smint.io Trigger.
import type { INodeProperties } from 'n8n-workflow';
import { collectionLocator } from '../SmintIo/actions/common.descriptions';
import { optionsCollection } from '../shared/optionsCollection';

export const properties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['assetApproved'],
		options: [
			{ name: 'Asset Approved', value: 'assetApproved', description: 'An asset moved into the approved state' },
			{ name: 'Asset Created', value: 'assetCreated', description: 'A new asset appeared in the library' },
			{
				name: 'Asset Deleted or Archived',
				value: 'assetDeletedOrArchived',
				description: 'An asset was deleted (event assetDeleted) or moved to archived (event assetArchived)',
			},
			{ name: 'Asset Updated', value: 'assetUpdated', description: "A new version of the asset's file, or changed metadata" },
			{
				name: 'Assets Added to Collection',
				value: 'assetsAddedToCollection',
				description: 'Assets were added to the collection chosen below (one item per asset)',
			},
			{
				name: 'Licence Purchased or Changed',
				value: 'licencePurchasedOrChanged',
				description: 'A licensed stock purchase arrived or changed (CLAPI-C): cancelled, new file version, licence edited',
			},
		],
		description: 'Which changes start the workflow. Each change is emitted once; the item\'s "event" field says which it was.',
	},
	collectionLocator({
		description: 'The collection to watch for added assets',
		displayOptions: { show: { events: ['assetsAddedToCollection'] } },
	}),
	optionsCollection([
		{
			displayName: 'Completed Purchases Only',
			name: 'completedOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out licence purchases that are not completed (in progress, failed, cancelled)',
		},
		{
			displayName: 'Culture',
			name: 'culture',
			type: 'string',
			default: 'en',
			description: 'Language of the name, description and tags in the output (then x-default, then en); the raw texts stay in localizedName, localizedDescription and localizedTags',
		},
		{
			displayName: 'Include Existing',
			name: 'includeExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether the first poll after activation also emits what the feeds still hold from before (otherwise the trigger starts from now)',
		},
		{
			displayName: 'Max Events per Poll',
			name: 'maxEventsPerPoll',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 1 },
			description: 'Stop reading after this many changes (at a page boundary); the rest comes with the next poll',
		},
		{
			displayName: 'Portal',
			name: 'portal',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description: "The portal to watch. Leave empty to use the credential's Portal UUID.",
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchPortals', searchable: true },
				},
				{ displayName: 'By UUID', name: 'id', type: 'string', placeholder: 'e.g. 7c3f9a52-4d1e-4b8a-9f2e-6a1d0c5e8b47' },
			],
		},
		{
			displayName: 'Syncable Purchases Only',
			name: 'syncableOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out licence purchases whose files may not be synced (can_be_synced false)',
		},
		{
			displayName: 'Task Poll Interval (Ms)',
			name: 'taskPollIntervalMs',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 10 },
			description: 'How often to ask whether a Smint.io background task has finished (fixed interval; Smint.io asks for at least 1000 ms)',
		},
		{
			displayName: 'Task Timeout (Seconds)',
			name: 'taskTimeoutSeconds',
			type: 'number',
			default: 300,
			typeOptions: { minValue: 1 },
			description: 'How long to wait for a background task before giving up',
		},
	]),
];
