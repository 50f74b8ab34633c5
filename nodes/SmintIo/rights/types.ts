// The normalized rights model. Pure data (JSON-serializable) so it can be an n8n item as is.
// Every field that the source may leave out is `null` when unknown; null never means false.

/** Localized text keyed by culture (`en`, `de`, `x-default`), as Portals writes it. */
export type LocalizedText = Record<string, string>;

/** The seven dimensions of a licence term (contract section 5). */
export type Dimension =
	| 'usage'
	| 'size'
	| 'placement'
	| 'distribution'
	| 'geography'
	| 'industry'
	| 'language';

export type RightsSource = 'clapi-purchase' | 'portals-asset';

/**
 * One licence term, camelCase with the field names of the CLAPI-C `SyncLicenseTerm`.
 * A list is `[]` when the source says "none" and `null` when the source does not say.
 * Dates are ISO strings (canonical `toISOString()` form when parseable, else as received).
 */
export interface LicenseTerm {
	/** Smint.io sequence number; the 1-based position when the source has none (or a value < 0). */
	sequenceNumber: number;
	name: LocalizedText | null;
	exclusivities: string[] | null;
	allowedUsages: string[] | null;
	restrictedUsages: string[] | null;
	allowedSizes: string[] | null;
	restrictedSizes: string[] | null;
	allowedPlacements: string[] | null;
	restrictedPlacements: string[] | null;
	allowedDistributions: string[] | null;
	restrictedDistributions: string[] | null;
	allowedGeographies: string[] | null;
	restrictedGeographies: string[] | null;
	allowedIndustries: string[] | null;
	restrictedIndustries: string[] | null;
	allowedLanguages: string[] | null;
	restrictedLanguages: string[] | null;
	usageLimits: string[] | null;
	validFrom: string | null;
	validUntil: string | null;
	toBeUsedUntil: string | null;
	isEditorialUse: boolean | null;
}

/**
 * Release states are kept as the data has them. Keys seen in Smint.io material: `released`,
 * `not_released`, `no_release_required`, `all`; others may appear and are reported, not guessed.
 */
export interface ReleaseDetails {
	modelReleaseState: string | null;
	propertyReleaseState: string | null;
	providerAllowedUseComment: LocalizedText | null;
	providerReleaseComment: LocalizedText | null;
	providerUsageConstraints: LocalizedText | null;
}

/** `license_download_constraints` plus the purchase's current counters. null = not stated. */
export interface DownloadConstraints {
	effectiveMaxDownloads: number | null;
	effectiveMaxUsers: number | null;
	effectiveMaxReuses: number | null;
	currentDownloads: number | null;
	currentUsers: number | null;
	currentReuses: number | null;
}

export interface RightsIds {
	licensePurchaseTransactionUuid?: string;
	cartPurchaseTransactionUuid?: string;
	contentElementUuid?: string;
	assetId?: string;
	externalId?: string;
}

export interface NormalizedRights {
	source: RightsSource;
	ids: RightsIds;
	/**
	 * CLAPI-C `state`, lower-cased: `completed`, `cancelled`, or a phase the clients name
	 * (`purchase_phase_1`, `purchase_phase_2`, `downloading`, `finalizing`, `error`). null for
	 * Portals assets or when absent.
	 */
	purchaseState: string | null;
	/** `royalty_free`, `rights_managed`, `rights_ready`, … */
	licenseType: string | null;
	copyrightNotice: LocalizedText | null;
	licenseText: LocalizedText | null;
	/** Asset level: true if any source says true, else false if any says false, else null. */
	isEditorialUse: boolean | null;
	hasPotentiallyRestrictiveLicenseTerms: boolean | null;
	/** null when the source does not carry terms at all; [] when it carries none. */
	licenseTerms: LicenseTerm[] | null;
	releaseDetails: ReleaseDetails | null;
	downloadConstraints: DownloadConstraints;
}

/** The camelCase `rights` object of a Portals asset (contract section 3). */
export interface AssetRights {
	licenseType: string | null;
	copyrightNotice: LocalizedText | null;
	/** The contract names the two states; the provider comments ride along when known. */
	releaseDetails: ReleaseDetails | null;
	licenseTerms: LicenseTerm[] | null;
	isEditorialUse: boolean | null;
}

/** What the user intends to do, as given (validated by `validateIntendedUse`). */
export interface IntendedUseInput {
	usage?: string | string[] | null;
	size?: string | string[] | null;
	placement?: string | string[] | null;
	distribution?: string | string[] | null;
	geography?: string | string[] | null;
	industry?: string | string[] | null;
	language?: string | string[] | null;
	/** `yyyy-mm-dd` (a UTC day) or a full ISO date-time; default: today (UTC). */
	date?: string | Date | null;
	/** true = commercial use, false = editorial use. Default true (the stricter check). */
	commercial?: boolean | null;
}

