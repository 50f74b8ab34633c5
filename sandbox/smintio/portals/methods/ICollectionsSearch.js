'use strict';
// ICollectionsSearch [public]: searchCollectionsAsync {queryString?, page, pageSize, sortBy?,
// sortDirection?} → {collections[{collectionId, name, …}], details:{currentPage, totalResults,
// hasMoreResults, …}}. The "…" fields (description, parentCollectionId, ownerEmail, assetCount,
// createdAt, modifiedAt, previews, totalCommentCount) are [modeled].

const v = require('../../model/validate');
const { searchCollections } = require('../../model/collections');

module.exports = {
	searchCollectionsAsync: {
		tag: 'public',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, ['queryString', 'page', 'pageSize', 'sortBy', 'sortDirection'], 'searchCollectionsAsync');
			const { page, pageSize } = v.paging(params, { defaultPageSize: 20, maxPageSize: 100 });
			return searchCollections(ctx, {
				queryString: v.optionalString(params.queryString, 'queryString'),
				page,
				pageSize,
				sortBy: v.optionalString(params.sortBy, 'sortBy'),
				sortDirection: params.sortDirection,
			});
		},
	},
};
