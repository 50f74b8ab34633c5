// Upload looks up the External IDs of all its items up front: one search per 50 distinct IDs
// (the externalId filter takes a list) instead of one per item. The answers live in an index
// that the items then read and update: an item whose External ID came up earlier in the same
// input sees the asset that earlier item created (items with one External ID run one after
// the other, see parallelItems.ts).
import type { IExecuteFunctions } from 'n8n-workflow';
import { inGroups, mapSettledBounded } from '../../shared/concurrency';
import { distinctValues, EXTERNAL_ID_BATCH_SIZE, pickByExternalId } from './externalIds';
import type { Asset } from '../transport/assets';
import { searchAssets } from '../transport/assets';
import { clientFor } from '../actions/clientForItem';
import { readSettings } from '../actions/common.descriptions';
import { parallelRequests } from '../../shared/parallelItems';

/** What is known about an External ID: its asset, null (none), or the error of its look-up. */
export type KnownAsset = Asset | null | Error;

export class ExternalIdIndex {
	private readonly entries = new Map<string, KnownAsset>();

	/**
	 * unknownMeansAbsent: an External ID with no entry counts as "no asset" (an earlier node
	 * looked the IDs up and passed on only those it did not find), so the item creates at once;
	 * the create is conditional on the External ID, so an asset made meanwhile is still found.
	 */
	constructor(readonly unknownMeansAbsent = false) {}

	private static key(portalUuid: string, externalId: string): string {
		return `${portalUuid}\n${externalId}`;
	}

	/**
	 * The asset, null (none), or undefined (not looked up, or no longer trusted: the item looks
	 * it up itself). A failed look-up throws its error, as the item's own copy.
	 */
	answerFor(portalUuid: string, externalId: string, itemIndex: number): Asset | null | undefined {
		const known = this.entries.get(ExternalIdIndex.key(portalUuid, externalId));
		if (known instanceof Error) throw copyForItem(known, itemIndex);
		return known === undefined && this.unknownMeansAbsent ? null : known;
	}

	set(portalUuid: string, externalId: string, known: KnownAsset): void {
		this.entries.set(ExternalIdIndex.key(portalUuid, externalId), known);
	}

	/** After a failed item the state of its asset is uncertain: later items look again. */
	forget(portalUuid: string, externalId: string): void {
		this.entries.delete(ExternalIdIndex.key(portalUuid, externalId));
	}
}

/**
 * One failed search answers for several items; each gets its own copy, so naming one item
 * (the router adds the item index to messages and context) does not rename the others.
 */
function copyForItem(error: Error, itemIndex: number): Error {
	const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
	copy.message = error.message;
	copy.stack = error.stack;
	const context = (error as { context?: Record<string, unknown> }).context;
	if (context) (copy as { context?: Record<string, unknown> }).context = { ...context, itemIndex };
	return copy;
}

/**
 * Each item's External ID (trimmed, '' for none), or the error of reading it (the item reports
 * it when it runs). Read once: it is usually an expression, and the look-up, the per-ID
 * ordering and the item itself all need it.
 */
export function readExternalIds(ctx: IExecuteFunctions, itemIndexes: number[]): Map<number, string | Error> {
	const externalIds = new Map<number, string | Error>();
	for (const itemIndex of itemIndexes) {
		try {
			externalIds.set(itemIndex, String(ctx.getNodeParameter('externalId', itemIndex, '') ?? '').trim());
		} catch (error) {
			externalIds.set(itemIndex, error instanceof Error ? error : new Error(String(error)));
		}
	}
	return externalIds;
}

function readPortal(ctx: IExecuteFunctions, itemIndex: number): string | null {
	try {
		return readSettings(ctx, itemIndex).portalUuid ?? '';
	} catch {
		return null;
	}
}

/**
 * Looks up the External IDs of the given items, grouped by portal, EXTERNAL_ID_BATCH_SIZE per
 * search (Parallel Requests searches at a time). A failed search records its error for its
 * IDs (those items then fail with it).
 */
export async function lookUpExternalIds(ctx: IExecuteFunctions, externalIds: Map<number, string | Error>): Promise<ExternalIdIndex> {
	const index = new ExternalIdIndex();
	const byPortal = new Map<string, { firstItem: number; externalIds: string[] }>();
	for (const [itemIndex, externalId] of externalIds) {
		if (typeof externalId !== 'string') continue;
		const portal = externalId === '' ? null : readPortal(ctx, itemIndex);
		if (portal === null) continue;
		const group = byPortal.get(portal) ?? { firstItem: itemIndex, externalIds: [] };
		group.externalIds.push(externalId);
		byPortal.set(portal, group);
	}
	for (const group of byPortal.values()) {
		// No client (e.g. no credential): each item reports the problem itself.
		const portalClient = await clientFor(ctx, group.firstItem).then(
			(made) => made.client,
			() => null,
		);
		if (!portalClient) continue;
		const batches = inGroups(distinctValues(group.externalIds), EXTERNAL_ID_BATCH_SIZE);
		// The searches run Parallel Requests at a time too; a failed one answers for its IDs.
		const answers = await mapSettledBounded(batches, parallelRequests(ctx, group.firstItem), async (batch) =>
			await searchAssets(portalClient, { filters: { externalIds: batch } }, null),
		);
		batches.forEach((batch, position) => {
			const answer = answers[position];
			for (const externalId of batch) {
				index.set(portalClient.portalUuid, externalId, answer instanceof Error ? answer : pickByExternalId(answer, externalId));
			}
		});
	}
	return index;
}
