'use strict';
// IAssetsDownload [public]:
// - getAssetsDownloadsForAssetsAsync {assetIds} → {assetDownloadGroups:[{groupId, groupName,
//   immediatelyDownload, assetDownloadItems:[{groupId, itemId:"Original", description, count,
//   fileSizeInBytes, selectedByDefault, maxAssetCountExceeded, assetIds:[{id}]}]}]}: one group
//   per content type ("da:99:image"), one "Original" item per group.
// - initiateAssetsDownloadForAssetsAsync {assetIds, assetDownloadItems, immediatelyDownload}
//   → {assetDownloadUrl:{url}}: a pre-signed link to the file, or to a zip when several assets
//   are selected. Immediate (the contract does not mark it long-running); `check` validates at
//   acceptance when a test makes it long-running (config `longRunningMethods`).

const v = require('../../model/validate');
const { getLiveAsset } = require('../../model/assets');
const { createDownloadLink } = require('../../model/downloads');
const { ADAPTER_ID } = require('../../constants');
const { argumentInvalid, argumentMissing } = require('../../errors');

const GROUP_NAMES = {
	image: 'Images',
	document: 'Documents',
	video: 'Videos',
	audio: 'Audio',
	other: 'Other files',
	composite: 'Composite assets',
};
const SHARE_PARAMS = ['shareId', 'shareSecret'];

const groupIdOf = (asset) => `da:${ADAPTER_ID}:${asset.contentType}`;

function downloadGroups(assets) {
	const groups = new Map();
	for (const asset of assets) {
		const groupId = groupIdOf(asset);
		if (!groups.has(groupId)) groups.set(groupId, { asset, members: [] });
		groups.get(groupId).members.push(asset);
	}
	return Array.from(groups, ([groupId, { asset, members }]) => ({
		groupId,
		groupName: GROUP_NAMES[asset.contentType] || asset.contentType,
		immediatelyDownload: false,
		assetDownloadItems: [
			{
				groupId,
				itemId: 'Original',
				description: 'Original file',
				count: members.length,
				fileSizeInBytes: members.reduce((sum, member) => sum + member.fileMetadata.fileSizeInBytes, 0),
				selectedByDefault: true,
				maxAssetCountExceeded: false,
				assetIds: members.map((member) => ({ id: member.id })),
			},
		],
	}));
}

/** The assets an initiate call selects: requested ids whose group has a chosen "Original" item. */
function selectedAssets(ctx, params) {
	const ids = v.assetRefs(params.assetIds, 'assetIds');
	if (ids.length === 0) throw argumentMissing('assetIds');
	const assets = ids.map((id) => getLiveAsset(ctx, id, 'assetIds'));
	const items = params.assetDownloadItems;
	if (!Array.isArray(items) || items.length === 0) throw argumentMissing('assetDownloadItems');
	const chosen = [];
	items.forEach((item, index) => {
		const where = `assetDownloadItems[${index}]`;
		if (!v.isPlainObject(item) || typeof item.groupId !== 'string' || typeof item.itemId !== 'string') {
			throw argumentInvalid(`"${where}" must have groupId and itemId (as returned by getAssetsDownloadsForAssetsAsync)`, where);
		}
		if (item.itemId !== 'Original') throw argumentInvalid(`"${where}.itemId" "${item.itemId}" is not offered (use "Original")`, where);
		const restrict = Array.isArray(item.assetIds) ? new Set(item.assetIds.map((ref) => (ref && ref.id) || ref)) : null;
		for (const asset of assets) {
			if (groupIdOf(asset) === item.groupId && (!restrict || restrict.has(asset.id)) && !chosen.includes(asset)) {
				chosen.push(asset);
			}
		}
	});
	if (chosen.length === 0) throw argumentInvalid('the download items select none of the assets', 'assetDownloadItems');
	return chosen;
}

function archiveName(ctx) {
	const stamp = new Date(ctx.clock.now()).toISOString().replace(/[-:]/g, '').slice(0, 13);
	return `assets-${stamp}.zip`;
}

module.exports = {
	getAssetsDownloadsForAssetsAsync: {
		tag: 'public',
		longRunning: false,
		run(ctx, params) {
			v.onlyKnown(params, ['assetIds', ...SHARE_PARAMS], 'getAssetsDownloadsForAssetsAsync');
			const ids = v.assetRefs(params.assetIds, 'assetIds');
			if (ids.length === 0) throw argumentMissing('assetIds');
			return { assetDownloadGroups: downloadGroups(ids.map((id) => getLiveAsset(ctx, id, 'assetIds'))) };
		},
	},
	initiateAssetsDownloadForAssetsAsync: {
		tag: 'public',
		longRunning: false,
		check(ctx, params) {
			v.onlyKnown(params, ['assetIds', 'assetDownloadItems', 'immediatelyDownload', ...SHARE_PARAMS], 'initiateAssetsDownloadForAssetsAsync');
			selectedAssets(ctx, params);
		},
		run(ctx, params) {
			const assets = selectedAssets(ctx, params);
			const files = assets.map((asset) => ({
				blobKey: asset.internal.blobKey,
				fileName: asset.fileMetadata.fileName,
				mediaType: asset.fileMetadata.mediaType,
			}));
			const { url } = createDownloadLink(ctx, files, { archiveName: archiveName(ctx) });
			return { assetDownloadUrl: { url } };
		},
	},
};
