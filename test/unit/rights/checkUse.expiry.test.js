'use strict';
// Expiry ahead of time (issue #13): until when the terms that grant the use keep granting it,
// and whether that is within `expiringWithinDays` of the date of use.

const { checkUse, RightsInputError } = require('../../../nodes/SmintIo/rights');
const { rights, term, realPurchase, thrown } = require('./helpers');

const OFF = { endsAt: null, daysLeft: null, endingSoon: false };
const endingSoonReasons = (decision) => decision.reasons.filter((r) => r.code === 'licence_ending_soon');

describe('endsAt and daysLeft', () => {
	// [case, terms, date of use, endsAt, daysLeft]
	it.each([
		['open-ended term', [term()], '2026-03-01', null, null],
		['validUntil (inclusive): its own instant', [term({ valid_until: '2026-03-10T23:59:59.999Z' })], '2026-03-01', '2026-03-10T23:59:59.999Z', 9],
		['validUntil at midnight of the next day', [term({ valid_until: '2026-03-11T00:00:00Z' })], '2026-03-01', '2026-03-11T00:00:00.000Z', 10],
		['toBeUsedUntil (exclusive): 1 ms before it', [term({ to_be_used_until: '2026-03-11T00:00:00Z' })], '2026-03-01', '2026-03-10T23:59:59.999Z', 9],
		[
			'both dates: the earlier end',
			[term({ valid_until: '2027-01-01T00:00:00Z', to_be_used_until: '2026-06-01T00:00:00Z' })],
			'2026-03-01',
			'2026-05-31T23:59:59.999Z',
			91,
		],
		['ends on the day of use, at its last instant', [term({ valid_until: '2026-03-01T23:59:59.999Z' })], '2026-03-01', '2026-03-01T23:59:59.999Z', 0],
		[
			'two matching terms: the later end grants longest',
			[term({ valid_until: '2026-04-01T00:00:00Z' }), term({ sequence_number: 2, valid_until: '2026-09-01T00:00:00Z' })],
			'2026-03-01',
			'2026-09-01T00:00:00.000Z',
			184,
		],
		[
			'one matching term open-ended: no end',
			[term({ valid_until: '2026-04-01T00:00:00Z' }), term({ sequence_number: 2 })],
			'2026-03-01',
			null,
			null,
		],
		[
			'a term that does not match does not count',
			[term({ valid_until: '2026-04-01T00:00:00Z' }), term({ sequence_number: 2, valid_until: '2030-01-01T00:00:00Z', restricted_usages: ['digital_media_any'] })],
			'2026-03-01',
			'2026-04-01T00:00:00.000Z',
			31,
		],
		['an instant of use: whole days from that instant', [term({ valid_until: '2026-03-10T12:00:00Z' })], '2026-03-01T18:00:00Z', '2026-03-10T12:00:00.000Z', 8],
	])('%s', (_name, terms, date, endsAt, daysLeft) => {
		const decision = checkUse(rights(terms), { usage: 'digital_media_social_media', date, commercial: false });
		expect(decision.allowed).toBe(true);
		expect(decision.expiry).toEqual({ endsAt, daysLeft, endingSoon: false });
		expect(endingSoonReasons(decision)).toEqual([]);
	});

	it('a denied use has no expiry', () => {
		const expired = checkUse(rights([term({ valid_until: '2026-02-01T00:00:00Z' })]), { date: '2026-03-01' });
		expect(expired.allowed).toBe(false);
		expect(expired.expiry).toEqual(OFF);
		const cancelled = checkUse(rights([term({ valid_until: '2026-04-01T00:00:00Z' })], { state: 'cancelled' }), { date: '2026-03-01' }, { expiringWithinDays: 90 });
		expect(cancelled.expiry).toEqual(OFF);
		expect(endingSoonReasons(cancelled)).toEqual([]);
	});

	it('the real purchase is open-ended', () => {
		expect(checkUse(realPurchase(), { date: '2026-03-01' }, { expiringWithinDays: 30 }).expiry).toEqual(OFF);
	});
});

