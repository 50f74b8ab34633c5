'use strict';
// GET {clapi}/sync/license-purchase-transactions?continuation_uuid=&limit=
// [public field names, modeled path] → {count, continuation_uuid, license_purchase_transactions[]}.
// Both query spellings are accepted (continuation_uuid and continuationUuid; the real one is
// not public). An empty page still carries a cursor. limit: default 10, at most 50.

const { sendJson } = require('../../common/http');
const { readFeed } = require('../model/purchases');
const { SmintioError, pagingLimitInvalid, maxPagingLimitExceeded } = require('../errors');

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

function parseLimit(query) {
	const raw = query.get('limit');
	if (raw === null || raw === '') return DEFAULT_LIMIT;
	if (!/^\d+$/.test(raw) || Number(raw) < 1) throw pagingLimitInvalid('"limit" must be an integer >= 1', 'limit');
	const limit = Number(raw);
	if (limit > MAX_LIMIT) throw maxPagingLimitExceeded(MAX_LIMIT, 'limit');
	return limit;
}

function handleLicensePurchaseFeed(ctx, _req, res, query) {
	const cursor = query.get('continuation_uuid') ?? query.get('continuationUuid');
	const limit = parseLimit(query);
	const page = readFeed(ctx, cursor || null, limit);
	if (page === null) {
		throw new SmintioError(400, 'argument_invalid', 'continuation_uuid is not a cursor of this feed', {
			name: 'continuation_uuid',
		});
	}
	sendJson(res, 200, page);
}

module.exports = { handleLicensePurchaseFeed, DEFAULT_LIMIT, MAX_LIMIT };
