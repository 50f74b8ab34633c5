// The cross-process claim of the webhook trigger's cursor. Pure (no n8n, no Dropbox calls).
//
// In queue mode several n8n processes (webhook processes, and main for the safety poll) read the
// same saved cursor; static data is per process and saved without compare-and-set, so two reads
// at the same moment would report the same changes twice. What all processes share is Dropbox
// itself, and Dropbox offers a conditional write: an upload with mode `update` and the rev the
// writer last saw (strict_conflict) succeeds only if nobody wrote the file since. So one small
// claim file per trigger holds the cursor up to which changes were reported; a process reports
// what it read only after its rev-checked write of the new cursor succeeded. The loser reads
// the claim and continues from the winner's cursor. Every write carries a random nonce, so a
// write is never identical to the previous one (Dropbox treats an identical upload as a no-op)
// and a retried write whose first attempt went through is recognised as our own.

export const DEFAULT_CLAIM_FOLDER = '/.n8n-dropbox-sync';

/** How often a process may lose the claim in one catch-up before it gives up (the next notification continues). */
export const MAX_CLAIM_ATTEMPTS = 5;

export interface ClaimContent {
	/** The cursor up to which changes were reported (null: set at activation, nothing read yet). */
	cursor: string | null;
	/** The watch settings the cursor belongs to. */
	scope: string;
	nonce: string;
	claimedAt: string;
}

export interface ClaimOnDropbox {
	rev: string;
	content?: ClaimContent;
}

/** One claim file per trigger node of a workflow (ids only: they are stable and path-safe). */
export function claimPath(folder: string, workflowId: string, nodeId: string): string {
	const base = folder.trim().replace(/\/+$/, '');
	const safe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');
	return `${base}/webhook-trigger-${safe(workflowId || 'unsaved')}-${safe(nodeId)}.json`;
}

export function claimBody(content: ClaimContent): Buffer {
	return Buffer.from(`${JSON.stringify(content)}\n`, 'utf8');
}

/** The claim's content, or undefined for anything that is not a claim (a file someone replaced). */
export function parseClaim(text: string): ClaimContent | undefined {
	try {
		const value = JSON.parse(text) as Partial<ClaimContent>;
		if (typeof value !== 'object' || value === null || typeof value.scope !== 'string' || typeof value.nonce !== 'string') return undefined;
		if (value.cursor !== null && typeof value.cursor !== 'string') return undefined;
		return { cursor: value.cursor, scope: value.scope, nonce: value.nonce, claimedAt: String(value.claimedAt ?? '') };
	} catch {
		return undefined;
	}
}

/** The Dropbox write mode for a claim: on top of the rev we saw, or a new file if we saw none. */
export function claimWriteMode(knownRev: string | undefined): 'add' | { '.tag': 'update'; update: string } {
	return knownRev ? { '.tag': 'update', update: knownRev } : 'add';
}

/** Whether a path (lower case) is the claim folder or inside it: the trigger never reports its own claims. */
export function isInClaimFolder(pathLower: string | undefined, folder: string): boolean {
	if (!pathLower) return false;
	const base = folder.trim().replace(/\/+$/, '').toLowerCase();
	return base !== '' && (pathLower === base || pathLower.startsWith(`${base}/`));
}
