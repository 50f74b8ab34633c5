'use strict';
// Input validation: field names, unknown keys with suggestions, date formats, commercial flag.

const {
	validateIntendedUse,
	parseUseDate,
	RightsInputError,
	DATE_FORMAT_HINT,
} = require('../../../nodes/SmintIo/rights');
const { rights, term, thrown, NOW } = require('./helpers');

const validate = (input, options = {}) => validateIntendedUse(input, { now: NOW, ...options });

describe('unknown keys: error with the closest known keys', () => {
	it.each([
		['usage', 'advertising_print_magazine_newspapr', 'advertising_print_magazine_newspaper'],
		['usage', 'digital_media_socail_media', 'digital_media_social_media'],
		['size', 'size_larg', 'size_large'],
		['placement', 'placement_promnent', 'placement_prominent'],
		['distribution', 'chanel_web', 'channel_web'],
		['geography', 'europe_germnay', 'europe_germany'],
		['industry', 'industry_automotiv', 'industry_automotive'],
		['language', 'language_germn', 'language_german'],
	])('%s %s → suggests %s first', (dimension, input, best) => {
		const error = thrown(() => validate({ [dimension]: input }));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('RightsInputError');
		expect(error.field).toBe(dimension);
		expect(error.value).toBe(input);
		expect(error.suggestions[0]).toBe(best);
		expect(error.message).toContain(`Unknown ${dimension} key '${input}'`);
		expect(error.message).toContain(best);
		expect(error.hint).toContain(best);
	});

	it('adv_print (not a Smint.io key) suggests the advertising_print family', () => {
		const error = thrown(() => validate({ usage: 'adv_print' }));
		expect(error.suggestions.length).toBeGreaterThan(1);
		for (const s of error.suggestions) expect(s).toMatch(/^advertising_print_/);
		expect(error.message).toMatch(
			/^Unknown usage key 'adv_print'\. Closest known usages: advertising_print_/,
		);
	});

	it('the first unknown key of a list is reported', () => {
		const error = thrown(() => validate({ geography: ['europe_germany', 'europe_frnace'] }));
		expect(error.value).toBe('europe_frnace');
		expect(error.suggestions[0]).toBe('europe_france');
	});
});

describe('keys that are accepted', () => {
	it.each([
		['usage', 'digital_media_social_media'],
		['usage', 'advertising_any'],
		['usage', 'any'],
		['geography', 'europe_any'],
		['language', 'language_any'],
		['industry', 'industry_any'],
		['geography', ' Europe_Germany '],
	])('%s %j (vocabulary or implied family)', (dimension, key) => {
		expect(validate({ [dimension]: key }).dimensions[dimension]).toEqual([
			key.trim().toLowerCase(),
		]);
	});

	it('tenant keys present in the licence, allowed or restricted', () => {
		const licence = rights([
			term({ allowed_usages: ['adv_web'], restricted_geographies: ['tenant_region_x'] }),
		]);
		expect(
			validate({ usage: 'adv_web', geography: 'tenant_region_x' }, { rights: licence }).dimensions,
		).toEqual({
			usage: ['adv_web'],
			geography: ['tenant_region_x'],
		});
		expect(() => validate({ usage: 'adv_web' })).toThrow(RightsInputError);
	});

	it('keys the caller knows (generic metadata)', () => {
		expect(
			validate({ usage: 'tenant_usage' }, { knownKeys: { usage: ['tenant_usage'] } }).dimensions
				.usage,
		).toEqual(['tenant_usage']);
		expect(() =>
			validate({ usage: 'tenant_usage' }, { knownKeys: { geography: ['tenant_usage'] } }),
		).toThrow(/Unknown usage key/);
	});

	it('allowUnknownKeys skips the vocabulary', () => {
		expect(
			validate({ usage: 'whatever_key' }, { allowUnknownKeys: true }).dimensions.usage,
		).toEqual(['whatever_key']);
	});

	it('comma-separated text and arrays; empty entries and duplicates dropped', () => {
		expect(
			validate({
				geography: 'europe_germany, europe_france,,europe_germany',
				usage: ['digital_media_any', ''],
				size: '',
			}).dimensions,
		).toEqual({ geography: ['europe_germany', 'europe_france'], usage: ['digital_media_any'] });
	});

	it('null and undefined dimensions are not named', () => {
		expect(validate({ usage: null, size: undefined }).dimensions).toEqual({});
	});
});

describe('malformed dimension values', () => {
	it.each([
		[{ usage: 5 }, 'usage', /must be a key or a list of keys/],
		[{ usage: { key: 'x' } }, 'usage', /must be a key or a list of keys/],
		[{ geography: ['europe_germany', 7] }, 'geography', /Each geography key must be text/],
		[{ language: true }, 'language', /must be a key or a list of keys/],
	])('%j → error on %s', (input, field, message) => {
		const error = thrown(() => validate(input));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});
});

