// One licence term against the intended use: dimensions, dates, editorial flag, limits.
import { formatLicenceDate, formatUseDate, licenceDateMs, toDay } from './dates';
import { DIMENSIONS, DIMENSION_FIELDS, covers, overlaps, termList } from './keys';
import { resolveLocalized } from './normalize';
import { reason, unknownSeverity } from './reasons';
import type { Context } from './reasons';
import type { Dimension, LicenseTerm, RightsReason, TermResult } from './types';

function termLabel(term: LicenseTerm, ctx: Context): string {
	const name = resolveLocalized(term.name, ctx.culture);
	return name ? `Term ${term.sequenceNumber} (${name})` : `Term ${term.sequenceNumber}`;
}

function checkDimension(
	term: LicenseTerm,
	dimension: Dimension,
	key: string,
	label: string,
	ctx: Context,
): RightsReason {
	const at = { term: term.sequenceNumber, dimension, key };
	const plural = DIMENSION_FIELDS[dimension].plural;
	const allowed = termList(term, dimension, 'allowed');
	const restricted = termList(term, dimension, 'restricted');

	const hit = restricted?.find((r) => overlaps(r, key));
	if (hit !== undefined) {
		let message = `${label}: ${dimension} '${key}' is restricted`;
		if (hit.toLowerCase() !== key) {
			message = covers(hit, key)
				? `${label}: ${dimension} '${key}' is restricted (the restricted ${plural} hold '${hit}')`
				: `${label}: ${dimension} '${key}' takes in the restricted ${dimension} '${hit}'`;
		}
		return reason('dimension_restricted', 'mismatch', message, at);
	}

	let coveredBy: string | undefined;
	if (allowed !== null && allowed.length > 0) {
		coveredBy = allowed.find((a) => covers(a, key));
		if (coveredBy === undefined) {
			return reason(
				'dimension_not_allowed',
				'mismatch',
				`${label}: ${dimension} '${key}' is not among the allowed ${plural} (${allowed.join(', ')})`,
				at,
			);
		}
	}

	const unstated = [
		allowed === null ? 'allowed' : '',
		restricted === null ? 'restricted' : '',
	].filter(Boolean);
	if (unstated.length > 0) {
		return reason(
			'dimension_unknown',
			unknownSeverity(ctx, true),
			`${label}: the term does not state its ${unstated.join(' or ')} ${plural}, so ${dimension} '${key}' cannot be confirmed`,
			at,
		);
	}

	let why =
		restricted && restricted.length > 0
			? `not among the restricted ${plural}`
			: `the term does not limit ${plural}`;
	if (coveredBy !== undefined) {
		why =
			coveredBy.toLowerCase() === key
				? `listed as allowed`
				: `covered by the allowed '${coveredBy}'`;
	}
	return reason(
		'dimension_allowed',
		'info',
		`${label}: ${dimension} '${key}' is allowed (${why})`,
		at,
	);
}

