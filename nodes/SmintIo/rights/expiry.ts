// Until when the granting terms keep granting the use, and whether that is soon (renewals).
import { RightsInputError } from './errors';
import { DAY_MS, formatLicenceDate, licenceDateMs } from './dates';
import { termLabel } from './checkTerm';
import { reason } from './reasons';
import type { Context } from './reasons';
import type { LicenseTerm, RightsExpiry, RightsReason } from './types';

/** The term's last granting instant and the wording of its date; null when open-ended. */
function termEnd(term: LicenseTerm): { ms: number; wording: string } | null {
	const ends: Array<{ ms: number; wording: string }> = [];
	const until = licenceDateMs(term.validUntil);
	const deadline = licenceDateMs(term.toBeUsedUntil);
	// validUntil is inclusive; toBeUsedUntil is exclusive, so its last instant is 1 ms earlier.
	if (until !== null && !Number.isNaN(until))
		ends.push({ ms: until, wording: `valid until ${formatLicenceDate(until)}` });
	if (deadline !== null && !Number.isNaN(deadline))
		ends.push({ ms: deadline - 1, wording: `first use before ${formatLicenceDate(deadline)}` });
	if (ends.length === 0) return null;
	return ends.reduce((a, b) => (b.ms < a.ms ? b : a));
}

export function validateExpiringWithinDays(value: unknown): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new RightsInputError(
			`Invalid expiringWithinDays ${JSON.stringify(value)}: expected a number of days, 0 or more`,
			{
				field: 'expiringWithinDays',
				value,
				hint: 'Give a whole number of days such as 30, or leave it out',
			},
		);
	}
	return value;
}

/**
 * `endsAt` is the latest end over the matching terms (any one of them grants the use); an
 * open-ended matching term, or a denied use, has none.
 */
export function decideExpiry(
	allowed: boolean,
	matchingTerms: LicenseTerm[],
	ctx: Context,
	expiringWithinDays: number | undefined,
): { expiry: RightsExpiry; reasons: RightsReason[] } {
	const none = { expiry: { endsAt: null, daysLeft: null, endingSoon: false }, reasons: [] };
	if (!allowed || matchingTerms.length === 0) return none;
	let latest: { ms: number; wording: string; term: LicenseTerm } | null = null;
	for (const term of matchingTerms) {
		const end = termEnd(term);
		if (end === null) return none;
		if (latest === null || end.ms > latest.ms) latest = { ...end, term };
	}
	if (latest === null) return none;
	const daysLeft = Math.floor((latest.ms - ctx.start) / DAY_MS);
	const endingSoon = expiringWithinDays !== undefined && daysLeft <= expiringWithinDays;
	const expiry = { endsAt: new Date(latest.ms).toISOString(), daysLeft, endingSoon };
	if (!endingSoon) return { expiry, reasons: [] };
	const days = daysLeft === 1 ? '1 day' : `${daysLeft} days`;
	return {
		expiry,
		reasons: [
			reason(
				'licence_ending_soon',
				'info',
				`The licence for this use ends ${daysLeft === 0 ? 'on the day of use' : `${days} after the date of use`} (${termLabel(latest.term, ctx)}: ${latest.wording}); renew it to keep using the asset`,
			),
		],
	};
}
