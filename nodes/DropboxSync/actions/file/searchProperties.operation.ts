import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DropboxMetadata } from '../../helpers/metadata';
import { metadataOutput } from '../../helpers/metadata';
import { matchOutput, parseSearchValues, queryBatches, searchQueries } from '../../helpers/propertySearch';
import { lookupTemplate } from '../../transport/properties';
import { propertySearchPages } from '../../transport/propertySearch';
import { dropboxRpc } from '../../transport/request';
import { templateNameProperty } from '../../helpers/propertyGroups';
import { optionsCollection } from '../../../shared/optionsCollection';
import { returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		...templateNameProperty,
		description: 'Only properties of this template are searched and returned. Empty: every template of the account. A template that does not exist yet finds nothing.',
	},
	{
		displayName: 'Property Name',
		name: 'propertyName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'smintio_asset_id',
		description: 'The property whose value is searched (exact name, as Set Properties wrote it)',
	},
	{
		displayName: 'Values',
		name: 'values',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. a-1001, a-1002',
		description: 'A file matches when the property has exactly one of these values (comma-separated, or a list from an expression). Dropbox compares whole values, case-sensitively.',
	},
	...returnAllAndLimit,
	optionsCollection([
		{
			displayName: 'Include Metadata',
			name: 'includeMetadata',
			type: 'boolean',
			default: false,
			description: 'Whether to add each file\'s metadata (rev, content_hash, size, server_modified) under `metadata`; one more call per file',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['searchProperties'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const field = String(this.getNodeParameter('propertyName', itemIndex, '')).trim();
	if (field === '') {
		throw new NodeOperationError(this.getNode(), 'Property Name is empty', {
			itemIndex,
			description: 'Name the property to search, e.g. smintio_asset_id',
		});
	}
	const values = parseSearchValues(this.getNodeParameter('values', itemIndex, ''));
	if (values.length === 0) {
		throw new NodeOperationError(this.getNode(), `No value to search for in property "${field}"`, {
			itemIndex,
			description: 'Give one or more values, comma-separated or as a list',
		});
	}
	const templateName = String(this.getNodeParameter('templateName', itemIndex, '')).trim();
	const template = templateName === '' ? undefined : await lookupTemplate(this, templateName, itemIndex);
	// A named template that does not exist yet: no file can carry its properties.
	if (templateName !== '' && !template) return [];
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : Math.max(1, Math.floor(this.getNodeParameter('limit', itemIndex, 50) as number));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const results: INodeExecutionData[] = [];
	const seen = new Set<string>();
	search: for (const batch of queryBatches(values)) {
		const arg = {
			queries: searchQueries(field, batch),
			template_filter: template ? { '.tag': 'filter_some' as const, filter_some: [template.id] } : { '.tag': 'filter_none' as const },
		};
		for await (const page of propertySearchPages(this, arg, itemIndex)) {
			for (const match of page.matches) {
				if (results.length >= limit) break search;
				// A file matching values of two batches is returned once.
				if (match.is_deleted || seen.has(match.id)) continue;
				seen.add(match.id);
				const json = matchOutput(match, template?.id);
				if (options.includeMetadata === true) {
					const metadata = await dropboxRpc<DropboxMetadata>(this, 'files/get_metadata', { path: match.id }, { itemIndex, subject: { path: match.path, kind: 'file' } });
					json.metadata = metadataOutput(metadata);
				}
				results.push({ json });
			}
			// Stop before asking for a page nobody needs.
			if (results.length >= limit) break search;
		}
	}
	return results;
}
