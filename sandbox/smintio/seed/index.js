'use strict';
// Applies the deterministic seed: collections, assets (with their version histories and
// collection memberships) and licence purchases. Asset events are replayed in time order, so
// the change feed reads like the library's real history. Asset ids are derived from a fixed
// random seed: the same on every machine and every reset.

const { createRandom } = require('../../common/random');
const { SEED_COLLECTIONS, collectionIdOf } = require('./collections');
const { seedAssets } = require('./assets');
const { seedPurchases } = require('./purchases');
const { makeFile } = require('./files');
const { storeBuffer } = require('../model/files');
const { createCollection, addAssets } = require('../model/collections');
const { createAsset, replaceBinary } = require('../model/assets');
const { addPurchase } = require('../model/purchases');
const { rights: normalizeRights } = require('../model/validate');
const { setSetting, getSetting } = require('../model/meta');

const SEED_DATE = '2026-10-01T09:00:00.000Z';
const ID_SEED = 20261001;

async function storeSeedFile(ctx, spec, fileName) {
	const { bytes, mediaType } = makeFile(spec);
	const blob = await storeBuffer(ctx, bytes);
	return { blobKey: blob.blobKey, size: blob.size, sha1: blob.sha1, fileName, mediaType };
}

/** Builds the asset library. @returns {Promise<Record<string, string>>} seed key → asset id */
async function seedLibrary(ctx) {
	const random = createRandom(ID_SEED);
	const assets = seedAssets().map((asset) => ({ ...asset, idHex: random.hex(32) }));
	const events = [];
	for (const collection of SEED_COLLECTIONS) events.push({ at: collection.createdAt, kind: 'collection', collection });
	const createdAtOf = (key) => SEED_COLLECTIONS.find((collection) => collection.key === key).createdAt;
	for (const asset of assets) {
		events.push({ at: asset.createdAt, kind: 'create', asset });
		for (const version of asset.versions.slice(1)) events.push({ at: version.at, kind: 'version', asset, version });
		// An asset joins a collection when both exist (Partner Picks was made after most assets).
		for (const key of asset.collections) {
			const at = [asset.createdAt, createdAtOf(key)].sort()[1];
			events.push({ at, kind: 'member', asset, key });
		}
	}
	const ORDER = { collection: 0, create: 1, version: 2, member: 3 };
	events.sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind]);
	const ids = {};
	for (const event of events) {
		if (event.kind === 'collection') {
			const { collection } = event;
			createCollection(ctx, {
				collectionId: collection.collectionId,
				name: collection.name,
				description: collection.description,
				parentCollectionId: collection.parent ? collectionIdOf(collection.parent) : null,
				ownerEmail: collection.ownerEmail,
				createdAt: collection.createdAt,
			});
		} else if (event.kind === 'create') {
			const { asset } = event;
			const first = asset.versions[0];
			const file = await storeSeedFile(ctx, first.file, first.fileName);
			const created = createAsset(ctx, {
				file,
				idHex: asset.idHex,
				name: asset.name,
				description: asset.description,
				localizedTags: asset.localizedTags,
				metadata: asset.metadata,
				rights: normalizeRights(asset.rights, 'rights'),
				externalId: asset.externalId,
				approvalState: asset.approvalState,
				publishFrom: asset.publishFrom,
				publishUntil: asset.publishUntil,
				usageHistory: asset.usageHistory,
				createdAt: asset.createdAt,
			});
			ids[asset.key] = created.id;
		} else if (event.kind === 'member') {
			addAssets(ctx, collectionIdOf(event.key), [ids[event.asset.key]], { at: event.at });
		} else {
			const { asset, version } = event;
			const file = await storeSeedFile(ctx, version.file, version.fileName);
			replaceBinary(ctx, ids[asset.key], file, { at: version.at });
		}
	}
	return ids;
}

async function seedLicensePurchases(ctx) {
	for (const purchase of seedPurchases()) {
		const binaries = [];
		for (const binary of purchase.binaries) {
			const { file, ...wire } = binary;
			const stored = await storeSeedFile(ctx, file, binary.recommended_file_name);
			binaries.push({ ...wire, blobKey: stored.blobKey, mediaType: stored.mediaType });
		}
		addPurchase(ctx, purchase.lpt, binaries);
	}
}

/** Seeds an empty store (no-op when already seeded). @returns {Promise<boolean>} whether it seeded */
async function applySeed(ctx) {
	if (getSetting(ctx, 'seededAt', null)) return false;
	const assetIds = await seedLibrary(ctx);
	await seedLicensePurchases(ctx);
	setSetting(ctx, 'seedAssetIds', assetIds);
	setSetting(ctx, 'seededAt', new Date(ctx.clock.now()).toISOString());
	return true;
}

module.exports = { applySeed, SEED_DATE };
