// Activation and deactivation (n8n's webhookMethods). Dropbox has no API to register a webhook
// (the URL is set in the App Console), so "create" sets up the cursor: changes from the moment
// of activation are what the first notification reports (or, with Include Existing Files,
// everything, on the first notification). The app secret is checked here so a credential
// without one fails the activation with a clear message instead of refusing every call. With the
// process guard on, activation also writes the claim file (guard.ts) at the new cursor.
import type { IHookFunctions } from 'n8n-workflow';

import { catchUp } from '../../DropboxSyncTrigger/poll/run';
import { readSettings } from '../../DropboxSyncTrigger/poll/settings';
import { appSecretOf } from './appSecret';
import { safetyPollExpression } from './safetyPoll';
import type { WebhookTriggerState } from './state';
import { coalescer, triggerKey } from './state';
import { readGuard, resetClaim } from './guard';

export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	// Bad settings fail the activation before anything is set up.
	await appSecretOf(ctx);
	safetyPollExpression(ctx);
	readGuard(ctx);
	const settings = readSettings(ctx);
	const state = ctx.getWorkflowStaticData('node') as WebhookTriggerState;
	// A saved cursor for the same settings: keep it, so changes made while n8n was down are read.
	return state.scope === settings.scope && typeof state.cursor === 'string';
}

export async function create(ctx: IHookFunctions): Promise<boolean> {
	const settings = readSettings(ctx);
	const guard = readGuard(ctx);
	const state = ctx.getWorkflowStaticData('node') as WebhookTriggerState;
	await coalescer.run(triggerKey(ctx), state, async (working) => {
		// The cursor from now (none with Include Existing Files: the first notification lists all).
		const items = settings.includeExisting ? [] : await catchUp(ctx, settings, working);
		// One process activates: the claim starts at this cursor, whatever an earlier activation left.
		await resetClaim(ctx, guard, settings, working);
		return items;
	});
	return true;
}

export async function remove(ctx: IHookFunctions): Promise<boolean> {
	coalescer.forget(triggerKey(ctx));
	return true;
}
