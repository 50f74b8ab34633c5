'use strict';
// Assets of the portal's library. A stored asset is the public assetDataObject plus an
// `internal` part (current blob, revision counter, version history, deleted flag) that never
// leaves the emulator except through the admin inspector.
//
// Change events: every mutation emits one primary change (AssetCreated, AssetUpdated or
// AssetDeleted) and, when it moved the asset into "approved", an AssetApproved as well.

const crypto = require('crypto');
const { ADAPTER_ID } = require('../constants');
const { recordChange } = require('./changes');
const { atomic } = require('./meta');
const { collectionIdsOfAsset, addAssets, removeAssets, allCollections, setAssetCollections } = require('./collections');
const { fileMetadataOf } = require('./uploads');
const { contentTypeFor } = require('./media');
const { SmintioError, notFound } = require('../errors');

const ASSETS = 'assets';

function nowIso(ctx) {
	return new Date(ctx.clock.now()).toISOString();
}

function makeETag(id, revision) {
	return crypto.createHash('sha1').update(`${id}#${revision}`).digest('hex').slice(0, 24);
}

/** The public assetDataObject. */
function assetView(ctx, asset) {
	return {
		id: asset.id,
		name: asset.name,
		description: asset.description,
		contentType: asset.contentType,
		fileMetadata: asset.fileMetadata,
		localizedTags: asset.localizedTags,
		version: asset.version,
		eTag: asset.eTag,
		createdAt: asset.createdAt,
		modifiedAt: asset.modifiedAt,
		publishFrom: asset.publishFrom,
		publishUntil: asset.publishUntil,
		externalId: asset.externalId,
		parentFolderIds: asset.parentFolderIds,
		approvalState: asset.approvalState,
		collectionIds: collectionIdsOfAsset(ctx, asset.id),
		metadata: asset.metadata,
		usageHistory: asset.usageHistory,
		rights: asset.rights,
	};
}

function getLiveAsset(ctx, id, paramName = 'assetId') {
	const asset = typeof id === 'string' ? ctx.store.get(ASSETS, id) : undefined;
	if (!asset || asset.internal.deleted) throw notFound('asset', id, paramName);
	return asset;
}

function liveAssets(ctx) {
	return ctx.store.values(ASSETS).filter((asset) => !asset.internal.deleted);
}

/** 409 when the caller's eTag is not the asset's current one (nothing is changed). */
function checkETag(asset, eTag) {
	if (eTag !== asset.eTag) {
		throw new SmintioError(
			409,
			'optimistic_lock_violated',
			`the asset was modified since eTag "${eTag}" was read (current eTag "${asset.eTag}"); read it again and retry`,
			{ uuid: asset.id, name: 'eTag' },
		);
	}
}

function emit(ctx, asset, type, { becameApproved = false, at } = {}) {
	const occurredAt = at || asset.modifiedAt;
	const snapshot = assetView(ctx, asset);
	recordChange(ctx, { type, assetId: asset.id, assetDataObject: snapshot, occurredAt });
	if (becameApproved) recordChange(ctx, { type: 'AssetApproved', assetId: asset.id, assetDataObject: snapshot, occurredAt });
}

/**
 * Creates an asset from a stored file.
 * @param {{ file: { blobKey: string, size: number, sha1: string, fileName: string, mediaType: string },
 *           name: object, description?: object|null, localizedTags?: object, metadata?: object, rights?: object|null,
 *           externalId?: string|null, approvalState?: string, collectionIds?: string[], publishFrom?: string|null,
 *           publishUntil?: string|null, usageHistory?: object[], idHex?: string, createdAt?: string }} input
 */
function createAsset(ctx, input) {
	const contentType = contentTypeFor(input.file.mediaType);
	const idHex = input.idHex || crypto.randomUUID().replace(/-/g, '');
	const id = `${ADAPTER_ID}:${contentType}:${idHex}`;
	const at = input.createdAt || nowIso(ctx);
	const fileMetadata = fileMetadataOf(input.file);
	const asset = {
		id,
		name: input.name,
		description: input.description ?? null,
		contentType,
		fileMetadata,
		localizedTags: input.localizedTags || {},
		version: 1,
		eTag: makeETag(id, 1),
		createdAt: at,
		modifiedAt: at,
		publishFrom: input.publishFrom ?? null,
		publishUntil: input.publishUntil ?? null,
		externalId: input.externalId ?? null,
		parentFolderIds: [],
		approvalState: input.approvalState || 'draft',
		metadata: input.metadata || {},
		usageHistory: input.usageHistory || [],
		rights: input.rights ?? null,
		internal: {
			blobKey: input.file.blobKey,
			revision: 1,
			deleted: false,
			versions: [{ version: 1, blobKey: input.file.blobKey, fileMetadata, createdAt: at }],
		},
	};
	ctx.store.put(ASSETS, id, asset);
	emit(ctx, asset, 'AssetCreated', { becameApproved: asset.approvalState === 'approved' });
	for (const collectionId of input.collectionIds || []) addAssets(ctx, collectionId, [id], { at });
	return asset;
}

