'use strict';
// Issue #16: the rights check fails safe. What the intended use leaves open, what is not a licence
// (yet or any more), a day only partly licensed, an end date nobody can read: never a clean
// "allowed". Each term is judged on its own; the licence's free text is passed through.

const { checkUse, normalizeFromAsset, normalizeFromPurchase } = require('../../../nodes/SmintIo/rights');
const { rights, term, purchase, withContent, realPurchase, codes, bySeverity } = require('./helpers');

const DAY = '2026-03-01';
const reasonsOf = (decision, code) => decision.reasons.filter((r) => r.code === code);

describe('a dimension the licence limits but the intended use leaves open', () => {
	// [case, term overrides, intended use, allowed, needsReview, [dimension, code] of the open ones, message part]
	const cases = [
		[
			'licence limited to one country, the use names no geography',
			{ allowed_geographies: ['europe_germany'] },
			{ usage: 'digital_media_social_media' },
			true,
			true,
			[['geography', 'dimension_unstated']],
			'the term limits geographies (allowed: europe_germany), the intended use names no geography',
		],
		[
			'licence limited to one country, an empty intended use',
			{ allowed_geographies: ['europe_germany'] },
			{},
			true,
			true,
			[['geography', 'dimension_unstated']],
			'(allowed: europe_germany)',
		],
		[
			'licence limited to one usage, the use names only a geography',
			{ allowed_usages: ['advertising_print_any'] },
			{ geography: 'europe_germany' },
			true,
			true,
			[['usage', 'dimension_unstated']],
			'the term limits usages (allowed: advertising_print_any), the intended use names no usage',
		],
		[
			'a restricted list alone limits the dimension',
			{ restricted_languages: ['language_french'] },
			{ usage: 'digital_media_social_media' },
			true,
			true,
			[['language', 'dimension_unstated']],
			'(restricted: language_french)',
		],
		[
			'both lists are named in the reason',
			{ allowed_industries: ['industry_any'], restricted_industries: ['industry_tobacco'] },
			{},
			true,
			true,
			[['industry', 'dimension_unstated']],
			'(allowed: industry_any; restricted: industry_tobacco)',
		],
		[
			'several open dimensions: one reason each',
			{ allowed_usages: ['digital_media_any'], allowed_sizes: ['size_small'], restricted_placements: ['page_cover'] },
			{},
			true,
			true,
			[
				['usage', 'dimension_unstated'],
				['size', 'dimension_unstated'],
				['placement', 'dimension_unstated'],
			],
			"give the usage to check it",
		],
		[
			'a list the term does not state (null) is unknown, not "no limit"',
			{ allowed_distributions: null },
			{ usage: 'digital_media_social_media' },
			true,
			true,
			[['distribution', 'dimension_unknown']],
			'does not state its allowed distributions and the intended use names no distribution',
		],
		[
			'allowed: any limits nothing',
			{ allowed_geographies: ['any'] },
			{},
			true,
			false,
			[],
			null,
		],
		[
			'every limited dimension named and allowed: a clean answer',
			{ allowed_geographies: ['europe_any'], allowed_usages: ['digital_media_any'] },
			{ usage: 'digital_media_social_media', geography: 'europe_germany' },
			true,
			false,
			[],
			null,
		],
	];

	it.each(cases)('%s', (_name, overrides, use, allowed, needsReview, open, messagePart) => {
		const decision = checkUse(rights([term(overrides)]), { ...use, date: DAY, commercial: false });
		expect([decision.allowed, decision.needsReview]).toEqual([allowed, needsReview]);
		const unstated = decision.reasons.filter((r) => r.dimension !== undefined && r.key === undefined);
		expect(unstated.map((r) => [r.dimension, r.code])).toEqual(open);
		for (const r of unstated) expect([r.severity, r.term]).toEqual(['warning', 1]);
		if (messagePart) expect(unstated.map((r) => r.message).join(' | ')).toContain(messagePart);

		// "Treat unstated as denied" is the Unknown Facts: Deny policy: the term is ruled out.
		const strict = checkUse(rights([term(overrides)]), { ...use, date: DAY, commercial: false }, { unknownPolicy: 'deny' });
		expect(strict.allowed).toBe(open.length === 0);
		for (const r of strict.reasons.filter((x) => x.dimension !== undefined && x.key === undefined)) expect(r.severity).toBe('mismatch');
		if (open.length > 0) expect(codes(bySeverity(strict, 'deny'))).toEqual(['no_matching_term']);
	});

	it('a second term that limits nothing grants the use cleanly', () => {
		const licence = rights([term({ allowed_geographies: ['europe_germany'] }), term({ sequence_number: 2 })]);
		const decision = checkUse(licence, { usage: 'digital_media_social_media', date: DAY, commercial: false });
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(false);
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual([1, 2]);
		const strict = checkUse(licence, { usage: 'digital_media_social_media', date: DAY, commercial: false }, { unknownPolicy: 'deny' });
		expect(strict.allowed).toBe(true);
		expect(strict.matchingTerms.map((t) => t.sequenceNumber)).toEqual([2]);
	});

	it('the seed purchase limited to web and social in Europe, asked without a geography', () => {
		const seed = require('../../../sandbox/smintio/seed/purchases').seedPurchases();
		const lpt = seed.find((p) => p.lpt.uuid === '80101').lpt;
		const decision = checkUse(lpt, { usage: 'digital_media_social_media', date: '2027-03-01', commercial: false });
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(true);
		expect(reasonsOf(decision, 'dimension_unstated').map((r) => r.message)).toEqual([
			'Term 1 (Default): the term limits geographies (allowed: europe_any), the intended use names no geography; give the geography to check it',
		]);
	});
});

