// Runs the chosen operation for every input item. Per-item operations run item by item;
// batch operations (upload) see all items at once. Every output item is paired with its input
// item; under Continue On Fail a failed item becomes an error item and the rest go on.

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outputOfOutcomes, outputOneByOne } from '../../shared/parallelItems';
import type { ExecuteBatch, FailureReport, ItemOutcome } from '../../shared/parallelItems';
import * as file from './file/File.resource';
import * as folder from './folder/Folder.resource';
import * as sharedLink from './sharedLink/SharedLink.resource';
import * as sharing from './sharing/Sharing.resource';

type ItemOperation = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]> };
type BatchOperation = { executeBatch: ExecuteBatch };
type Operation = ItemOperation | BatchOperation;

const resources: Record<string, Record<string, unknown>> = { file, folder, sharedLink, sharing };

function operationFor(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const candidate = resources[resource]?.[operation] as Partial<ItemOperation & BatchOperation> | undefined;
	if (candidate && (typeof candidate.execute === 'function' || typeof candidate.executeBatch === 'function')) return candidate as Operation;
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not known`);
}

/** The error with this item's index; n8n shows it next to the item. */
function withItemIndex(this: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...error.context, itemIndex };
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * The output item of a failed input item (Continue On Fail). The Dropbox context goes under
 * `details`: n8n routes items whose json has only `error` (and `message`/`details`) to the error
 * output when the node is set to "continue (using error output)".
 */
function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const details: IDataObject = {};
	const context = (error as { context?: IDataObject }).context ?? {};
	if (typeof context.dropboxErrorTag === 'string') details.errorTag = context.dropboxErrorTag;
	if (typeof context.path === 'string') details.path = context.path;
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') details.description = description;
	details.itemIndex = itemIndex;
	return { json: { error: error instanceof Error ? error.message : String(error), details }, pairedItem: { item: itemIndex } };
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationFor.call(this, resource, operationName);
	const report: FailureReport = {
		nodeError: (error, itemIndex) => withItemIndex.call(this, error, itemIndex),
		errorItem: (error, itemIndex) => errorItem(error, itemIndex),
	};

	if ('executeBatch' in operation) {
		const indexes = items.map((_, index) => index);
		let outcomes: ItemOutcome[];
		try {
			outcomes = await operation.executeBatch.call(this, indexes);
		} catch (error) {
			// A failure before the items could be told apart concerns every item.
			outcomes = indexes.map(() => error as Error);
		}
		return [outputOfOutcomes(this, indexes, outcomes, report)];
	}
	return [await outputOneByOne(this, items.length, async (itemIndex) => await operation.execute.call(this, itemIndex), report)];
}
