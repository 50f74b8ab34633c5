'use strict';
// IAssetsChanges [modeled on the public data-adapter change feed]: getChangesAsync
// {continuationUuid?, pageSize?} → {changes[{type, assetId?, collectionId?, assetDataObject?,
// occurredAt}], details:{continuationUuid, hasMoreResults}, continuationUuidTooOld}.
// No cursor: from the oldest retained change. pageSize: default 100, at most 1000.

const v = require('../../model/validate');
const { readChanges } = require('../../model/changes');
const { argumentInvalid, maxPagingLimitExceeded } = require('../../errors');

const MAX_PAGE_SIZE = 1000;

module.exports = {
	getChangesAsync: {
		tag: 'modeled',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, ['continuationUuid', 'pageSize'], 'getChangesAsync');
			const cursor = v.optionalString(params.continuationUuid, 'continuationUuid');
			const pageSize = params.pageSize === undefined || params.pageSize === null ? 100 : params.pageSize;
			if (!Number.isInteger(pageSize) || pageSize < 1) throw argumentInvalid('"pageSize" must be an integer >= 1', 'pageSize');
			if (pageSize > MAX_PAGE_SIZE) throw maxPagingLimitExceeded(MAX_PAGE_SIZE, 'pageSize');
			const page = readChanges(ctx, cursor, pageSize);
			if (page.invalidCursor) throw argumentInvalid('"continuationUuid" is not a cursor of this change feed', 'continuationUuid');
			return page;
		},
	},
};
