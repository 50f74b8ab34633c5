// Asset fields users set on Upload and Update Metadata: descriptions and readers.
import type { INodeProperties } from 'n8n-workflow';
import type { AssetChanges } from './assetUpdate';
import { withUsage } from './assetUpdate';
import { InputError } from './inputError';
import { collectionId, isoDate, jsonInput, tagList, usageEntries } from './input';
import { approvalStateOptions, collectionLocator, locatorValue } from '../actions/common.descriptions';

const approvalState: INodeProperties = {
	displayName: 'Approval State',
	name: 'approvalState',
	type: 'options',
	options: approvalStateOptions,
	default: 'draft',
	description: 'Where the asset stands in the review workflow',
};

const collections: INodeProperties = {
	displayName: 'Collections',
	name: 'collections',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Collection',
	description: 'Collections the asset belongs to',
	options: [
		{
			displayName: 'Collection',
			name: 'collection',
			values: [collectionLocator({ name: 'collection', description: 'A collection the asset belongs to' })],
		},
	],
};

const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Description of the asset, in the culture chosen under Options',
};

const metadata: INodeProperties = {
	displayName: 'Metadata (JSON)',
	name: 'metadata',
	type: 'json',
	default: '{}',
	placeholder: '{"campaign": "Launch 2027", "market": "DE", "channel": "social"}',
	description: 'Free key/value metadata as a JSON object',
};

const publishFrom: INodeProperties = {
	displayName: 'Publish From',
	name: 'publishFrom',
	type: 'dateTime',
	default: '',
	description: 'When the asset becomes visible (yyyy-mm-dd or ISO 8601)',
};

const publishUntil: INodeProperties = {
	displayName: 'Publish Until',
	name: 'publishUntil',
	type: 'dateTime',
	default: '',
	description: 'When the asset stops being visible (yyyy-mm-dd or ISO 8601)',
};

const rights: INodeProperties = {
	displayName: 'Rights (JSON)',
	name: 'rights',
	type: 'json',
	default: '{}',
	placeholder: '{"licenseType": "royalty_free", "copyrightNotice": {"en": "© Northwind"}, "licenseTerms": []}',
	description:
		'The asset\'s rights object: licenseType, copyrightNotice, releaseDetails {modelReleaseState, propertyReleaseState}, licenseTerms (CLAPI-C term fields in camelCase), isEditorialUse',
};

const tags: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. summer, shoes, social',
	description: 'Tags separated by commas, in the culture chosen under Options',
};

const usageHistory: INodeProperties = {
	displayName: 'Usage History (JSON)',
	name: 'usageHistory',
	type: 'json',
	default: '[]',
	placeholder: '[{"at": "2026-07-15T10:00:00Z", "channel": "web", "target": "https://northwind.example/sale", "by": "alex@northwind.example"}]',
	description:
		'Where and when the asset was used: a list of {at, channel, target, by}. The entries are added to the asset\'s usage history; one it already has (same at, channel and target) is not added again, and existing entries stay.',
};

/** Upload > Additional Fields. */
export const createFields: INodeProperties[] = [
	{ ...approvalState },
	collections,
	descriptionField,
	metadata,
	publishFrom,
	publishUntil,
	rights,
	tags,
	usageHistory,
];

/** Update Metadata > Update Fields. */
export const updateFields: INodeProperties[] = [
	{ ...approvalState, default: 'approved' },
	descriptionField,
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'Reference to the asset in the source system (e.g. dropbox:{file ID})',
	},
	metadata,
	{
		displayName: 'Metadata Keys to Remove',
		name: 'metadataKeysToRemove',
		type: 'string',
		default: '',
		placeholder: 'e.g. draftNote, reviewer',
		description: 'Metadata keys to delete, separated by commas',
	},
	{
		displayName: 'Metadata Mode',
		name: 'metadataMode',
		type: 'options',
		options: [
			{ name: 'Merge', value: 'merge', description: 'Set the given keys and keep all others' },
			{ name: 'Replace', value: 'replace', description: 'The given object becomes the whole metadata' },
		],
		default: 'merge',
		description: 'How Metadata (JSON) is applied',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Name of the asset, in the culture chosen under Options',
	},
	publishFrom,
	publishUntil,
	rights,
	{ ...tags, displayName: 'Tags (Replace)', description: "Replace the culture's tags with these (comma-separated)" },
	{
		displayName: 'Tags to Add',
		name: 'tagsToAdd',
		type: 'string',
		default: '',
		placeholder: 'e.g. approved, q3',
		description: 'Tags to add, separated by commas (existing ones stay)',
	},
	{
		displayName: 'Tags to Remove',
		name: 'tagsToRemove',
		type: 'string',
		default: '',
		placeholder: 'e.g. draft',
		description: 'Tags to remove, separated by commas',
	},
	usageHistory,
];

function has(fields: Record<string, unknown>, key: string): boolean {
	return fields[key] !== undefined && fields[key] !== null && fields[key] !== '';
}

