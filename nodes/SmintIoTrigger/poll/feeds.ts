// Reading the two change feeds for the trigger: the Portals change feed (getChangesAsync,
// continuationUuid) and the CLAPI-C licence feed (continuation_uuid). Both are read page by
// page; a poll stops at a page boundary, so a stored cursor covers whole pages only.
import { feedPage } from '../../SmintIo/transport/clapi';
import type { FeedPage, Purchase } from '../../SmintIo/transport/clapi';
import type { SmintIoClient } from '../../SmintIo/transport/client';
import { asNodeError, smintIoErrorOf } from '../../SmintIo/transport/errors';
import { CHANGES_MAX_PAGE_SIZE, CLAPI_MAX_LIMIT } from '../../SmintIo/transport/methodTable';
import type { PortalsChange } from '../helpers/changes';

export interface ReadLimits {
	/** Stop after the page that reaches this many entries. */
	maxEntries: number;
	/** Stop after the page that ends past this time (ms since epoch). */
	deadline: number;
}

export interface ChangesRead {
	changes: PortalsChange[];
	cursor: string | null;
	/** The feed no longer holds the changes after our cursor: `cursor` is "now". */
	tooOld: boolean;
	/** The feed refused our cursor (e.g. a different server or a reset): nothing was read. */
	refused: boolean;
	more: boolean;
}

interface ChangesPage {
	changes?: PortalsChange[];
	details?: { continuationUuid?: string; hasMoreResults?: boolean };
	continuationUuidTooOld?: boolean;
}

/** A cursor the server says is not its own (argument_invalid naming the cursor). */
function cursorRefused(error: unknown, cursorName: string): boolean {
	const info = smintIoErrorOf(error);
	if (!info || (info.status !== 400 && info.errorCode !== 'argument_invalid')) return false;
	const name = (error as { context?: { smintIoError?: { error_details?: { name?: string } | null } } }).context?.smintIoError?.error_details?.name;
	return name === undefined || name === cursorName;
}

export async function readChanges(client: SmintIoClient, start: string | null, limits: ReadLimits, pageSize = CHANGES_MAX_PAGE_SIZE): Promise<ChangesRead> {
	const changes: PortalsChange[] = [];
	let cursor = start;
	for (;;) {
		let page: ChangesPage;
		try {
			page = await client.call<ChangesPage>(
				'getChanges',
				cursor ? { continuationUuid: cursor, pageSize } : { pageSize },
				{ label: 'Read the Smint.io change feed' },
			);
		} catch (error) {
			if (cursor && cursorRefused(error, 'continuationUuid')) return { changes, cursor, tooOld: false, refused: true, more: false };
			throw asNodeError(client.node, error);
		}
		const next = page.details?.continuationUuid ?? cursor;
		if (page.continuationUuidTooOld === true) return { changes, cursor: next, tooOld: true, refused: false, more: false };
		const received = Array.isArray(page.changes) ? page.changes : [];
		changes.push(...received);
		cursor = next;
		const more = page.details?.hasMoreResults === true && received.length > 0;
		if (!more) return { changes, cursor, tooOld: false, refused: false, more: false };
		if (changes.length >= limits.maxEntries || Date.now() >= limits.deadline) return { changes, cursor, tooOld: false, refused: false, more: true };
	}
}

/** The cursor at the current end of the Portals feed (changes are read and dropped). */
export async function changesHead(client: SmintIoClient): Promise<string | null> {
	let cursor: string | null = null;
	for (;;) {
		const read = await readChanges(client, cursor, { maxEntries: 0, deadline: 0 });
		cursor = read.cursor;
		if (!read.more) return cursor;
	}
}

export interface PurchasesRead {
	purchases: Purchase[];
	cursor: string | null;
	refused: boolean;
	more: boolean;
}

export async function readPurchases(client: SmintIoClient, start: string | null, limits: ReadLimits, pageSize = CLAPI_MAX_LIMIT): Promise<PurchasesRead> {
	const purchases: Purchase[] = [];
	let cursor = start;
	for (;;) {
		let page: FeedPage;
		try {
			page = await feedPage(client, cursor, pageSize);
		} catch (error) {
			if (cursor && cursorRefused(error, 'continuation_uuid')) return { purchases, cursor, refused: true, more: false };
			throw asNodeError(client.node, error);
		}
		purchases.push(...page.license_purchase_transactions);
		const advanced = page.continuation_uuid !== cursor;
		cursor = page.continuation_uuid;
		// An empty page ends the feed (and still carries a cursor) [public].
		if (page.count === 0 || page.license_purchase_transactions.length === 0 || !advanced) {
			return { purchases, cursor, refused: false, more: false };
		}
		if (purchases.length >= limits.maxEntries || Date.now() >= limits.deadline) return { purchases, cursor, refused: false, more: true };
	}
}

/** The cursor at the current end of the licence feed. */
export async function purchasesHead(client: SmintIoClient): Promise<string | null> {
	let cursor: string | null = null;
	for (;;) {
		const read = await readPurchases(client, cursor, { maxEntries: 0, deadline: 0 });
		cursor = read.cursor;
		if (!read.more) return cursor;
	}
}
