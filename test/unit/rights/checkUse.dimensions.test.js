'use strict';
// Every dimension × every shape of allowed/restricted list (contract section 5).

const { checkUse, DIMENSION_FIELDS } = require('../../../nodes/SmintIo/rights');
const { rights, term, codes, NOW } = require('./helpers');

// Per dimension: the key asked for, its family key, a sibling in the same family, a key of
// another family.
const KEYS = {
	usage: [
		'advertising_print_magazine_newspaper',
		'advertising_print_any',
		'advertising_print_directory',
		'digital_media_social_media',
	],
	size: ['size_large', 'size_any', 'size_small', 'page_full'],
	placement: ['placement_prominent', 'placement_any', 'placement_background', 'page_cover'],
	distribution: ['channel_web', 'channel_any', 'channel_print', 'media_print'],
	geography: ['europe_germany', 'europe_any', 'europe_france', 'north_america_canada'],
	industry: ['industry_automotive', 'industry_any', 'industry_food', 'any_other_industry'],
	language: ['language_german', 'language_any', 'language_french', 'spoken_english'],
};

const snake = (dimension, side) => `${side}_${DIMENSION_FIELDS[dimension].plural}`;

function decide(dimension, lists, requested, options = {}) {
	const t = term();
	for (const [side, value] of Object.entries(lists)) t[snake(dimension, side)] = value;
	return checkUse(
		rights([t]),
		{ [dimension]: requested, date: '2026-03-01' },
		{ now: NOW, allowUnknownKeys: true, ...options },
	);
}

function dimensionReasons(decision, dimension) {
	return decision.termResults[0].reasons.filter((r) => r.dimension === dimension);
}

describe.each(Object.keys(KEYS))('dimension %s', (dimension) => {
	const [key, family, sibling, other] = KEYS[dimension];
	const plural = DIMENSION_FIELDS[dimension].plural;

	// [case, allowed list, restricted list, requested key, allowed?, reason code, message part]
	const cases = [
		[
			'allowed list empty',
			[],
			[],
			key,
			true,
			'dimension_allowed',
			`(the term does not limit ${plural})`,
		],
		[
			'allowed list holds the key',
			[other, key],
			[],
			key,
			true,
			'dimension_allowed',
			'(listed as allowed)',
		],
		[
			'allowed list holds the family *_any',
			[family],
			[],
			key,
			true,
			'dimension_allowed',
			`(covered by the allowed '${family}')`,
		],
		[
			'allowed list holds the bare any',
			['any'],
			[],
			key,
			true,
			'dimension_allowed',
			"(covered by the allowed 'any')",
		],
		[
			'key not listed in a non-empty allowed list',
			[sibling, other],
			[],
			key,
			false,
			'dimension_not_allowed',
			`is not among the allowed ${plural} (${sibling}, ${other})`,
		],
		[
			'key restricted',
			[],
			[key],
			key,
			false,
			'dimension_restricted',
			`${dimension} '${key}' is restricted`,
		],
		[
			'family restricted',
			[],
			[family],
			key,
			false,
			'dimension_restricted',
			`(the restricted ${plural} hold '${family}')`,
		],
		['bare any restricted', [], ['any'], key, false, 'dimension_restricted', "hold 'any'"],
		[
			'another key restricted, allowed empty',
			[],
			[sibling, other],
			key,
			true,
			'dimension_allowed',
			`(not among the restricted ${plural})`,
		],
		[
			'key both allowed and restricted: restriction wins',
			[key],
			[key],
			key,
			false,
			'dimension_restricted',
			'is restricted',
		],
		[
			'family allowed but key restricted',
			[family],
			[key],
			key,
			false,
			'dimension_restricted',
			'is restricted',
		],
		[
			'asking for the family when only a member is allowed',
			[key],
			[],
			family,
			false,
			'dimension_not_allowed',
			`'${family}' is not among`,
		],
		[
			'asking for the family when a member is restricted',
			[],
			[sibling],
			family,
			false,
			'dimension_restricted',
			`'${family}' takes in the restricted ${dimension} '${sibling}'`,
		],
		[
			'mixed case keys compare equal',
			[key.toUpperCase()],
			[],
			key.toUpperCase(),
			true,
			'dimension_allowed',
			'(listed as allowed)',
		],
	];

	it.each(cases)('%s', (_name, allowed, restricted, requested, expected, code, messagePart) => {
		const decision = decide(dimension, { allowed, restricted }, requested);
		expect(decision.allowed).toBe(expected);
		const reasons = dimensionReasons(decision, dimension);
		expect(reasons).toHaveLength(1);
		expect(reasons[0].code).toBe(code);
		expect(reasons[0].severity).toBe(expected ? 'info' : 'mismatch');
		expect(reasons[0].term).toBe(1);
		expect(reasons[0].key).toBe(requested.toLowerCase());
		expect(reasons[0].message).toContain(messagePart);
		expect(reasons[0].message.startsWith('Term 1 (Default): ')).toBe(true);
		expect(decision.termResults[0].dimensionsMatch).toBe(expected);
		expect(decision.termResults[0].matches).toBe(expected);
		expect(decision.matchingTerms).toHaveLength(expected ? 1 : 0);
		if (!expected) expect(codes(decision.reasons)).toContain('no_matching_term');
	});

	it.each([
		['allowed list unknown (null)', null, []],
		['restricted list unknown (null)', [], null],
		['both unknown', null, null],
	])('%s: warning by default, denied under unknownPolicy deny', (_name, allowed, restricted) => {
		const warn = decide(dimension, { allowed, restricted }, key);
		expect(warn.allowed).toBe(true);
		expect(warn.needsReview).toBe(true);
		const [r] = dimensionReasons(warn, dimension);
		expect(r.code).toBe('dimension_unknown');
		expect(r.severity).toBe('warning');
		expect(r.message).toContain(`does not state its`);
		expect(r.message).toContain(`cannot be confirmed`);

		const deny = decide(dimension, { allowed, restricted }, key, { unknownPolicy: 'deny' });
		expect(deny.allowed).toBe(false);
		expect(dimensionReasons(deny, dimension)[0].severity).toBe('mismatch');
	});

	it('an unknown allowed list does not hide a known restriction', () => {
		const decision = decide(dimension, { allowed: null, restricted: [key] }, key);
		expect(decision.allowed).toBe(false);
		expect(dimensionReasons(decision, dimension)[0].code).toBe('dimension_restricted');
	});

	it('a dimension the user does not name but the term limits needs review (deny policy: denied)', () => {
		const t = term({
			[snake(dimension, 'restricted')]: ['any'],
			[snake(dimension, 'allowed')]: null,
		});
		const decision = checkUse(rights([t]), { date: '2026-03-01' }, { now: NOW });
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(true);
		const reasons = decision.reasons.filter((r) => r.dimension === dimension);
		expect(reasons.map((r) => [r.code, r.severity, r.key])).toEqual([
			['dimension_unstated', 'warning', undefined],
		]);
		expect(reasons[0].message).toContain(`limits ${plural} (restricted: any)`);
		const strict = checkUse(rights([t]), { date: '2026-03-01' }, { now: NOW, unknownPolicy: 'deny' });
		expect(strict.allowed).toBe(false);
	});

	it('several keys in one dimension: every key must be allowed by the same term', () => {
		const both = decide(dimension, { allowed: [key, sibling], restricted: [] }, [key, sibling]);
		expect(both.allowed).toBe(true);
		expect(dimensionReasons(both, dimension).map((r) => r.key)).toEqual([key, sibling]);
		const one = decide(dimension, { allowed: [key], restricted: [] }, [key, sibling]);
		expect(one.allowed).toBe(false);
		expect(codes(dimensionReasons(one, dimension))).toEqual([
			'dimension_allowed',
			'dimension_not_allowed',
		]);
	});
});

