// Turns a CLAPI-C purchase (snake_case, localized `[{culture, value}]` arrays) or a Portals asset
// (camelCase, localized dicts) into the one rights model. Missing or null stays null: unknown.
import { RightsInputError } from './errors';
import type {
	AssetRights,
	DownloadConstraints,
	LicenseTerm,
	LocalizedText,
	NormalizedRights,
	ReleaseDetails,
	RightsIds,
} from './types';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

function bool(value: unknown): boolean | null {
	return typeof value === 'boolean' ? value : null;
}

function int(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** First defined (not undefined) value: lets a top-level `null` win over a nested fallback. */
function pick(...values: unknown[]): unknown {
	for (const value of values) if (value !== undefined) return value;
	return undefined;
}

/**
 * Localized text from either wire form: CLAPI-C `[{culture, value}]`, a Portals dict
 * `{en: "…", "x-default": "…"}`, or a plain string (kept under `x-default`).
 */
export function toLocalizedText(value: unknown): LocalizedText | null {
	if (typeof value === 'string') return { 'x-default': value };
	if (Array.isArray(value)) {
		const out: LocalizedText = {};
		for (const entry of value) {
			if (!isObj(entry)) continue;
			const text = str(entry.value);
			if (text === null) continue;
			const culture = str(entry.culture) ?? 'x-default';
			if (!(culture in out)) out[culture] = text;
		}
		return out;
	}
	if (isObj(value)) {
		const out: LocalizedText = {};
		for (const [culture, text] of Object.entries(value))
			if (typeof text === 'string') out[culture] = text;
		return out;
	}
	return null;
}

/** Exact culture, then `x-default`, then English, then the first entry. */
export function resolveLocalized(text: LocalizedText | null, culture = 'en'): string | null {
	if (!text) return null;
	for (const c of [culture, 'x-default', 'en']) if (typeof text[c] === 'string') return text[c];
	const first = Object.values(text)[0];
	return first ?? null;
}

/**
 * A key list. Entries may be plain keys or metadata elements (`{culture, metadata_element:{key}}`,
 * one per culture, so keys are de-duplicated). null/absent → null (unknown), [] → [].
 */
function keyList(value: unknown): string[] | null {
	if (value === null || value === undefined) return null;
	const list = Array.isArray(value) ? value : [value];
	const out: string[] = [];
	for (const entry of list) {
		let key: unknown = entry;
		if (isObj(entry)) key = isObj(entry.metadata_element) ? entry.metadata_element.key : entry.key;
		if (typeof key === 'string' && key.trim() !== '' && !out.includes(key.trim()))
			out.push(key.trim());
	}
	return out;
}

/** A single key (release states): a string, or a metadata element holding one. */
function singleKey(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
	if (isObj(value)) {
		if (isObj(value.metadata_element)) return singleKey(value.metadata_element.key);
		return singleKey(value.key);
	}
	return null;
}

/** ISO string; canonical form when parseable, the raw string otherwise (checkUse flags it). */
function dateValue(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
	if (typeof value !== 'string' || value.trim() === '') return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** Field names of one term in either casing. */
const TERM_FIELDS: ReadonlyArray<[keyof LicenseTerm, string]> = [
	['exclusivities', 'exclusivities'],
	['allowedUsages', 'allowed_usages'],
	['restrictedUsages', 'restricted_usages'],
	['allowedSizes', 'allowed_sizes'],
	['restrictedSizes', 'restricted_sizes'],
	['allowedPlacements', 'allowed_placements'],
	['restrictedPlacements', 'restricted_placements'],
	['allowedDistributions', 'allowed_distributions'],
	['restrictedDistributions', 'restricted_distributions'],
	['allowedGeographies', 'allowed_geographies'],
	['restrictedGeographies', 'restricted_geographies'],
	['allowedIndustries', 'allowed_industries'],
	['restrictedIndustries', 'restricted_industries'],
	['allowedLanguages', 'allowed_languages'],
	['restrictedLanguages', 'restricted_languages'],
	['usageLimits', 'usage_limits'],
];

function normalizeTerm(raw: unknown, position: number, snake: boolean): LicenseTerm {
	const t = isObj(raw) ? raw : {};
	const get = (camel: string, snakeName: string) => (snake ? t[snakeName] : t[camel]);
	const seq = int(get('sequenceNumber', 'sequence_number'));
	const term = {
		sequenceNumber: seq !== null && seq >= 0 ? seq : position,
		name: toLocalizedText(get('name', 'name')),
	} as LicenseTerm;
	for (const [camel, snakeName] of TERM_FIELDS) {
		(term as unknown as Record<string, unknown>)[camel] = keyList(get(camel, snakeName));
	}
	term.validFrom = dateValue(get('validFrom', 'valid_from'));
	term.validUntil = dateValue(get('validUntil', 'valid_until'));
	term.toBeUsedUntil = dateValue(get('toBeUsedUntil', 'to_be_used_until'));
	term.isEditorialUse = bool(get('isEditorialUse', 'is_editorial_use'));
	return term;
}

function normalizeTerms(raw: unknown, snake: boolean): LicenseTerm[] | null {
	if (!Array.isArray(raw)) return null;
	return raw.map((t, i) => normalizeTerm(t, i + 1, snake));
}

function normalizeReleaseDetails(raw: unknown, snake: boolean): ReleaseDetails | null {
	if (!isObj(raw)) return null;
	const get = (camel: string, snakeName: string) => (snake ? raw[snakeName] : raw[camel]);
	return {
		modelReleaseState: singleKey(get('modelReleaseState', 'model_release_state')),
		propertyReleaseState: singleKey(get('propertyReleaseState', 'property_release_state')),
		providerAllowedUseComment: toLocalizedText(
			get('providerAllowedUseComment', 'provider_allowed_use_comment'),
		),
		providerReleaseComment: toLocalizedText(
			get('providerReleaseComment', 'provider_release_comment'),
		),
		providerUsageConstraints: toLocalizedText(
			get('providerUsageConstraints', 'provider_usage_constraints'),
		),
	};
}

/** Smint.io's asset-level rule: true if any says true, else false if any says false, else null. */
export function combineEditorialUse(values: Array<boolean | null | undefined>): boolean | null {
	if (values.includes(true)) return true;
	if (values.includes(false)) return false;
	return null;
}

/** Normalizes one CLAPI-C `SyncLicensePurchaseTransaction` (smintio-api.md 5.1). */
export function normalizeFromPurchase(lpt: unknown): NormalizedRights {
	if (!isObj(lpt)) {
		throw new RightsInputError(
			'Expected a licence purchase transaction object (CLAPI-C, snake_case)',
			{
				field: 'purchase',
				hint: 'Pass one item of license_purchase_transactions[] as returned by the Licence Purchase operations',
			},
		);
	}
	const content = isObj(lpt.content_element) ? lpt.content_element : {};
	const offering = isObj(lpt.offering) ? lpt.offering : {};
	// The purchase-level fields are authoritative (the fixture's top-level term carries valid_from,
	// the offering's copy does not); the offering is the fallback.
	const licenseTerms = normalizeTerms(pick(lpt.license_terms, offering.license_terms), true);
	const rawConstraints = pick(
		lpt.license_download_constraints,
		offering.license_download_constraints,
	);
	const constraints = isObj(rawConstraints) ? rawConstraints : {};
	const licenseText = pick(lpt.license_text, offering.license_text);

	const ids: RightsIds = {};
	const lptUuid = str(lpt.uuid);
	const cptUuid = str(lpt.cart_purchase_transaction_uuid);
	const contentUuid = str(content.uuid);
	if (lptUuid !== null) ids.licensePurchaseTransactionUuid = lptUuid;
	if (cptUuid !== null) ids.cartPurchaseTransactionUuid = cptUuid;
	if (contentUuid !== null) ids.contentElementUuid = contentUuid;

	const downloadConstraints: DownloadConstraints = {
		effectiveMaxDownloads: int(constraints.effective_max_downloads),
		effectiveMaxUsers: int(constraints.effective_max_users),
		effectiveMaxReuses: int(constraints.effective_max_reuses),
		currentDownloads: int(lpt.current_downloads),
		currentUsers: int(lpt.current_users),
		currentReuses: int(lpt.current_reuses),
	};

	return {
		source: 'clapi-purchase',
		ids,
		purchaseState: singleKey(lpt.state)?.toLowerCase() ?? null,
		licenseType: singleKey(offering.license_type),
		copyrightNotice: toLocalizedText(content.copyright_notices),
		licenseText: isObj(licenseText) ? toLocalizedText(licenseText.effective_text) : null,
		isEditorialUse: combineEditorialUse([
			...(licenseTerms ?? []).map((t) => t.isEditorialUse),
			bool(content.is_editorial_use),
			bool(offering.is_editorial_use),
		]),
		hasPotentiallyRestrictiveLicenseTerms: bool(lpt.has_potentially_restrictive_license_terms),
		licenseTerms,
		releaseDetails: normalizeReleaseDetails(content.release_details, true),
		downloadConstraints,
	};
}

/**
 * Normalizes a Portals `assetDataObject` whose `rights` follow contract section 3. An asset
 * without `rights` yields a model where everything is unknown. Optional extensions read when
 * present: `rights.licenseDownloadConstraints` and `rights.currentDownloads|Users|Reuses`.
 */
export function normalizeFromAsset(asset: unknown): NormalizedRights {
	if (!isObj(asset)) {
		throw new RightsInputError('Expected a Portals asset object (assetDataObject)', {
			field: 'asset',
			hint: 'Pass the assetDataObject returned by Asset Get or Asset Search',
		});
	}
	const rights = isObj(asset.rights) ? asset.rights : null;
	const r = rights ?? {};
	const licenseTerms = normalizeTerms(r.licenseTerms, false);
	const constraints = isObj(r.licenseDownloadConstraints) ? r.licenseDownloadConstraints : {};
	const ids: RightsIds = {};
	const assetId = str(asset.id);
	const externalId = str(asset.externalId);
	if (assetId !== null) ids.assetId = assetId;
	if (externalId !== null) ids.externalId = externalId;
	return {
		source: 'portals-asset',
		ids,
		purchaseState: null,
		licenseType: singleKey(r.licenseType),
		copyrightNotice: toLocalizedText(r.copyrightNotice),
		licenseText: toLocalizedText(r.licenseText),
		isEditorialUse: combineEditorialUse([
			...(licenseTerms ?? []).map((t) => t.isEditorialUse),
			bool(r.isEditorialUse),
		]),
		hasPotentiallyRestrictiveLicenseTerms: bool(r.hasPotentiallyRestrictiveLicenseTerms),
		licenseTerms,
		releaseDetails: normalizeReleaseDetails(r.releaseDetails, false),
		downloadConstraints: {
			effectiveMaxDownloads: int(constraints.effectiveMaxDownloads),
			effectiveMaxUsers: int(constraints.effectiveMaxUsers),
			effectiveMaxReuses: int(constraints.effectiveMaxReuses),
			currentDownloads: int(r.currentDownloads),
			currentUsers: int(r.currentUsers),
			currentReuses: int(r.currentReuses),
		},
	};
}

/** The camelCase `rights` object to store on a Portals asset (e.g. when uploading a purchase). */
export function toAssetRights(rights: NormalizedRights): AssetRights {
	return {
		licenseType: rights.licenseType,
		copyrightNotice: rights.copyrightNotice,
		releaseDetails: rights.releaseDetails,
		licenseTerms: rights.licenseTerms,
		isEditorialUse: rights.isEditorialUse,
	};
}

function isNormalized(value: Obj): boolean {
	return (
		(value.source === 'clapi-purchase' || value.source === 'portals-asset') &&
		'licenseTerms' in value &&
		isObj(value.downloadConstraints)
	);
}

/**
 * Accepts a CLAPI-C purchase, a Portals asset or an already normalized model and returns the
 * normalized model. Detection: snake_case purchase fields → purchase; `rights`/camelCase asset
 * fields → asset.
 */
export function normalizeRights(input: unknown): NormalizedRights {
	if (isObj(input)) {
		if (isNormalized(input)) return input as unknown as NormalizedRights;
		if (
			'license_terms' in input ||
			'content_element' in input ||
			'cart_purchase_transaction_uuid' in input
		) {
			return normalizeFromPurchase(input);
		}
		if ('rights' in input || 'contentType' in input || 'eTag' in input)
			return normalizeFromAsset(input);
	}
	throw new RightsInputError(
		'Cannot tell what this is: expected a CLAPI-C licence purchase, a Portals asset, or normalized rights',
		{
			field: 'rights',
			hint: 'Pass a licence purchase (with license_terms) or an asset (with rights)',
		},
	);
}
