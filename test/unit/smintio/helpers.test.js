'use strict';
// Pure helpers of the Smint.io node: input parsing, collection paths, localized fields,
// search filters, hosts.

const { assetId, assetIdList, idList, jsonInput, tagList, isoDate, methodName, collectionId } = require('../../../nodes/SmintIo/helpers/input');
const { InputError } = require('../../../nodes/SmintIo/helpers/inputError');
const { splitCollectionPath, pickChild, sameName } = require('../../../nodes/SmintIo/helpers/collectionPath');
const { resolveCulture, localizeAsset, localizeCollection } = require('../../../nodes/SmintIo/helpers/localized');
const { buildCurrentFilters } = require('../../../nodes/SmintIo/helpers/searchFilters');
const { deriveHosts } = require('../../../nodes/SmintIo/helpers/hosts');

const inputError = (fn) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error;
	}
	throw new Error('expected an InputError');
};

describe('asset IDs', () => {
	test.each(['99:image:64257dc3d8b546c0b5175a156848cd55', '1:video:abc', 'da-1:other:x:y'])('%s is accepted', (id) => {
		expect(assetId(` ${id} `)).toBe(id);
	});
	test.each(['', '64257dc3', '99:image', '99::x', '99:Image:x', '99:image:has space', 'a b:image:x'])('%p is refused with a hint', (id) => {
		const error = inputError(() => assetId(id, 'Asset'));
		expect(error.hint).toMatch(/three parts separated by colons/);
	});
	test('lists: text, arrays of IDs or of {id}, deduplicated; every entry checked', () => {
		expect(idList('a, b;c\nb,,')).toEqual(['a', 'b', 'c']);
		expect(idList([{ id: 'x' }, 'y', { id: 'x' }, 7])).toEqual(['x', 'y', '7']);
		expect(assetIdList('1:image:a, 1:image:b')).toEqual(['1:image:a', '1:image:b']);
		expect(inputError(() => assetIdList('1:image:a, nope')).message).toContain("'nope'");
		expect(inputError(() => assetIdList('')).message).toMatch(/no asset IDs/);
	});
	test('collection IDs: non-empty, no spaces or slashes', () => {
		expect(collectionId(' abc-1 ')).toBe('abc-1');
		inputError(() => collectionId('a/b'));
		inputError(() => collectionId(''));
	});
});

describe('JSON input', () => {
	test('text is parsed, objects from expressions are kept, empty means none', () => {
		expect(jsonInput('{"a": 1}', 'X')).toEqual({ a: 1 });
		const object = { a: [1] };
		expect(jsonInput(object, 'X')).toBe(object);
		expect(jsonInput('', 'X')).toEqual({});
		expect(jsonInput('  ', 'X', 'array')).toEqual([]);
		expect(jsonInput('[1]', 'X', 'array')).toEqual([1]);
		expect(jsonInput('3', 'X', 'any')).toBe(3);
	});
	test('invalid JSON names the field and how to write it', () => {
		const error = inputError(() => jsonInput('{a: 1}', 'Metadata (JSON)'));
		expect(error.message).toMatch(/^Metadata \(JSON\) is not valid JSON: /);
		expect(error.hint).toMatch(/double quotes/);
	});
	test('the wrong top-level type is refused', () => {
		expect(inputError(() => jsonInput('[1]', 'Parameters')).message).toBe('Parameters must be a JSON object');
		expect(inputError(() => jsonInput('{}', 'List', 'array')).message).toBe('List must be a JSON array');
	});
});

describe('dates', () => {
	test.each([
		['2026-03-01', '2026-03-01T00:00:00.000Z'],
		['2026-03-01T14:30:00Z', '2026-03-01T14:30:00.000Z'],
		['2026-03-01T14:30:00+02:00', '2026-03-01T12:30:00.000Z'],
		['2026-03-01 14:30', '2026-03-01T14:30:00.000Z'],
		['2026-03-01T14:30:00.123', '2026-03-01T14:30:00.123Z'],
	])('%s -> %s', (input, iso) => {
		expect(isoDate(input, 'Date')).toBe(iso);
	});
	test('Date and Luxon-like objects are accepted', () => {
		expect(isoDate(new Date('2026-03-01T00:00:00Z'), 'D')).toBe('2026-03-01T00:00:00.000Z');
		expect(isoDate({ toISO: () => '2026-03-01T10:00:00.000+01:00' }, 'D')).toBe('2026-03-01T09:00:00.000Z');
	});
	test.each(['01/03/2026', '2026-02-30', '2026-13-01', 'tomorrow', '2026-3-1'])('%s is refused with the expected format', (input) => {
		const error = inputError(() => isoDate(input, 'Modified Since'));
		expect(error.message).toContain('Modified Since');
		expect(error.hint).toMatch(/yyyy-mm-dd/);
	});
});

test('tags: comma text or arrays, trimmed, deduplicated', () => {
	expect(tagList(' a, b ,a,, c')).toEqual(['a', 'b', 'c']);
	expect(tagList(['x', ' y ', 3])).toEqual(['x', 'y', '3']);
	expect(tagList(undefined)).toEqual([]);
});

test('method names of Custom Method', () => {
	expect(methodName(' IAssetsRead ', 'getAssetAsync')).toEqual({ iface: 'IAssetsRead', method: 'getAssetAsync' });
	expect(inputError(() => methodName('AssetsRead', 'x')).message).toMatch(/not a Portals interface name/);
	expect(inputError(() => methodName('IAssets', 'get/asset')).message).toMatch(/not a Portals method name/);
});

