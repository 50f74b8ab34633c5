'use strict';
// IAssetsWrite [modeled]: createAssetAsync, updateAssetAsync, replaceAssetBinaryAsync. The
// contract marks none of them long-running; `check` validates at acceptance when a test makes
// one long-running (config `longRunningMethods`).
//
// eTag preconditions are HTTP statuses on the execute call itself (no task is created and
// nothing changes): a missing eTag → 428 precondition_required, a stale one → 409
// optimistic_lock_violated, both with error_details {uuid: asset id, name: "eTag"}. A
// replaceAssetBinaryAsync whose asset changes while its task is running ends that task in
// `error` with the same 409 error object. Everything else (bad parameters, unknown asset,
// upload or collection) ends the task in `error`.
//
// createAssetAsync is conditional on externalId [modeled]: while a live asset holds the given
// externalId, the call answers 409 external_id_exists with error_details {uuid: that asset's id,
// name: "externalId"} and creates nothing (checked again inside the task, so two creates racing
// for one externalId leave one asset). Public asset ids embed an external id
// (`{adapter}:{contentType}:{externalId}`), so one asset per external id is the real system's
// shape too; this is what lets executions on different n8n workers upload the same file at once.

const v = require('../../model/validate');
const { ASSETS, getLiveAsset, liveAssets, assetView, createAsset, updateAsset, replaceBinary, checkETag, UPDATABLE } = require('../../model/assets');
const { getUpload } = require('../../model/uploads');
const { getCollection } = require('../../model/collections');
const { SmintioError, argumentInvalid } = require('../../errors');

const CREATE_PARAMS = [
	'uploadedFileUuid',
	'name',
	'description',
	'localizedTags',
	'metadata',
	'rights',
	'externalId',
	'approvalState',
	'collectionIds',
	'publishFrom',
	'publishUntil',
	'usageHistory',
];
const UPDATE_PARAMS = ['assetId', 'eTag', ...UPDATABLE, 'collectionIds'];

/** Checks the eTag precondition when the asset exists (an unknown asset fails inside the task). */
function eTagPrecondition(ctx, params) {
	const ref = params.assetId;
	const id = ref && typeof ref === 'object' ? ref.id : undefined;
	const asset = typeof id === 'string' ? ctx.store.get(ASSETS, id) : undefined;
	if (!asset || asset.internal.deleted) return;
	if (params.eTag === undefined || params.eTag === null || params.eTag === '') {
		throw new SmintioError(428, 'precondition_required', 'the parameter "eTag" is required to change an asset; read the asset first', {
			uuid: asset.id,
			name: 'eTag',
		});
	}
	checkETag(asset, params.eTag);
}

/** A create whose externalId a live asset holds already creates nothing (see the header). */
function externalIdPrecondition(ctx, params) {
	const externalId = typeof params.externalId === 'string' && params.externalId !== '' ? params.externalId : null;
	if (!externalId) return;
	const holder = liveAssets(ctx).find((asset) => asset.externalId === externalId);
	if (!holder) return;
	throw new SmintioError(409, 'external_id_exists', `an asset with externalId "${externalId}" exists already (${holder.id}); read it instead of creating another`, {
		uuid: holder.id,
		name: 'externalId',
	});
}

function uploadedFile(ctx, params) {
	const uuid = v.requireString(params.uploadedFileUuid, 'uploadedFileUuid');
	return getUpload(ctx, uuid);
}

function collectionIds(ctx, value) {
	const ids = v.stringIds(value, 'collectionIds');
	ids.forEach((id) => getCollection(ctx, id, 'collectionIds'));
	return ids;
}