describe('endingSoon with expiringWithinDays', () => {
	const licence = rights([term({ name: [{ culture: 'en', value: 'Web' }], valid_until: '2026-03-31T23:59:59.999Z' })]);

	// [date of use, expiringWithinDays, daysLeft, endingSoon]
	it.each([
		['2026-03-01', undefined, 30, false],
		['2026-03-01', 29, 30, false],
		['2026-03-01', 30, 30, true],
		['2026-03-01', 365, 30, true],
		['2026-03-31', 0, 0, true],
		['2026-03-30', 0, 1, false],
		['2026-03-30', 1, 1, true],
		['2026-03-25', 7.5, 6, true],
	])('use on %s, within %j days → daysLeft %d, endingSoon %s', (date, expiringWithinDays, daysLeft, endingSoon) => {
		const decision = checkUse(licence, { date, commercial: false }, { expiringWithinDays });
		expect(decision.expiry).toEqual({ endsAt: '2026-03-31T23:59:59.999Z', daysLeft, endingSoon });
		expect(endingSoonReasons(decision)).toHaveLength(endingSoon ? 1 : 0);
		// Ending soon informs; it neither denies nor asks for review.
		expect([decision.allowed, decision.needsReview]).toEqual([true, false]);
	});

	it('the reason names the date and the term', () => {
		const decision = checkUse(licence, { date: '2026-03-25', commercial: false }, { expiringWithinDays: 14 });
		expect(endingSoonReasons(decision)).toEqual([
			{
				code: 'licence_ending_soon',
				severity: 'info',
				message: 'The licence for this use ends 6 days after the date of use (Term 1 (Web): valid until 2026-03-31 23:59:59 UTC); renew it to keep using the asset',
			},
		]);
		const lastDay = checkUse(licence, { date: '2026-03-31', commercial: false }, { expiringWithinDays: 14 });
		expect(endingSoonReasons(lastDay)[0].message).toMatch(/^The licence for this use ends on the day of use \(/);
	});

	it('a first-use deadline is named as such', () => {
		const deadline = rights([term({ to_be_used_until: '2026-03-05T00:00:00Z' })]);
		const decision = checkUse(deadline, { date: '2026-03-01', commercial: false }, { expiringWithinDays: 7 });
		expect(decision.expiry).toEqual({ endsAt: '2026-03-04T23:59:59.999Z', daysLeft: 3, endingSoon: true });
		expect(endingSoonReasons(decision)[0].message).toContain('(Term 1 (Default): first use before 2026-03-05)');
	});

	it('the seed purchase with two terms: print in Germany ends with its first-use deadline', () => {
		const seed = require('../../../sandbox/smintio/seed/purchases').seedPurchases();
		const lpt = seed.find((p) => p.lpt.uuid === '80114').lpt;
		const use = { usage: 'advertising_print_magazine_newspaper', geography: 'europe_germany', date: '2027-12-20', commercial: false };
		const print = checkUse(lpt, use, { expiringWithinDays: 30 });
		expect(print.matchingTerms.map((t) => t.sequenceNumber)).toEqual([2]);
		expect(print.expiry).toEqual({ endsAt: '2027-12-31T23:59:58.999Z', daysLeft: 11, endingSoon: true });
		const web = checkUse(lpt, { ...use, usage: 'digital_media_social_media' }, { expiringWithinDays: 30 });
		expect(web.matchingTerms.map((t) => t.sequenceNumber)).toEqual([1]);
		expect(web.expiry).toEqual(OFF);
	});

	it.each([[-1], [Number.NaN], [Infinity], ['30']])('expiringWithinDays %j is refused', (value) => {
		const error = thrown(() => checkUse(licence, { date: '2026-03-01' }, { expiringWithinDays: value }));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error.field).toBe('expiringWithinDays');
		expect(error.message).toContain('expected a number of days, 0 or more');
	});
});
