'use strict';
// GET {clapi}/sync/cart-purchase-transactions/{cpt}/license-purchase-transactions/{lpt}/binaries
// [public field names, modeled path] → [{uuid, content_type, binary_type, name, description,
// usage, download_url, recommended_file_name, culture, version}]. download_url is pre-signed
// and expires (downloadUrlLifetimeSeconds, default 3600). A purchase with can_be_synced false
// has no binaries: the answer is [].

const { sendJson } = require('../../common/http');
const { binariesOf } = require('../model/purchases');

function handleBinaries(ctx, _req, res, params) {
	sendJson(res, 200, binariesOf(ctx, params.cpt, params.lpt));
}

module.exports = { handleBinaries };
