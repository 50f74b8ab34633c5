// Pure pieces of File > Search by Property: the values a user gives, the search queries they
// become, and the output item of one match. No n8n needed to test them.

import type { IDataObject } from 'n8n-workflow';

export interface PropertyGroup {
	template_id: string;
	fields: Array<{ name: string; value: string }>;
}

export interface PropertySearchMatch {
	id: string;
	path: string;
	is_deleted: boolean;
	property_groups: PropertyGroup[];
}

/** Dropbox limits the queries of one search; values beyond it are searched in further calls. */
export const MAX_QUERIES_PER_SEARCH = 20;

/**
 * The values to look for: a list, or a comma-separated string ("a-1, a-2"); blanks and
 * duplicates dropped, order kept.
 */
export function parseSearchValues(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.map((entry) => String(entry ?? '')) : String(value ?? '').split(',');
	return [...new Set(raw.map((entry) => entry.trim()).filter((entry) => entry !== ''))];
}

/** The values in groups of at most `size`, one search each. */
export function queryBatches(values: string[], size = MAX_QUERIES_PER_SEARCH): string[][] {
	const batches: string[][] = [];
	for (let start = 0; start < values.length; start += size) batches.push(values.slice(start, start + size));
	return batches;
}

export function searchQueries(field: string, values: string[]) {
	return values.map((query) => ({ query, mode: { '.tag': 'field_name', field_name: field }, logical_operator: { '.tag': 'or_operator' } }));
}

/**
 * One output item: the file's id and path, the properties of the searched template as
 * { name: value } (all groups merged when no template was named), and the raw groups.
 */
export function matchOutput(match: PropertySearchMatch, templateId: string | undefined): IDataObject {
	const groups = templateId ? match.property_groups.filter((group) => group.template_id === templateId) : match.property_groups;
	const properties: Record<string, string> = {};
	for (const group of groups) for (const field of group.fields) properties[field.name] = field.value;
	return { id: match.id, path: match.path, properties, property_groups: groups as unknown as IDataObject[] };
}
