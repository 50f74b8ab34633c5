'use strict';
// ICollectionsWrite [modeled]: createCollectionAsync {name, description?, parentCollectionId?,
// ownerEmail?} → {collection}; addAssetsToCollectionAsync / removeAssetsFromCollectionAsync
// {collectionId, assetIds:[{id}]} → {collection}. Adding a present asset or removing an absent
// one is a no-op (safe to retry). Sibling names are not unique (as in the real product):
// search before creating.

const v = require('../../model/validate');
const { createCollection, addAssets, removeAssets, getCollection, collectionView } = require('../../model/collections');
const { argumentInvalid } = require('../../errors');

function membershipParams(ctx, params, method) {
	v.onlyKnown(params, ['collectionId', 'assetIds'], method);
	const collectionId = v.requireString(params.collectionId, 'collectionId');
	getCollection(ctx, collectionId);
	return { collectionId, assetIds: v.assetRefs(params.assetIds, 'assetIds') };
}

module.exports = {
	createCollectionAsync: {
		tag: 'modeled',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, ['name', 'description', 'parentCollectionId', 'ownerEmail'], 'createCollectionAsync');
			const name = v.requireString(params.name, 'name').trim();
			if (name === '' || name.includes('/')) throw argumentInvalid('"name" must be non-empty and must not contain "/"', 'name');
			const collection = createCollection(ctx, {
				name,
				description: v.optionalString(params.description, 'description'),
				parentCollectionId: v.optionalString(params.parentCollectionId, 'parentCollectionId'),
				ownerEmail: v.optionalString(params.ownerEmail, 'ownerEmail'),
			});
			return { collection: collectionView(collection) };
		},
	},
	addAssetsToCollectionAsync: {
		tag: 'modeled',
		longRunning: false,
		run(ctx, params) {
			const { collectionId, assetIds } = membershipParams(ctx, params, 'addAssetsToCollectionAsync');
			return { collection: collectionView(addAssets(ctx, collectionId, assetIds)) };
		},
	},
	removeAssetsFromCollectionAsync: {
		tag: 'modeled',
		longRunning: false,
		run(ctx, params) {
			const { collectionId, assetIds } = membershipParams(ctx, params, 'removeAssetsFromCollectionAsync');
			return { collection: collectionView(removeAssets(ctx, collectionId, assetIds)) };
		},
	},
};
