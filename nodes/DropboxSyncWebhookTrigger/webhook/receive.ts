// One HTTP call from Dropbox.
//
// GET  ?challenge=…  the verification Dropbox sends when the webhook URL is set: echo it as
//                    text/plain with nosniff (so the echo cannot be read as HTML).
// POST               a notification: the signature is checked over the raw body first (403 and
//                    no work when it is missing or wrong; the app secret is kept a minute per
//                    process, webhook/verify.ts); the 200 goes out at once, within
//                    Dropbox's 10 s limit whatever Dropbox's API does next; then the catch-up
//                    runs from the saved cursor, coalesced with any other notification in flight in this
//                    process and guarded by the claim against other processes (guard.ts).
// The response is written here (noWebhookResponse), which is how n8n lets a node answer before
// it has finished its own work.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readSettings } from '../../DropboxSyncTrigger/poll/settings';
import type { WebhookTriggerState } from './state';
import { coalescer, triggerKey } from './state';
import { guardedCatchUp, readGuard } from './guard';
import { isSignedNotification } from './verify';

/** What n8n's webhook server hands over: its parsed request with the raw body kept. */
interface RawRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
}

interface PlainResponse {
	writeHead(status: number, headers?: Record<string, string>): unknown;
	end(body?: string): unknown;
}

function reply(res: PlainResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8') {
	res.writeHead(status, { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' });
	res.end(body);
}

export async function receive(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject() as unknown as RawRequest;
	const res = ctx.getResponseObject() as unknown as PlainResponse;

	if (ctx.getWebhookName() === 'setup') {
		const challenge = req.query.challenge;
		if (typeof challenge !== 'string' || challenge === '') {
			reply(res, 400, 'Expected ?challenge=… (this URL is for Dropbox webhooks)');
		} else {
			reply(res, 200, challenge);
		}
		return { noWebhookResponse: true };
	}

	if (req.rawBody === undefined && req.readRawBody) await req.readRawBody();
	const signature = req.headers['x-dropbox-signature'];
	let signed: boolean;
	try {
		signed = req.rawBody !== undefined && (await isSignedNotification(ctx, req.rawBody, Array.isArray(signature) ? signature[0] : signature));
	} catch (error) {
		// Nothing can be verified: refuse, and say why in n8n's log (the message names no secret).
		reply(res, 403, 'Forbidden');
		ctx.logger.warn((error as Error).message, { node: ctx.getNode().name });
		return { noWebhookResponse: true };
	}
	if (!signed) {
		reply(res, 403, 'Invalid signature');
		return { noWebhookResponse: true };
	}
	reply(res, 200, '');

	// A test ("Listen for test event"): the execution shows a sample of recent changes (trigger()).
	if (ctx.getMode() === 'manual') return { noWebhookResponse: true, workflowData: [[{ json: {} }]] };

	const settings = readSettings(ctx);
	const guard = readGuard(ctx);
	const state = ctx.getWorkflowStaticData('node') as WebhookTriggerState;
	const result = await coalescer.run(triggerKey(ctx), state, async (working) => await guardedCatchUp(ctx, settings, guard, working));
	if (!result.ran || result.items.length === 0) return { noWebhookResponse: true };
	return { noWebhookResponse: true, workflowData: [result.items] };
}
