// The item loop: dispatch to the operation, pair every output item with its input item, and
// turn failures into node errors naming the item (or error items under Continue On Fail).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { InputError } from '../helpers/inputError';
import { RightsInputError } from '../rights';
import * as asset from './asset/Asset.resource';
import * as collection from './collection/Collection.resource';
import * as customMethod from './customMethod/CustomMethod.resource';
import * as licensePurchase from './licensePurchase/LicensePurchase.resource';
import * as rights from './rights/Rights.resource';

type Execute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const OPERATIONS: Record<string, Record<string, { execute: Execute }>> = {
	asset: {
		download: asset.download,
		get: asset.get,
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

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = OPERATIONS[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex });
			}
			const results = await handler.execute.call(this, itemIndex);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(this, error, itemIndex);
			if (this.continueOnFail()) {
				const json: IDataObject = { error: nodeError.message };
				if (nodeError.description) json.description = nodeError.description;
				const info = (nodeError.context as IDataObject).smintIoError as IDataObject | undefined;
				if (info?.error_code) json.errorCode = info.error_code;
				if (info?.status) json.httpCode = info.status;
				returnData.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}
