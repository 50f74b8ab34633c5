'use strict';
// Checks and normalises the camelCase parameter objects of Portals method calls. Every
// failure is a SmintioError naming the offending parameter (error_details.name), so a client
// can tell its user exactly which field to fix.

const { argumentInvalid, argumentMissing, maxPagingLimitExceeded } = require('../errors');
const { APPROVAL_STATES, CONTENT_TYPES } = require('../constants');

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function requireObject(value, name) {
	if (value === undefined || value === null) throw argumentMissing(name);
	if (!isPlainObject(value)) throw argumentInvalid(`"${name}" must be an object`, name);
	return value;
}

function requireString(value, name) {
	if (value === undefined || value === null || value === '') throw argumentMissing(name);
	if (typeof value !== 'string') throw argumentInvalid(`"${name}" must be a string`, name);
	return value;
}

function optionalString(value, name) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw argumentInvalid(`"${name}" must be a string`, name);
	return value;
}

/** `{id}` asset reference → id */
function assetRef(value, name) {
	if (value === undefined || value === null) throw argumentMissing(name);
	if (!isPlainObject(value) || typeof value.id !== 'string' || value.id === '') {
		throw argumentInvalid(`"${name}" must be an object {"id": "<asset id>"}`, name);
	}
	return value.id;
}

/** `[{id}]` → ids (duplicates removed, order kept) */
function assetRefs(value, name, max = 500) {
	if (value === undefined || value === null) throw argumentMissing(name);
	if (!Array.isArray(value)) throw argumentInvalid(`"${name}" must be an array of {"id": "<asset id>"}`, name);
	if (value.length > max) throw maxPagingLimitExceeded(max, name);
	const ids = value.map((ref, index) => assetRef(ref, `${name}[${index}]`));
	return Array.from(new Set(ids));
}

/** Localized string: a dict keyed by culture ("en", "de", "x-default"); a plain string becomes x-default. */
function localizedString(value, name, { required = false } = {}) {
	if (value === undefined || value === null) {
		if (required) throw argumentMissing(name);
		return null;
	}
	if (typeof value === 'string') {
		if (required && value.trim() === '') throw argumentMissing(name);
		return { 'x-default': value };
	}
	if (!isPlainObject(value)) throw argumentInvalid(`"${name}" must be a string or a dict of culture → string`, name);
	const out = {};
	for (const [culture, text] of Object.entries(value)) {
		if (!/^(x-default|[a-z]{2,3}(-[A-Za-z0-9]{2,8})?)$/.test(culture)) {
			throw argumentInvalid(`"${name}" has an invalid culture key "${culture}"`, name);
		}
		if (typeof text !== 'string') throw argumentInvalid(`"${name}.${culture}" must be a string`, name);
		out[culture] = text;
	}
	if (required && Object.values(out).every((text) => text.trim() === '')) throw argumentMissing(name);
	return out;
}

/** Localized tags: dict culture → string[]; a plain array becomes x-default. */
function localizedTags(value, name) {
	if (value === undefined || value === null) return {};
	if (Array.isArray(value)) value = { 'x-default': value };
	if (!isPlainObject(value)) throw argumentInvalid(`"${name}" must be a dict of culture → string[]`, name);
	const out = {};
	for (const [culture, tags] of Object.entries(value)) {
		if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
			throw argumentInvalid(`"${name}.${culture}" must be an array of strings`, name);
		}
		out[culture] = Array.from(new Set(tags.map((tag) => tag.trim()).filter(Boolean)));
	}
	return out;
}

/** Free key/value metadata: values are strings, numbers, booleans, null or string arrays. */
function metadata(value, name) {
	if (value === undefined || value === null) return {};
	if (!isPlainObject(value)) throw argumentInvalid(`"${name}" must be an object of key → value`, name);
	for (const [key, item] of Object.entries(value)) {
		const scalar = item === null || ['string', 'number', 'boolean'].includes(typeof item);
		const stringArray = Array.isArray(item) && item.every((entry) => typeof entry === 'string');
		if (!scalar && !stringArray) {
			throw argumentInvalid(`"${name}.${key}" must be a string, number, boolean, null or string array`, name);
		}
	}
	return { ...value };
}

