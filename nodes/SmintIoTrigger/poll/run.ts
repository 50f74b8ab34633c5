// One poll of the Smint.io Trigger.
//
// Cursors (Portals change feed, CLAPI-C licence feed) and the watched collection's members
// live in the node's static data. A poll reads from the stored cursors, builds the items, and
// only when everything was read writes the new cursors back, so a failed poll repeats the
// same window and nothing is skipped; a change is emitted exactly once (in the poll that read
// it), whatever the paging.
//
// - First poll (no cursor): start from "now" (the cursor at the end of each feed) unless
//   Include Existing is on (then from the oldest change the feed still holds).
// - A cursor the Portals feed no longer covers (continuationUuidTooOld) or a cursor a feed
//   refuses: continue from "now" and emit one notice item {event: "cursorReset", …} saying
//   which feed and since when changes may have been missed (and log a warning).
// - Manual runs ("Fetch Test Event") return a recent sample and leave the cursors alone.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { localizeAsset } from '../../SmintIo/helpers/localized';
import { searchAssets } from '../../SmintIo/transport/assets';
import type { Asset } from '../../SmintIo/transport/assets';
import type { Purchase } from '../../SmintIo/transport/clapi';
import { SmintIoClient } from '../../SmintIo/transport/client';
import { asNodeError, isNotFound } from '../../SmintIo/transport/errors';
import { CHANGE_TYPES, CHANGES_MAX_PAGE_SIZE, CLAPI_MAX_LIMIT } from '../../SmintIo/transport/methodTable';
import { eventsForChange, FEED_EVENTS, keepLast } from '../helpers/changes';
import type { PortalsChange, TriggerEvent } from '../helpers/changes';
import { changesHead, purchasesHead, readChanges, readPurchases } from './feeds';
import type { TriggerState } from './state';

export interface TriggerSettings {
	events: Set<TriggerEvent>;
	collectionId: string;
	includeExisting: boolean;
	completedOnly: boolean;
	syncableOnly: boolean;
	maxEventsPerPoll: number;
	culture: string;
	portalUuid?: string;
	taskPollIntervalMs?: number;
	taskTimeoutMs?: number;
}

const SAMPLE_SIZE = 5;

function locatorValue(value: unknown): string {
	if (typeof value === 'object' && value !== null && 'value' in value) return String((value as { value: unknown }).value ?? '').trim();
	return typeof value === 'string' ? value.trim() : '';
}

export function readTriggerSettings(ctx: IPollFunctions): TriggerSettings {
	const events = new Set((ctx.getNodeParameter('events', []) as string[]).map(String)) as Set<TriggerEvent>;
	const options = ctx.getNodeParameter('options', {}) as Record<string, unknown>;
	const interval = Number(options.taskPollIntervalMs);
	const timeout = Number(options.taskTimeoutSeconds);
	const max = Number(options.maxEventsPerPoll);
	return {
		events,
		collectionId: events.has('assetsAddedToCollection') ? locatorValue(ctx.getNodeParameter('collection', '')) : '',
		includeExisting: options.includeExisting === true,
		completedOnly: options.completedOnly === true,
		syncableOnly: options.syncableOnly === true,
		maxEventsPerPoll: Number.isFinite(max) && max > 0 ? max : 1000,
		culture: typeof options.culture === 'string' && options.culture.trim() !== '' ? options.culture.trim() : 'en',
		portalUuid: locatorValue(options.portal) || undefined,
		taskPollIntervalMs: Number.isFinite(interval) && interval > 0 ? interval : undefined,
		taskTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : undefined,
	};
}

function assetItem(event: string, change: PortalsChange, culture: string): INodeExecutionData {
	const base: IDataObject = { event, changeType: change.type, occurredAt: change.occurredAt ?? null };
	if (change.assetDataObject) return { json: { ...(localizeAsset(change.assetDataObject, culture) as IDataObject), ...base } };
	return { json: { id: change.assetId ?? null, ...base } };
}

function purchaseItem(purchase: Purchase): INodeExecutionData {
	const version = Number(purchase.version ?? 1);
	const changed = version > 1;
	return { json: { ...(purchase as IDataObject), event: changed ? 'licencePurchaseChanged' : 'licencePurchased' } };
}

function noticeItem(feed: 'portals' | 'clapi', reason: string, since: string | undefined): INodeExecutionData {
	const what = feed === 'portals' ? 'Smint.io change feed' : 'CLAPI-C licence feed';
	return {
		json: {
			event: 'cursorReset',
			feed,
			reason,
			missedSince: since ?? null,
			message: `The ${what} could not continue from where the trigger stopped (${reason}); it continues from now. Changes made ${since ? `since ${since}` : 'since the last poll'} may have been missed: re-sync them (e.g. Asset > Search with Modified Since).`,
		},
	};
}

