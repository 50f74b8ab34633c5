'use strict';
// Builders for snake_case CLAPI-C purchases, so every rights test goes through the real
// normalizer the node uses. Defaults describe a plain, fully known, unrestricted licence.

const fs = require('fs');
const path = require('path');
const { normalizeFromPurchase } = require('../../../nodes/SmintIo/rights');

// The real purchase (from Smint.io's public Java client tests), kept once in the sandbox seed.
const FIXTURE_PATH = path.join(__dirname, '../../../sandbox/smintio/seed/license-purchase-transaction.json');

/** A fresh copy of the real purchase (copied from /work/shared/fixtures/smintio/). */
function realPurchase() {
	return JSON.parse(fs.readFileSync(FIXTURE_PATH, 'utf8'));
}

const LIST_FIELDS = [
	'allowed_usages',
	'restricted_usages',
	'allowed_sizes',
	'restricted_sizes',
	'allowed_placements',
	'restricted_placements',
	'allowed_distributions',
	'restricted_distributions',
	'allowed_geographies',
	'restricted_geographies',
	'allowed_industries',
	'restricted_industries',
	'allowed_languages',
	'restricted_languages',
];

/** A snake_case licence term: every list empty, not editorial-only, no dates. */
function term(overrides = {}) {
	const t = {
		sequence_number: 1,
		name: [
			{ culture: 'en', value: 'Default' },
			{ culture: 'de', value: 'Standard' },
		],
		exclusivities: [],
		usage_limits: [],
		is_editorial_use: false,
	};
	for (const field of LIST_FIELDS) t[field] = [];
	return Object.assign(t, overrides);
}

/** A snake_case purchase around the given terms; `overrides` replace top-level fields. */
function purchase(terms = [term()], overrides = {}) {
	return Object.assign(
		{
			uuid: 'lpt-1',
			cart_purchase_transaction_uuid: 'cpt-1',
			state: 'completed',
			content_element: {
				uuid: '2:0:1',
				provider: 'adobestock',
				is_editorial_use: false,
				copyright_notices: [{ culture: 'en', value: 'Someone / example' }],
				release_details: { model_release_state: 'released', property_release_state: 'released' },
			},
			offering: { license_type: 'royalty_free' },
			license_terms: terms,
			license_download_constraints: {},
			current_downloads: 0,
			current_users: 0,
			current_reuses: 0,
			can_be_synced: true,
		},
		overrides,
	);
}

/** Normalized rights for the given terms and overrides. */
function rights(terms, overrides) {
	return normalizeFromPurchase(purchase(terms, overrides));
}

/** Purchase with content_element fields replaced (release details, editorial flags). */
function withContent(contentOverrides, terms, overrides = {}) {
	const p = purchase(terms, overrides);
	p.content_element = Object.assign({}, p.content_element, contentOverrides);
	return normalizeFromPurchase(p);
}

const codes = (reasons) => reasons.map((r) => r.code);
const bySeverity = (decision, severity) => decision.reasons.filter((r) => r.severity === severity);

/** The error `fn` throws; fails the test when it does not throw. */
function thrown(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected the call to throw, it returned normally');
}

/** A fixed "now" so the default date never depends on the machine clock. */
const NOW = new Date('2026-03-01T10:00:00.000Z');

module.exports = {
	realPurchase,
	term,
	purchase,
	rights,
	withContent,
	codes,
	bySeverity,
	thrown,
	NOW,
	LIST_FIELDS,
};