function isoDate(value, name, { nullable = true } = {}) {
	if (value === undefined || value === null) {
		if (nullable) return null;
		throw argumentMissing(name);
	}
	if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
		throw argumentInvalid(`"${name}" must be an ISO-8601 date-time string`, name);
	}
	return new Date(value).toISOString();
}

function approvalState(value, name, fallback) {
	if (value === undefined || value === null) return fallback;
	if (!APPROVAL_STATES.includes(value)) {
		throw argumentInvalid(`"${name}" must be one of ${APPROVAL_STATES.join(', ')}`, name);
	}
	return value;
}

/** contentType as the enum name, or as the enum index of the public docs (0 image, 1 document, 2 video, 3 audio). */
function contentType(value, name) {
	if (value === undefined || value === null || value === '') return null;
	const byIndex = ['image', 'document', 'video', 'audio'];
	if (typeof value === 'number' && byIndex[value]) return byIndex[value];
	if (typeof value === 'string' && CONTENT_TYPES.includes(value)) return value;
	throw argumentInvalid(`"${name}" must be one of ${CONTENT_TYPES.join(', ')} (or 0-3)`, name);
}

function paging(params, { defaultPageSize, maxPageSize }) {
	const page = params.page === undefined || params.page === null ? 0 : params.page;
	const pageSize = params.pageSize === undefined || params.pageSize === null ? defaultPageSize : params.pageSize;
	if (!Number.isInteger(page) || page < 0) {
		throw argumentInvalid('"page" must be an integer >= 0 (pages are 0-based)', 'page');
	}
	if (!Number.isInteger(pageSize) || pageSize < 1) throw argumentInvalid('"pageSize" must be an integer >= 1', 'pageSize');
	if (pageSize > maxPageSize) throw maxPagingLimitExceeded(maxPageSize, 'pageSize');
	return { page, pageSize };
}

const TERM_LISTS = [
	'exclusivities',
	'allowedUsages',
	'restrictedUsages',
	'allowedSizes',
	'restrictedSizes',
	'allowedPlacements',
	'restrictedPlacements',
	'allowedDistributions',
	'restrictedDistributions',
	'allowedGeographies',
	'restrictedGeographies',
	'allowedIndustries',
	'restrictedIndustries',
	'allowedLanguages',
	'restrictedLanguages',
	'usageLimits',
];
const TERM_DATES = ['validFrom', 'validUntil', 'toBeUsedUntil'];
const TERM_KEYS = new Set(['sequenceNumber', 'name', 'isEditorialUse', ...TERM_LISTS, ...TERM_DATES]);
const RIGHTS_KEYS = new Set(['licenseType', 'copyrightNotice', 'releaseDetails', 'licenseTerms', 'isEditorialUse']);
const RELEASE_KEYS = new Set(['modelReleaseState', 'propertyReleaseState']);

function nullableBoolean(value, name) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'boolean') throw argumentInvalid(`"${name}" must be true, false or null`, name);
	return value;
}

/**
 * The modeled `rights` object: licence terms in the CLAPI-C term vocabulary, camelCase, with
 * every list present (missing lists become []; unknown stays null, never false).
 */
