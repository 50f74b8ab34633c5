// The catch-up with the cross-process guard (helpers/claim.ts explains the design).
//
// Per catch-up: the list_folder/continue calls as before; when the read found something to
// report, one rev-checked upload of the claim. A process that lost the claim downloads it and
// reads again from the winner's cursor (one download and one more read per loss). A read that
// finds nothing to report writes nothing: its cursor only skips changes nobody reports, and the
// next write is still checked against the rev this process last saw.
import { randomUUID } from 'crypto';
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readSmallText } from '../../shared/smallBody';

import type { DropboxContext } from '../../DropboxSync/transport/connection';
import { hasErrorTag } from '../../DropboxSync/transport/errors';
import { dropboxDownload, dropboxUpload } from '../../DropboxSync/transport/request';
import { catchUp } from '../../DropboxSyncTrigger/poll/run';
import type { WatchSettings } from '../../DropboxSyncTrigger/poll/settings';
import type { ClaimContent, ClaimOnDropbox } from '../helpers/claim';
import { DEFAULT_CLAIM_FOLDER, MAX_CLAIM_ATTEMPTS, claimBody, claimPath, claimWriteMode, isInClaimFolder, parseClaim } from '../helpers/claim';
import type { WebhookTriggerState } from './state';

export interface GuardSettings {
	enabled: boolean;
	folder: string;
	path: string;
}

export function readGuard(ctx: DropboxContext): GuardSettings {
	const options = ctx.getNodeParameter('options', {}) as { processGuard?: boolean; claimFolder?: string };
	const enabled = options.processGuard !== false;
	const folder = String(options.claimFolder ?? DEFAULT_CLAIM_FOLDER).trim() || DEFAULT_CLAIM_FOLDER;
	if (enabled && !folder.startsWith('/')) {
		throw new NodeOperationError(ctx.getNode(), `The claim folder "${folder}" is not a Dropbox path`, {
			description: 'Set Claim Folder to a folder path starting with "/", e.g. /.n8n-dropbox-sync (it is created when missing).',
		});
	}
	return { enabled, folder, path: claimPath(folder, String(ctx.getWorkflow().id ?? ''), ctx.getNode().id) };
}

/** The claim as it is on Dropbox now, or undefined when there is none. */
export async function readClaim(ctx: DropboxContext, guard: GuardSettings): Promise<ClaimOnDropbox | undefined> {
	try {
		const { result, stream } = await dropboxDownload<{ rev: string }>(ctx, 'files/download', { path: guard.path }, { subject: { path: guard.path, kind: 'file' } });
		return { rev: result.rev, content: parseClaim(String(await readSmallText(stream))) };
	} catch (error) {
		if (hasErrorTag(error, 'not_found')) return undefined;
		throw error as Error;
	}
}

/**
 * Nonces of this process's claim writes whose outcome is unknown (the upload failed after its
 * retries, and reading the claim back failed too), per claim path. Such a write may have gone
 * through: the next catch-up must recognise the claim as its own, or it would take it for
 * another process's and skip changes that were never reported. Per process, as the coalescer.
 */
const unconfirmedNonces = new Map<string, string[]>();
const MAX_UNCONFIRMED = 20;

function rememberUnconfirmed(path: string, nonce: string): void {
	const nonces = [...(unconfirmedNonces.get(path) ?? []), nonce].slice(-MAX_UNCONFIRMED);
	unconfirmedNonces.set(path, nonces);
}

/** Whether a claim's nonce is one of this process's writes whose outcome was unknown. */
export function isOwnUnconfirmedClaim(path: string, nonce: string | undefined): boolean {
	return nonce !== undefined && (unconfirmedNonces.get(path) ?? []).includes(nonce);
}

/**
 * Writes the claim on top of `knownRev` (or as a new file); returns the new rev, or undefined
 * when another process wrote it first. `overwrite` is for activation only (one process).
 */