function purchaseFilter(settings: TriggerSettings): (purchase: Purchase) => boolean {
	return (purchase) =>
		(!settings.completedOnly || String(purchase.state ?? '').toLowerCase() === 'completed') &&
		(!settings.syncableOnly || purchase.can_be_synced === true);
}

async function collectionMembers(client: SmintIoClient, ctx: IPollFunctions, collectionId: string, limit: number | null): Promise<Asset[]> {
	try {
		return await searchAssets(client, { filters: { collectionIds: [collectionId] } }, limit);
	} catch (error) {
		if (isNotFound(error)) {
			throw new NodeOperationError(ctx.getNode(), `No collection with ID '${collectionId}' in this portal`, {
				description: 'Pick the collection to watch from the list (Collection > From List).',
			});
		}
		throw asNodeError(ctx.getNode(), error);
	}
}

function pollDeadline(ctx: IPollFunctions): number {
	const budget = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : Number.NaN;
	// Leave a fifth of the engine's budget for building and handing over the items.
	return Number.isFinite(budget) && budget > 0 ? Date.now() + budget * 0.8 : Date.now() + 120_000;
}

/** Manual run: the last few matching changes of each selected source; cursors untouched. */
async function sample(ctx: IPollFunctions, client: SmintIoClient, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const items: INodeExecutionData[] = [];
	const deadline = pollDeadline(ctx);
	if (FEED_EVENTS.some((event) => settings.events.has(event))) {
		const recent: INodeExecutionData[] = [];
		let cursor: string | null = null;
		const archived: string[] = [];
		for (;;) {
			const read = await readChanges(client, cursor, { maxEntries: 0, deadline: 0 });
			for (const change of read.changes) {
				for (const event of eventsForChange(change, settings.events, archived)) keepLast(recent, assetItem(event, change, settings.culture), SAMPLE_SIZE);
			}
			cursor = read.cursor;
			if (!read.more || Date.now() >= deadline) break;
		}
		items.push(...recent);
	}
	if (settings.events.has('assetsAddedToCollection') && settings.collectionId) {
		const members = await collectionMembers(client, ctx, settings.collectionId, SAMPLE_SIZE);
		items.push(...members.map((asset) => ({ json: { ...(localizeAsset(asset, settings.culture) as IDataObject), event: 'assetAddedToCollection', collectionId: settings.collectionId, sample: true } })));
	}
	if (settings.events.has('licencePurchasedOrChanged')) {
		const recent: INodeExecutionData[] = [];
		const keep = purchaseFilter(settings);
		let cursor: string | null = null;
		for (;;) {
			const read = await readPurchases(client, cursor, { maxEntries: 0, deadline: 0 });
			for (const purchase of read.purchases) if (keep(purchase)) keepLast(recent, purchaseItem(purchase), SAMPLE_SIZE);
			cursor = read.cursor;
			if (!read.more || Date.now() >= deadline) break;
		}
		items.push(...recent);
	}
	if (items.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No recent Smint.io changes match the selected events', {
			description: 'Make a change in Smint.io (e.g. approve an asset) and fetch again, or select more events.',
		});
	}
	return [items];
}

