'use strict';

const { matchOutput, parseSearchValues, queryBatches, searchQueries, MAX_QUERIES_PER_SEARCH } = require('../../../nodes/DropboxSync/helpers/propertySearch');

describe('parseSearchValues', () => {
	test('comma-separated text: trimmed, blanks and duplicates dropped, order kept', () => {
		expect(parseSearchValues(' a-2, a-1 ,, a-2 ')).toEqual(['a-2', 'a-1']);
	});
	test('a list (from an expression), numbers as text', () => {
		expect(parseSearchValues(['a-1', 7, '', null, 'a-1'])).toEqual(['a-1', '7']);
	});
	test('nothing given is no value', () => {
		expect(parseSearchValues('')).toEqual([]);
		expect(parseSearchValues(undefined)).toEqual([]);
	});
});

test('queryBatches splits into searches of at most the Dropbox limit', () => {
	const values = Array.from({ length: MAX_QUERIES_PER_SEARCH * 2 + 1 }, (_, i) => `v${i}`);
	const batches = queryBatches(values);
	expect(batches.map((batch) => batch.length)).toEqual([MAX_QUERIES_PER_SEARCH, MAX_QUERIES_PER_SEARCH, 1]);
	expect(batches.flat()).toEqual(values);
});

test('searchQueries asks for exact values of one field, OR-ed', () => {
	expect(searchQueries('smintio_asset_id', ['a-1'])).toEqual([
		{ query: 'a-1', mode: { '.tag': 'field_name', field_name: 'smintio_asset_id' }, logical_operator: { '.tag': 'or_operator' } },
	]);
});

describe('matchOutput', () => {
	const match = {
		id: 'id:1',
		path: '/Team/a.jpg',
		is_deleted: false,
		property_groups: [
			{ template_id: 'ptid:a', fields: [{ name: 'smintio_asset_id', value: 'a-1' }] },
			{ template_id: 'ptid:b', fields: [{ name: 'other', value: 'x' }] },
		],
	};
	test('with a template: only its properties, as name → value', () => {
		expect(matchOutput(match, 'ptid:a')).toEqual({
			id: 'id:1',
			path: '/Team/a.jpg',
			properties: { smintio_asset_id: 'a-1' },
			property_groups: [match.property_groups[0]],
		});
	});
	test('without: every group merged', () => {
		expect(matchOutput(match, undefined).properties).toEqual({ smintio_asset_id: 'a-1', other: 'x' });
	});
});
