'use strict';

const {
	DIMENSIONS,
	KNOWN_KEYS,
	covers,
	overlaps,
	familiesOf,
	vocabularyFor,
	licenceKeys,
	keysFromGenericMetadata,
	editDistance,
	suggestKeys,
} = require('../../../nodes/SmintIo/rights');
const { rights, term } = require('./helpers');

describe('covers(licenceKey, requestedKey): the *_any family rule', () => {
	it.each([
		['europe_any', 'europe_germany', true],
		['europe_germany', 'europe_germany', true],
		['europe_any', 'europe_any', true],
		['any', 'europe_germany', true],
		['any', 'any', true],
		['any', 'advertising_print_any', true],
		['advertising_any', 'advertising_print_magazine_newspaper', true],
		['advertising_any', 'advertising_print_any', true],
		['advertising_print_any', 'advertising_print_directory', true],
		['north_america_any', 'north_america_canada', true],
		['EUROPE_ANY', ' europe_germany ', true],
		['Europe_Germany', 'europe_germany', true],
		// never upwards, never sideways, only at an underscore boundary
		['europe_germany', 'europe_any', false],
		['advertising_print_any', 'advertising_any', false],
		['advertising_print_any', 'advertising_display_pos', false],
		['north_america_any', 'south_america_brazil', false],
		['asia_any', 'europe_turkey', false],
		['europe_france', 'europe_germany', false],
		['europe_any', 'european_union', false],
		['europe_any', 'europe', false],
		['europe_any', 'any', false],
		['europe_germany', 'any', false],
	])('covers(%j, %j) is %s', (licenceKey, requestedKey, expected) => {
		expect(covers(licenceKey, requestedKey)).toBe(expected);
	});
});

describe('overlaps(a, b): restriction reach, both directions', () => {
	it.each([
		['europe_any', 'europe_germany', true],
		['europe_germany', 'europe_any', true],
		['any', 'industry_food', true],
		['industry_food', 'any', true],
		['europe_germany', 'europe_germany', true],
		['europe_germany', 'europe_france', false],
		['asia_any', 'europe_any', false],
	])('overlaps(%j, %j) is %s', (a, b, expected) => {
		expect(overlaps(a, b)).toBe(expected);
		expect(overlaps(b, a)).toBe(expected);
	});
});

describe('familiesOf', () => {
	it.each([
		['europe_germany', ['europe_any', 'any']],
		['north_america_canada', ['north_america_any', 'north_any', 'any']],
		['europe_any', ['any']],
		['external', ['any']],
		['any', ['any']],
	])('%s → %j', (key, families) => {
		expect(familiesOf(key)).toEqual(families);
		for (const family of families) expect(covers(family, key)).toBe(true);
	});
});

describe('KNOWN_KEYS vocabulary', () => {
	it('has all seven dimensions', () => {
		expect(Object.keys(KNOWN_KEYS).sort()).toEqual([...DIMENSIONS].sort());
	});

	it.each(DIMENSIONS)('%s keys are unique, lower-case, without spaces', (dimension) => {
		const keys = KNOWN_KEYS[dimension];
		expect(keys.length).toBeGreaterThan(5);
		expect(new Set(keys).size).toBe(keys.length);
		for (const key of keys) expect(key).toMatch(/^[a-z0-9_]+$/);
	});

	// Examples named in smintio-api.md 5.3 and 4.1 must be known.
	it.each([
		['usage', 'advertising_print_magazine_newspaper'],
		['usage', 'digital_media_social_media'],
		['size', 'size_large'],
		['size', 'page_full'],
		['geography', 'europe_germany'],
		['geography', 'north_america_any'],
		['industry', 'industry_automotive'],
		['language', 'language_english'],
		['language', 'language_german'],
		['language', 'language_mandarin_chinese'],
		['language', 'language_portuguese'],
		['distribution', 'channel_web'],
		['placement', 'placement_prominent'],
	])('%s vocabulary holds %s', (dimension, key) => {
		expect(KNOWN_KEYS[dimension]).toContain(key);
	});
});

