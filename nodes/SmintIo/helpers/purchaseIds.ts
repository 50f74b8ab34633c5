import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from './inputError';

export const purchaseIdProperties: INodeProperties[] = [
	{
		displayName: 'Cart Purchase Transaction UUID',
		name: 'cartPurchaseTransactionUuid',
		type: 'string',
		default: '={{ $json.cart_purchase_transaction_uuid }}',
		required: true,
		description: 'The purchase\'s "cart_purchase_transaction_uuid"',
	},
	{
		displayName: 'Licence Purchase UUID',
		name: 'licensePurchaseTransactionUuid',
		type: 'string',
		default: '={{ $json.uuid }}',
		required: true,
		description: 'The licence purchase transaction\'s "uuid"',
	},
];

export function readPurchaseIds(ctx: IExecuteFunctions, itemIndex: number): { cart: string; purchase: string } {
	const cart = String(ctx.getNodeParameter('cartPurchaseTransactionUuid', itemIndex) ?? '').trim();
	const purchase = String(ctx.getNodeParameter('licensePurchaseTransactionUuid', itemIndex) ?? '').trim();
	const hint = 'Map "cart_purchase_transaction_uuid" and "uuid" from a licence purchase (Licence Purchase > Get Many or the Smint.io Trigger)';
	if (cart === '' || cart === 'undefined') throw new InputError('Cart Purchase Transaction UUID is empty', hint);
	if (purchase === '' || purchase === 'undefined') throw new InputError('Licence Purchase UUID is empty', hint);
	return { cart, purchase };
}
