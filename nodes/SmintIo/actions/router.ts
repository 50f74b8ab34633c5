// The item loop: dispatch to the operation, pair every output item with its input item, and
// turn failures into node errors naming the item (or error items under Continue On Fail).
// Operations with `executeBatch` see all items at once (bounded concurrency, batched look-ups)
// and answer one entry per item in order; the output is the same as one-by-one.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { outputOfOutcomes, outputOneByOne } from '../../shared/parallelItems';
import type { ExecuteBatch, FailureReport } from '../../shared/parallelItems';
import { InputError } from '../helpers/inputError';
import { RightsInputError } from '../rights';
import * as asset from './asset/Asset.resource';
import * as collection from './collection/Collection.resource';
import * as customMethod from './customMethod/CustomMethod.resource';
import * as licensePurchase from './licensePurchase/LicensePurchase.resource';
import * as rights from './rights/Rights.resource';

type Execute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
type Operation = { execute: Execute; executeBatch?: ExecuteBatch };

const OPERATIONS: Record<string, Record<string, Operation>> = {
	asset: {
		download: asset.download,
		get: asset.get,
		getDownloadLink: asset.getDownloadLink,
		getMany: asset.getMany,
		replaceBinary: asset.replaceBinary,
		search: asset.search,
		updateMetadata: asset.updateMetadata,
		upload: asset.upload,
	},
	collection: {
		addAssets: collection.addAssets,
		create: collection.create,
		ensurePath: collection.ensurePath,
		get: collection.get,
		removeAssets: collection.removeAssets,
		search: collection.search,
	},
	customMethod: { call: customMethod.call },
	licensePurchase: {
		downloadBinary: licensePurchase.downloadBinary,
		getBinaries: licensePurchase.getBinaries,
		getMany: licensePurchase.getMany,
	},
	rights: { checkUse: rights.checkUse, get: rights.get },
};

const itemTag = (itemIndex: number) => ` (item index ${itemIndex})`;

/** Any failure as a node error that names the item. */
export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), `${error.message}${itemTag(itemIndex)}`, { itemIndex, description: error.hint });
	}
	if (error instanceof RightsInputError) {
		const suggestions = error.suggestions.length > 0 ? ` Closest: ${error.suggestions.join(', ')}.` : '';
		const nodeError = new NodeOperationError(ctx.getNode(), `${error.message}${itemTag(itemIndex)}`, {
			itemIndex,
			description: `${error.hint ?? 'Check the intended use.'}${suggestions}`,
		});
		nodeError.context.field = error.field;
		nodeError.context.suggestions = error.suggestions;
		return nodeError;
	}
	if (error instanceof NodeOperationError) {
		if (!error.message.includes('(item index')) error.message = `${error.message}${itemTag(itemIndex)}`;
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The output item of a failed item under Continue On Fail. */
function errorItem(nodeError: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: nodeError.message };
	if (nodeError.description) json.description = nodeError.description;
	const info = (nodeError.context as IDataObject).smintIoError as IDataObject | undefined;
	if (info?.error_code) json.errorCode = info.error_code;
	if (info?.status) json.httpCode = info.status;
	return { json, pairedItem: { item: itemIndex } };
}

function operationOf(ctx: IExecuteFunctions, itemIndex: number): Operation {
	const resource = ctx.getNodeParameter('resource', itemIndex) as string;
	const operation = ctx.getNodeParameter('operation', itemIndex) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex });
	}
	return handler;
}

/** Failures as node errors naming the item, or (Continue On Fail) as error items. */
function failureReport(ctx: IExecuteFunctions): FailureReport {
	return {
		nodeError: (error, itemIndex) => toNodeError(ctx, error, itemIndex),
		errorItem: (error, itemIndex) => errorItem(toNodeError(ctx, error, itemIndex), itemIndex),
	};
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	// Resource and operation take no expressions: one handler for all items.
	let handler: Operation;
	try {
		handler = operationOf(this, 0);
	} catch (error) {
		if (this.continueOnFail()) return [items.map((_, itemIndex) => errorItem(toNodeError(this, error, itemIndex), itemIndex))];
		throw toNodeError(this, error, 0);
	}
	if (handler.executeBatch) {
		const itemIndexes = Array.from({ length: items.length }, (_, index) => index);
		const outcomes = await handler.executeBatch.call(this, itemIndexes);
		return [outputOfOutcomes(this, itemIndexes, outcomes, failureReport(this))];
	}
	return [await outputOneByOne(this, items.length, async (itemIndex) => await handler.execute.call(this, itemIndex), failureReport(this))];
}
