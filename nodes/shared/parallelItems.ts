// Runs an operation over several items at once (Options > Parallel Requests), through the pure
// pool in ./concurrency.ts; shared by both nodes' routers. The result has one entry per item, in input order: its
// output items, its Error, or null when it never started (only after a failure without
// Continue On Fail, when the router throws the lowest-index failure anyway).
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPool } from './concurrency';

export const DEFAULT_PARALLEL_REQUESTS = 5;
export const MAX_PARALLEL_REQUESTS = 20;

export type ItemOutcome = INodeExecutionData[] | Error | null;

/** Options > Parallel Requests (read for the first item: it is one setting for the whole run), 1..20. */
export function parallelRequests(ctx: IExecuteFunctions, itemIndex: number): number {
	let raw: unknown;
	try {
		raw = ctx.getNodeParameter('options.parallelRequests', itemIndex, DEFAULT_PARALLEL_REQUESTS);
	} catch {
		raw = DEFAULT_PARALLEL_REQUESTS;
	}
	const value = Math.floor(Number(raw));
	if (!Number.isFinite(value) || value < 1) return 1;
	return Math.min(MAX_PARALLEL_REQUESTS, value);
}

/** A key read from the item's parameters; a parameter that cannot be read gives no key (the item then fails on its own). */
export function keyReader(read: (itemIndex: number) => string): (itemIndex: number) => string | undefined {
	return (itemIndex) => {
		try {
			const key = read(itemIndex).trim();
			return key === '' ? undefined : key;
		} catch {
			return undefined;
		}
	};
}

/**
 * `execute` for each item, at most Parallel Requests at once. Items with the same `keyOf` run
 * one after the other in input order. Without Continue On Fail nothing new starts after the
 * first failure (the ones in flight finish).
 */
export async function executeItemsInParallel(
	ctx: IExecuteFunctions,
	itemIndexes: number[],
	execute: (itemIndex: number) => Promise<INodeExecutionData[]>,
	keyOf?: (itemIndex: number) => string | undefined,
): Promise<ItemOutcome[]> {
	if (itemIndexes.length === 0) return [];
	const settled = await runPool(itemIndexes, async (itemIndex) => await execute(itemIndex), {
		limit: parallelRequests(ctx, itemIndexes[0]),
		keyOf: keyOf ? (itemIndex) => keyOf(itemIndex) : undefined,
		stopOnFailure: !ctx.continueOnFail(),
	});
	return settled.map((result) => (result.status === 'fulfilled' ? result.value : result.status === 'rejected' ? result.error : null));
}
