'use strict';
// Asset search behind IAssetsSearch.searchAssetsAsync.
//
// Query string: whitespace-separated terms, all of which must occur (case-insensitive) in the
// asset's names, descriptions, tags, file name, external id or metadata values; "*" or empty
// matches everything.
//
// Filters use the public filter-value shape
//   currentFilters: { values: [ { id, dataType: "string" | "string_array", stringValue?, stringArrayValue? } ] }
// with these filter ids (values of one filter are OR-ed, filters are AND-ed):
//   contentType     image | document | video | audio | other | composite
//   approvalState   draft | in_review | approved | rejected | archived
//   collectionId    direct members of the collection(s)
//   externalId      exact match
//   modifiedSince   ISO-8601 date-time; modifiedAt >= value (string only)
//   metadata.<key>  exact match on a metadata value (array values match any element)
// Results are ordered by createdAt descending, then id; pages are 0-based.

const { liveAssets, assetView } = require('./assets');
const { getCollection } = require('./collections');
const { argumentInvalid } = require('../errors');
const { isPlainObject } = require('./validate');

const FILTER_IDS = ['contentType', 'approvalState', 'collectionId', 'externalId', 'modifiedSince'];

function collectText(value, out) {
	if (value === null || value === undefined) return;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
	else if (Array.isArray(value)) value.forEach((item) => collectText(item, out));
	else if (typeof value === 'object') Object.values(value).forEach((item) => collectText(item, out));
}

function searchableText(asset) {
	const parts = [];
	collectText(asset.name, parts);
	collectText(asset.description, parts);
	collectText(asset.localizedTags, parts);
	collectText(asset.metadata, parts);
	parts.push(asset.fileMetadata.fileName, asset.externalId || '');
	return parts.join(' ').toLowerCase();
}

/** Parses currentFilters into predicates; throws argument_invalid naming the bad filter. */
function parseFilters(ctx, currentFilters) {
	if (currentFilters === undefined || currentFilters === null) return [];
	if (!isPlainObject(currentFilters) || !Array.isArray(currentFilters.values ?? [])) {
		throw argumentInvalid('"currentFilters" must be {"values": [{"id", "dataType", "stringValue" | "stringArrayValue"}]}', 'currentFilters');
	}
	return (currentFilters.values || []).map((filter, index) => {
		const where = `currentFilters.values[${index}]`;
		if (!isPlainObject(filter) || typeof filter.id !== 'string') throw argumentInvalid(`"${where}.id" is required`, where);
		const { id } = filter;
		if (!FILTER_IDS.includes(id) && !id.startsWith('metadata.')) {
			throw argumentInvalid(`unknown filter id "${id}" (known: ${FILTER_IDS.join(', ')}, metadata.<key>)`, where);
		}
		let values;
		if (filter.dataType === 'string') {
			if (typeof filter.stringValue !== 'string') throw argumentInvalid(`"${where}.stringValue" must be a string`, where);
			values = [filter.stringValue];
		} else if (filter.dataType === 'string_array') {
			if (!Array.isArray(filter.stringArrayValue) || filter.stringArrayValue.some((v) => typeof v !== 'string')) {
				throw argumentInvalid(`"${where}.stringArrayValue" must be an array of strings`, where);
			}
			values = filter.stringArrayValue;
		} else {
			throw argumentInvalid(`"${where}.dataType" must be "string" or "string_array"`, where);
		}
		switch (id) {
			case 'contentType':
			case 'approvalState':
			case 'externalId':
				return (asset) => values.includes(asset[id]);
			case 'collectionId': {
				const members = new Set(values.flatMap((collectionId) => getCollection(ctx, collectionId, where).assetIds));
				return (asset) => members.has(asset.id);
			}
			case 'modifiedSince': {
				if (values.length !== 1 || Number.isNaN(Date.parse(values[0]))) {
					throw argumentInvalid(`"${where}" modifiedSince takes one ISO-8601 date-time string`, where);
				}
				const since = Date.parse(values[0]);
				return (asset) => Date.parse(asset.modifiedAt) >= since;
			}
			default: {
				const key = id.slice('metadata.'.length);
				return (asset) => {
					const value = asset.metadata[key];
					const candidates = Array.isArray(value) ? value : [value];
					return candidates.some((candidate) => candidate !== undefined && candidate !== null && values.includes(String(candidate)));
				};
			}
		}
	});
}

/**
 * @param {{ queryString?: string|null, currentFilters?: object|null, contentType?: string|null, page: number, pageSize: number }} query
 */
function searchAssets(ctx, query) {
	const predicates = parseFilters(ctx, query.currentFilters);
	if (query.contentType) predicates.push((asset) => asset.contentType === query.contentType);
	const terms = (query.queryString || '')
		.toLowerCase()
		.split(/\s+/)
		.filter((term) => term && term !== '*');
	const matches = liveAssets(ctx).filter((asset) => {
		if (!predicates.every((predicate) => predicate(asset))) return false;
		if (terms.length === 0) return true;
		const text = searchableText(asset);
		return terms.every((term) => text.includes(term));
	});
	matches.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
	const { page, pageSize } = query;
	const start = page * pageSize;
	return {
		assetDataObjects: matches.slice(start, start + pageSize).map((asset) => assetView(ctx, asset)),
		details: {
			currentPage: page,
			currentItemsPerPage: pageSize,
			maxPages: Math.ceil(matches.length / pageSize),
			totalResults: matches.length,
			hasMoreResults: start + pageSize < matches.length,
		},
	};
}

module.exports = { searchAssets, FILTER_IDS };
