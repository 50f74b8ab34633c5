'use strict';
// Emulator-only admin API under /__admin/ (no auth). The shared part (health, counters,
// faults, clock) lives in common/http.handleAdmin; these routes add reset/seed, inspection and
// the actions a Smint.io user would take in the product UI (approve, reject, publish a new
// version, edit metadata, file assets into collections, buy / cancel / re-license stock).
// Errors: {error} with the status of the underlying failure (404 unknown id, 400 bad input).

const { createRandom } = require('../common/random');
const { makePng } = require('../common/sample-files');
const { makePdf } = require('./seed/files');
const { storeBuffer } = require('./model/files');
const assets = require('./model/assets');
const collections = require('./model/collections');
const purchases = require('./model/purchases');
const changes = require('./model/changes');
const v = require('./model/validate');
const { UPLOADS } = require('./model/uploads');
const { TASKS } = require('./portals/tasks');
const { methodTable } = require('./portals/methods');
const { nextSeq, getSetting } = require('./model/meta');
const { SmintioError } = require('./errors');

function query(req) {
	return new URL(req.url, 'http://localhost').searchParams;
}

function requireField(body, name) {
	if (!body || body[name] === undefined || body[name] === null || body[name] === '') {
		throw new SmintioError(400, 'argument_missing', `body field "${name}" is required`);
	}
	return body[name];
}

/** Fresh bytes for a new version or a user-created asset, of the asset's kind. */
function generatedFile(ctx, { contentType, baseName, version, seedText }) {
	const random = createRandom(Array.from(String(seedText)).reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) >>> 0, version));
	const stem = baseName.replace(/\.[^.]+$/, '').replace(/-v\d+$/, '');
	if (contentType === 'document') {
		return { bytes: makePdf(`Northwind ${stem}`, `version ${version}`), mediaType: 'application/pdf', fileName: `${stem}-v${version}.pdf` };
	}
	const colour = () => `#${random.hex(6)}`;
	return {
		bytes: makePng({ width: 160, height: 100, from: colour(), to: colour(), seed: random.int(1, 1e9) }),
		mediaType: 'image/png',
		fileName: `${stem}-v${version}.png`,
	};
}

async function storeGenerated(ctx, generated) {
	const blob = await storeBuffer(ctx, generated.bytes);
	return { blobKey: blob.blobKey, size: blob.size, sha1: blob.sha1, fileName: generated.fileName, mediaType: generated.mediaType };
}

function assetIdList(body) {
	const ids = requireField(body, 'assetIds');
	if (!Array.isArray(ids)) throw new SmintioError(400, 'argument_invalid', '"assetIds" must be an array of asset ids');
	return ids.map((id) => (typeof id === 'object' && id ? id.id : id));
}

/**
 * @param {any} ctx
 * @param {{ reset(options: object): Promise<object>, credentials: object, seed(): Promise<boolean>, issueTokens(options: object): object }} emulator
 */
