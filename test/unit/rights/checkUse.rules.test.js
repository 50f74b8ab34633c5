'use strict';
// Purchase state, editorial use, download constraints, releases, several terms, unknowns.

const { checkUse, normalizeFromAsset } = require('../../../nodes/SmintIo/rights');
const { rights, term, purchase, withContent, codes, bySeverity, NOW } = require('./helpers');

const USE = { usage: 'digital_media_social_media', date: '2026-03-01' };
const commercial = { ...USE, commercial: true };
const editorial = { ...USE, commercial: false };

describe('purchase state', () => {
	// Only a completed purchase is a licence (issue #16): every other state, or none, denies.
	it.each([
		['completed', true, false, []],
		['cancelled', false, false, ['purchase_cancelled']],
		['CANCELLED', false, false, ['purchase_cancelled']],
		['purchase_phase_1', false, false, ['purchase_not_completed']],
		['error', false, false, ['purchase_not_completed']],
		[null, false, false, ['purchase_state_unknown']],
		[undefined, false, false, ['purchase_state_unknown']],
	])('state %j → allowed %s, needsReview %s, %j', (state, allowed, needsReview, expected) => {
		const decision = checkUse(rights([term()], { state }), commercial);
		expect(decision.allowed).toBe(allowed);
		expect(decision.needsReview).toBe(needsReview);
		expect(codes(decision.reasons).filter((c) => c.startsWith('purchase_'))).toEqual(expected);
	});

	it('a cancelled purchase is denied even for editorial use with a matching term', () => {
		const decision = checkUse(rights([term()], { state: 'cancelled' }), editorial);
		expect(decision.allowed).toBe(false);
		expect(decision.matchingTerms).toHaveLength(1);
		expect(decision.reasons[0]).toEqual({
			code: 'purchase_cancelled',
			severity: 'deny',
			message: 'The licence purchase was cancelled; its licence no longer applies',
		});
	});

	it('unknown state denies under unknownPolicy deny', () => {
		const decision = checkUse(rights([term()], { state: null }), commercial, {
			unknownPolicy: 'deny',
		});
		expect(decision.allowed).toBe(false);
		expect(decision.reasons.find((r) => r.code === 'purchase_state_unknown').severity).toBe('deny');
	});

	it('a Portals asset has no purchase state and gets no state reason', () => {
		const asset = normalizeFromAsset({
			id: '1',
			rights: {
				licenseTerms: [
					{ sequenceNumber: 1, allowedUsages: [], restrictedUsages: [], isEditorialUse: false },
				],
				releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'released' },
			},
		});
		const decision = checkUse(asset, commercial);
		expect(decision.allowed).toBe(true);
		expect(codes(decision.reasons).filter((c) => c.startsWith('purchase_'))).toEqual([]);
	});
});

