'use strict';
// The Update Metadata merge: each changed field computed from the asset as read plus the
// user's changes; unchanged fields are left out (so a repeat sends nothing, and the 409 path
// can apply the same changes to a fresh copy).

const { buildAssetUpdate, sameValue } = require('../../../nodes/SmintIo/helpers/assetUpdate');

const asset = {
	id: '99:image:a',
	eTag: 'e1',
	name: { en: 'Shoe', 'x-default': 'Shoe' },
	description: null,
	localizedTags: { en: ['shoe', 'social'], de: ['schuh'] },
	metadata: { campaign: 'L27', market: 'DE', source: 'studio' },
	rights: null,
	approvalState: 'in_review',
	externalId: null,
	publishFrom: null,
	publishUntil: null,
	collectionIds: ['c1'],
};

test('localized texts change one culture and keep the others', () => {
	expect(buildAssetUpdate(asset, { culture: 'de', name: 'Schuh', description: 'Ein Schuh' })).toEqual({
		name: { en: 'Shoe', 'x-default': 'Shoe', de: 'Schuh' },
		description: { de: 'Ein Schuh' },
	});
	expect(buildAssetUpdate({ ...asset, name: 'Plain' }, { culture: 'en', name: 'New' })).toEqual({ name: { 'x-default': 'Plain', en: 'New' } });
});

test('tags: replace, add and remove (case-insensitive) in one culture', () => {
	expect(buildAssetUpdate(asset, { culture: 'en', tagsToAdd: ['eu', 'shoe'], tagsToRemove: ['SOCIAL'] })).toEqual({
		localizedTags: { en: ['shoe', 'eu'], de: ['schuh'] },
	});
	expect(buildAssetUpdate(asset, { culture: 'fr', tags: ['chaussure'] })).toEqual({
		localizedTags: { en: ['shoe', 'social'], de: ['schuh'], fr: ['chaussure'] },
	});
	expect(buildAssetUpdate(asset, { culture: 'en', tags: ['social', 'shoe'] })).toEqual({});
});

test('metadata: merge (default), replace, and keys to remove', () => {
	expect(buildAssetUpdate(asset, { culture: 'en', metadata: { market: 'FR', channel: 'web' } }).metadata).toEqual({
		campaign: 'L27',
		market: 'FR',
		source: 'studio',
		channel: 'web',
	});
	expect(buildAssetUpdate(asset, { culture: 'en', metadata: { only: 'this' }, metadataMode: 'replace' }).metadata).toEqual({ only: 'this' });
	expect(buildAssetUpdate(asset, { culture: 'en', metadataKeysToRemove: ['source'] }).metadata).toEqual({ campaign: 'L27', market: 'DE' });
	expect(buildAssetUpdate(asset, { culture: 'en', metadata: { market: 'DE' } })).toEqual({});
});

test('other fields and collections (set exactly, or add)', () => {
	expect(
		buildAssetUpdate(asset, {
			culture: 'en',
			approvalState: 'approved',
			externalId: 'x:1',
			rights: { licenseType: 'royalty_free' },
			publishFrom: '2027-01-01T00:00:00.000Z',
			collectionIdsToAdd: ['c2', 'c1'],
		}),
	).toEqual({
		approvalState: 'approved',
		externalId: 'x:1',
		rights: { licenseType: 'royalty_free' },
		publishFrom: '2027-01-01T00:00:00.000Z',
		collectionIds: ['c1', 'c2'],
	});
	expect(buildAssetUpdate(asset, { culture: 'en', collectionIds: ['c1'] })).toEqual({});
	expect(buildAssetUpdate(asset, { culture: 'en', collectionIds: [] })).toEqual({ collectionIds: [] });
	expect(buildAssetUpdate(asset, { culture: 'en', approvalState: 'in_review' })).toEqual({});
});

test('the same changes on a fresher copy keep what others changed meanwhile (the 409 merge)', () => {
	const changes = { culture: 'en', metadata: { channel: 'web' }, tagsToAdd: ['eu'] };
	const fresh = { ...asset, eTag: 'e2', metadata: { ...asset.metadata, reviewer: 'kim' }, localizedTags: { ...asset.localizedTags, en: ['shoe'] } };
	expect(buildAssetUpdate(fresh, changes)).toEqual({
		metadata: { campaign: 'L27', market: 'DE', source: 'studio', reviewer: 'kim', channel: 'web' },
		localizedTags: { en: ['shoe', 'eu'], de: ['schuh'] },
	});
});

test('sameValue: deep, key order free, array order kept', () => {
	expect(sameValue({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
	expect(sameValue([1, 2], [2, 1])).toBe(false);
	expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
});