const UPDATABLE = [
	'name',
	'description',
	'localizedTags',
	'metadata',
	'rights',
	'externalId',
	'approvalState',
	'publishFrom',
	'publishUntil',
	'usageHistory',
];

/**
 * Replaces the given fields (each one wholesale). `collectionIds`, when given, sets the
 * asset's memberships (emitting CollectionUpdated for the collections that changed).
 * @param {{ expectedETag?: string, at?: string }} [options]
 */
function updateAsset(ctx, id, changes, options = {}) {
	const asset = getLiveAsset(ctx, id);
	if (options.expectedETag !== undefined) checkETag(asset, options.expectedETag);
	const fieldChanges = Object.fromEntries(Object.entries(changes).filter(([key]) => UPDATABLE.includes(key)));
	let updated = asset;
	if (Object.keys(fieldChanges).length > 0) {
		const revision = asset.internal.revision + 1;
		updated = {
			...asset,
			...fieldChanges,
			eTag: makeETag(id, revision),
			modifiedAt: options.at || nowIso(ctx),
			internal: { ...asset.internal, revision },
		};
		ctx.store.put(ASSETS, id, updated);
		const becameApproved = asset.approvalState !== 'approved' && updated.approvalState === 'approved';
		emit(ctx, updated, 'AssetUpdated', { becameApproved });
	}
	if (changes.collectionIds) setAssetCollections(ctx, id, changes.collectionIds);
	return updated;
}

/**
 * A new binary: version + 1, new file metadata (sha1, size, name), new eTag.
 * @param {{ blobKey: string, size: number, sha1: string, fileName: string, mediaType: string }} file
 * @param {{ expectedETag?: string, at?: string, approvalState?: string }} [options]
 */
function replaceBinary(ctx, id, file, options = {}) {
	const asset = getLiveAsset(ctx, id);
	if (options.expectedETag !== undefined) checkETag(asset, options.expectedETag);
	const revision = asset.internal.revision + 1;
	const version = asset.version + 1;
	const at = options.at || nowIso(ctx);
	const fileMetadata = fileMetadataOf(file);
	const updated = {
		...asset,
		fileMetadata,
		version,
		eTag: makeETag(id, revision),
		modifiedAt: at,
		approvalState: options.approvalState || asset.approvalState,
		internal: {
			...asset.internal,
			blobKey: file.blobKey,
			revision,
			versions: [...asset.internal.versions, { version, blobKey: file.blobKey, fileMetadata, createdAt: at }],
		},
	};
	ctx.store.put(ASSETS, id, updated);
	emit(ctx, updated, 'AssetUpdated', {
		becameApproved: asset.approvalState !== 'approved' && updated.approvalState === 'approved',
	});
	return updated;
}

/** Deletes an asset (a Smint.io user action; no public method deletes). */
function deleteAsset(ctx, id) {
	const asset = getLiveAsset(ctx, id);
	for (const collection of allCollections(ctx)) {
		if (collection.assetIds.includes(id)) removeAssets(ctx, collection.collectionId, [id], { allowDeleted: true });
	}
	const at = nowIso(ctx);
	const deleted = { ...asset, modifiedAt: at, internal: { ...asset.internal, deleted: true } };
	ctx.store.put(ASSETS, id, deleted);
	recordChange(ctx, { type: 'AssetDeleted', assetId: id, occurredAt: at });
	return deleted;
}

module.exports = {
	ASSETS,
	UPDATABLE,
	assetView,
	getLiveAsset,
	liveAssets,
	checkETag,
	createAsset: atomic(createAsset),
	updateAsset: atomic(updateAsset),
	replaceBinary: atomic(replaceBinary),
	deleteAsset: atomic(deleteAsset),
	makeETag,
};
