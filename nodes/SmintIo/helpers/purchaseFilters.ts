// Filters on licence purchases (CLAPI-C `state`, `can_be_synced`).
import type { INodeProperties } from 'n8n-workflow';
import type { Purchase } from '../transport/clapi';

export const purchaseFilterOptions: INodeProperties[] = [
	{
		displayName: 'Completed Only',
		name: 'completedOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to leave out purchases that are not completed (in progress, failed or cancelled)',
	},
	{
		displayName: 'Syncable Only',
		name: 'syncableOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to leave out purchases whose files may not be synced (can_be_synced false: no binaries)',
	},
];

export function purchaseFilter(options: { completedOnly?: unknown; syncableOnly?: unknown }): (purchase: Purchase) => boolean {
	return (purchase) =>
		(options.completedOnly !== true || String(purchase.state ?? '').toLowerCase() === 'completed') &&
		(options.syncableOnly !== true || purchase.can_be_synced === true);
}