describe('only a completed purchase grants a use', () => {
	// [state on the wire, reason code, message part]
	it.each([
		['purchase_phase_1', 'purchase_not_completed', "in state 'purchase_phase_1', not completed"],
		['purchase_phase_2', 'purchase_not_completed', "in state 'purchase_phase_2'"],
		['downloading', 'purchase_not_completed', "in state 'downloading'"],
		['finalizing', 'purchase_not_completed', "in state 'finalizing'"],
		['error', 'purchase_not_completed', "in state 'error'"],
		['failed', 'purchase_not_completed', "in state 'failed'"],
		['Downloading', 'purchase_not_completed', "in state 'downloading'"],
		['refunded', 'purchase_refunded', 'was refunded; its licence no longer applies'],
		['cancelled', 'purchase_cancelled', 'was cancelled; its licence no longer applies'],
		['canceled', 'purchase_cancelled', 'was canceled'],
		[null, 'purchase_state_unknown', 'states no state; only a completed purchase grants a use'],
		[undefined, 'purchase_state_unknown', 'states no state'],
		['', 'purchase_state_unknown', 'states no state'],
	])('state %j → denied (%s)', (state, code, messagePart) => {
		const lpt = realPurchase();
		if (state === undefined) delete lpt.state;
		else lpt.state = state;
		for (const commercial of [true, false]) {
			for (const unknownPolicy of ['warn', 'deny']) {
				const decision = checkUse(lpt, { date: DAY, commercial }, { unknownPolicy });
				expect([decision.allowed, decision.needsReview]).toEqual([false, false]);
				expect(bySeverity(decision, 'deny')[0]).toEqual({ code, severity: 'deny', message: expect.stringContaining(messagePart) });
				// The terms themselves still match: the state alone denies.
				expect(decision.matchingTerms).toHaveLength(1);
				expect(decision.expiry).toEqual({ endsAt: null, daysLeft: null, endingSoon: false });
			}
		}
	});

	it('completed grants (the real purchase as it is)', () => {
		const decision = checkUse(realPurchase(), { date: DAY, commercial: false });
		expect(decision.allowed).toBe(true);
		expect(codes(decision.reasons).filter((c) => c.startsWith('purchase_'))).toEqual([]);
	});

	it('a Portals asset is the library\'s own record: no purchase state is asked for', () => {
		const asset = normalizeFromAsset({ id: '1', rights: { licenseTerms: [term()].map(camel), releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'released' } } });
		expect(checkUse(asset, { date: DAY }).allowed).toBe(true);
	});
});

describe('a day only partly licensed, an end date nobody can read: denied, not review', () => {
	// [term dates, date of use]
	it.each([
		[{ valid_from: '2026-03-01T08:00:00Z' }, DAY, 'date_partially_covered', 'licence starts during 2026-03-01'],
		[{ valid_until: '2026-03-01T17:00:00Z' }, DAY, 'date_partially_covered', 'licence ends during 2026-03-01'],
		[{ to_be_used_until: '2026-03-01T17:00:00Z' }, DAY, 'date_partially_covered', 'falls within 2026-03-01'],
		[{ valid_until: 'end of next year' }, DAY, 'date_unknown', "validUntil 'end of next year' is not a date"],
		[{ to_be_used_until: '31.12.2027' }, DAY, 'date_unknown', "toBeUsedUntil '31.12.2027' is not a date"],
		[{ valid_until: 'soon' }, '2026-03-01T09:00:00Z', 'date_unknown', "validUntil 'soon'"],
	])('%j on %s → denied (%s)', (dates, date, code, messagePart) => {
		for (const unknownPolicy of ['warn', 'deny']) {
			const decision = checkUse(rights([term(dates)]), { date, commercial: false }, { unknownPolicy });
			expect([decision.allowed, decision.needsReview]).toEqual([false, false]);
			const [r] = reasonsOf(decision, code);
			expect([r.severity, r.term]).toEqual(['mismatch', 1]);
			expect(r.message).toContain(messagePart);
			expect(codes(decision.reasons)).not.toContain('date_within_validity');
			expect(codes(bySeverity(decision, 'deny'))).toEqual(['no_matching_term']);
		}
	});

	it('another term that covers the whole day still grants it', () => {
		const licence = rights([term({ valid_until: '2026-03-01T17:00:00Z' }), term({ sequence_number: 2, valid_from: '2026-02-01T00:00:00Z' })]);
		const decision = checkUse(licence, { date: DAY, commercial: false });
		expect(decision.allowed).toBe(true);
		expect(decision.needsReview).toBe(false);
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual([2]);
	});
});

