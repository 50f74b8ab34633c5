// The rights check: pure functions, no n8n imports, so it is tested without n8n.
export * from './types';
export { RightsInputError } from './errors';
export type { RightsInputErrorDetails } from './errors';
export {
	normalizeFromPurchase,
	normalizeFromAsset,
	normalizeRights,
	toAssetRights,
	toLocalizedText,
	resolveLocalized,
	combineEditorialUse,
} from './normalize';
export {
	DIMENSIONS,
	DIMENSION_FIELDS,
	KNOWN_KEYS,
	covers,
	overlaps,
	familiesOf,
	canonicalKey,
	licenceKeys,
	vocabularyFor,
	keysFromGenericMetadata,
	editDistance,
	suggestKeys,
} from './keys';
export { parseUseDate, useInterval, DATE_FORMAT_HINT } from './dates';
export { validateIntendedUse } from './validate';
export type { ValidateOptions } from './validate';
export { checkUse } from './checkUse';