describe('vocabularyFor: built-in, caller-supplied, licence keys and implied families', () => {
	const licence = rights([
		term({ allowed_usages: ['adv_print'], restricted_geographies: ['TENANT_Region_north'] }),
		term({ sequence_number: 2, allowed_languages: ['language_klingon'] }),
	]);

	it('accepts the licence own keys (tenant-specific), lower-cased', () => {
		expect(licenceKeys(licence, 'usage')).toEqual(['adv_print']);
		expect(licenceKeys(licence, 'geography')).toEqual(['tenant_region_north']);
		expect(vocabularyFor('usage', licence).has('adv_print')).toBe(true);
		expect(vocabularyFor('usage', null).has('adv_print')).toBe(false);
	});

	it('accepts the families implied by known keys', () => {
		const languages = vocabularyFor('language');
		expect(languages.has('language_any')).toBe(true);
		expect(languages.has('any')).toBe(true);
		expect(vocabularyFor('usage', licence).has('adv_any')).toBe(true);
		expect(vocabularyFor('geography').has('europe_any')).toBe(true);
	});

	it('accepts caller keys (generic metadata)', () => {
		expect(
			vocabularyFor('industry', null, ['industry_space_travel']).has('industry_space_travel'),
		).toBe(true);
	});

	it('keeps dimensions apart', () => {
		expect(vocabularyFor('usage').has('europe_germany')).toBe(false);
		expect(vocabularyFor('geography').has('size_large')).toBe(false);
	});
});

describe('keysFromGenericMetadata', () => {
	it('collects keys per dimension from localized metadata elements, one per key', () => {
		const metadata = {
			license_usages: [
				{ culture: 'en', metadata_element: { key: 'digital_media_any', name: 'Digital media' } },
				{ culture: 'de', metadata_element: { key: 'digital_media_any', name: 'Digitale Medien' } },
				{ culture: 'en', metadata_element: { key: 'Tenant_Usage', name: 'Tenant usage' } },
			],
			license_languages: [
				{ culture: 'en', metadata_element: { key: 'language_german', name: 'German' } },
			],
			license_geographies: 'not a list',
			providers: [{ culture: 'en', metadata_element: { key: 'getty', name: 'Getty Images' } }],
		};
		expect(keysFromGenericMetadata(metadata)).toEqual({
			usage: ['digital_media_any', 'tenant_usage'],
			language: ['language_german'],
		});
	});

	it.each([[null], [undefined], ['x'], [42]])('returns {} for %j', (input) => {
		expect(keysFromGenericMetadata(input)).toEqual({});
	});
});

describe('editDistance (optimal string alignment)', () => {
	it.each([
		['', '', 0],
		['', 'abc', 3],
		['abc', '', 3],
		['same', 'same', 0],
		['kitten', 'sitting', 3],
		['ab', 'ba', 1],
		['europe_germnay', 'europe_germany', 1],
		['size_larg', 'size_large', 1],
	])('editDistance(%j, %j) = %d', (a, b, d) => {
		expect(editDistance(a, b)).toBe(d);
		expect(editDistance(b, a)).toBe(d);
	});
});

describe('suggestKeys', () => {
	it.each([
		['usage', 'advertising_print_magazine_newspapr', 'advertising_print_magazine_newspaper'],
		['geography', 'europe_germnay', 'europe_germany'],
		['geography', 'Europe_Germny', 'europe_germany'],
		['language', 'language_germn', 'language_german'],
		['industry', 'industry_manufacturing', 'industry_manifacturing'],
		['size', 'size_larg', 'size_large'],
		['distribution', 'chanel_web', 'channel_web'],
	])('%s: %s → %s first', (dimension, input, best) => {
		const suggestions = suggestKeys(input, vocabularyFor(dimension));
		expect(suggestions[0]).toBe(best);
		expect(suggestions.length).toBeLessThanOrEqual(5);
	});

	it('ranks abbreviations first: adv_print → advertising_print_*', () => {
		const suggestions = suggestKeys('adv_print', vocabularyFor('usage'));
		expect(suggestions).toHaveLength(5);
		for (const s of suggestions) expect(s.startsWith('advertising_print_')).toBe(true);
	});

	it('never suggests the bare any, and still answers for far-off input', () => {
		const suggestions = suggestKeys('zzzzzzzzzzzz', vocabularyFor('size'));
		expect(suggestions.length).toBeGreaterThan(0);
		expect(suggestions).not.toContain('any');
	});

	it('honours the limit', () => {
		expect(suggestKeys('adv_print', vocabularyFor('usage'), 2)).toHaveLength(2);
		expect(suggestKeys('europe_x', vocabularyFor('geography'), 2)).toEqual(['europe_any']);
	});
});
