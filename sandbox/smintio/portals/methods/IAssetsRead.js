'use strict';
// IAssetsRead [public]: getAssetAsync {assetId:{id}} → {assetDataObject};
// getAssetsAsync {assetIds:[{id}]} → {assetDataObjects[]} (long-running; ids that do not
// exist, or no longer, are left out of the result, in request order otherwise).

const v = require('../../model/validate');
const { getLiveAsset, assetView } = require('../../model/assets');

const SHARE_PARAMS = ['shareId', 'shareSecret'];

module.exports = {
	getAssetAsync: {
		tag: 'public',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, ['assetId', 'isPageEvent', ...SHARE_PARAMS], 'getAssetAsync');
			const id = v.assetRef(params.assetId, 'assetId');
			return { assetDataObject: assetView(ctx, getLiveAsset(ctx, id)) };
		},
	},
	getAssetsAsync: {
		tag: 'public',
		longRunning: true,
		check(_ctx, params) {
			v.onlyKnown(params, ['assetIds', ...SHARE_PARAMS], 'getAssetsAsync');
			v.assetRefs(params.assetIds, 'assetIds');
		},
		run(ctx, params) {
			const ids = v.assetRefs(params.assetIds, 'assetIds');
			const assetDataObjects = [];
			for (const id of ids) {
				try {
					assetDataObjects.push(assetView(ctx, getLiveAsset(ctx, id)));
				} catch {
					// unknown or deleted: left out
				}
			}
			return { assetDataObjects };
		},
	},
};