describe('editorial use', () => {
	// [term is_editorial_use, commercial?, allowed, needsReview, editorial reason code or null]
	it.each([
		[true, true, false, false, 'editorial_use_only'],
		[true, false, true, false, null],
		[false, true, true, false, 'editorial_use_ok'],
		[false, false, true, false, null],
		[null, true, true, true, 'editorial_use_unknown'],
		[null, false, true, false, null],
	])(
		'term isEditorialUse %j, commercial %s → allowed %s',
		(flag, isCommercial, allowed, needsReview, code) => {
			const licence = withContent({ is_editorial_use: null }, [term({ is_editorial_use: flag })]);
			const decision = checkUse(licence, { ...USE, commercial: isCommercial });
			expect(decision.allowed).toBe(allowed);
			expect(decision.needsReview).toBe(needsReview);
			const editorialCodes = codes(decision.reasons).filter((c) => c.startsWith('editorial_'));
			expect(editorialCodes).toEqual(code ? [code] : []);
		},
	);

	it('the denial names the term', () => {
		const decision = checkUse(rights([term({ is_editorial_use: true })]), commercial);
		expect(decision.reasons.find((r) => r.code === 'editorial_use_only')).toEqual({
			code: 'editorial_use_only',
			severity: 'mismatch',
			term: 1,
			message: 'Term 1 (Default): editorial use only, the intended use is commercial',
		});
		expect(decision.termResults[0].matches).toBe(false);
	});

	it('an unknown editorial flag denies commercial use under unknownPolicy deny', () => {
		const decision = checkUse(rights([term({ is_editorial_use: null })]), commercial, {
			unknownPolicy: 'deny',
		});
		expect(decision.allowed).toBe(false);
		expect(decision.reasons.find((r) => r.code === 'editorial_use_unknown').severity).toBe(
			'mismatch',
		);
	});

	it('an editorial-only term does not veto commercial use that another term grants (each term on its own)', () => {
		const licence = rights([
			term({ is_editorial_use: true }),
			term({ sequence_number: 2, is_editorial_use: false }),
		]);
		const c = checkUse(licence, commercial);
		expect(c.allowed).toBe(true);
		expect(c.needsReview).toBe(false);
		expect(c.matchingTerms.map((t) => t.sequenceNumber)).toEqual([2]);
		expect(bySeverity(c, 'deny')).toEqual([]);
		expect(bySeverity(c, 'mismatch').map((r) => [r.code, r.term])).toEqual([['editorial_use_only', 1]]);
		const e = checkUse(licence, editorial);
		expect(e.allowed).toBe(true);
		expect(e.matchingTerms.map((t) => t.sequenceNumber)).toEqual([1, 2]);
	});

	it('an asset-level editorial flag (content element) denies commercial use without a term flag', () => {
		const licence = withContent({ is_editorial_use: true }, [term({ is_editorial_use: false })]);
		expect(licence.isEditorialUse).toBe(true);
		const decision = checkUse(licence, commercial);
		expect(decision.allowed).toBe(false);
		expect(bySeverity(decision, 'deny')).toEqual([
			{
				code: 'editorial_use_only',
				severity: 'deny',
				message: 'The asset is for editorial use only, the intended use is commercial',
			},
		]);
		expect(checkUse(licence, editorial).allowed).toBe(true);
	});

	it('commercial defaults to true (the stricter check)', () => {
		const decision = checkUse(rights([term({ is_editorial_use: true })]), USE);
		expect(decision.intendedUse.commercial).toBe(true);
		expect(decision.allowed).toBe(false);
	});
});

describe('download constraints', () => {
	// [max, current, allowed, needsReview, codes]
	it.each([
		[undefined, 0, true, false, []],
		[null, 99, true, false, []],
		[5, 0, true, false, ['download_limit_ok']],
		[5, 4, true, false, ['download_limit_ok']],
		[5, 5, false, false, ['download_limit_reached']],
		[5, 6, false, false, ['download_limit_reached']],
		[0, 0, false, false, ['download_limit_reached']],
		[5, null, true, true, ['download_count_unknown']],
	])('max %j, current %j → allowed %s', (max, current, allowed, needsReview, expected) => {
		const constraints = max === undefined ? {} : { effective_max_downloads: max };
		const licence = rights([term()], {
			license_download_constraints: constraints,
			current_downloads: current,
		});
		for (const use of [commercial, editorial]) {
			const decision = checkUse(licence, use);
			expect(decision.allowed).toBe(allowed);
			expect(decision.needsReview).toBe(needsReview);
			expect(codes(decision.reasons).filter((c) => c.startsWith('download_'))).toEqual(expected);
		}
	});

	it('the message gives the counts', () => {
		const licence = rights([term()], {
			license_download_constraints: { effective_max_downloads: 3 },
			current_downloads: 3,
		});
		expect(
			checkUse(licence, commercial).reasons.find((r) => r.code === 'download_limit_reached')
				.message,
		).toBe('Download limit reached: 3 of 3 downloads used');
	});

	it('an unknown download count denies under unknownPolicy deny', () => {
		const licence = rights([term()], {
			license_download_constraints: { effective_max_downloads: 3 },
			current_downloads: null,
		});
		const decision = checkUse(licence, commercial, { unknownPolicy: 'deny' });
		expect(decision.allowed).toBe(false);
		expect(decision.reasons.find((r) => r.code === 'download_count_unknown').severity).toBe('deny');
	});

	it.each([
		['effective_max_users', 'current_users', 'user_limit_reached'],
		['effective_max_reuses', 'current_reuses', 'reuse_limit_reached'],
	])('%s reached is a warning (%s)', (maxField, currentField, code) => {
		const reached = rights([term()], {
			license_download_constraints: { [maxField]: 2 },
			[currentField]: 2,
		});
		const decision = checkUse(reached, commercial);
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(true);
		expect(decision.reasons.find((r) => r.code === code).severity).toBe('warning');
		const below = rights([term()], {
			license_download_constraints: { [maxField]: 2 },
			[currentField]: 1,
		});
		expect(codes(checkUse(below, commercial).reasons)).not.toContain(code);
	});
});