describe('unknown fields', () => {
	it.each([
		['usages', 'usage'],
		['geograpy', 'geography'],
		['lang', 'language'],
		['commerical', 'commercial'],
	])('%s → did you mean %s', (field, best) => {
		const error = thrown(() => validate({ [field]: 'x' }));
		expect(error.field).toBe(field);
		expect(error.suggestions[0]).toBe(best);
		expect(error.message).toContain(`Unknown intended-use field '${field}'`);
		expect(error.message).toContain(
			'Valid fields: usage, size, placement, distribution, geography, industry, language, date, commercial',
		);
	});

	it.each([['text'], [42], [['usage']]])(
		'an intended use that is not an object (%j) is an error',
		(input) => {
			const error = thrown(() => validate(input));
			expect(error.field).toBe('intendedUse');
		},
	);

	it.each([[null], [undefined]])('%j means: no dimensions, today, commercial', (input) => {
		expect(validate(input)).toEqual({
			dimensions: {},
			date: '2026-03-01',
			dateGranularity: 'day',
			commercial: true,
		});
	});
});

describe('date formats', () => {
	it.each([
		['01.03.2026', 'not in a supported format'],
		['2026/03/01', 'not in a supported format'],
		['2026-3-1', 'not in a supported format'],
		['March 1, 2026', 'not in a supported format'],
		['tomorrow', 'not in a supported format'],
		['2026-03-01T14', 'not in a supported format'],
		['2026-03-01T14:30:00 Z', 'not in a supported format'],
		['2026-02-30', '2026-02-30 is not a calendar date'],
		['2025-02-29', '2025-02-29 is not a calendar date'],
		['2026-13-01', '2026-13-01 is not a calendar date'],
		['2026-00-10', '2026-00-10 is not a calendar date'],
		['2026-02-30T10:00:00Z', '2026-02-30 is not a calendar date'],
		['2026-03-01T24:00:00Z', 'the time of day is out of range'],
		['2026-03-01T10:60:00Z', 'the time of day is out of range'],
		['2026-03-01T10:00:61Z', 'the time of day is out of range'],
		['2026-03-01T10:00:00+24:00', 'the UTC offset is out of range'],
		[20260301, 'a number is not a date text'],
		[{ year: 2026 }, 'a object is not a date text'],
		[new Date('nope'), 'not a valid date'],
	])('%j → RightsInputError naming the expected format (%s)', (date, why) => {
		const error = thrown(() => validate({ date }));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error.field).toBe('date');
		expect(error.message).toContain(why);
		expect(error.message).toContain(
			'Expected format: yyyy-mm-dd (e.g. 2026-03-01) or an ISO 8601 date-time (e.g. 2026-03-01T14:30:00Z)',
		);
		expect(error.message.startsWith('Invalid date ')).toBe(true);
		expect(error.hint).toBe(DATE_FORMAT_HINT);
	});

	it.each([
		['2026-03-01', '2026-03-01', 'day'],
		[' 2026-03-01 ', '2026-03-01', 'day'],
		['2024-02-29', '2024-02-29', 'day'],
		['2026-03-01T14:30:00Z', '2026-03-01T14:30:00.000Z', 'instant'],
		['2026-03-01t14:30:00z', '2026-03-01T14:30:00.000Z', 'instant'],
		['2026-03-01T14:30Z', '2026-03-01T14:30:00.000Z', 'instant'],
		['2026-03-01T14:30:00.5Z', '2026-03-01T14:30:00.500Z', 'instant'],
		['2026-03-01T14:30:00.123456+02:00', '2026-03-01T12:30:00.123Z', 'instant'],
		['2026-03-01T00:30:00+0100', '2026-02-28T23:30:00.000Z', 'instant'],
		['2026-03-01T23:30:00-05:30', '2026-03-02T05:00:00.000Z', 'instant'],
		['2026-03-01 14:30:00', '2026-03-01T14:30:00.000Z', 'instant'],
		['2026-03-01T14:30:00', '2026-03-01T14:30:00.000Z', 'instant'],
		[new Date('2026-03-01T14:30:00Z'), '2026-03-01T14:30:00.000Z', 'instant'],
	])('%j → %s (%s)', (input, date, granularity) => {
		expect(parseUseDate(input, NOW)).toEqual({ date, dateGranularity: granularity });
		expect(validate({ date: input })).toMatchObject({ date, dateGranularity: granularity });
	});
});

describe('commercial flag', () => {
	it.each([
		[true, true],
		[false, false],
		[undefined, true],
		[null, true],
	])('%j → %s', (value, expected) => {
		expect(validate({ commercial: value }).commercial).toBe(expected);
	});

	it.each([['yes'], ['false'], [0], [1]])('%j is an error naming both choices', (value) => {
		const error = thrown(() => validate({ commercial: value }));
		expect(error.field).toBe('commercial');
		expect(error.message).toContain('true (commercial use) or false (editorial use)');
	});
});
