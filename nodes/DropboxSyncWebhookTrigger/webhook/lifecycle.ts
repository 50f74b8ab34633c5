// Activation and deactivation (n8n's webhookMethods). Dropbox has no API to register a webhook
// (the URL is set in the App Console), so "create" sets up the cursor: changes from the moment
// of activation are what the first notification reports (or, with Include Existing Files,
// everything, on the first notification). The app secret is checked here so a credential
// without one fails the activation with a clear message instead of refusing every call.
import type { IHookFunctions } from 'n8n-workflow';

import { catchUp } from '../../DropboxSyncTrigger/poll/run';
import { readSettings } from '../../DropboxSyncTrigger/poll/settings';
import { appSecretOf } from './appSecret';
import { safetyPollExpression } from './safetyPoll';
import type { WebhookTriggerState } from './state';
import { coalescer, triggerKey } from './state';

export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	// Bad settings fail the activation before anything is set up.
	await appSecretOf(ctx);
	safetyPollExpression(ctx);
	const settings = readSettings(ctx);
	const state = ctx.getWorkflowStaticData('node') as WebhookTriggerState;
	// A saved cursor for the same settings: keep it, so changes made while n8n was down are read.
	return state.scope === settings.scope && typeof state.cursor === 'string';
}

export async function create(ctx: IHookFunctions): Promise<boolean> {
	const settings = readSettings(ctx);
	if (settings.includeExisting) return true;
	const state = ctx.getWorkflowStaticData('node') as WebhookTriggerState;
	await coalescer.run(triggerKey(ctx), state, async (working) => await catchUp(ctx, settings, working));
	return true;
}

export async function remove(ctx: IHookFunctions): Promise<boolean> {
	coalescer.forget(triggerKey(ctx));
	return true;
}
