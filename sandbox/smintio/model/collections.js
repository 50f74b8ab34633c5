'use strict';
// Collections [modeled beyond the public search]: named, nestable (parentCollectionId), with
// an owner, holding an ordered list of asset ids. Membership belongs to the collection: adding
// or removing assets emits CollectionUpdated and does not change the assets' eTag or version.

const crypto = require('crypto');
const { recordChange } = require('./changes');
const { atomic } = require('./meta');
const { notFound, argumentInvalid } = require('../errors');

const COLLECTIONS = 'collections';

function nowIso(ctx) {
	return new Date(ctx.clock.now()).toISOString();
}

function collectionView(collection) {
	return {
		collectionId: collection.collectionId,
		name: collection.name,
		description: collection.description,
		parentCollectionId: collection.parentCollectionId,
		ownerEmail: collection.ownerEmail,
		assetCount: collection.assetIds.length,
		createdAt: collection.createdAt,
		modifiedAt: collection.modifiedAt,
		previews: { preview: [] },
		totalCommentCount: 0,
	};
}

function getCollection(ctx, collectionId, paramName = 'collectionId') {
	const collection = typeof collectionId === 'string' ? ctx.store.get(COLLECTIONS, collectionId) : undefined;
	if (!collection) throw notFound('collection', collectionId, paramName);
	return collection;
}

function allCollections(ctx) {
	return ctx.store.values(COLLECTIONS);
}

/** Ids of the collections that hold an asset, in collection order. */
function collectionIdsOfAsset(ctx, assetId) {
	return allCollections(ctx)
		.filter((collection) => collection.assetIds.includes(assetId))
		.map((collection) => collection.collectionId);
}

function validEmail(value) {
	return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/**
 * @param {{ name: string, description?: string | null, parentCollectionId?: string | null,
 *           ownerEmail?: string | null, collectionId?: string, createdAt?: string }} input
 */
function createCollection(ctx, input) {
	if (input.parentCollectionId) getCollection(ctx, input.parentCollectionId, 'parentCollectionId');
	if (input.ownerEmail !== undefined && input.ownerEmail !== null && !validEmail(input.ownerEmail)) {
		throw argumentInvalid('"ownerEmail" must be an e-mail address', 'ownerEmail');
	}
	const at = input.createdAt || nowIso(ctx);
	const collection = {
		collectionId: input.collectionId || crypto.randomUUID(),
		name: input.name,
		description: input.description ?? null,
		parentCollectionId: input.parentCollectionId || null,
		ownerEmail: input.ownerEmail ?? null,
		assetIds: [],
		createdAt: at,
		modifiedAt: at,
	};
	ctx.store.put(COLLECTIONS, collection.collectionId, collection);
	recordChange(ctx, { type: 'CollectionUpdated', collectionId: collection.collectionId, occurredAt: at });
	return collection;
}

/** Adds assets (already present ones are skipped: the call is idempotent). */
function addAssets(ctx, collectionId, assetIds, { at } = {}) {
	const { getLiveAsset } = require('./assets');
	const collection = getCollection(ctx, collectionId);
	assetIds.forEach((id) => getLiveAsset(ctx, id, 'assetIds'));
	const toAdd = assetIds.filter((id) => !collection.assetIds.includes(id));
	if (toAdd.length === 0) return collection;
	const when = at || nowIso(ctx);
	const updated = { ...collection, assetIds: [...collection.assetIds, ...toAdd], modifiedAt: when };
	ctx.store.put(COLLECTIONS, collectionId, updated);
	recordChange(ctx, { type: 'CollectionUpdated', collectionId, occurredAt: when });
	return updated;
}

/** Removes assets (absent ones are skipped). Unknown asset ids are an error, as for add. */
function removeAssets(ctx, collectionId, assetIds, { allowDeleted = false } = {}) {
	const { getLiveAsset } = require('./assets');
	const collection = getCollection(ctx, collectionId);
	if (!allowDeleted) assetIds.forEach((id) => getLiveAsset(ctx, id, 'assetIds'));
	const remaining = collection.assetIds.filter((id) => !assetIds.includes(id));
	if (remaining.length === collection.assetIds.length) return collection;
	const when = nowIso(ctx);
	const updated = { ...collection, assetIds: remaining, modifiedAt: when };
	ctx.store.put(COLLECTIONS, collectionId, updated);
	recordChange(ctx, { type: 'CollectionUpdated', collectionId, occurredAt: when });
	return updated;
}

/** Makes an asset's memberships exactly `collectionIds` (updateAssetAsync's collectionIds). */
function setAssetCollections(ctx, assetId, collectionIds) {
	collectionIds.forEach((id) => getCollection(ctx, id, 'collectionIds'));
	for (const collection of allCollections(ctx)) {
		const member = collection.assetIds.includes(assetId);
		const wanted = collectionIds.includes(collection.collectionId);
		if (wanted && !member) addAssets(ctx, collection.collectionId, [assetId]);
		if (!wanted && member) removeAssets(ctx, collection.collectionId, [assetId], { allowDeleted: true });
	}
}

const SORT_FIELDS = ['createdAt', 'modifiedAt', 'name'];

/**
 * Substring search on name and description, sorted (default createdAt, descending as in the
 * public docs' sortDirection 1), 0-based pages.
 */
function searchCollections(ctx, { queryString, page, pageSize, sortBy, sortDirection }) {
	const terms = (queryString || '')
		.toLowerCase()
		.split(/\s+/)
		.filter((term) => term && term !== '*');
	const field = sortBy || 'createdAt';
	if (!SORT_FIELDS.includes(field)) throw argumentInvalid(`"sortBy" must be one of ${SORT_FIELDS.join(', ')}`, 'sortBy');
	const direction = sortDirection === undefined || sortDirection === null ? 1 : sortDirection;
	if (direction !== 0 && direction !== 1) throw argumentInvalid('"sortDirection" must be 0 (ascending) or 1 (descending)', 'sortDirection');
	const matches = allCollections(ctx).filter((collection) => {
		const text = `${collection.name} ${collection.description || ''}`.toLowerCase();
		return terms.every((term) => text.includes(term));
	});
	matches.sort((a, b) => {
		const order = String(a[field]).localeCompare(String(b[field])) || a.collectionId.localeCompare(b.collectionId);
		return direction === 1 ? -order : order;
	});
	const start = page * pageSize;
	return {
		collections: matches.slice(start, start + pageSize).map(collectionView),
		details: {
			currentPage: page,
			currentItemsPerPage: pageSize,
			maxPages: Math.ceil(matches.length / pageSize),
			totalResults: matches.length,
			hasMoreResults: start + pageSize < matches.length,
		},
	};
}

module.exports = {
	COLLECTIONS,
	collectionView,
	getCollection,
	allCollections,
	collectionIdsOfAsset,
	createCollection: atomic(createCollection),
	addAssets: atomic(addAssets),
	removeAssets: atomic(removeAssets),
	setAssetCollections: atomic(setAssetCollections),
	searchCollections,
};
