// May this asset be used like this? Contract section 5, term by term, with every reason listed.
//
// Decisions the contract leaves open (documented here, in the README's Limits and in the tests):
// - Each term is judged on its own. A term matches when every named dimension is allowed, every
//   dimension the use leaves empty is one the term does not limit, the date lies in its window,
//   and (for commercial use) it is not editorial-only. The use is allowed when some term matches
//   and no `deny` reason exists; an editorial-only term does not veto a commercial term.
// - Fail safe: a dimension the term limits (or leaves null) that the intended use does not name
//   is a `warning` (review), under `unknownPolicy: 'deny'` it rules the term out. An empty
//   intended use is no exception.
// - Restrictions use the family rule in both directions (keys.ts `overlaps`); allowed lists only
//   downwards (`europe_any` allows `europe_germany`, not the reverse).
// - Dates: validFrom and validUntil are inclusive, toBeUsedUntil is exclusive ("before"). A
//   `yyyy-mm-dd` date is the whole UTC day: a window edge inside that day rules the term out
//   (`date_partially_covered`); a date-time checks the instant. An unreadable end date rules the
//   term out; an unreadable start date is an unknown.
// - Only a `completed` purchase grants a use; any other state, or none, denies (Portals assets
//   carry no purchase state). An asset-level editorial flag (content element) that no term
//   explains denies commercial use.
// - Other unknowns (null flags, absent release details, a download limit with no counter) never
//   count as "no restriction": with the default `unknownPolicy: 'warn'` they are `warning`
//   reasons, with `'deny'` they deny (or rule out the term they belong to). The licence's free
//   text notes are passed through (`notes`) and count as such unknowns.
// - `needsReview`: allowed, and a warning outside the terms, or in every matching term (no term
//   grants the use cleanly).
// - No terms at all (or terms unknown) denies: nothing grants the use.
// - A null `effectiveMaxDownloads` means no download limit is stated (the purchase's `{}`).
// - User and reuse limits reached are warnings; usage limits and exclusivities are not machine
//   checked and are listed (warning / info) for a human.
// - Release states `released` and `no_release_required` pass; `not_released` denies commercial
//   use; any other state (`all`, …) or none is unknown.
import { checkDownloads, checkPurchaseState, checkReleases } from './checkPurchase';
import { evaluateTerm } from './checkTerm';
import { useInterval } from './dates';
import { decideExpiry, validateExpiringWithinDays } from './expiry';
import { normalizeRights } from './normalize';
import { licenceNotes } from './notes';
import { reason } from './reasons';
import type { Context } from './reasons';
import type {
	CheckUseOptions,
	IntendedUseInput,
	LicenseTerm,
	NormalizedRights,
	RightsDecision,
	RightsReason,
	TermResult,
} from './types';
import { validateIntendedUse } from './validate';

/**
 * Decides whether `rights` allow the intended use. `rights` may also be a raw CLAPI-C purchase or
 * Portals asset (normalized first). Throws `RightsInputError` for bad intended-use input.
 */
export function checkUse(
	rights: NormalizedRights | object,
	intendedUse: IntendedUseInput,
	options: CheckUseOptions = {},
): RightsDecision {
	const normalized = normalizeRights(rights);
	const use = validateIntendedUse(intendedUse, {
		rights: normalized,
		knownKeys: options.knownKeys,
		allowUnknownKeys: options.allowUnknownKeys,
		now: options.now,
	});
	const expiringWithinDays = validateExpiringWithinDays(options.expiringWithinDays);
	const ctx: Context = {
		use,
		...useInterval(use),
		policy: options.unknownPolicy === 'deny' ? 'deny' : 'warn',
		culture: options.culture ?? 'en',
	};

	const reasons: RightsReason[] = [...checkPurchaseState(normalized)];
	const terms = normalized.licenseTerms;
	let termResults: TermResult[] = [];
	if (terms === null) {
		reasons.push(
			reason('terms_unknown', 'deny', 'The licence terms are unknown; nothing grants this use'),
		);
	} else if (terms.length === 0) {
		reasons.push(reason('no_terms', 'deny', 'The licence has no terms; nothing grants this use'));
	} else {
		termResults = terms.map((term) => evaluateTerm(term, ctx));
		for (const result of termResults) reasons.push(...result.reasons);
	}

	if (
		use.commercial &&
		normalized.isEditorialUse === true &&
		!(terms ?? []).some((t) => t.isEditorialUse === true)
	) {
		reasons.push(
			reason(
				'editorial_use_only',
				'deny',
				'The asset is for editorial use only, the intended use is commercial',
			),
		);
	}
	const notes = licenceNotes(normalized, ctx);
	reasons.push(
		...checkDownloads(normalized, ctx),
		...checkReleases(normalized, ctx),
		...notes.reasons,
	);

	const matchingIndexes = termResults.flatMap((r, i) => (r.matches ? [i] : []));
	if (terms !== null && terms.length > 0 && matchingIndexes.length === 0) {
		const ruledOut = termResults.map((r) => r.term).join(', ');
		reasons.push(
			reason(
				'no_matching_term',
				'deny',
				`No licence term allows this use (term${termResults.length > 1 ? 's' : ''} ${ruledOut} ruled out)`,
			),
		);
	}

	const allowed = matchingIndexes.length > 0 && !reasons.some((r) => r.severity === 'deny');
	const isWarning = (r: RightsReason) => r.severity === 'warning';
	const grantedCleanly = matchingIndexes.some((i) => !termResults[i].reasons.some(isWarning));
	const needsReview =
		allowed && (reasons.some((r) => r.term === undefined && isWarning(r)) || !grantedCleanly);
	const matchingTerms = matchingIndexes.map((i) => (terms as LicenseTerm[])[i]);
	const expiry = decideExpiry(allowed, matchingTerms, ctx, expiringWithinDays);
	reasons.push(...expiry.reasons);

	return {
		allowed,
		needsReview,
		reasons,
		matchingTerms,
		termResults,
		intendedUse: use,
		notes: notes.notes,
		expiry: expiry.expiry,
	};
}