function rights(value, name) {
	if (value === undefined || value === null) return null;
	requireObject(value, name);
	for (const key of Object.keys(value)) {
		if (!RIGHTS_KEYS.has(key)) throw argumentInvalid(`"${name}.${key}" is not a rights field`, `${name}.${key}`);
	}
	const release = value.releaseDetails === undefined || value.releaseDetails === null ? null : value.releaseDetails;
	if (release !== null) {
		requireObject(release, `${name}.releaseDetails`);
		for (const key of Object.keys(release)) {
			if (!RELEASE_KEYS.has(key)) {
				throw argumentInvalid(`"${name}.releaseDetails.${key}" is not a release field`, `${name}.releaseDetails.${key}`);
			}
		}
	}
	const terms = value.licenseTerms === undefined || value.licenseTerms === null ? [] : value.licenseTerms;
	if (!Array.isArray(terms)) throw argumentInvalid(`"${name}.licenseTerms" must be an array`, `${name}.licenseTerms`);
	const licenseTerms = terms.map((term, index) => {
		const where = `${name}.licenseTerms[${index}]`;
		requireObject(term, where);
		for (const key of Object.keys(term)) {
			if (!TERM_KEYS.has(key)) throw argumentInvalid(`"${where}.${key}" is not a licence term field`, `${where}.${key}`);
		}
		const out = {
			sequenceNumber: term.sequenceNumber === undefined ? index + 1 : term.sequenceNumber,
			name: localizedString(term.name, `${where}.name`) || { 'x-default': `Term ${index + 1}` },
		};
		if (!Number.isInteger(out.sequenceNumber)) {
			throw argumentInvalid(`"${where}.sequenceNumber" must be an integer`, `${where}.sequenceNumber`);
		}
		for (const list of TERM_LISTS) {
			const items = term[list] === undefined || term[list] === null ? [] : term[list];
			if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
				throw argumentInvalid(`"${where}.${list}" must be an array of keys`, `${where}.${list}`);
			}
			out[list] = items;
		}
		for (const date of TERM_DATES) out[date] = isoDate(term[date], `${where}.${date}`);
		out.isEditorialUse = nullableBoolean(term.isEditorialUse, `${where}.isEditorialUse`);
		return out;
	});
	return {
		licenseType: optionalString(value.licenseType, `${name}.licenseType`),
		copyrightNotice: optionalString(value.copyrightNotice, `${name}.copyrightNotice`),
		releaseDetails: {
			modelReleaseState: release ? optionalString(release.modelReleaseState, `${name}.releaseDetails.modelReleaseState`) : null,
			propertyReleaseState: release
				? optionalString(release.propertyReleaseState, `${name}.releaseDetails.propertyReleaseState`)
				: null,
		},
		licenseTerms,
		isEditorialUse:
			value.isEditorialUse !== undefined && value.isEditorialUse !== null
				? nullableBoolean(value.isEditorialUse, `${name}.isEditorialUse`)
				: deriveEditorialUse(licenseTerms),
	};
}

/** As CLAPI-C derives it: true if any term says true, else false if any says false, else null (unknown). */
function deriveEditorialUse(terms) {
	if (terms.some((term) => term.isEditorialUse === true)) return true;
	if (terms.some((term) => term.isEditorialUse === false)) return false;
	return null;
}

const USAGE_KEYS = new Set(['at', 'channel', 'target', 'by']);

/** usageHistory: [{at, channel, target, by}] */
function usageHistory(value, name) {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw argumentInvalid(`"${name}" must be an array`, name);
	return value.map((entry, index) => {
		const where = `${name}[${index}]`;
		requireObject(entry, where);
		for (const key of Object.keys(entry)) {
			if (!USAGE_KEYS.has(key)) throw argumentInvalid(`"${where}.${key}" is not a usage field (at, channel, target, by)`, where);
		}
		return {
			at: isoDate(entry.at, `${where}.at`, { nullable: false }),
			channel: optionalString(entry.channel, `${where}.channel`),
			target: optionalString(entry.target, `${where}.target`),
			by: optionalString(entry.by, `${where}.by`),
		};
	});
}

function stringIds(value, name) {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.some((id) => typeof id !== 'string' || id === '')) {
		throw argumentInvalid(`"${name}" must be an array of ids`, name);
	}
	return Array.from(new Set(value));
}

/** Rejects parameters a method does not know (typos would otherwise be silently ignored). */
function onlyKnown(params, known, method) {
	for (const key of Object.keys(params)) {
		if (!known.includes(key)) {
			throw argumentInvalid(`${method} does not take a parameter "${key}" (known: ${known.join(', ')})`, key);
		}
	}
}

module.exports = {
	isPlainObject,
	requireObject,
	requireString,
	optionalString,
	assetRef,
	assetRefs,
	localizedString,
	localizedTags,
	metadata,
	isoDate,
	approvalState,
	contentType,
	paging,
	rights,
	usageHistory,
	stringIds,
	onlyKnown,
	deriveEditorialUse,
};
