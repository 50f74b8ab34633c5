// Read operations over several items at once (Options > Parallel Requests), through the shared
// runner in nodes/shared/parallelItems.ts. One entry per item, in input order: its output items or
// its Error, so the router pairs and reports them exactly as if they had run one by one.
// Without Continue On Fail nothing new starts after the first failure (those in flight finish;
// the router then throws the lowest-index failure).

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS, executeItemsInParallel } from '../../shared/parallelItems';

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		'How many input items to work on at the same time (1 = one by one). The output keeps the order of the input items. The value of the first item applies.',
};

export async function executeInParallel(
	ctx: IExecuteFunctions,
	itemIndexes: number[],
	execute: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<Array<INodeExecutionData[] | Error>> {
	const outcomes = await executeItemsInParallel(ctx, itemIndexes, execute);
	// null: not started because an earlier item failed; the router stops at that failure first.
	return outcomes.map((outcome, position) => outcome ?? new Error(`Item ${itemIndexes[position]} was not processed because an earlier item failed`));
}
