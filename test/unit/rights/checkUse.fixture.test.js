'use strict';
// The real purchase: one term "Default" with every list empty, valid_from
// 2019-07-01T05:18:51.397Z, no end date, not editorial-only, no release details, no download limit.

const {
	checkUse,
	normalizeFromPurchase,
	RightsInputError,
} = require('../../../nodes/SmintIo/rights');
const { realPurchase, codes, bySeverity, thrown } = require('./helpers');

const fixture = normalizeFromPurchase(realPurchase());

describe('uses the real purchase allows', () => {
	const use = {
		usage: 'digital_media_social_media',
		size: 'size_large',
		placement: 'placement_prominent',
		distribution: 'channel_web',
		geography: 'europe_germany',
		industry: 'industry_automotive',
		language: 'language_german',
		date: '2026-03-01',
	};

	it('commercial use in every dimension: allowed, but the absent release details need review', () => {
		const decision = checkUse(fixture, { ...use, commercial: true });
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(true);
		expect(decision.matchingTerms).toEqual([fixture.licenseTerms[0]]);
		expect(decision.termResults).toHaveLength(1);
		expect(decision.termResults[0]).toMatchObject({
			term: 1,
			name: 'Default',
			matches: true,
			dimensionsMatch: true,
			dateMatches: true,
		});
		expect(codes(bySeverity(decision, 'warning'))).toEqual([
			'model_release_unknown',
			'property_release_unknown',
		]);
		expect(bySeverity(decision, 'deny')).toEqual([]);
		expect(decision.reasons.filter((r) => r.code === 'dimension_allowed')).toHaveLength(7);
		expect(decision.reasons.map((r) => r.message)).toEqual(
			expect.arrayContaining([
				"Term 1 (Default): usage 'digital_media_social_media' is allowed (the term does not limit usages)",
				'Term 1 (Default): intended use on 2026-03-01 lies within the licence period (from 2019-07-01 05:18:51 UTC)',
				'Term 1 (Default): not restricted to editorial use',
				'Term 1 (Default) matches the intended use',
			]),
		);
	});

	it('editorial use: allowed without review', () => {
		const decision = checkUse(fixture, { ...use, commercial: false });
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(false);
		expect(bySeverity(decision, 'warning')).toEqual([]);
	});

	it('the first instant of valid_from is allowed', () => {
		expect(checkUse(fixture, { date: '2019-07-01T05:18:51.397Z', commercial: false }).allowed).toBe(
			true,
		);
	});

	it('the purchase day itself is denied: the licence starts at 05:18:51 UTC, so the day is only partly covered', () => {
		const decision = checkUse(fixture, { date: '2019-07-01', commercial: false });
		expect(decision.allowed).toBe(false);
		expect(decision.needsReview).toBe(false);
		expect(bySeverity(decision, 'mismatch').map((r) => r.message)).toEqual([
			'Term 1 (Default): licence starts during 2019-07-01 (valid from 2019-07-01 05:18:51 UTC), so it does not cover the whole day; give the time of use to check it',
		]);
		expect(checkUse(fixture, { date: '2019-07-01T06:00:00Z', commercial: false }).allowed).toBe(true);
	});

	it('far in the future: no end date, still allowed', () => {
		expect(checkUse(fixture, { date: '2099-12-31', commercial: false }).allowed).toBe(true);
	});
});

describe('uses the real purchase denies', () => {
	it('the day before valid_from', () => {
		const decision = checkUse(fixture, {
			usage: 'digital_media_social_media',
			date: '2019-06-30',
			commercial: false,
		});
		expect(decision.allowed).toBe(false);
		expect(decision.matchingTerms).toEqual([]);
		expect(decision.reasons.filter((r) => r.severity !== 'info')).toEqual([
			{
				code: 'date_not_yet_valid',
				severity: 'mismatch',
				term: 1,
				message:
					'Term 1 (Default): licence valid from 2019-07-01 05:18:51 UTC, intended use on 2019-06-30',
			},
			{
				code: 'no_matching_term',
				severity: 'deny',
				message: 'No licence term allows this use (term 1 ruled out)',
			},
		]);
	});

	it('one millisecond before valid_from', () => {
		const decision = checkUse(fixture, { date: '2019-07-01T05:18:51.396Z', commercial: false });
		expect(decision.allowed).toBe(false);
		expect(codes(decision.reasons)).toContain('date_not_yet_valid');
	});

	it('commercial use when unknowns must deny (unknownPolicy deny): no release details', () => {
		const decision = checkUse(
			fixture,
			{ date: '2026-03-01', commercial: true },
			{ unknownPolicy: 'deny' },
		);
		expect(decision.allowed).toBe(false);
		expect(codes(bySeverity(decision, 'deny'))).toEqual([
			'model_release_unknown',
			'property_release_unknown',
		]);
		expect(
			checkUse(fixture, { date: '2026-03-01', commercial: false }, { unknownPolicy: 'deny' })
				.allowed,
		).toBe(true);
	});

	it('the same purchase once cancelled (as the feed re-emits it)', () => {
		const cancelled = realPurchase();
		cancelled.state = 'cancelled';
		const decision = checkUse(normalizeFromPurchase(cancelled), {
			date: '2026-03-01',
			commercial: false,
		});
		expect(decision.allowed).toBe(false);
		expect(codes(bySeverity(decision, 'deny'))).toEqual(['purchase_cancelled']);
	});

	it('the same purchase with its term turned editorial-only, for commercial use', () => {
		const editorialOnly = realPurchase();
		editorialOnly.license_terms[0].is_editorial_use = true;
		const decision = checkUse(normalizeFromPurchase(editorialOnly), {
			date: '2026-03-01',
			commercial: true,
		});
		expect(decision.allowed).toBe(false);
		expect(codes(bySeverity(decision, 'deny'))).toEqual(['no_matching_term']);
		expect(codes(bySeverity(decision, 'mismatch'))).toEqual(['editorial_use_only']);
		expect(decision.termResults[0]).toMatchObject({
			matches: false,
			dimensionsMatch: true,
			dateMatches: true,
		});
	});
});

describe('bad input against the real purchase', () => {
	it('a misspelled usage key names the closest keys', () => {
		const error = thrown(() => checkUse(fixture, { usage: 'digital_media_socal_media' }));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error.field).toBe('usage');
		expect(error.suggestions[0]).toBe('digital_media_social_media');
		expect(error.message).toMatch(
			/^Unknown usage key 'digital_media_socal_media'\. Closest known usages: digital_media_social_media/,
		);
	});

	it('a date in the wrong format names the expected format', () => {
		const error = thrown(() => checkUse(fixture, { date: '01.03.2026' }));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error.field).toBe('date');
		expect(error.message).toContain('yyyy-mm-dd');
	});
});