function adminRoutes(ctx, emulator) {
	const view = (asset) => assets.assetView(ctx, asset);
	return {
		'GET /state': () => ({
			tenant: ctx.config.tenant,
			portalUuid: ctx.config.portalUuid,
			baseUrl: ctx.config.publicBaseUrl,
			seededAt: getSetting(ctx, 'seededAt', null),
			counts: {
				assets: assets.liveAssets(ctx).length,
				collections: collections.allCollections(ctx).length,
				purchases: ctx.store.size(purchases.PURCHASES),
				uploads: ctx.store.size(UPLOADS),
				changes: ctx.store.size(changes.CHANGES),
				tasks: ctx.store.size(TASKS),
			},
			config: {
				taskDelayMs: ctx.config.taskDelayMs,
				longRunningMethods: ctx.config.longRunningMethods,
				accessTokenLifetimeSeconds: ctx.config.accessTokenLifetimeSeconds,
				downloadUrlLifetimeSeconds: ctx.config.downloadUrlLifetimeSeconds,
				changeRetention: changes.retention(ctx),
			},
		}),
		'GET /credentials': () => emulator.credentials,
		'GET /methods': () => methodTable(ctx.config.longRunningMethods),
		'POST /reset': (_req, _res, body) => emulator.reset(body || {}),
		'POST /seed': async () => ({ seeded: await emulator.seed() }),
		'POST /tokens': (_req, _res, body) => emulator.issueTokens(body || {}),

		// Inspection (stored records, including the emulator-internal parts).
		'GET /assets': (req) => {
			const q = query(req);
			const id = q.get('id');
			const all = ctx.store.values(assets.ASSETS);
			if (id) {
				const asset = all.find((a) => a.id === id);
				if (!asset) throw new SmintioError(404, 'not_found', `asset ${id} not found`);
				return { ...asset, collectionIds: collections.collectionIdsOfAsset(ctx, id) };
			}
			const list = q.get('includeDeleted') === 'true' ? all : all.filter((a) => !a.internal.deleted);
			return { assets: list.map((a) => ({ ...a, collectionIds: collections.collectionIdsOfAsset(ctx, a.id) })) };
		},
		'GET /collections': () => ({ collections: collections.allCollections(ctx) }),
		'GET /purchases': (req) => {
			const uuid = query(req).get('uuid');
			if (uuid) return purchases.getPurchase(ctx, uuid);
			return { purchases: ctx.store.values(purchases.PURCHASES).sort((a, b) => a.feedSeq - b.feedSeq) };
		},
		'GET /uploads': () => ({ uploads: ctx.store.values(UPLOADS) }),
		'GET /changes': () => ({
			retention: changes.retention(ctx),
			trimmedThrough: getSetting(ctx, 'changesTrimmedThrough', 0),
			changes: ctx.store.values(changes.CHANGES).sort((a, b) => a.seq - b.seq),
		}),
		'GET /tasks': () => ({ tasks: ctx.store.values(TASKS) }),
		'PUT /changes/retention': (_req, _res, body) => changes.setRetention(ctx, body || {}),

		// Acting as a Smint.io user.
		'POST /assets/create': async (_req, _res, body) => {
			const name = v.localizedString(requireField(body, 'name'), 'name', { required: true });
			const seedText = `${JSON.stringify(name)}:${ctx.clock.now()}`;
			const generated = generatedFile(ctx, {
				contentType: body.contentType === 'document' ? 'document' : 'image',
				baseName: body.fileName || 'user-upload',
				version: 1,
				seedText,
			});
			if (body.fileName) generated.fileName = body.fileName;
			const file = await storeGenerated(ctx, generated);
			const created = assets.createAsset(ctx, {
				file,
				name,
				description: v.localizedString(body.description, 'description'),
				localizedTags: v.localizedTags(body.localizedTags, 'localizedTags'),
				metadata: v.metadata(body.metadata, 'metadata'),
				rights: v.rights(body.rights, 'rights'),
				externalId: v.optionalString(body.externalId, 'externalId'),
				approvalState: v.approvalState(body.approvalState, 'approvalState', 'draft'),
				collectionIds: v.stringIds(body.collectionIds, 'collectionIds'),
			});
			return { assetDataObject: view(created) };
		},
		'POST /assets/approve': (_req, _res, body) => ({
			assetDataObject: view(assets.updateAsset(ctx, requireField(body, 'assetId'), { approvalState: 'approved' })),
		}),
		'POST /assets/reject': (_req, _res, body) => ({
			assetDataObject: view(assets.updateAsset(ctx, requireField(body, 'assetId'), { approvalState: 'rejected' })),
		}),
		'POST /assets/set-state': (_req, _res, body) => ({
			assetDataObject: view(
				assets.updateAsset(ctx, requireField(body, 'assetId'), {
					approvalState: v.approvalState(requireField(body, 'approvalState'), 'approvalState'),
				}),
			),
		}),
		'POST /assets/update': (_req, _res, body) => {
			const id = requireField(body, 'assetId');
			const input = requireField(body, 'changes');
			const normalized = {};
			if (input.name !== undefined) normalized.name = v.localizedString(input.name, 'name', { required: true });
			if (input.description !== undefined) normalized.description = v.localizedString(input.description, 'description');
			if (input.localizedTags !== undefined) normalized.localizedTags = v.localizedTags(input.localizedTags, 'localizedTags');
			if (input.metadata !== undefined) normalized.metadata = v.metadata(input.metadata, 'metadata');
			if (input.rights !== undefined) normalized.rights = v.rights(input.rights, 'rights');
			if (input.externalId !== undefined) normalized.externalId = v.optionalString(input.externalId, 'externalId');
			if (input.approvalState !== undefined) normalized.approvalState = v.approvalState(input.approvalState, 'approvalState');
			if (input.publishFrom !== undefined) normalized.publishFrom = v.isoDate(input.publishFrom, 'publishFrom');
			if (input.publishUntil !== undefined) normalized.publishUntil = v.isoDate(input.publishUntil, 'publishUntil');
			if (input.usageHistory !== undefined) normalized.usageHistory = v.usageHistory(input.usageHistory, 'usageHistory');
			if (input.collectionIds !== undefined) normalized.collectionIds = v.stringIds(input.collectionIds, 'collectionIds');
			return { assetDataObject: view(assets.updateAsset(ctx, id, normalized)) };
		},
		'POST /assets/publish-version': async (_req, _res, body) => {
			const asset = assets.getLiveAsset(ctx, requireField(body, 'assetId'));
			const version = asset.version + 1;
			const generated = generatedFile(ctx, {
				contentType: asset.contentType,
				baseName: asset.fileMetadata.fileName,
				version,
				seedText: `${asset.id}:${ctx.clock.now()}`,
			});
			if (body.fileName) generated.fileName = body.fileName;
			const file = await storeGenerated(ctx, generated);
			const approvalState = body.approvalState ? v.approvalState(body.approvalState, 'approvalState') : undefined;
			return { assetDataObject: view(assets.replaceBinary(ctx, asset.id, file, { approvalState })) };
		},
		'POST /assets/delete': (_req, _res, body) => {
			const deleted = assets.deleteAsset(ctx, requireField(body, 'assetId'));
			return { deleted: deleted.id };
		},
		'POST /collections/add-assets': (_req, _res, body) => ({
			collection: collections.collectionView(collections.addAssets(ctx, requireField(body, 'collectionId'), assetIdList(body))),
		}),
		'POST /collections/remove-assets': (_req, _res, body) => ({
			collection: collections.collectionView(collections.removeAssets(ctx, requireField(body, 'collectionId'), assetIdList(body))),
		}),

		// Licence purchases (CLAPI-C).
		'POST /purchases/add': async (_req, _res, body = {}) => {
			const template = purchases.getPurchase(ctx, (body && body.template) || '80101');
			const count = body.binaryCount === undefined ? Math.max(1, template.binaries.length) : body.binaryCount;
			if (!Number.isInteger(count) || count < 0 || count > 10) throw new SmintioError(400, 'argument_invalid', '"binaryCount" must be 0..10');
			const uuid = String(nextSeq(ctx, 'lptNumber', 80500));
			const at = new Date(ctx.clock.now()).toISOString();
			const lpt = JSON.parse(JSON.stringify(template.lpt));
			delete lpt.reused_license_purchase_transaction_uuid;
			const fresh = { uuid, cart_purchase_transaction_uuid: String(nextSeq(ctx, 'cptNumber', 3700)) };
			delete lpt.uuid;
			delete lpt.cart_purchase_transaction_uuid;
			Object.assign(fresh, lpt, {
				state: 'completed',
				purchased_at: at,
				completed_at: at,
				created_at: at,
				last_updated_at: at,
				version: 1,
				current_downloads: 0,
				can_be_synced: count > 0,
			});
			Object.assign(fresh, (body && body.overrides) || {});
			const binaries = [];
			for (let i = 1; i <= count; i++) {
				const generated = generatedFile(ctx, { contentType: 'image', baseName: `purchase_${uuid}_${i}`, version: 1, seedText: `${uuid}:${i}` });
				generated.fileName = `purchase_${uuid}_${i}.png`;
				const stored = await storeGenerated(ctx, generated);
				binaries.push({
					uuid: String(i),
					content_type: 'image',
					binary_type: i === 1 ? 'standard' : 'alternative',
					name: [],
					description: [],
					usage: [],
					culture: 'en',
					recommended_file_name: stored.fileName,
					version: 1,
					blobKey: stored.blobKey,
					mediaType: stored.mediaType,
				});
			}
			return purchases.addPurchase(ctx, fresh, binaries).lpt;
		},
		'POST /purchases/cancel': (_req, _res, body) => purchases.cancelPurchase(ctx, requireField(body, 'uuid')).lpt,
		'POST /purchases/relicense': (_req, _res, body) =>
			purchases.relicensePurchase(ctx, requireField(body, 'uuid'), { licenseTerms: body.licenseTerms }).lpt,
		'POST /purchases/new-binary-version': async (_req, _res, body) => {
			const uuid = requireField(body, 'uuid');
			const record = purchases.getPurchase(ctx, uuid);
			const binary = body.binaryUuid ? record.binaries.find((b) => b.uuid === String(body.binaryUuid)) : record.binaries[0];
			if (!binary) throw new SmintioError(404, 'not_found', `purchase ${uuid} has no binary ${body.binaryUuid || ''}`.trim());
			const generated = generatedFile(ctx, {
				contentType: binary.content_type === 'document' ? 'document' : 'image',
				baseName: binary.recommended_file_name,
				version: binary.version + 1,
				seedText: `${uuid}:${binary.uuid}:${ctx.clock.now()}`,
			});
			const stored = await storeGenerated(ctx, generated);
			const updated = purchases.newBinaryVersion(ctx, uuid, binary.uuid, stored);
			return { lpt: updated.lpt, binaries: updated.binaries.map(({ blobKey, ...rest }) => rest) };
		},
		'POST /purchases/update': (_req, _res, body) => purchases.patchPurchase(ctx, requireField(body, 'uuid'), requireField(body, 'patch')).lpt,
	};
}

module.exports = { adminRoutes };