describe('model and property releases', () => {
	// [model, property, commercial?, allowed, needsReview, release codes]
	it.each([
		['released', 'released', true, true, false, ['model_release_ok', 'property_release_ok']],
		[
			'no_release_required',
			'no_release_required',
			true,
			true,
			false,
			['model_release_ok', 'property_release_ok'],
		],
		[
			'not_released',
			'released',
			true,
			false,
			false,
			['model_release_missing', 'property_release_ok'],
		],
		[
			'released',
			'not_released',
			true,
			false,
			false,
			['model_release_ok', 'property_release_missing'],
		],
		[
			'NOT_RELEASED',
			'not_released',
			true,
			false,
			false,
			['model_release_missing', 'property_release_missing'],
		],
		[null, 'released', true, true, true, ['model_release_unknown', 'property_release_ok']],
		['released', null, true, true, true, ['model_release_ok', 'property_release_unknown']],
		['all', 'limited', true, true, true, ['model_release_unknown', 'property_release_unknown']],
		[
			'not_released',
			'not_released',
			false,
			true,
			false,
			['model_release_ok', 'property_release_ok'],
		],
		['released', 'released', false, true, false, []],
		[null, null, false, true, false, []],
		['all', null, false, true, false, []],
	])(
		'model %j, property %j, commercial %s → allowed %s',
		(model, property, isCommercial, allowed, needsReview, expected) => {
			const licence = withContent({
				release_details: { model_release_state: model, property_release_state: property },
			});
			const decision = checkUse(licence, { ...USE, commercial: isCommercial });
			expect(decision.allowed).toBe(allowed);
			expect(decision.needsReview).toBe(needsReview);
			expect(codes(decision.reasons).filter((c) => c.includes('_release_'))).toEqual(expected);
		},
	);

	it('no release details at all: both unknown for commercial use', () => {
		const licence = withContent({ release_details: null });
		const decision = checkUse(licence, commercial);
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(true);
		expect(bySeverity(decision, 'warning').map((r) => r.message)).toEqual([
			'The model release state is unknown; confirm it before commercial use',
			'The property release state is unknown; confirm it before commercial use',
		]);
		const strict = checkUse(licence, commercial, { unknownPolicy: 'deny' });
		expect(strict.allowed).toBe(false);
		expect(codes(bySeverity(strict, 'deny'))).toEqual([
			'model_release_unknown',
			'property_release_unknown',
		]);
	});

	it('not_released explains itself', () => {
		const licence = withContent({
			release_details: { model_release_state: 'not_released', property_release_state: 'released' },
		});
		expect(
			checkUse(licence, commercial).reasons.find((r) => r.code === 'model_release_missing').message,
		).toBe('No model release (not_released); commercial use needs one');
	});
});