function normalizeCreate(ctx, params) {
	v.onlyKnown(params, CREATE_PARAMS, 'createAssetAsync');
	return {
		file: uploadedFile(ctx, params),
		name: v.localizedString(params.name, 'name', { required: true }),
		description: v.localizedString(params.description, 'description'),
		localizedTags: v.localizedTags(params.localizedTags, 'localizedTags'),
		metadata: v.metadata(params.metadata, 'metadata'),
		rights: v.rights(params.rights, 'rights'),
		externalId: v.optionalString(params.externalId, 'externalId'),
		approvalState: v.approvalState(params.approvalState, 'approvalState', 'draft'),
		collectionIds: collectionIds(ctx, params.collectionIds),
		publishFrom: v.isoDate(params.publishFrom, 'publishFrom'),
		publishUntil: v.isoDate(params.publishUntil, 'publishUntil'),
		usageHistory: v.usageHistory(params.usageHistory, 'usageHistory'),
	};
}

function normalizeUpdate(ctx, params) {
	v.onlyKnown(params, UPDATE_PARAMS, 'updateAssetAsync');
	const changes = {};
	const has = (key) => Object.prototype.hasOwnProperty.call(params, key);
	if (has('name')) changes.name = v.localizedString(params.name, 'name', { required: true });
	if (has('description')) changes.description = v.localizedString(params.description, 'description');
	if (has('localizedTags')) changes.localizedTags = v.localizedTags(params.localizedTags, 'localizedTags');
	if (has('metadata')) changes.metadata = v.metadata(params.metadata, 'metadata');
	if (has('rights')) changes.rights = v.rights(params.rights, 'rights');
	if (has('externalId')) changes.externalId = v.optionalString(params.externalId, 'externalId');
	if (has('approvalState')) changes.approvalState = v.approvalState(params.approvalState, 'approvalState', undefined);
	if (has('publishFrom')) changes.publishFrom = v.isoDate(params.publishFrom, 'publishFrom');
	if (has('publishUntil')) changes.publishUntil = v.isoDate(params.publishUntil, 'publishUntil');
	if (has('usageHistory')) changes.usageHistory = v.usageHistory(params.usageHistory, 'usageHistory');
	if (has('collectionIds')) changes.collectionIds = collectionIds(ctx, params.collectionIds);
	if (Object.keys(changes).length === 0) {
		throw argumentInvalid(`updateAssetAsync needs at least one field to change (${[...UPDATABLE, 'collectionIds'].join(', ')})`);
	}
	if (changes.approvalState === undefined) delete changes.approvalState;
	return changes;
}

module.exports = {
	createAssetAsync: {
		tag: 'modeled',
		longRunning: false,
		precondition: externalIdPrecondition,
		check(ctx, params) {
			normalizeCreate(ctx, params);
		},
		run(ctx, params) {
			const input = normalizeCreate(ctx, params);
			externalIdPrecondition(ctx, params); // a long-running create may have been overtaken
			return { assetDataObject: assetView(ctx, createAsset(ctx, input)) };
		},
	},
	updateAssetAsync: {
		tag: 'modeled',
		longRunning: false,
		precondition: eTagPrecondition,
		run(ctx, params) {
			const id = v.assetRef(params.assetId, 'assetId');
			getLiveAsset(ctx, id);
			const changes = normalizeUpdate(ctx, params);
			return { assetDataObject: assetView(ctx, updateAsset(ctx, id, changes, { expectedETag: params.eTag })) };
		},
	},
	replaceAssetBinaryAsync: {
		tag: 'modeled',
		longRunning: false,
		precondition: eTagPrecondition,
		check(ctx, params) {
			v.onlyKnown(params, ['assetId', 'eTag', 'uploadedFileUuid'], 'replaceAssetBinaryAsync');
			getLiveAsset(ctx, v.assetRef(params.assetId, 'assetId'));
			uploadedFile(ctx, params);
		},
		run(ctx, params) {
			const id = v.assetRef(params.assetId, 'assetId');
			const file = uploadedFile(ctx, params);
			return { assetDataObject: assetView(ctx, replaceBinary(ctx, id, file, { expectedETag: params.eTag })) };
		},
	},
};
