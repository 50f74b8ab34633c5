// The per-item contract of both nodes' routers, and the runner for Options > Parallel Requests
// (through the pure pool in ./concurrency.ts).
//
// An operation's `executeBatch` answers one ItemOutcome per item, in input order: its output
// items, its Error, or null when it never started (only after a failure without Continue On
// Fail, when the router throws the lowest-index failure anyway). `outputOfOutcomes` turns
// those into the node's output exactly as if the items had run one by one (`outputOneByOne`).
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPool } from './concurrency';

export const DEFAULT_PARALLEL_REQUESTS = 5;
export const MAX_PARALLEL_REQUESTS = 20;

export type ItemOutcome = INodeExecutionData[] | Error | null;

/** An operation that sees all items at once; see ItemOutcome. */
export type ExecuteBatch = (this: IExecuteFunctions, itemIndexes: number[]) => Promise<ItemOutcome[]>;

/** How a router reports a failed item: as the node error it throws, or (Continue On Fail) as an output item. */
export interface FailureReport {
	nodeError: (error: unknown, itemIndex: number) => Error;
	errorItem: (error: unknown, itemIndex: number) => INodeExecutionData;
}

/** Appends an item's results paired with it (a loop: one item may have very many results). */
function pushPaired(output: INodeExecutionData[], results: INodeExecutionData[], itemIndex: number): void {
	for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
}

/** The node's output of a batch: the lowest-index failure is thrown unless Continue On Fail. */
export function outputOfOutcomes(ctx: IExecuteFunctions, itemIndexes: number[], outcomes: ItemOutcome[], report: FailureReport): INodeExecutionData[] {
	const continueOnFail = ctx.continueOnFail();
	if (!continueOnFail) {
		const failed = outcomes.findIndex((outcome) => outcome instanceof Error);
		if (failed !== -1) throw report.nodeError(outcomes[failed], itemIndexes[failed]);
	}
	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, position) => {
		const itemIndex = itemIndexes[position];
		if (outcome instanceof Error) output.push(report.errorItem(outcome, itemIndex));
		else if (outcome) pushPaired(output, outcome, itemIndex);
	});
	return output;
}

/** Every item through `execute`, one after the other; a failure stops the run unless Continue On Fail. */
export async function outputOneByOne(
	ctx: IExecuteFunctions,
	itemCount: number,
	execute: (itemIndex: number) => Promise<INodeExecutionData[]>,
	report: FailureReport,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			pushPaired(output, await execute(itemIndex), itemIndex);
		} catch (error) {
			if (!ctx.continueOnFail()) throw report.nodeError(error, itemIndex);
			output.push(report.errorItem(error, itemIndex));
		}
	}
	return output;
}

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
