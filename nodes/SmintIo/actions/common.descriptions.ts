// Fields shared by several operations: resource locators for assets, collections and portals,
// binary field names, and the options every Portals operation has.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ClientSettings } from '../transport/client';
import { DEFAULT_TASK_POLL_INTERVAL_MS, DEFAULT_TASK_TIMEOUT_MS, MIN_TASK_POLL_INTERVAL_MS } from '../transport/backgroundTask';
import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS } from '../../shared/parallelItems';

const DEFAULT_TASK_TIMEOUT_SECONDS = DEFAULT_TASK_TIMEOUT_MS / 1000;

const ASSET_ID_REGEX = '^[A-Za-z0-9_.-]+:[a-z][a-z0-9_]*:\\S+$';
const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export function assetLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Asset',
		name: 'asset',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Smint.io asset',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search assets…',
				typeOptions: { searchListMethod: 'searchAssets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 99:image:64257dc3d8b546c0b5175a156848cd55',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ASSET_ID_REGEX,
							errorMessage: 'Not a Smint.io asset ID (three parts separated by colons, e.g. 99:image:64257dc3…)',
						},
					},
				],
			},
		],
		...overrides,
	};
}

export function collectionLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Collection',
		name: 'collection',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Smint.io collection',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search collections…',
				typeOptions: { searchListMethod: 'searchCollections', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2a9c10-5b7e-4d21-9a0c-1e2f3a4b5c6d',
			},
		],
		...overrides,
	};
}

export const portalLocator: INodeProperties = {
	displayName: 'Portal',
	name: 'portal',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The portal to work in. Leave empty to use the credential's Portal UUID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Choose a portal…',
			typeOptions: { searchListMethod: 'searchPortals', searchable: true },
		},
		{
			displayName: 'By UUID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7c3f9a52-4d1e-4b8a-9f2e-6a1d0c5e8b47',
			validation: [{ type: 'regex', properties: { regex: UUID_REGEX, errorMessage: 'Not a portal UUID' } }],
		},
	],
};

export const cultureOption: INodeProperties = {
	displayName: 'Culture',
	name: 'culture',
	type: 'string',
	default: 'en',
	placeholder: 'e.g. de',
	description:
		'Language of localized texts (name, description, tags). Read: this culture, else x-default, else en, else the first one; the raw texts stay in localizedName, localizedDescription and localizedTags. Written: stored under this culture (use x-default to change the fallback every culture sees).',
};

/** Options every Portals operation has (their own options are added before these). */
export const portalsOptions: INodeProperties[] = [
	cultureOption,
	portalLocator,
	{
		displayName: 'Task Poll Interval (Ms)',
		name: 'taskPollIntervalMs',
		type: 'number',
		default: DEFAULT_TASK_POLL_INTERVAL_MS,
		typeOptions: { minValue: MIN_TASK_POLL_INTERVAL_MS },
		description:
			'How often to ask Smint.io whether a background task (downloads, creating assets, …) has finished. Fixed interval, never exponential. Smint.io asks for at least 1000 ms; lower values are for the sandbox.',
	},
	{
		displayName: 'Task Timeout (Seconds)',
		name: 'taskTimeoutSeconds',
		type: 'number',
		default: DEFAULT_TASK_TIMEOUT_SECONDS,
		typeOptions: { minValue: 1 },
		description: 'How long to wait for a background task before giving up (the task may still finish on Smint.io)',
	},
];


/** Options > Parallel Requests of the operations that work on several items at once. */
export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	default: DEFAULT_PARALLEL_REQUESTS,
	typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
	description:
		'How many input items to work on at the same time (1 = one after the other, at most 20). The output keeps the order and pairing of the input either way, and two writes to the same asset (same External ID or asset ID) never run at the same time. Lower it if Smint.io answers with rate limits (429).',
};

/** Options > Download Item of Asset > Download and Get Download Link. */
export const downloadItemOption: INodeProperties = {
	displayName: 'Download Item',
	name: 'downloadItem',
	type: 'string',
	default: 'Original',
	description: 'Which of the download options Smint.io offers for the asset (the itemId of its download groups)',
};

/** The Download Item option's value (empty means the Original). */
export function readDownloadItem(ctx: IExecuteFunctions, itemIndex: number): string {
	return ((ctx.getNodeParameter('options.downloadItem', itemIndex, 'Original') as string) || 'Original').trim();
}

/** Whether the download item is the original file, the one fileMetadata (size, SHA-1) describes. */
export const isOriginalItem = (itemId: string): boolean => itemId.toLowerCase() === 'original';

/** Options for the CLAPI-C operations (no portal, no tasks). */
export const clapiOptions: INodeProperties[] = [];

export const binaryInputField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the input item field that holds the file',
	description: 'Binary field of the input item with the file to send',
};

export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the output item field to put the file in',
	description: 'Binary field of the output item that receives the downloaded file',
};

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export function limitField(maxValue = 1000): INodeProperties {
	return {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	};
}

export const approvalStateOptions = [
	{ name: 'Approved', value: 'approved' },
	{ name: 'Archived', value: 'archived' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'In Review', value: 'in_review' },
	{ name: 'Rejected', value: 'rejected' },
];

export const contentTypeOptions = [
	{ name: 'Audio', value: 'audio' },
	{ name: 'Composite', value: 'composite' },
	{ name: 'Document', value: 'document' },
	{ name: 'Image', value: 'image' },
	{ name: 'Other', value: 'other' },
	{ name: 'Video', value: 'video' },
];

/** Value of a resource locator parameter (or of a plain string given by an expression). */
export function locatorValue(value: unknown): string {
	if (typeof value === 'object' && value !== null && 'value' in value) return String((value as { value: unknown }).value ?? '').trim();
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

/** Client settings from the operation's Options collection. */
export function readSettings(ctx: IExecuteFunctions, itemIndex: number): ClientSettings & { cultureForOutput: string } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const culture = typeof options.culture === 'string' && options.culture.trim() !== '' ? options.culture.trim() : 'en';
	const interval = Number(options.taskPollIntervalMs);
	const timeoutSeconds = Number(options.taskTimeoutSeconds);
	return {
		itemIndex,
		culture,
		cultureForOutput: culture,
		portalUuid: locatorValue(options.portal) || undefined,
		taskPollIntervalMs: Number.isFinite(interval) && interval > 0 ? interval : undefined,
		taskTimeoutMs: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined,
	};
}
