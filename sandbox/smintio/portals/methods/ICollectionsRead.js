'use strict';
// ICollectionsRead [modeled]: getCollectionAsync {collectionId} → {collection}.

const v = require('../../model/validate');
const { getCollection, collectionView } = require('../../model/collections');

module.exports = {
	getCollectionAsync: {
		tag: 'modeled',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, ['collectionId'], 'getCollectionAsync');
			return { collection: collectionView(getCollection(ctx, v.requireString(params.collectionId, 'collectionId'))) };
		},
	},
};