describe('each term is judged on its own', () => {
	const editorialOnly = term({ name: [{ culture: 'en', value: 'Editorial' }], is_editorial_use: true, allowed_usages: ['publishing_editorial_any'] });
	const commercialWeb = term({ sequence_number: 2, name: [{ culture: 'en', value: 'Commercial web' }], allowed_usages: ['digital_media_any'] });
	const printGermany = term({ name: [{ culture: 'en', value: 'Print DE' }], allowed_usages: ['advertising_print_any'], allowed_geographies: ['europe_germany'] });
	const webEurope = term({ sequence_number: 2, name: [{ culture: 'en', value: 'Web EU' }], allowed_usages: ['digital_media_any'], allowed_geographies: ['europe_any'] });

	// [case, terms, intended use, allowed, matching terms, the reasons that ruled terms out]
	it.each([
		[
			'editorial-only term and a commercial term, commercial web use: the commercial term grants it',
			[editorialOnly, commercialWeb],
			{ usage: 'digital_media_social_media', commercial: true },
			true,
			[2],
			[['dimension_not_allowed', 1], ['editorial_use_only', 1]],
		],
		[
			'the same licence, editorial use: the editorial term grants it',
			[editorialOnly, commercialWeb],
			{ usage: 'publishing_editorial_magazine', commercial: false },
			true,
			[1],
			[['dimension_not_allowed', 2]],
		],
		[
			'the same licence, commercial editorial-publishing use: no term grants it',
			[editorialOnly, commercialWeb],
			{ usage: 'publishing_editorial_magazine', commercial: true },
			false,
			[],
			[['editorial_use_only', 1], ['dimension_not_allowed', 2]],
		],
		[
			'print in Germany and web in Europe do not add up to print in France',
			[printGermany, webEurope],
			{ usage: 'advertising_print_magazine_newspaper', geography: 'europe_france', commercial: false },
			false,
			[],
			[['dimension_not_allowed', 1], ['dimension_not_allowed', 2]],
		],
		[
			'print in Germany: the print term grants it',
			[printGermany, webEurope],
			{ usage: 'advertising_print_magazine_newspaper', geography: 'europe_germany', commercial: false },
			true,
			[1],
			[['dimension_not_allowed', 2]],
		],
	])('%s', (_name, terms, use, allowed, matching, ruledOut) => {
		const decision = checkUse(rights(terms), { ...use, date: DAY }, { allowUnknownKeys: true });
		expect(decision.allowed).toBe(allowed);
		expect(decision.needsReview).toBe(false);
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual(matching);
		expect(bySeverity(decision, 'mismatch').map((r) => [r.code, r.term])).toEqual(ruledOut);
		expect(codes(bySeverity(decision, 'deny'))).toEqual(allowed ? [] : ['no_matching_term']);
	});

	it('a term granting cleanly outweighs a term that grants only with a warning', () => {
		const licence = rights([term({ is_editorial_use: null }), term({ sequence_number: 2 })]);
		const decision = checkUse(licence, { date: DAY, commercial: true });
		expect([decision.allowed, decision.needsReview]).toEqual([true, false]);
		const alone = checkUse(rights([term({ is_editorial_use: null })]), { date: DAY, commercial: true });
		expect([alone.allowed, alone.needsReview]).toEqual([true, true]);
	});

	it('a warning outside the terms still asks for review', () => {
		const licence = withContent({ release_details: null }, [term()]);
		const decision = checkUse(licence, { date: DAY, commercial: true });
		expect([decision.allowed, decision.needsReview]).toEqual([true, true]);
	});

	it('the asset-level editorial flag no term explains still denies commercial use', () => {
		const licence = withContent({ is_editorial_use: true }, [term(), term({ sequence_number: 2 })]);
		expect(codes(bySeverity(checkUse(licence, { date: DAY, commercial: true }), 'deny'))).toEqual(['editorial_use_only']);
	});
});

