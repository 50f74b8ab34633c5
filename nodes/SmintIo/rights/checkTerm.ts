// One licence term against the intended use: dimensions, dates, editorial flag, limits.
import { formatLicenceDate, formatUseDate, licenceDateMs, toDay } from './dates';
import { DIMENSIONS, DIMENSION_FIELDS, canonicalKey, covers, overlaps, termList } from './keys';
import { resolveLocalized } from './normalize';
import { reason, unknownSeverity } from './reasons';
import type { Context } from './reasons';
import type { Dimension, LicenseTerm, RightsReason, TermResult } from './types';

export function termLabel(term: LicenseTerm, ctx: Context): string {
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

/**
 * A dimension the intended use leaves empty. A term that limits it (either list non-empty) or
 * does not say (a list null) cannot grant a use nobody described: review, or under the deny
 * policy the term is ruled out. A term whose lists are both empty does not limit it.
 */
function checkUnstatedDimension(
	term: LicenseTerm,
	dimension: Dimension,
	label: string,
	ctx: Context,
): RightsReason | null {
	const at = { term: term.sequenceNumber, dimension };
	const plural = DIMENSION_FIELDS[dimension].plural;
	const allowed = termList(term, dimension, 'allowed');
	const restricted = termList(term, dimension, 'restricted');
	const limits = [
		// `any` among the allowed keys allows every key: no limit on that side.
		allowed !== null && allowed.length > 0 && !allowed.some((a) => canonicalKey(a) === 'any')
			? `allowed: ${allowed.join(', ')}`
			: '',
		restricted !== null && restricted.length > 0 ? `restricted: ${restricted.join(', ')}` : '',
	].filter(Boolean);
	if (limits.length > 0) {
		return reason(
			'dimension_unstated',
			unknownSeverity(ctx, true),
			`${label}: the term limits ${plural} (${limits.join('; ')}), the intended use names no ${dimension}; give the ${dimension} to check it`,
			at,
		);
	}
	if (allowed === null || restricted === null) {
		const unstated = [allowed === null ? 'allowed' : '', restricted === null ? 'restricted' : '']
			.filter(Boolean)
			.join(' or ');
		return reason(
			'dimension_unknown',
			unknownSeverity(ctx, true),
			`${label}: the term does not state its ${unstated} ${plural} and the intended use names no ${dimension}, so the use cannot be confirmed`,
			at,
		);
	}
	return null;
}

/** Every allowed and restricted list present and empty: the term states no restriction. */
function statesNoRestriction(term: LicenseTerm): boolean {
	return DIMENSIONS.every((dimension) =>
		(['allowed', 'restricted'] as const).every(
			(side) => termList(term, dimension, side)?.length === 0,
		),
	);
}

function checkDates(term: LicenseTerm, label: string, ctx: Context): RightsReason[] {
	const out: RightsReason[] = [];
	const at = { term: term.sequenceNumber };
	const useText = formatUseDate(ctx.use);
	const day = ctx.use.dateGranularity === 'day' ? ctx.use.date : toDay(ctx.start);
	// An end nobody can read could have passed: the term is ruled out. An unreadable start is an
	// unknown like any other (review, or ruled out under the deny policy).
	const read = (field: 'validFrom' | 'validUntil' | 'toBeUsedUntil'): number | null => {
		const ms = licenceDateMs(term[field]);
		if (ms === null || !Number.isNaN(ms)) return ms;
		out.push(
			reason(
				'date_unknown',
				field === 'validFrom' ? unknownSeverity(ctx, true) : 'mismatch',
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

	// A window edge inside the day of use leaves part of the day unlicensed: the term does not
	// cover that day (a date-time of use checks the instant instead).
	if (from !== null) {
		if (ctx.end < from) {
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
					'mismatch',
					`${label}: licence starts during ${day} (valid from ${formatLicenceDate(from)}), so it does not cover the whole day; give the time of use to check it`,
					at,
				),
			);
		}
	}
	if (until !== null) {
		if (ctx.start > until) {
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
					'mismatch',
					`${label}: licence ends during ${day} (valid until ${formatLicenceDate(until)}), so it does not cover the whole day; give the time of use to check it`,
					at,
				),
			);
		}
	}
	if (deadline !== null) {
		if (ctx.start >= deadline) {
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
					'mismatch',
					`${label}: the first-use deadline ${formatLicenceDate(deadline)} falls within ${day}, so the term does not cover the whole day; give the time of use to check it`,
					at,
				),
			);
		}
	}
	if (!out.some((r) => r.severity === 'mismatch')) {
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

	if (statesNoRestriction(term)) {
		reasons.push(
			reason(
				'term_no_restrictions',
				'info',
				`${label}: no restrictions stated (every allowed and restricted list is empty)`,
				at,
			),
		);
	}
	let dimensionsMatch = true;
	for (const dimension of DIMENSIONS) {
		const keys = ctx.use.dimensions[dimension] ?? [];
		const dimensionReasons =
			keys.length > 0
				? keys.map((key) => checkDimension(term, dimension, key, label, ctx))
				: [checkUnstatedDimension(term, dimension, label, ctx)].filter(
						(r): r is RightsReason => r !== null,
					);
		for (const r of dimensionReasons) {
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
					'mismatch',
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
