'use strict';
// Date rules: validFrom and validUntil inclusive, toBeUsedUntil exclusive; a yyyy-mm-dd date is
// the whole UTC day (passes when some instant of the day is inside the window, with a warning
// when a window edge falls inside that day); a date-time is one instant.

const { checkUse } = require('../../../nodes/SmintIo/rights');
const { rights, term, codes } = require('./helpers');

function decide(dates, date, options = {}) {
	return checkUse(rights([term(dates)]), { date }, options);
}

const dateCodes = (decision) =>
	codes(decision.termResults[0].reasons).filter(
		(c) => c.startsWith('date_') || c === 'validity_window_empty',
	);

describe('instant boundaries', () => {
	const window = {
		valid_from: '2025-01-10T12:00:00Z',
		valid_until: '2025-01-20T12:00:00Z',
	};
	const deadline = { valid_from: '2025-01-10T12:00:00Z', to_be_used_until: '2025-01-15T12:00:00Z' };

	it.each([
		[window, '2025-01-10T11:59:59.999Z', false, ['date_not_yet_valid']],
		[window, '2025-01-10T12:00:00Z', true, ['date_within_validity']],
		[window, '2025-01-15T00:00:00Z', true, ['date_within_validity']],
		[window, '2025-01-20T12:00:00Z', true, ['date_within_validity']],
		[window, '2025-01-20T12:00:00.001Z', false, ['date_expired']],
		[deadline, '2025-01-15T11:59:59.999Z', true, ['date_within_validity']],
		[deadline, '2025-01-15T12:00:00Z', false, ['date_past_first_use_deadline']],
		[deadline, '2025-01-16T00:00:00Z', false, ['date_past_first_use_deadline']],
		// offsets and offset-less date-times (read as UTC)
		[window, '2025-01-10T13:00:00+01:00', true, ['date_within_validity']],
		[window, '2025-01-10T12:59:59+01:00', false, ['date_not_yet_valid']],
		[window, '2025-01-10T12:00:00', true, ['date_within_validity']],
		[window, '2025-01-10T11:59', false, ['date_not_yet_valid']],
	])('%j at %s → allowed %s (%j)', (dates, date, allowed, expected) => {
		const decision = decide(dates, date);
		expect(decision.allowed).toBe(allowed);
		expect(decision.needsReview).toBe(false);
		expect(dateCodes(decision)).toEqual(expected);
		expect(decision.intendedUse.dateGranularity).toBe('instant');
	});
});

describe('day boundaries (yyyy-mm-dd = the whole UTC day)', () => {
	// A window edge inside the day leaves part of it unlicensed: denied, not review (issue #16).
	it.each([
		// validFrom at noon: the day before is out, the day itself is only partly covered
		[{ valid_from: '2025-01-10T12:00:00Z' }, '2025-01-09', false, ['date_not_yet_valid']],
		[{ valid_from: '2025-01-10T12:00:00Z' }, '2025-01-10', false, ['date_partially_covered']],
		[{ valid_from: '2025-01-10T12:00:00Z' }, '2025-01-11', true, ['date_within_validity']],
		// validFrom at midnight covers its whole day: no warning
		[{ valid_from: '2025-01-10T00:00:00Z' }, '2025-01-10', true, ['date_within_validity']],
		// validUntil at noon / at midnight / at the last millisecond of the day
		[{ valid_until: '2025-01-20T12:00:00Z' }, '2025-01-20', false, ['date_partially_covered']],
		[{ valid_until: '2025-01-20T12:00:00Z' }, '2025-01-21', false, ['date_expired']],
		[{ valid_until: '2025-01-31T00:00:00Z' }, '2025-01-31', false, ['date_partially_covered']],
		[{ valid_until: '2025-01-31T00:00:00Z' }, '2025-02-01', false, ['date_expired']],
		[{ valid_until: '2025-01-20T23:59:59.999Z' }, '2025-01-20', true, ['date_within_validity']],
		// toBeUsedUntil (exclusive): midnight ends the previous day; noon splits the day
		[{ to_be_used_until: '2025-01-15T00:00:00Z' }, '2025-01-14', true, ['date_within_validity']],
		[
			{ to_be_used_until: '2025-01-15T00:00:00Z' },
			'2025-01-15',
			false,
			['date_past_first_use_deadline'],
		],
		[
			{ to_be_used_until: '2025-01-15T12:00:00Z' },
			'2025-01-15',
			false,
			['date_partially_covered'],
		],
		[
			{ to_be_used_until: '2025-01-15T12:00:00Z' },
			'2025-01-16',
			false,
			['date_past_first_use_deadline'],
		],
		// no dates at all
		[{}, '1990-01-01', true, ['date_within_validity']],
	])('%j on %s → allowed %s (%j)', (dates, date, allowed, expected) => {
		const decision = decide(dates, date);
		expect(decision.allowed).toBe(allowed);
		expect(dateCodes(decision)).toEqual(expected);
		expect(decision.needsReview).toBe(false);
		expect(decision.intendedUse).toMatchObject({ date, dateGranularity: 'day' });
	});

	it('the partial-day denial names the time and how to check the use', () => {
		const decision = decide({ valid_from: '2025-01-10T12:30:00Z' }, '2025-01-10');
		const mismatch = decision.reasons.find((r) => r.code === 'date_partially_covered');
		expect(mismatch).toMatchObject({ severity: 'mismatch', term: 1 });
		expect(mismatch.message).toBe(
			'Term 1 (Default): licence starts during 2025-01-10 (valid from 2025-01-10 12:30 UTC), so it does not cover the whole day; give the time of use to check it',
		);
		expect(decide({ valid_from: '2025-01-10T12:30:00Z' }, '2025-01-10T12:30:00Z').allowed).toBe(true);
	});
});