export type DateGranularity = 'day' | 'instant';

export interface IntendedUse {
	/** Only the dimensions the user named, keys trimmed and lower-cased. */
	dimensions: Partial<Record<Dimension, string[]>>;
	/** `yyyy-mm-dd` for a day, canonical ISO for an instant. */
	date: string;
	dateGranularity: DateGranularity;
	commercial: boolean;
}

/**
 * `deny`: denies the use. `mismatch`: rules one term out (the use is denied only when no term
 * is left). `warning`: a fact is unknown or unstated; a human should look.
 * `info`: why something passed.
 */
export type ReasonSeverity = 'deny' | 'mismatch' | 'warning' | 'info';

export type ReasonCode =
	| 'purchase_cancelled'
	| 'purchase_refunded'
	| 'purchase_not_completed'
	| 'purchase_state_unknown'
	| 'terms_unknown'
	| 'no_terms'
	| 'no_matching_term'
	| 'term_matches'
	| 'term_no_restrictions'
	| 'dimension_allowed'
	| 'dimension_restricted'
	| 'dimension_not_allowed'
	| 'dimension_unknown'
	| 'dimension_unstated'
	| 'date_within_validity'
	| 'date_not_yet_valid'
	| 'date_expired'
	| 'date_past_first_use_deadline'
	| 'date_partially_covered'
	| 'date_unknown'
	| 'validity_window_empty'
	| 'editorial_use_only'
	| 'editorial_use_unknown'
	| 'editorial_use_ok'
	| 'download_limit_reached'
	| 'download_limit_ok'
	| 'download_count_unknown'
	| 'user_limit_reached'
	| 'reuse_limit_reached'
	| 'model_release_missing'
	| 'model_release_unknown'
	| 'model_release_ok'
	| 'property_release_missing'
	| 'property_release_unknown'
	| 'property_release_ok'
	| 'usage_limits_apply'
	| 'exclusivities_apply'
	| 'licence_note'
	| 'licence_ending_soon';

export interface RightsReason {
	code: ReasonCode;
	severity: ReasonSeverity;
	/** The term's sequence number when the reason is about one term. */
	term?: number;
	dimension?: Dimension;
	/** The key the reason is about (the user's key or the licence key that decided). */
	key?: string;
	message: string;
}

export interface TermResult {
	term: number;
	name: string | null;
	/** Every named dimension allowed, the date inside the window, and no mismatch reason. */
	matches: boolean;
	dimensionsMatch: boolean;
	dateMatches: boolean;
	reasons: RightsReason[];
}

/** The licence's own free text, passed through: what it says is not machine checked. */
export interface LicenceNote {
	field: 'providerUsageConstraints' | 'providerAllowedUseComment' | 'providerReleaseComment';
	/** In the requested culture (then x-default, en, the first). */
	text: string;
}

/** Until when the terms that grant the use keep granting it. */
export interface RightsExpiry {
	/**
	 * The last instant (ISO) the use is still granted: per matching term the earlier of
	 * `validUntil` and just before `toBeUsedUntil`, the latest over the matching terms. null when
	 * a matching term is open-ended, or the use is denied.
	 */
	endsAt: string | null;
	/** Whole days from the start of the intended use (its day, or its instant) to `endsAt`. */
	daysLeft: number | null;
	/** Allowed, `endsAt` set and `daysLeft <= expiringWithinDays`. false without the option. */
	endingSoon: boolean;
}

export interface RightsDecision {
	allowed: boolean;
	/**
	 * true when an allowed use rests on something unknown or unstated: a warning outside the
	 * terms, or a warning in every matching term (no term grants the use cleanly).
	 */
	needsReview: boolean;
	reasons: RightsReason[];
	matchingTerms: LicenseTerm[];
	termResults: TermResult[];
	intendedUse: IntendedUse;
	notes: LicenceNote[];
	expiry: RightsExpiry;
}

/**
 * `warn` (default): unknowns become warnings. `deny`: unknowns that could deny, deny. A dimension
 * the licence limits but the intended use leaves empty is such an unknown.
 */
export type UnknownPolicy = 'warn' | 'deny';

export interface CheckUseOptions {
	/** Reference time for the default date (today, UTC). Default: the current time. */
	now?: Date;
	unknownPolicy?: UnknownPolicy;
	/** Extra known keys per dimension, e.g. from CLAPI-C generic metadata. */
	knownKeys?: Partial<Record<Dimension, string[]>>;
	/** Skip the vocabulary check of the user's keys (format checks still apply). */
	allowUnknownKeys?: boolean;
	/** Culture used to show term names in messages. Default `en`. */
	culture?: string;
	/** Flag an allowed use whose licence ends within this many days (`expiry.endingSoon`). */
	expiringWithinDays?: number;
}