export async function runPoll(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readTriggerSettings(ctx);
	if (settings.events.size === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No event selected', { description: 'Choose at least one event under "Trigger On".' });
	}
	if (settings.events.has('assetsAddedToCollection') && settings.collectionId === '') {
		throw new NodeOperationError(ctx.getNode(), 'No collection chosen for "Assets Added to Collection"', {
			description: 'Pick the collection to watch under "Collection".',
		});
	}
	const client = await SmintIoClient.create(ctx, {
		culture: settings.culture,
		portalUuid: settings.portalUuid,
		taskPollIntervalMs: settings.taskPollIntervalMs,
		taskTimeoutMs: settings.taskTimeoutMs,
	});
	if (ctx.getMode() === 'manual') return await sample(ctx, client, settings);

	const stored = ctx.getWorkflowStaticData('node') as TriggerState;
	const next: TriggerState = JSON.parse(JSON.stringify(stored)) as TriggerState;
	const items: INodeExecutionData[] = [];
	const deadline = pollDeadline(ctx);
	const now = new Date().toISOString();
	const needsFeed = FEED_EVENTS.some((event) => settings.events.has(event)) || settings.events.has('assetsAddedToCollection');
	let collectionTouched = false;

	if (needsFeed) {
		const portalUuid = client.requirePortal();
		const state = next.portals?.portalUuid === portalUuid ? next.portals : undefined;
		if (!state) {
			next.portals = { portalUuid, cursor: settings.includeExisting ? null : await changesHead(client) };
			next.archived = [];
		}
		if (state || settings.includeExisting) {
			const start = next.portals?.cursor ?? null;
			// Pages no larger than a poll may emit, so a poll ends at a page boundary near the maximum.
			const read = await readChanges(client, start, { maxEntries: settings.maxEventsPerPoll, deadline }, Math.min(CHANGES_MAX_PAGE_SIZE, settings.maxEventsPerPoll));
			if (read.refused || read.tooOld) {
				const reason = read.tooOld ? 'continuationUuidTooOld' : 'cursor refused';
				ctx.logger.warn(`Smint.io Trigger: the change feed cursor was not usable (${reason}); continuing from now`);
				items.push(noticeItem('portals', reason, stored.cursorSavedAt));
				next.portals = { portalUuid, cursor: read.tooOld ? read.cursor : await changesHead(client) };
				collectionTouched = true;
			} else {
				const archived = next.archived ?? [];
				for (const change of read.changes) {
					for (const event of eventsForChange(change, settings.events, archived)) items.push(assetItem(event, change, settings.culture));
					if (change.type === CHANGE_TYPES.collectionUpdated && change.collectionId === settings.collectionId) collectionTouched = true;
				}
				next.archived = archived;
				next.portals = { portalUuid, cursor: read.cursor };
			}
		}
	} else {
		delete next.portals;
		delete next.archived;
	}

	if (settings.events.has('assetsAddedToCollection')) {
		const watched = next.collection?.collectionId === settings.collectionId ? next.collection : undefined;
		if (!watched) {
			const members = settings.includeExisting ? [] : (await collectionMembers(client, ctx, settings.collectionId, null)).map((asset) => asset.id);
			next.collection = { collectionId: settings.collectionId, members, diffPending: settings.includeExisting };
		}
		const current = next.collection as NonNullable<TriggerState['collection']>;
		if (collectionTouched || current.diffPending) {
			const assets = await collectionMembers(client, ctx, settings.collectionId, null);
			const before = new Set(current.members);
			for (const asset of assets) {
				if (before.has(asset.id)) continue;
				items.push({ json: { ...(localizeAsset(asset, settings.culture) as IDataObject), event: 'assetAddedToCollection', collectionId: settings.collectionId } });
			}
			next.collection = { collectionId: settings.collectionId, members: assets.map((asset) => asset.id) };
		}
	} else {
		delete next.collection;
	}

	if (settings.events.has('licencePurchasedOrChanged')) {
		if (!next.clapi) {
			next.clapi = { cursor: settings.includeExisting ? null : await purchasesHead(client) };
			if (settings.includeExisting) {
				const read = await readPurchases(client, null, { maxEntries: settings.maxEventsPerPoll, deadline }, Math.min(CLAPI_MAX_LIMIT, settings.maxEventsPerPoll));
				items.push(...read.purchases.filter(purchaseFilter(settings)).map(purchaseItem));
				next.clapi = { cursor: read.cursor };
			}
		} else {
			const read = await readPurchases(client, next.clapi.cursor, { maxEntries: settings.maxEventsPerPoll, deadline }, Math.min(CLAPI_MAX_LIMIT, settings.maxEventsPerPoll));
			if (read.refused) {
				ctx.logger.warn('Smint.io Trigger: the licence feed refused the stored cursor; continuing from now');
				items.push(noticeItem('clapi', 'cursor refused', stored.cursorSavedAt));
				next.clapi = { cursor: await purchasesHead(client) };
			} else {
				items.push(...read.purchases.filter(purchaseFilter(settings)).map(purchaseItem));
				next.clapi = { cursor: read.cursor };
			}
		}
	} else {
		delete next.clapi;
	}

	// Everything was read: now the cursors move. Static data is written only when something
	// changed (n8n saves the workflow whenever it is touched).
	const withoutTime = (state: TriggerState) => JSON.stringify({ ...state, cursorSavedAt: undefined });
	if (withoutTime(stored) !== withoutTime(next)) {
		for (const key of Object.keys(stored)) delete (stored as Record<string, unknown>)[key];
		Object.assign(stored, next, { cursorSavedAt: now });
	}
	return items.length > 0 ? [items] : null;
}
