'use strict';
// IAssetsSearch [public]: searchAssetsAsync → {assetDataObjects[], details:{currentPage,
// currentItemsPerPage, maxPages, totalResults, hasMoreResults}}. Filter shape: model/search.js.

const v = require('../../model/validate');
const { searchAssets } = require('../../model/search');

const SEARCH_PARAMS = [
	'queryString',
	'currentFilters',
	'page',
	'pageSize',
	'contentType',
	// documented by the public API, accepted and ignored by the sandbox:
	'resourceAssetMode',
	'resourceAssetType',
	'assetCategory',
	'searchResultSetUuid',
	'parentFolderIds',
	'relatedAssetIds',
];

module.exports = {
	searchAssetsAsync: {
		tag: 'public',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, SEARCH_PARAMS, 'searchAssetsAsync');
			const { page, pageSize } = v.paging(params, { defaultPageSize: 20, maxPageSize: 100 });
			return searchAssets(ctx, {
				queryString: v.optionalString(params.queryString, 'queryString'),
				currentFilters: params.currentFilters,
				contentType: v.contentType(params.contentType, 'contentType'),
				page,
				pageSize,
			});
		},
	},
};
