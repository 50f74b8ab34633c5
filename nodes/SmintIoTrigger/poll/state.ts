// What the trigger keeps in the workflow's node static data between polls. Cursors move only
// past changes that were processed (emitted or filtered out) in a poll that returned.
export interface TriggerState {
	portals?: { portalUuid: string; cursor: string | null };
	clapi?: { cursor: string | null };
	collection?: { collectionId: string; members: string[]; diffPending?: boolean };
	/** Assets last reported archived (see helpers/changes.ts). */
	archived?: string[];
	/** When the cursors last moved: changes after this are what a reset may have missed. */
	cursorSavedAt?: string;
}