export async function writeClaim(ctx: DropboxContext, guard: GuardSettings, content: ClaimContent, knownRev: string | undefined, overwrite = false): Promise<string | undefined> {
	const arg = { path: guard.path, mode: overwrite ? 'overwrite' : claimWriteMode(knownRev), autorename: false, strict_conflict: true, mute: true };
	let failure: unknown;
	try {
		const written = await dropboxUpload<{ rev: string }>(ctx, 'files/upload', arg, claimBody(content), { subject: { path: guard.path, kind: 'file' } });
		// A confirmed write is on top of any earlier one: those can no longer be the current claim.
		unconfirmedNonces.delete(guard.path);
		return written.rev;
	} catch (error) {
		failure = error;
	}
	if (hasErrorTag(failure, 'conflict')) {
		// A retried write whose first attempt went through conflicts with itself: the nonce tells.
		const current = await readClaim(ctx, guard);
		return current?.content?.nonce === content.nonce ? current.rev : undefined;
	}
	// Failed after its retries (already a NodeApiError), but an attempt whose reply was lost may have gone through.
	const current = await readClaim(ctx, guard).catch(() => {
		rememberUnconfirmed(guard.path, content.nonce);
		return undefined;
	});
	if (current?.content?.nonce === content.nonce) return current.rev;
	throw failure;
}

function newClaim(state: WebhookTriggerState, settings: WatchSettings): ClaimContent {
	return { cursor: state.cursor ?? null, scope: settings.scope, nonce: randomUUID(), claimedAt: new Date().toISOString() };
}

/** At activation (one process): the claim starts at the activation's cursor. */
export async function resetClaim(ctx: DropboxContext, guard: GuardSettings, settings: WatchSettings, state: WebhookTriggerState): Promise<void> {
	if (!guard.enabled) return;
	state.claimRev = await writeClaim(ctx, guard, newClaim(state, settings), undefined, true);
}

function copyOf<State>(state: State): State {
	return JSON.parse(JSON.stringify(state)) as State;
}

/**
 * One catch-up (see catchUp) that reports changes only if this process won the claim for them.
 * Writes the new state into `state`; returns the items to emit.
 */
export async function guardedCatchUp(ctx: DropboxContext, settings: WatchSettings, guard: GuardSettings, state: WebhookTriggerState): Promise<INodeExecutionData[]> {
	if (!guard.enabled) return await catchUp(ctx, settings, state);
	for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
		const before = copyOf(state);
		const items = (await catchUp(ctx, settings, state)).filter((item) => !isInClaimFolder(item.json.path_lower as string | undefined, guard.folder));
		if (items.length === 0) return [];
		const rev = await writeClaim(ctx, guard, newClaim(state, settings), before.claimRev);
		if (rev !== undefined) {
			state.claimRev = rev;
			return items;
		}
		let current = await readClaim(ctx, guard);
		if (current && isOwnUnconfirmedClaim(guard.path, current.content?.nonce)) {
			// Our own earlier write (its catch-up failed before reporting), not another process's:
			// its changes are in this read, so claim again on top of it and report them.
			const ownRev = await writeClaim(ctx, guard, newClaim(state, settings), current.rev);
			if (ownRev !== undefined) {
				state.claimRev = ownRev;
				return items;
			}
			current = await readClaim(ctx, guard);
		}
		// Another process reported these changes first: start again from its cursor.
		for (const name of Object.keys(state)) delete (state as Record<string, unknown>)[name];
		Object.assign(state, before, { claimRev: current?.rev });
		if (current?.content && current.content.scope !== settings.scope) {
			throw new NodeOperationError(ctx.getNode(), 'Another n8n process watches this folder with other settings', {
				description: `The claim file ${guard.path} belongs to other watch settings (an older version of this workflow still running?). Make sure every n8n process runs the same workflow version, or give this trigger another Claim Folder.`,
			});
		}
		if (current?.content?.cursor) {
			state.cursor = current.content.cursor;
			state.scope = settings.scope;
		}
	}
	throw new NodeOperationError(ctx.getNode(), `Other n8n processes kept reporting these changes first (${MAX_CLAIM_ATTEMPTS} tries)`, {
		description: 'Nothing was reported twice; the next notification or safety poll continues from the newest claim.',
	});
}
