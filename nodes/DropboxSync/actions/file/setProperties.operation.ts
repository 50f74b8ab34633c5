import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { hasErrorTag, inputError } from '../../transport/errors';
import { ensureTemplate } from '../../transport/properties';
import { dropboxRpc } from '../../transport/request';
import { fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel, keyReader } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { getPath } from '../parameters';
import { readProperties, templateNameProperty } from '../../helpers/propertyGroups';
import { optionsCollection } from '../../../shared/optionsCollection';

/** Dropbox limits for custom properties. */
const MAX_FIELDS = 32;
const MAX_NAME_LENGTH = 256;
const MAX_VALUE_LENGTH = 1024;

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file to set properties on' },
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description: 'Name/value pairs to store on the file, e.g. smintio_asset_id',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. smintio_asset_id',
						description: 'Property name (up to 256 characters); it is added to the template when new',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Property value (up to 1,024 characters)',
					},
				],
			},
		],
	},
	templateNameProperty,
	optionsCollection([
		{
			displayName: 'Keep Other Properties',
			name: 'keepOthers',
			type: 'boolean',
			default: true,
			description: 'Whether to keep the properties of the template that are not listed here; if off, they are removed from the file',
		},
		parallelRequestsOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['setProperties'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { label: 'file path' });
	const templateName = String(this.getNodeParameter('templateName', itemIndex, '')).trim();
	if (templateName === '') throw inputError(this.getNode(), itemIndex, 'The template name is empty', 'Give the property template a name, e.g. "n8n Dropbox Sync"');
	const { property = [] } = this.getNodeParameter('properties', itemIndex, {}) as { property?: Array<{ name: string; value: unknown }> };
	const fields = new Map<string, string>();
	for (const entry of property) {
		const name = String(entry.name ?? '').trim();
		const value = entry.value === undefined || entry.value === null ? '' : String(entry.value);
		if (name === '' || name.length > MAX_NAME_LENGTH) {
			throw inputError(this.getNode(), itemIndex, name === '' ? 'A property has no name' : `The property name "${name.slice(0, 40)}…" is too long`, `Give each property a name of 1 to ${MAX_NAME_LENGTH} characters`);
		}
		if (value.length > MAX_VALUE_LENGTH) {
			throw inputError(this.getNode(), itemIndex, `The value of property "${name}" is ${value.length} characters long`, `Dropbox allows at most ${MAX_VALUE_LENGTH} characters per value; shorten it`);
		}
		fields.set(name, value);
	}
	if (fields.size === 0) throw inputError(this.getNode(), itemIndex, 'No properties given', 'Add at least one property with a name and a value');
	if (fields.size > MAX_FIELDS) throw inputError(this.getNode(), itemIndex, `${fields.size} properties given`, `A Dropbox property template holds at most ${MAX_FIELDS} properties`);

	const template = await ensureTemplate(this, templateName, [...fields.keys()], itemIndex);
	const fieldList = [...fields].map(([name, value]) => ({ name, value }));
	const { keepOthers = true } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const subject = { path, kind: 'file' as const };
	// After an overwrite, or an add to a file that had no group of this template, the group holds
	// exactly the fields sent, so reading it back would only cost a call. After an update it also
	// holds the fields kept from before: read them.
	let groupIsExactlySent = true;
	if (keepOthers === false) {
		// Overwrite replaces the whole group: idempotent, so retries are safe.
		await dropboxRpc(this, 'file_properties/properties/overwrite', { path, property_groups: [{ template_id: template.id, fields: fieldList }] }, { itemIndex, subject });
	} else {
		const update = async () => {
			groupIsExactlySent = false;
			return await dropboxRpc(
				this,
				'file_properties/properties/update',
				{ path, update_property_groups: [{ template_id: template.id, add_or_update_fields: fieldList }] },
				{ itemIndex, subject },
			);
		};
		let failure: unknown;
		try {
			await update();
		} catch (error) {
			failure = error;
		}
		if (failure !== undefined) {
			// The file has no group of this template yet: add it (a lost reply of add means it exists: update).
			if (!hasErrorTag(failure, 'property_group_not_found')) throw failure;
			groupIsExactlySent = true;
			await dropboxRpc(this, 'file_properties/properties/add', { path, property_groups: [{ template_id: template.id, fields: fieldList }] }, {
				itemIndex,
				subject,
				recover: async (failure) => (failure.tags.includes('property_group_already_exists') ? await update() : undefined),
			});
		}
	}
	const current = groupIsExactlySent ? Object.fromEntries(fieldList.map(({ name, value }) => [name, value])) : await readProperties.call(this, path, template.id, itemIndex);
	return [{ json: { path, template_id: template.id, templateName, properties: current } }];
}

/**
 * Several items at once (Options > Parallel Requests); output and pairing as one by one. Items
 * for the same file run one after the other in input order (update-or-add is two calls), and
 * ensureTemplate chains concurrent items so the template is created or extended once.
 */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	const fileKey = keyReader((itemIndex) => getPath.call(this, 'file', itemIndex, { label: 'file path' }).toLowerCase());
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex), fileKey);
}
