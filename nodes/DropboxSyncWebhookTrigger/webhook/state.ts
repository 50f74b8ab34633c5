// The trigger's state and the one coalescer (per n8n process) all its entry points share.
import type { DropboxContext } from '../../DropboxSync/transport/connection';
import type { TriggerState } from '../../DropboxSyncTrigger/poll/state';
import type { Generational } from '../helpers/coalesce';
import { CatchUpCoalescer } from '../helpers/coalesce';

export type WebhookTriggerState = TriggerState &
	Generational & {
		/** The rev of the claim file this process last saw (webhook/guard.ts). */
		claimRev?: string;
	};

export const coalescer = new CatchUpCoalescer<WebhookTriggerState>();

/** One key per trigger node of a workflow. */
export function triggerKey(ctx: DropboxContext): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}