describe('several terms', () => {
	const licence = rights([
		term({
			sequence_number: 1,
			name: [{ culture: 'en', value: 'Print' }],
			allowed_usages: ['advertising_print_any'],
		}),
		term({
			sequence_number: 2,
			name: [{ culture: 'en', value: 'Social' }],
			allowed_usages: ['digital_media_social_media'],
			allowed_geographies: ['europe_any'],
		}),
		term({
			sequence_number: 3,
			name: [{ culture: 'en', value: 'Restricted web' }],
			restricted_usages: ['digital_media_any'],
		}),
	]);

	it('only one term matches: allowed, that term listed, the others explained term by term', () => {
		const decision = checkUse(licence, {
			usage: 'digital_media_social_media',
			geography: 'europe_germany',
			date: '2026-03-01',
		});
		expect(decision.allowed).toBe(true);
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual([2]);
		expect(decision.termResults.map((r) => [r.term, r.name, r.matches])).toEqual([
			[1, 'Print', false],
			[2, 'Social', true],
			[3, 'Restricted web', false],
		]);
		const messages = decision.reasons.map((r) => r.message);
		expect(messages).toEqual(
			expect.arrayContaining([
				"Term 1 (Print): usage 'digital_media_social_media' is not among the allowed usages (advertising_print_any)",
				"Term 2 (Social): usage 'digital_media_social_media' is allowed (listed as allowed)",
				"Term 2 (Social): geography 'europe_germany' is allowed (covered by the allowed 'europe_any')",
				'Term 2 (Social) matches the intended use',
				"Term 3 (Restricted web): usage 'digital_media_social_media' is restricted (the restricted usages hold 'digital_media_any')",
			]),
		);
		// the decision has no deny reason: mismatches of other terms do not deny
		expect(bySeverity(decision, 'deny')).toEqual([]);
	});

	it('reasons are listed term by term, in term order', () => {
		const decision = checkUse(licence, { usage: 'digital_media_social_media', date: '2026-03-01' });
		const termOrder = decision.reasons.filter((r) => r.term !== undefined).map((r) => r.term);
		expect(termOrder).toEqual([...termOrder].sort((a, b) => a - b));
		for (const result of decision.termResults) {
			for (const r of result.reasons) expect(r.term).toBe(result.term);
		}
	});

	it('no term matches: denied, listing the ruled-out terms', () => {
		const decision = checkUse(licence, {
			usage: 'digital_media_social_media',
			geography: 'asia_japan',
			date: '2026-03-01',
		});
		expect(decision.allowed).toBe(false);
		expect(decision.matchingTerms).toEqual([]);
		expect(bySeverity(decision, 'deny')).toEqual([
			{
				code: 'no_matching_term',
				severity: 'deny',
				message: 'No licence term allows this use (terms 1, 2, 3 ruled out)',
			},
		]);
	});

	it('two terms match: both listed, full term objects', () => {
		const decision = checkUse(licence, {
			usage: 'advertising_print_magazine_newspaper',
			date: '2026-03-01',
		});
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual([1, 3]);
		expect(decision.matchingTerms[0]).toBe(licence.licenseTerms[0]);
	});

	it('a warning in a term that does not match does not ask for review', () => {
		const mixed = rights([
			term({ sequence_number: 1, allowed_usages: null, valid_until: '2020-01-01T00:00:00Z' }),
			term({ sequence_number: 2 }),
		]);
		const decision = checkUse(mixed, USE);
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(false);
		expect(codes(decision.termResults[0].reasons)).toContain('dimension_unknown');
	});
});

describe('no terms, unknown terms', () => {
	it('an empty term list denies', () => {
		const decision = checkUse(rights([]), editorial);
		expect(decision.allowed).toBe(false);
		expect(codes(bySeverity(decision, 'deny'))).toEqual(['no_terms']);
		expect(decision.termResults).toEqual([]);
	});

	it('unknown terms deny (nothing grants the use)', () => {
		const p = purchase();
		delete p.license_terms;
		const decision = checkUse(p, editorial);
		expect(decision.allowed).toBe(false);
		expect(codes(bySeverity(decision, 'deny'))).toEqual(['terms_unknown']);
	});

	it('an asset without rights is denied, with every unknown listed', () => {
		const decision = checkUse({ id: '99:image:1', contentType: 'image' }, commercial);
		expect(decision.allowed).toBe(false);
		expect(codes(decision.reasons)).toEqual([
			'terms_unknown',
			'model_release_unknown',
			'property_release_unknown',
		]);
	});
});