describe('collection paths', () => {
	test('split on "/", trimmed, outer slashes ignored', () => {
		expect(splitCollectionPath('/Launch 2027/ Germany /Shoes/Social/')).toEqual(['Launch 2027', 'Germany', 'Shoes', 'Social']);
	});
	test('empty paths and empty levels are refused with the position', () => {
		expect(inputError(() => splitCollectionPath('')).message).toBe('Collection path is empty');
		expect(inputError(() => splitCollectionPath('a/ /b')).message).toMatch(/position 2/);
	});
	test('the oldest same-named child of the parent wins; names match case-insensitively and per culture', () => {
		const candidates = [
			{ collectionId: 'c3', name: 'Shoes', parentCollectionId: 'p', createdAt: '2026-03-01' },
			{ collectionId: 'c1', name: 'shoes ', parentCollectionId: 'p', createdAt: '2026-01-01' },
			{ collectionId: 'c2', name: 'Shoes', parentCollectionId: 'other', createdAt: '2025-01-01' },
			{ collectionId: 'c4', name: { en: 'Shoes', de: 'Schuhe' }, parentCollectionId: null, createdAt: '2026-01-01' },
		];
		expect(pickChild(candidates, 'SHOES', 'p')).toEqual({ match: candidates[1], duplicates: 1 });
		expect(pickChild(candidates, 'Schuhe', null).match.collectionId).toBe('c4');
		expect(pickChild(candidates, 'Bags', 'p')).toEqual({ match: null, duplicates: 0 });
		expect(sameName({ de: 'Schuhe' }, 'schuhe')).toBe(true);
		expect(sameName(undefined, 'x')).toBe(false);
	});
});

describe('localized fields', () => {
	const name = { de: 'Schuh', 'x-default': 'Shoe (default)', en: 'Shoe', fr: 'Chaussure' };
	test.each([
		['de', 'Schuh'],
		['it', 'Shoe (default)'],
	])('culture %s -> %s', (culture, expected) => {
		expect(resolveCulture(name, culture)).toBe(expected);
	});
	test('then en, then the first entry; plain values as they are', () => {
		expect(resolveCulture({ fr: 'Chaussure', en: 'Shoe' }, 'it')).toBe('Shoe');
		expect(resolveCulture({ fr: 'Chaussure', es: 'Zapato' }, 'it')).toBe('Chaussure');
		expect(resolveCulture('plain', 'de')).toBe('plain');
		expect(resolveCulture(null, 'de')).toBeNull();
	});
	test('an asset keeps the raw dicts next to the resolved values', () => {
		const asset = { id: '1:image:a', name, description: { en: 'A shoe' }, localizedTags: { de: ['schuh'], en: ['shoe'] }, metadata: { a: 1 } };
		expect(localizeAsset(asset, 'de')).toEqual({
			...asset,
			name: 'Schuh',
			localizedName: name,
			description: 'A shoe',
			localizedDescription: { en: 'A shoe' },
			tags: ['schuh'],
			culture: 'de',
		});
		expect(localizeCollection({ collectionId: 'c', name: 'Plain', description: { en: 'x' } }, 'de')).toEqual({
			collectionId: 'c',
			name: 'Plain',
			description: 'x',
			localizedDescription: { en: 'x' },
		});
	});
});

test('search filters in the public currentFilters shape with the table\'s filter ids', () => {
	expect(buildCurrentFilters({})).toBeUndefined();
	expect(buildCurrentFilters({ contentTypes: ['image'], approvalStates: [], collectionIds: ['c'], externalIds: ['e'], modifiedSince: '2026-01-01T00:00:00.000Z' })).toEqual({
		values: [
			{ id: 'contentType', dataType: 'string_array', stringArrayValue: ['image'] },
			{ id: 'collectionId', dataType: 'string_array', stringArrayValue: ['c'] },
			{ id: 'externalId', dataType: 'string_array', stringArrayValue: ['e'] },
			{ id: 'modifiedSince', dataType: 'string', stringValue: '2026-01-01T00:00:00.000Z' },
		],
	});
});

describe('hosts', () => {
	test('derived from the tenant', () => {
		expect(deriveHosts({ tenantId: 'acme' })).toEqual({
			identityBaseUrl: 'https://acme.smint.io',
			portalsBaseUrl: 'https://acme.portalsapife.smint.io/frontend/v1',
			clapiBaseUrl: 'https://acme.clapi.smint.io/consumer/v1',
		});
	});
	test('each overridable (trailing slashes dropped); no tenant and no override is an error', () => {
		expect(deriveHosts({ tenantId: 'acme', portalsBaseUrl: 'http://127.0.0.1:9/frontend/v1/' }).portalsBaseUrl).toBe('http://127.0.0.1:9/frontend/v1');
		expect(deriveHosts({ identityBaseUrl: 'https://a', portalsBaseUrl: 'https://b', clapiBaseUrl: 'https://c' })).toEqual({
			identityBaseUrl: 'https://a',
			portalsBaseUrl: 'https://b',
			clapiBaseUrl: 'https://c',
		});
		expect(() => deriveHosts({ portalsBaseUrl: 'https://b' })).toThrow(/Tenant ID/);
	});
});