function jsonObject(value: unknown, field: string): Record<string, unknown> {
	return jsonInput(value, field, 'object') as Record<string, unknown>;
}

/** Collection ids from the Collections fixed collection (or a list given by an expression). */
export function readCollections(value: unknown): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'object' && Array.isArray((value as { collection?: unknown }).collection)) {
		entries = ((value as { collection: Array<{ collection?: unknown }> }).collection ?? []).map((entry) => entry.collection);
	} else if (typeof value === 'string') entries = value.split(',');
	else return undefined;
	const ids: string[] = [];
	for (const entry of entries) {
		const id = locatorValue(entry);
		if (id === '') continue;
		collectionId(id, 'Collections');
		if (!ids.includes(id)) ids.push(id);
	}
	return ids;
}

/** createAssetAsync parameters from Upload's fields. */
export function readCreateParams(
	fields: Record<string, unknown>,
	base: { name: string; culture: string; uploadedFileUuid?: string; externalId?: string },
): Record<string, unknown> {
	const localized = (text: string) => (base.culture === 'x-default' ? { 'x-default': text } : { 'x-default': text, [base.culture]: text });
	const params: Record<string, unknown> = { name: localized(base.name) };
	if (base.uploadedFileUuid) params.uploadedFileUuid = base.uploadedFileUuid;
	if (base.externalId) params.externalId = base.externalId;
	if (has(fields, 'description')) params.description = localized(String(fields.description));
	if (has(fields, 'tags')) params.localizedTags = { [base.culture]: tagList(fields.tags) };
	if (has(fields, 'metadata')) params.metadata = jsonObject(fields.metadata, 'Metadata (JSON)');
	if (has(fields, 'rights')) {
		const value = jsonObject(fields.rights, 'Rights (JSON)');
		if (Object.keys(value).length > 0) params.rights = value;
	}
	if (has(fields, 'approvalState')) params.approvalState = String(fields.approvalState);
	const collectionIds = readCollections(fields.collections);
	if (collectionIds && collectionIds.length > 0) params.collectionIds = collectionIds;
	if (has(fields, 'publishFrom')) params.publishFrom = isoDate(fields.publishFrom, 'Publish From');
	if (has(fields, 'publishUntil')) params.publishUntil = isoDate(fields.publishUntil, 'Publish Until');
	if (has(fields, 'usageHistory')) {
		const entries = withUsage([], usageEntries(fields.usageHistory, 'Usage History (JSON)'));
		if (entries.length > 0) params.usageHistory = entries;
	}
	return params;
}

/** The same fields as changes to an existing asset (Upload with "Update Metadata", Update Metadata). */
export function readChanges(fields: Record<string, unknown>, culture: string, name?: string): AssetChanges {
	const changes: AssetChanges = { culture };
	if (name !== undefined && name !== '') changes.name = name;
	else if (has(fields, 'name')) changes.name = String(fields.name);
	if (has(fields, 'description')) changes.description = String(fields.description);
	if (has(fields, 'tags')) changes.tags = tagList(fields.tags);
	if (has(fields, 'tagsToAdd')) changes.tagsToAdd = tagList(fields.tagsToAdd);
	if (has(fields, 'tagsToRemove')) changes.tagsToRemove = tagList(fields.tagsToRemove);
	if (has(fields, 'metadata')) {
		const value = jsonObject(fields.metadata, 'Metadata (JSON)');
		if (Object.keys(value).length > 0 || fields.metadataMode === 'replace') changes.metadata = value;
	}
	if (has(fields, 'metadataMode')) {
		const mode = String(fields.metadataMode);
		if (mode !== 'merge' && mode !== 'replace') throw new InputError(`Metadata Mode '${mode}' is not known`, 'Use merge or replace');
		changes.metadataMode = mode;
	}
	if (has(fields, 'metadataKeysToRemove')) changes.metadataKeysToRemove = tagList(fields.metadataKeysToRemove);
	if (has(fields, 'rights')) {
		const value = jsonObject(fields.rights, 'Rights (JSON)');
		if (Object.keys(value).length > 0) changes.rights = value;
	}
	if (has(fields, 'approvalState')) changes.approvalState = String(fields.approvalState);
	if (has(fields, 'externalId')) changes.externalId = String(fields.externalId).trim();
	if (has(fields, 'publishFrom')) changes.publishFrom = isoDate(fields.publishFrom, 'Publish From');
	if (has(fields, 'publishUntil')) changes.publishUntil = isoDate(fields.publishUntil, 'Publish Until');
	const collectionIds = readCollections(fields.collections);
	if (collectionIds && collectionIds.length > 0) changes.collectionIdsToAdd = collectionIds;
	if (has(fields, 'usageHistory')) {
		const entries = usageEntries(fields.usageHistory, 'Usage History (JSON)');
		if (entries.length > 0) changes.usageHistoryToAdd = entries;
	}
	return changes;
}
