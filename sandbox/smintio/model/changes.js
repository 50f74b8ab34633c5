'use strict';
// The Portals change log behind IAssetsChanges.getChangesAsync [modeled on the data-adapter
// change feed]. Every mutation appends one numbered change; a continuation cursor carries the
// number of the last change its holder has seen. Only a bounded history is retained
// (maxChanges entries and maxAgeDays days, both configurable); a cursor that points before
// trimmed history is "too old" — its holder would miss changes — and must re-sync.

const { nextSeq, currentSeq, getSetting, setSetting, atomic } = require('./meta');
const { encodeCursor, decodeCursor } = require('./cursors');

const CHANGES = 'changes';
const FEED = 'portals-changes';
const DEFAULT_RETENTION = { maxChanges: 5000, maxAgeDays: 30 };

function retention(ctx) {
	return { ...DEFAULT_RETENTION, ...ctx.config.changeRetention, ...getSetting(ctx, 'changeRetention', {}) };
}

function setRetention(ctx, { maxChanges, maxAgeDays }) {
	const current = getSetting(ctx, 'changeRetention', {});
	const next = { ...current };
	if (maxChanges !== undefined) {
		if (!Number.isInteger(maxChanges) || maxChanges < 1) throw new Error('maxChanges must be an integer >= 1');
		next.maxChanges = maxChanges;
	}
	if (maxAgeDays !== undefined) {
		if (typeof maxAgeDays !== 'number' || maxAgeDays <= 0) throw new Error('maxAgeDays must be a number > 0');
		next.maxAgeDays = maxAgeDays;
	}
	setSetting(ctx, 'changeRetention', next);
	trim(ctx);
	return retention(ctx);
}

/**
 * @param {{ type: 'AssetCreated'|'AssetUpdated'|'AssetApproved'|'AssetDeleted'|'CollectionUpdated',
 *           assetId?: string, collectionId?: string, assetDataObject?: object, occurredAt?: string }} change
 */
function recordChange(ctx, change) {
	const seq = nextSeq(ctx, 'changeSeq');
	const entry = {
		seq,
		type: change.type,
		occurredAt: change.occurredAt || new Date(ctx.clock.now()).toISOString(),
		recordedAt: ctx.clock.now(),
	};
	if (change.assetId) entry.assetId = change.assetId;
	if (change.collectionId) entry.collectionId = change.collectionId;
	if (change.assetDataObject) entry.assetDataObject = change.assetDataObject;
	ctx.store.put(CHANGES, String(seq), entry);
	trim(ctx);
	return entry;
}

function sortedEntries(ctx) {
	return ctx.store.values(CHANGES).sort((a, b) => a.seq - b.seq);
}

/** Drops history beyond the retention; remembers the highest dropped number. */
function trim(ctx) {
	const { maxChanges, maxAgeDays } = retention(ctx);
	const cutoff = ctx.clock.now() - maxAgeDays * 24 * 3600 * 1000;
	const entries = sortedEntries(ctx);
	let trimmedThrough = getSetting(ctx, 'changesTrimmedThrough', 0);
	const excess = entries.length - maxChanges;
	entries.forEach((entry, index) => {
		if (index < excess || entry.recordedAt < cutoff) {
			ctx.store.delete(CHANGES, String(entry.seq));
			trimmedThrough = Math.max(trimmedThrough, entry.seq);
		}
	});
	if (trimmedThrough !== getSetting(ctx, 'changesTrimmedThrough', 0)) setSetting(ctx, 'changesTrimmedThrough', trimmedThrough);
}

function publicChange(entry) {
	const change = { type: entry.type };
	if (entry.assetId) change.assetId = entry.assetId;
	if (entry.collectionId) change.collectionId = entry.collectionId;
	if (entry.assetDataObject) change.assetDataObject = entry.assetDataObject;
	change.occurredAt = entry.occurredAt;
	return change;
}

/**
 * One page of the feed.
 * @param {string | null} continuationUuid null: from the oldest retained change
 * @returns {{ changes: object[], details: { continuationUuid: string, hasMoreResults: boolean }, continuationUuidTooOld: boolean } | { invalidCursor: true }}
 */
function readChanges(ctx, continuationUuid, pageSize) {
	trim(ctx);
	const head = currentSeq(ctx, 'changeSeq');
	const trimmedThrough = getSetting(ctx, 'changesTrimmedThrough', 0);
	let position;
	if (continuationUuid === null || continuationUuid === undefined || continuationUuid === '') {
		position = trimmedThrough;
	} else {
		position = decodeCursor(ctx, FEED, continuationUuid);
		if (position === null || position > head) return { invalidCursor: true };
		if (position < trimmedThrough) {
			// Changes after this cursor were dropped: the holder must re-sync, then go on from now.
			return {
				changes: [],
				details: { continuationUuid: encodeCursor(ctx, FEED, head), hasMoreResults: false },
				continuationUuidTooOld: true,
			};
		}
	}
	const pending = sortedEntries(ctx).filter((entry) => entry.seq > position);
	const page = pending.slice(0, pageSize);
	const last = page.length > 0 ? page[page.length - 1].seq : position;
	return {
		changes: page.map(publicChange),
		details: { continuationUuid: encodeCursor(ctx, FEED, last), hasMoreResults: pending.length > page.length },
		continuationUuidTooOld: false,
	};
}

module.exports = {
	recordChange: atomic(recordChange),
	readChanges: atomic(readChanges),
	retention,
	setRetention: atomic(setRetention),
	trim: atomic(trim),
	CHANGES,
};