describe('messages read like the brief', () => {
	it.each([
		[
			{ valid_until: '2025-01-31T00:00:00Z' },
			'2026-03-01',
			'Term 1 (Default): licence valid until 2025-01-31, intended use on 2026-03-01',
		],
		[
			{ valid_from: '2027-01-01T00:00:00Z' },
			'2026-03-01',
			'Term 1 (Default): licence valid from 2027-01-01, intended use on 2026-03-01',
		],
		[
			{ to_be_used_until: '2026-02-01T08:15:30Z' },
			'2026-03-01T09:00:00Z',
			'Term 1 (Default): first use had to be before 2026-02-01 08:15:30 UTC, intended use on 2026-03-01 09:00 UTC',
		],
	])('%j on %s', (dates, date, message) => {
		const decision = decide(dates, date);
		expect(decision.allowed).toBe(false);
		expect(decision.reasons.map((r) => r.message)).toContain(message);
		expect(decision.reasons.map((r) => r.message)).toContain(
			'No licence term allows this use (term 1 ruled out)',
		);
	});

	it('a passing date lists the window', () => {
		const decision = decide(
			{ valid_from: '2025-01-01T00:00:00Z', valid_until: '2027-01-01T00:00:00Z' },
			'2026-03-01',
		);
		expect(decision.reasons.find((r) => r.code === 'date_within_validity').message).toBe(
			'Term 1 (Default): intended use on 2026-03-01 lies within the licence period (from 2025-01-01, until 2027-01-01)',
		);
	});
});

describe('default date: today in UTC', () => {
	it.each([
		['2026-03-01T10:00:00.000Z', '2026-03-01'],
		['2026-03-01T23:59:59.999Z', '2026-03-01'],
		['2026-03-01T00:30:00+01:00', '2026-02-28'],
	])('now %s → intended use on %s', (now, day) => {
		// valid through the whole of 2026-02-28 (a licence ending at its midnight covers no full day)
		const decision = decide({ valid_until: '2026-02-28T23:59:59.999Z' }, undefined, {
			now: new Date(now),
		});
		expect(decision.intendedUse).toMatchObject({ date: day, dateGranularity: 'day' });
		expect(decision.allowed).toBe(day === '2026-02-28');
	});

	it.each([[null], ['']])('%j also means today', (date) => {
		const decision = decide({}, date, { now: new Date('2030-05-05T05:05:05Z') });
		expect(decision.intendedUse.date).toBe('2030-05-05');
	});

	it('without options the machine clock is used', () => {
		const before = new Date().toISOString().slice(0, 10);
		const decision = decide({}, undefined);
		const after = new Date().toISOString().slice(0, 10);
		expect([before, after]).toContain(decision.intendedUse.date);
	});
});

describe('broken or unknown licence dates', () => {
	it.each([
		[
			{ valid_from: '2025-02-01T00:00:00Z', valid_until: '2025-01-01T00:00:00Z' },
			'licence valid from 2025-02-01 until 2025-01-01, an empty period',
		],
		[
			{ valid_from: '2025-02-01T00:00:00Z', to_be_used_until: '2025-02-01T00:00:00Z' },
			'first use had to be before 2025-02-01',
		],
	])('an empty window %j rules the term out', (dates, messagePart) => {
		const decision = decide(dates, '2025-01-15');
		expect(decision.allowed).toBe(false);
		expect(dateCodes(decision)).toEqual(['validity_window_empty']);
		expect(decision.reasons.find((r) => r.code === 'validity_window_empty').message).toContain(
			messagePart,
		);
	});

	it.each(['valid_from'])(
		'an unreadable %s is a warning (deny policy: rules the term out)',
		(field) => {
			const warn = decide({ [field]: 'next spring' }, '2026-03-01');
			expect(warn.allowed).toBe(true);
			expect(warn.needsReview).toBe(true);
			const r = warn.reasons.find((x) => x.code === 'date_unknown');
			expect(r.severity).toBe('warning');
			expect(r.message).toContain("'next spring' is not a date this check can read");

			const deny = decide({ [field]: 'next spring' }, '2026-03-01', { unknownPolicy: 'deny' });
			expect(deny.allowed).toBe(false);
			expect(deny.reasons.find((x) => x.code === 'date_unknown').severity).toBe('mismatch');
		},
	);
});

describe('dates are per term', () => {
	it('an expired term and a current term: the current one matches', () => {
		const licence = rights([
			term({ sequence_number: 1, valid_until: '2025-01-31T00:00:00Z' }),
			term({
				sequence_number: 2,
				name: [{ culture: 'en', value: 'Renewal' }],
				valid_from: '2025-02-01T00:00:00Z',
			}),
		]);
		const decision = checkUse(licence, { date: '2026-03-01' });
		expect(decision.allowed).toBe(true);
		expect(decision.matchingTerms.map((t) => t.sequenceNumber)).toEqual([2]);
		expect(decision.termResults.map((r) => [r.term, r.matches, r.dateMatches])).toEqual([
			[1, false, false],
			[2, true, true],
		]);
		const early = checkUse(licence, { date: '2025-01-15' });
		expect(early.matchingTerms.map((t) => t.sequenceNumber)).toEqual([1]);
	});
});