function checkDates(term: LicenseTerm, label: string, ctx: Context): RightsReason[] {
	const out: RightsReason[] = [];
	const at = { term: term.sequenceNumber };
	const useText = formatUseDate(ctx.use);
	const day = ctx.use.dateGranularity === 'day' ? ctx.use.date : toDay(ctx.start);
	const read = (field: 'validFrom' | 'validUntil' | 'toBeUsedUntil'): number | null => {
		const ms = licenceDateMs(term[field]);
		if (ms === null || !Number.isNaN(ms)) return ms;
		out.push(
			reason(
				'date_unknown',
				unknownSeverity(ctx, true),
				`${label}: ${field} '${term[field]}' is not a date this check can read`,
				at,
			),
		);
		return null;
	};
	const from = read('validFrom');
	const until = read('validUntil');
	const deadline = read('toBeUsedUntil');

	if (from !== null && until !== null && from > until) {
		out.push(
			reason(
				'validity_window_empty',
				'mismatch',
				`${label}: licence valid from ${formatLicenceDate(from)} until ${formatLicenceDate(until)}, an empty period`,
				at,
			),
		);
		return out;
	}
	if (from !== null && deadline !== null && from >= deadline) {
		out.push(
			reason(
				'validity_window_empty',
				'mismatch',
				`${label}: licence valid from ${formatLicenceDate(from)} but first use had to be before ${formatLicenceDate(deadline)}`,
				at,
			),
		);
		return out;
	}

	let failed = false;
	if (from !== null) {
		if (ctx.end < from) {
			failed = true;
			out.push(
				reason(
					'date_not_yet_valid',
					'mismatch',
					`${label}: licence valid from ${formatLicenceDate(from)}, intended use on ${useText}`,
					at,
				),
			);
		} else if (ctx.start < from) {
			out.push(
				reason(
					'date_partially_covered',
					'warning',
					`${label}: licence starts during ${day} (valid from ${formatLicenceDate(from)}); use only after that time`,
					at,
				),
			);
		}
	}
	if (until !== null) {
		if (ctx.start > until) {
			failed = true;
			out.push(
				reason(
					'date_expired',
					'mismatch',
					`${label}: licence valid until ${formatLicenceDate(until)}, intended use on ${useText}`,
					at,
				),
			);
		} else if (ctx.end > until) {
			out.push(
				reason(
					'date_partially_covered',
					'warning',
					`${label}: licence ends during ${day} (valid until ${formatLicenceDate(until)}); use only before that time`,
					at,
				),
			);
		}
	}
	if (deadline !== null) {
		if (ctx.start >= deadline) {
			failed = true;
			out.push(
				reason(
					'date_past_first_use_deadline',
					'mismatch',
					`${label}: first use had to be before ${formatLicenceDate(deadline)}, intended use on ${useText}`,
					at,
				),
			);
		} else if (ctx.end >= deadline) {
			out.push(
				reason(
					'date_partially_covered',
					'warning',
					`${label}: the first-use deadline ${formatLicenceDate(deadline)} falls within ${day}; start using it before then`,
					at,
				),
			);
		}
	}
	if (!failed) {
		const window = [
			from !== null ? `from ${formatLicenceDate(from)}` : '',
			until !== null ? `until ${formatLicenceDate(until)}` : '',
			deadline !== null ? `first use before ${formatLicenceDate(deadline)}` : '',
		]
			.filter(Boolean)
			.join(', ');
		out.push(
			reason(
				'date_within_validity',
				'info',
				window
					? `${label}: intended use on ${useText} lies within the licence period (${window})`
					: `${label}: the term sets no validity dates`,
				at,
			),
		);
	}
	return out;
}

export function evaluateTerm(term: LicenseTerm, ctx: Context): TermResult {
	const label = termLabel(term, ctx);
	const at = { term: term.sequenceNumber };
	const reasons: RightsReason[] = [];

	let dimensionsMatch = true;
	for (const dimension of DIMENSIONS) {
		for (const key of ctx.use.dimensions[dimension] ?? []) {
			const r = checkDimension(term, dimension, key, label, ctx);
			if (r.severity === 'mismatch') dimensionsMatch = false;
			reasons.push(r);
		}
	}

	const dateReasons = checkDates(term, label, ctx);
	const dateMatches = !dateReasons.some((r) => r.severity === 'mismatch');
	reasons.push(...dateReasons);

	if (ctx.use.commercial) {
		if (term.isEditorialUse === true) {
			reasons.push(
				reason(
					'editorial_use_only',
					'deny',
					`${label}: editorial use only, the intended use is commercial`,
					at,
				),
			);
		} else if (term.isEditorialUse === null) {
			reasons.push(
				reason(
					'editorial_use_unknown',
					unknownSeverity(ctx, true),
					`${label}: the term does not say whether it is editorial use only; commercial use cannot be confirmed`,
					at,
				),
			);
		} else {
			reasons.push(
				reason('editorial_use_ok', 'info', `${label}: not restricted to editorial use`, at),
			);
		}
	}

	if (term.usageLimits !== null && term.usageLimits.length > 0) {
		reasons.push(
			reason(
				'usage_limits_apply',
				'warning',
				`${label}: usage limits apply (${term.usageLimits.join(', ')}); they are not checked here`,
				at,
			),
		);
	}
	const exclusivities = (term.exclusivities ?? []).filter((e) => e.toLowerCase() !== 'any');
	if (exclusivities.length > 0) {
		reasons.push(
			reason(
				'exclusivities_apply',
				'info',
				`${label}: exclusivities: ${exclusivities.join(', ')}`,
				at,
			),
		);
	}

	const matches = !reasons.some((r) => r.severity === 'mismatch' || r.severity === 'deny');
	if (matches)
		reasons.push(reason('term_matches', 'info', `${label} matches the intended use`, at));
	return {
		term: term.sequenceNumber,
		name: resolveLocalized(term.name, ctx.culture),
		matches,
		dimensionsMatch,
		dateMatches,
		reasons,
	};
}
