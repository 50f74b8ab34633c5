// Asset search filters in the public `currentFilters` shape
// ({values:[{id, dataType:"string"|"string_array", stringValue?, stringArrayValue?}]}), with
// the filter ids of the method table.
import { SEARCH_FILTER_IDS } from '../transport/methodTable';

export interface AssetFilters {
	contentTypes?: string[];
	approvalStates?: string[];
	collectionIds?: string[];
	externalIds?: string[];
	/** ISO instant. */
	modifiedSince?: string;
}

export interface FilterValue {
	id: string;
	dataType: 'string' | 'string_array';
	stringValue?: string;
	stringArrayValue?: string[];
}

export function buildCurrentFilters(filters: AssetFilters): { values: FilterValue[] } | undefined {
	const values: FilterValue[] = [];
	const list = (id: string, items?: string[]) => {
		if (items && items.length > 0) values.push({ id, dataType: 'string_array', stringArrayValue: items });
	};
	list(SEARCH_FILTER_IDS.contentType, filters.contentTypes);
	list(SEARCH_FILTER_IDS.approvalState, filters.approvalStates);
	list(SEARCH_FILTER_IDS.collectionId, filters.collectionIds);
	list(SEARCH_FILTER_IDS.externalId, filters.externalIds);
	if (filters.modifiedSince) {
		values.push({ id: SEARCH_FILTER_IDS.modifiedSince, dataType: 'string', stringValue: filters.modifiedSince });
	}
	return values.length > 0 ? { values } : undefined;
}