describe('usage limits and exclusivities are listed, not judged', () => {
	it('usage limits: a warning on the term', () => {
		const decision = checkUse(rights([term({ usage_limits: ['copy_one_copy'] })]), USE);
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(true);
		expect(decision.reasons.find((r) => r.code === 'usage_limits_apply').message).toBe(
			'Term 1 (Default): usage limits apply (copy_one_copy); they are not checked here',
		);
	});

	it.each([
		[['exclusive_usage', 'exclusive_geography'], ['exclusivities_apply']],
		[['any'], []],
		[[], []],
		[null, []],
	])('exclusivities %j → %j', (exclusivities, expected) => {
		const decision = checkUse(rights([term({ exclusivities })]), USE);
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(false);
		expect(codes(decision.reasons).filter((c) => c === 'exclusivities_apply')).toEqual(expected);
	});
});

describe('reason objects', () => {
	const decision = checkUse(
		rights(
			[
				term({ restricted_usages: ['digital_media_any'] }),
				term({ sequence_number: 2, is_editorial_use: null }),
			],
			{
				license_download_constraints: { effective_max_downloads: 1 },
				current_downloads: 1,
			},
		),
		{ ...USE, geography: 'europe_germany' },
	);

	it('every reason has a code, a severity and a message; term reasons carry the term', () => {
		expect(decision.reasons.length).toBeGreaterThan(5);
		for (const r of decision.reasons) {
			expect(typeof r.code).toBe('string');
			expect(['deny', 'mismatch', 'warning', 'info']).toContain(r.severity);
			expect(typeof r.message).toBe('string');
			expect(r.message.length).toBeGreaterThan(10);
			if (r.dimension !== undefined) expect(typeof r.term).toBe('number');
			if (r.term !== undefined) expect(r.message.startsWith(`Term ${r.term}`)).toBe(true);
		}
	});

	it('the flat list is exactly the global reasons plus every term reason', () => {
		const termReasons = decision.termResults.flatMap((r) => r.reasons);
		expect(decision.reasons.filter((r) => r.term !== undefined)).toEqual(termReasons);
	});

	it('the decision is plain JSON', () => {
		expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
	});
});

describe('inputs checkUse accepts', () => {
	it('a raw CLAPI-C purchase or Portals asset is normalized first', () => {
		expect(checkUse(purchase(), USE).allowed).toBe(true);
		const asset = {
			id: 'a',
			contentType: 'image',
			rights: {
				licenseTerms: [
					{ sequenceNumber: 4, allowedUsages: ['digital_media_any'], isEditorialUse: false },
				],
				releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'released' },
			},
		};
		const decision = checkUse(asset, USE);
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual([4]);
		// the asset does not state its restricted usages: unknown, so a warning
		expect(decision.needsReview).toBe(true);
		expect(codes(decision.reasons)).toContain('dimension_unknown');
	});

	it('the culture option picks the term name shown', () => {
		const decision = checkUse(
			rights([term({ restricted_usages: ['digital_media_social_media'] })]),
			USE,
			{ culture: 'de' },
		);
		expect(decision.termResults[0].name).toBe('Standard');
		expect(decision.reasons[0].message).toBe(
			"Term 1 (Standard): usage 'digital_media_social_media' is restricted",
		);
	});

	it('a term without a name is labelled by its number', () => {
		const decision = checkUse(
			rights([term({ name: null, restricted_usages: ['digital_media_social_media'] })]),
			USE,
		);
		expect(decision.reasons[0].message).toBe(
			"Term 1: usage 'digital_media_social_media' is restricted",
		);
	});

	it('the normalized intended use is returned', () => {
		const decision = checkUse(rights(), {
			usage: ' Digital_Media_Social_Media ',
			geography: 'europe_germany,europe_france',
			date: '2026-03-01T08:00:00+02:00',
			commercial: false,
		});
		expect(decision.intendedUse).toEqual({
			dimensions: {
				usage: ['digital_media_social_media'],
				geography: ['europe_germany', 'europe_france'],
			},
			date: '2026-03-01T06:00:00.000Z',
			dateGranularity: 'instant',
			commercial: false,
		});
	});

	it('the default date uses options.now', () => {
		expect(checkUse(rights(), {}, { now: NOW }).intendedUse.date).toBe('2026-03-01');
	});
});
