'use strict';
// GET {clapi}/sync/generic-metadata [public field names, modeled path] → the localized key
// lists (one {culture, metadata_element:{key, name, url?}} per key and culture).

const { sendJson } = require('../../common/http');
const { genericMetadata } = require('../seed/generic-metadata');

function handleGenericMetadata(_ctx, _req, res) {
	sendJson(res, 200, genericMetadata());
}

module.exports = { handleGenericMetadata };
