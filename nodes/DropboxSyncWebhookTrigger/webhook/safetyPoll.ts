// The safety poll: n8n lets a trigger node register cron jobs (the way the Schedule Trigger
// does) next to its webhooks, so the same node also reads its cursor on a schedule. A
// notification Dropbox could not deliver is then caught up at the next tick; a tick while a
// notification's catch-up runs is folded into it (one catch-up). In a manual run
// ("Listen for test event") trigger() returns a sample of recent changes instead.
import type { CronExpression, IHookFunctions, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sample } from '../../DropboxSyncTrigger/poll/sample';
import { readSettings } from '../../DropboxSyncTrigger/poll/settings';
import type { SafetyPollUnit } from '../helpers/safetyPoll';
import { safetyPollSchedule } from '../helpers/safetyPoll';
import type { WebhookTriggerState } from './state';
import { coalescer, triggerKey } from './state';
import { guardedCatchUp, readGuard } from './guard';

/** The safety poll's cron expression from the node's options (undefined: off). */
export function safetyPollExpression(ctx: IHookFunctions | ITriggerFunctions): CronExpression | undefined {
	const options = ctx.getNodeParameter('options', {}) as { safetyPollInterval?: number; safetyPollUnit?: SafetyPollUnit };
	const schedule = safetyPollSchedule(Number(options.safetyPollInterval ?? 10), options.safetyPollUnit ?? 'minutes');
	if (!schedule.ok) throw new NodeOperationError(ctx.getNode(), schedule.problem, { description: schedule.fix });
	return schedule.expression;
}

export async function startSafetyPoll(ctx: ITriggerFunctions): Promise<ITriggerResponse> {
	const settings = readSettings(ctx);
	if (ctx.getMode() === 'manual') {
		return { manualTriggerFunction: async () => ctx.emit([await sample(ctx, settings)]) };
	}
	const expression = safetyPollExpression(ctx);
	if (!expression) return {};

	const key = triggerKey(ctx);
	const guard = readGuard(ctx);
	const tick = async () => {
		try {
			const state = ctx.getWorkflowStaticData('node') as WebhookTriggerState;
			const result = await coalescer.run(key, state, async (working) => await guardedCatchUp(ctx, settings, guard, working));
			if (result.ran && result.items.length > 0) ctx.emit([result.items]);
		} catch (error) {
			// A failed tick changes nothing; the next notification or tick reads the same changes.
			ctx.logger.warn(`Dropbox Sync Webhook Trigger: safety poll failed: ${(error as Error).message}`, { node: ctx.getNode().name });
		}
	};
	ctx.helpers.registerCron({ expression }, () => void tick());
	return { closeFunction: async () => coalescer.forget(key) };
}
