// May this asset be used like this? Contract section 5, term by term, with every reason listed.
//
// Decisions the contract leaves open (documented here and in the tests):
// - A term matches when every named dimension is allowed, the date lies in its window, and (for
//   commercial use) it is not editorial-only. The use is allowed when some term matches and no
//   `deny` reason exists.
// - Restrictions use the family rule in both directions (keys.ts `overlaps`); allowed lists only
//   downwards (`europe_any` allows `europe_germany`, not the reverse).
// - Dates: validFrom and validUntil are inclusive, toBeUsedUntil is exclusive ("before"). A
//   `yyyy-mm-dd` date is the whole UTC day: it passes when some instant of that day lies in the
//   window, and a window edge inside that day gives a `date_partially_covered` warning.
// - An `isEditorialUse: true` term denies commercial use even when another term matches: this is
//   Smint.io's own asset-level reading ("editorial if any term says so").
// - Unknowns (null lists, null flags, unreadable dates, absent release details, a download limit
//   with no counter, no purchase state) never count as "no restriction": with the default
//   `unknownPolicy: 'warn'` they are `warning` reasons and make `needsReview` true; with `'deny'`
//   they deny (or rule out the term they belong to).
// - No terms at all (or terms unknown) denies: nothing grants the use.
// - A null `effectiveMaxDownloads` means no download limit is stated (the purchase's `{}`).
// - User and reuse limits reached are warnings; usage limits and exclusivities are not machine
//   checked and are listed (warning / info) for a human.
// - Release states `released` and `no_release_required` pass; `not_released` denies commercial
//   use; any other state (`all`, …) or none is unknown.
import { checkDownloads, checkPurchaseState, checkReleases } from './checkPurchase';
import { evaluateTerm } from './checkTerm';
import { useInterval } from './dates';
import { normalizeRights } from './normalize';
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
	const ctx: Context = {
		use,
		...useInterval(use),
		policy: options.unknownPolicy === 'deny' ? 'deny' : 'warn',
		culture: options.culture ?? 'en',
	};

	const reasons: RightsReason[] = [...checkPurchaseState(normalized, ctx)];
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
	reasons.push(...checkDownloads(normalized, ctx), ...checkReleases(normalized, ctx));

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
	const matchingResults = matchingIndexes.map((i) => termResults[i]);
	const globalReasons = reasons.filter((r) => r.term === undefined);
	const needsReview =
		allowed &&
		[...globalReasons, ...matchingResults.flatMap((r) => r.reasons)].some(
			(r) => r.severity === 'warning',
		);

	return {
		allowed,
		needsReview,
		reasons,
		matchingTerms: matchingIndexes.map((i) => (terms as LicenseTerm[])[i]),
		termResults,
		intendedUse: use,
	};
}