describe("the licence's free-text notes", () => {
	const ls = (en, de) => [{ culture: 'en', value: en }, ...(de ? [{ culture: 'de', value: de }] : [])];
	const release = (extra) => ({ release_details: { model_release_state: 'released', property_release_state: 'released', ...extra } });

	// [case, release details extra, commercial, culture, notes, reason severity under warn, needsReview]
	it.each([
		[
			'usage constraints: passed through, and a person must confirm',
			{ provider_usage_constraints: ls('demo only, not released for use') },
			true,
			'en',
			[{ field: 'providerUsageConstraints', text: 'demo only, not released for use' }],
			['warning'],
			true,
		],
		[
			'allowed use comment, in the requested culture',
			{ provider_allowed_use_comment: ls('Only for the 2027 spring campaign', 'Nur für die Frühjahrskampagne 2027') },
			false,
			'de',
			[{ field: 'providerAllowedUseComment', text: 'Nur für die Frühjahrskampagne 2027' }],
			['warning'],
			true,
		],
		[
			'release comment, commercial use: judged',
			{ provider_release_comment: ls('Model release covers Germany only') },
			true,
			'en',
			[{ field: 'providerReleaseComment', text: 'Model release covers Germany only' }],
			['warning'],
			true,
		],
		[
			'release comment, editorial use: shown, not judged',
			{ provider_release_comment: ls('Model release covers Germany only') },
			false,
			'en',
			[{ field: 'providerReleaseComment', text: 'Model release covers Germany only' }],
			['info'],
			false,
		],
		[
			'empty lists and blank text: no notes',
			{ provider_usage_constraints: [], provider_allowed_use_comment: ls('  '), provider_release_comment: null },
			true,
			'en',
			[],
			[],
			false,
		],
	])('%s', (_name, extra, commercial, culture, notes, severities, needsReview) => {
		const licence = normalizeFromPurchase(Object.assign(purchase(), { content_element: { ...purchase().content_element, ...release(extra) } }));
		const decision = checkUse(licence, { date: DAY, commercial }, { culture });
		expect(decision.notes).toEqual(notes);
		const noteReasons = reasonsOf(decision, 'licence_note');
		expect(noteReasons.map((r) => r.severity)).toEqual(severities);
		for (const [i, note] of notes.entries()) expect(noteReasons[i].message).toContain(`"${note.text}"`);
		expect([decision.allowed, decision.needsReview]).toEqual([true, needsReview]);

		const strict = checkUse(licence, { date: DAY, commercial }, { culture, unknownPolicy: 'deny' });
		expect(strict.allowed).toBe(!severities.includes('warning'));
		expect(strict.notes).toEqual(notes);
	});

	it('a Portals asset\'s notes (camelCase, localized dicts) are passed through too', () => {
		const asset = normalizeFromAsset({
			id: '1',
			rights: {
				licenseTerms: [camel(term())],
				releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'released', providerUsageConstraints: { en: 'No use on packaging' } },
			},
		});
		const decision = checkUse(asset, { date: DAY });
		expect(decision.notes).toEqual([{ field: 'providerUsageConstraints', text: 'No use on packaging' }]);
		expect(decision.needsReview).toBe(true);
	});

	it('the real purchase has no notes', () => {
		expect(checkUse(realPurchase(), { date: DAY }).notes).toEqual([]);
	});
});

describe('a term whose lists are all empty says so', () => {
	it('the real purchase: "no restrictions stated" explains the allowed answer', () => {
		const decision = checkUse(realPurchase(), { date: DAY, commercial: false });
		expect(decision.allowed).toBe(true);
		expect(reasonsOf(decision, 'term_no_restrictions')).toEqual([
			{ code: 'term_no_restrictions', severity: 'info', term: 1, message: 'Term 1 (Default): no restrictions stated (every allowed and restricted list is empty)' },
		]);
	});

	it.each([
		['one list holds a key', { restricted_languages: ['language_french'] }],
		['one list is not stated (null)', { allowed_sizes: null }],
	])('not when %s', (_name, overrides) => {
		expect(reasonsOf(checkUse(rights([term(overrides)]), { date: DAY }), 'term_no_restrictions')).toEqual([]);
	});
});

/** A snake_case term from the helpers as the camelCase term a Portals asset carries. */
function camel(t) {
	return Object.fromEntries(Object.entries(t).map(([k, v]) => [k.replace(/_(\w)/g, (_m, c) => c.toUpperCase()), v]));
}
