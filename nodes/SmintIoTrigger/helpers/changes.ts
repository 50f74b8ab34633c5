// Which trigger events a Portals change stands for. Pure (no n8n), so the mapping is tested
// on its own. Change types come from the method table ([modeled] on the data-adapter feed).
import { CHANGE_TYPES } from '../../SmintIo/transport/methodTable';

export const TRIGGER_EVENTS = [
	'assetApproved',
	'assetCreated',
	'assetDeletedOrArchived',
	'assetUpdated',
	'assetsAddedToCollection',
	'licencePurchasedOrChanged',
] as const;

export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Events read from the Portals change feed (the others come from CLAPI-C or collection diffs). */
export const FEED_EVENTS: readonly TriggerEvent[] = ['assetApproved', 'assetCreated', 'assetDeletedOrArchived', 'assetUpdated'];

export interface PortalsChange {
	type: string;
	assetId?: string;
	collectionId?: string;
	assetDataObject?: Record<string, unknown>;
	occurredAt?: string;
}

/** The event name put on an emitted item. */
export type EmittedEvent = 'assetCreated' | 'assetUpdated' | 'assetApproved' | 'assetDeleted' | 'assetArchived';

/** Ids of assets last seen archived, oldest first, bounded (enough to not repeat "archived"). */
export const ARCHIVED_MEMORY = 5000;

function isArchived(change: PortalsChange): boolean {
	return change.assetDataObject?.approvalState === 'archived';
}

/**
 * The events one change emits, given the selected events. `archived` remembers which assets
 * were already reported archived, so an edit to an archived asset does not report it again;
 * it is updated in place (and stays within ARCHIVED_MEMORY entries).
 */
export function eventsForChange(change: PortalsChange, selected: ReadonlySet<string>, archived: string[]): EmittedEvent[] {
	const out: EmittedEvent[] = [];
	const assetId = change.assetId ?? (change.assetDataObject?.id as string | undefined);
	const remember = () => {
		if (!assetId || archived.includes(assetId)) return;
		archived.push(assetId);
		if (archived.length > ARCHIVED_MEMORY) archived.splice(0, archived.length - ARCHIVED_MEMORY);
	};
	const forget = () => {
		const index = assetId ? archived.indexOf(assetId) : -1;
		if (index !== -1) archived.splice(index, 1);
	};
	switch (change.type) {
		case CHANGE_TYPES.assetCreated:
			if (selected.has('assetCreated')) out.push('assetCreated');
			if (isArchived(change)) {
				if (selected.has('assetDeletedOrArchived')) out.push('assetArchived');
				remember();
			}
			break;
		case CHANGE_TYPES.assetUpdated:
			if (selected.has('assetUpdated')) out.push('assetUpdated');
			if (isArchived(change)) {
				if (assetId && !archived.includes(assetId) && selected.has('assetDeletedOrArchived')) out.push('assetArchived');
				remember();
			} else forget();
			break;
		case CHANGE_TYPES.assetApproved:
			if (selected.has('assetApproved')) out.push('assetApproved');
			break;
		case CHANGE_TYPES.assetDeleted:
			if (selected.has('assetDeletedOrArchived')) out.push('assetDeleted');
			forget();
			break;
		default:
			break;
	}
	return out;
}

/** Keeps the last `size` entries of a stream (manual-mode samples). */
export function keepLast<T>(list: T[], item: T, size: number): void {
	list.push(item);
	if (list.length > size) list.splice(0, list.length - size);
}
