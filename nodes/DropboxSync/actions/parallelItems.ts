// Read operations over several items at once (Options > Parallel Requests), through the pure
// pool in nodes/shared/concurrency.ts. One entry per item, in input order: its output items or
// its Error, so the router pairs and reports them exactly as if they had run one by one.
// Without Continue On Fail nothing new starts after the first failure (those in flight finish;
// the router then throws the lowest-index failure).

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPool } from '../../shared/concurrency';

export const DEFAULT_PARALLEL_REQUESTS = 5;
export const MAX_PARALLEL_REQUESTS = 20;

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		'How many input items to work on at the same time (1 = one by one). The output keeps the order of the input items. The value of the first item applies.',
};

/** Options > Parallel Requests of the first item, 1..20. */
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

export async function executeInParallel(
	ctx: IExecuteFunctions,
	itemIndexes: number[],
	execute: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<Array<INodeExecutionData[] | Error>> {
	if (itemIndexes.length === 0) return [];
	const settled = await runPool(itemIndexes, async (itemIndex) => await execute(itemIndex), {
		limit: parallelRequests(ctx, itemIndexes[0]),
		stopOnFailure: !ctx.continueOnFail(),
	});
	return settled.map((result, position) => {
		if (result.status === 'fulfilled') return result.value;
		if (result.status === 'rejected') return result.error;
		// Not started because an earlier item failed; the router stops at that failure first.
		return new Error(`Item ${itemIndexes[position]} was not processed because an earlier item failed`);
	});
}