describe('all dimensions at once', () => {
	const requested = Object.fromEntries(Object.entries(KEYS).map(([d, [key]]) => [d, key]));

	it('a term allowing each named dimension (by key, family or empty list) matches', () => {
		const t = term({
			allowed_usages: ['advertising_any'],
			allowed_sizes: ['size_large'],
			allowed_geographies: ['europe_any', 'north_america_any'],
			restricted_geographies: ['europe_russia'],
			allowed_industries: ['any'],
		});
		const decision = checkUse(
			rights([t]),
			{ ...requested, date: '2026-03-01' },
			{ now: NOW, allowUnknownKeys: true },
		);
		expect(decision.allowed).toBe(true);
		expect(
			decision.termResults[0].reasons.filter((r) => r.code === 'dimension_allowed'),
		).toHaveLength(7);
	});

	it('one failing dimension is enough to rule the term out, and each failure is listed', () => {
		const t = term({ restricted_languages: ['language_german'], allowed_sizes: ['size_small'] });
		const decision = checkUse(
			rights([t]),
			{ ...requested, date: '2026-03-01' },
			{ now: NOW, allowUnknownKeys: true },
		);
		expect(decision.allowed).toBe(false);
		const mismatches = decision.termResults[0].reasons.filter((r) => r.severity === 'mismatch');
		expect(mismatches.map((r) => [r.dimension, r.code])).toEqual([
			['size', 'dimension_not_allowed'],
			['language', 'dimension_restricted'],
		]);
	});
});

describe('tenant-specific keys (present in the licence) read as in the brief', () => {
	it("Term 1: usage 'adv_print' is restricted", () => {
		const licence = rights([
			term({ restricted_usages: ['adv_print'], allowed_usages: ['adv_web', 'adv_print'] }),
		]);
		const decision = checkUse(licence, { usage: 'adv_print', date: '2026-03-01' });
		expect(decision.allowed).toBe(false);
		expect(decision.reasons.map((r) => r.message)).toContain(
			"Term 1 (Default): usage 'adv_print' is restricted",
		);
		expect(checkUse(licence, { usage: 'adv_web', date: '2026-03-01' }).allowed).toBe(true);
		// adv_any is implied by the tenant's family and covers adv_print, which is restricted
		expect(checkUse(licence, { usage: 'adv_any', date: '2026-03-01' }).allowed).toBe(false);
	});
});
