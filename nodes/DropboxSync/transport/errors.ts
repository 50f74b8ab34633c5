// n8n errors for Dropbox failures. Messages come from helpers/dropboxErrors.ts; the Dropbox
// error (tag and body, never credentials) rides along in `context` so callers can branch on it
// and Continue On Fail output can show it.

import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DescribedError, ErrorSubject } from '../helpers/dropboxErrors';
import { describeAuthError, describeBadRequest, describeRouteError, errorTags } from '../helpers/dropboxErrors';

export interface DropboxFailure {
	status: number;
	/** Error union tags, outermost first (empty for 5xx/429 text bodies). */
	tags: string[];
	/** Parsed JSON body, or the text. */
	body: unknown;
	route: string;
}

export type DropboxNodeError = NodeApiError | NodeOperationError;

function attach(error: DropboxNodeError, failure: DropboxFailure | undefined, described: DescribedError, subject: ErrorSubject) {
	error.context = {
		...error.context,
		dropboxErrorTag: described.tag,
		...(failure ? { dropboxStatus: failure.status, dropboxRoute: failure.route, dropboxError: failure.body as JsonObject } : {}),
		...(subject.path !== undefined ? { path: subject.path } : {}),
	};
	return error;
}

/** Builds the error for a failed call (after retries, when it was retryable). */
export function failureToError(
	node: INode,
	failure: DropboxFailure,
	subject: ErrorSubject,
	{ itemIndex, usesOAuth2, attempts }: { itemIndex?: number; usesOAuth2: boolean; attempts: number },
): DropboxNodeError {
	let described: DescribedError;
	const retried = attempts > 1 ? ` The node tried ${attempts} times.` : '';
	if (failure.status === 401) {
		described = describeAuthError(failure.body, usesOAuth2);
	} else if (failure.status === 400) {
		described = describeBadRequest(typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body));
	} else if (failure.status === 429) {
		const reason = failure.tags.includes('too_many_write_operations') ? 'too_many_write_operations' : 'too_many_requests';
		described = {
			tag: reason,
			message: `Dropbox is rate limiting these requests (${reason})`,
			description: `Dropbox asked the node to slow down and it kept asking.${retried} Run again later, or lower Parallel Uploads. (Dropbox error: ${reason})`,
			badInput: false,
		};
	} else if (failure.status >= 500) {
		described = {
			tag: `http_${failure.status}`,
			message: `Dropbox had a server error (HTTP ${failure.status}) on ${failure.route}`,
			description: `This is on Dropbox's side and usually passes.${retried} Run again in a few minutes.`,
			badInput: false,
		};
	} else if (failure.status === 422) {
		described = {
			tag: errorTags(failure.body).join('/') || 'path_root_error',
			message: 'Dropbox rejected the team space root',
			description: 'Set the credential\'s Root to "Home Folder" if the account has no team space.',
			badInput: false,
		};
	} else {
		described = describeRouteError(failure.body, subject);
		if (failure.tags.includes('too_many_write_operations') && retried) described.description += retried;
	}
	const error = described.badInput
		? new NodeOperationError(node, described.message, { itemIndex, description: described.description })
		: new NodeApiError(node, (typeof failure.body === 'object' && failure.body !== null ? failure.body : { message: String(failure.body) }) as JsonObject, {
				itemIndex,
				message: described.message,
				description: described.description,
				httpCode: String(failure.status),
			});
	// NodeApiError may replace the message with a generic one for some status codes.
	error.message = described.message;
	error.description = described.description;
	return attach(error, failure, described, subject);
}

/** For a network failure that survived the retries. */
export function networkError(node: INode, route: string, code: string | undefined, cause: unknown, itemIndex: number | undefined, attempts: number) {
	const message = `Could not reach Dropbox (${code ?? 'network error'}) on ${route}`;
	const description = `The connection failed ${attempts} time${attempts === 1 ? '' : 's'}. Check the network (and the credential's API Base URL if set), then run again.`;
	const error = new NodeApiError(node, { message: cause instanceof Error ? cause.message : String(cause) } as JsonObject, {
		itemIndex,
		message,
		description,
	});
	error.message = message;
	error.description = description;
	error.context = { ...error.context, dropboxErrorTag: code ?? 'network_error', dropboxRoute: route };
	return error;
}

/** The Dropbox failure carried by an error thrown by the transport, if any. */
export function failureOf(error: unknown): { status?: number; tag: string; body?: unknown } | undefined {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return undefined;
	const context = error.context ?? {};
	if (typeof context.dropboxErrorTag !== 'string') return undefined;
	return {
		status: typeof context.dropboxStatus === 'number' ? context.dropboxStatus : undefined,
		tag: context.dropboxErrorTag,
		body: context.dropboxError,
	};
}

/** True when the error is a Dropbox route error whose tag path contains `tag`. */
export function hasErrorTag(error: unknown, tag: string): boolean {
	const failure = failureOf(error);
	return failure !== undefined && failure.tag.split('/').includes(tag);
}

/** A bad-input error naming the item and the fix. */
export function inputError(node: INode, itemIndex: number | undefined, problem: string, fix: string): NodeOperationError {
	const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
	const error = new NodeOperationError(node, `${problem}${where}`, { itemIndex, description: fix });
	error.context = { ...error.context, dropboxErrorTag: 'invalid_input' };
	return error;
}
