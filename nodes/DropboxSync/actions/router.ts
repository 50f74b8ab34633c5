// Runs the chosen operation for every input item. Per-item operations run item by item;
// batch operations (upload) see all items at once. Every output item is paired with its input
// item; under Continue On Fail a failed item becomes an error item and the rest go on.

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as file from './file/File.resource';
import * as folder from './folder/Folder.resource';
import * as sharedLink from './sharedLink/SharedLink.resource';
import * as sharing from './sharing/Sharing.resource';

type ItemOperation = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]> };
type BatchOperation = { executeBatch: (this: IExecuteFunctions, itemIndexes: number[]) => Promise<Array<INodeExecutionData[] | Error>> };
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
	const returnData: INodeExecutionData[] = [];

	const collect = (itemIndex: number, result: INodeExecutionData[] | Error | unknown) => {
		if (Array.isArray(result)) {
			for (const entry of result) returnData.push({ ...entry, pairedItem: { item: itemIndex } });
			return;
		}
		if (!this.continueOnFail()) throw withItemIndex.call(this, result, itemIndex);
		returnData.push(errorItem(result, itemIndex));
	};

	if ('executeBatch' in operation) {
		const indexes = items.map((_, index) => index);
		let results: Array<INodeExecutionData[] | Error>;
		try {
			results = await operation.executeBatch.call(this, indexes);
		} catch (error) {
			// A failure before the items could be told apart concerns every item.
			results = indexes.map(() => error as Error);
		}
		indexes.forEach((itemIndex, position) => collect(itemIndex, results[position]));
		return [returnData];
	}

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let result: INodeExecutionData[] | unknown;
		try {
			result = await operation.execute.call(this, itemIndex);
		} catch (error) {
			result = error;
		}
		collect(itemIndex, result);
	}
	return [returnData];
}
