// Smint.io error objects ({error_code, error_message, error_details?: {uuid?, name?},
// redirect_url?} [public shape]) turned into readable NodeApiErrors. The original code and
// details stay on the error (`context.smintIoError`) so callers can react to them (409, 404).
// Errors are always built from plain data we chose: never from a request object, which
// would carry the Authorization header.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ERROR_CODES } from './methodTable';

export interface SmintIoErrorObject {
	error_code?: string;
	error_message?: string;
	error_details?: { uuid?: string; name?: string };
	redirect_url?: string;
}

/** The Smint.io error object inside a response body (object, JSON text, or nothing). */
export function parseErrorBody(body: unknown): SmintIoErrorObject | null {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return null;
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const object = value as Record<string, unknown>;
	if (typeof object.error_code !== 'string' && typeof object.error_message !== 'string') return null;
	return object as SmintIoErrorObject;
}

/** HTTP status a Smint.io error code stands for, for errors that arrive inside a background task. */
export function statusForCode(code: string | undefined): number {
	if (!code) return 500;
	if (code === ERROR_CODES.notFound || code.endsWith('_not_found')) return 404;
	if (code === ERROR_CODES.conflict || code.includes('conflict')) return 409;
	if (code === 'precondition_required') return 428;
	if (code === 'permission_denied') return 403;
	if (code.startsWith('argument_') || code.startsWith('paging_') || code.endsWith('_invalid') || code.startsWith('max_')) return 400;
	if (code.includes('token') || code === 'invalid_credentials') return 401;
	if (code === 'too_many_requests') return 429;
	if (code === 'service_unavailable') return 503;
	return 500;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'Smint.io rejected a parameter; the message names it.',
	401: 'The access token was rejected even after a refresh. Reconnect the Smint.io credential.',
	403: 'The signed-in user or client lacks the permission or scope for this call (scopes: smintio.portals.frontend for Portals, smintio.full for CLAPI-C).',
	404: 'Check the ID, and that the Portal UUID on the credential is the portal that holds it.',
	409: 'Someone changed the object at the same time. Run again to work on the current version.',
	424: 'A system behind Smint.io (a data adapter) failed. Try again later.',
	428: 'The call needs a precondition (e.g. the eTag of the asset as read).',
	429: 'Smint.io kept rate-limiting the requests. Run later or with fewer items at once.',
};

export interface ApiErrorInput {
	status: number;
	/** What was being done, e.g. "Get asset 99:image:…". */
	label: string;
	body?: unknown;
	itemIndex?: number;
	/** Attempts made before giving up (shown for transient failures). */
	attempts?: number;
}

/** A NodeApiError for a Smint.io failure response. */
export function smintIoApiError(node: INode, input: ApiErrorInput): NodeApiError {
	const parsed = parseErrorBody(input.body);
	const code = parsed?.error_code;
	const text = parsed?.error_message ?? (typeof input.body === 'string' && input.body.length < 300 ? input.body : '');
	const details = parsed?.error_details;
	const detailText = details
		? Object.entries(details)
				.map(([key, value]) => `${key}=${String(value)}`)
				.join(', ')
		: '';
	const hint =
		STATUS_HINTS[input.status] ?? (input.status >= 500 ? 'Smint.io had a server error. Try again later.' : 'See the message from Smint.io.');
	const tries = input.attempts && input.attempts > 1 ? ` (after ${input.attempts} attempts)` : '';
	const message = `${input.label} failed: ${text || `HTTP ${input.status}`}${tries}`;
	const description = [code ? `Smint.io error code: ${code}` : '', detailText ? `Details: ${detailText}` : '', hint]
		.filter(Boolean)
		.join('. ');
	const response: JsonObject = {
		httpCode: String(input.status),
		error_code: code ?? null,
		error_message: text || null,
		error_details: (details as JsonObject) ?? null,
	};
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(input.status),
		itemIndex: input.itemIndex,
	});
	error.context.smintIoError = { status: input.status, error_code: code ?? null, error_details: details ?? null };
	return error;
}

/** A NodeApiError for a request that got no response (reset, timeout, refused). */
export function networkError(node: INode, label: string, networkCode: string, attempts: number, itemIndex?: number): NodeApiError {
	const error = new NodeApiError(
		node,
		{ httpCode: networkCode, message: `No response from Smint.io (${networkCode})` },
		{
			message: `${label} failed: no response from Smint.io (${networkCode}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
			description: 'The connection was reset or timed out each time. Check the base URLs on the credential and try again later.',
			httpCode: networkCode,
			itemIndex,
		},
	);
	error.context.smintIoError = { status: null, networkCode };
	return error;
}

/** HTTP status and Smint.io error code of an error made by this transport. */
export function smintIoErrorOf(error: unknown): { status: number | null; errorCode: string | null; networkCode?: string } | null {
	const context = (error as { context?: { smintIoError?: Record<string, unknown> } } | undefined)?.context;
	const info = context?.smintIoError;
	if (!info) return null;
	return {
		status: typeof info.status === 'number' ? info.status : null,
		errorCode: typeof info.error_code === 'string' ? info.error_code : null,
		networkCode: typeof info.networkCode === 'string' ? info.networkCode : undefined,
	};
}

export function isConflict(error: unknown): boolean {
	const info = smintIoErrorOf(error);
	return info !== null && (info.status === 409 || info.errorCode === ERROR_CODES.conflict);
}

export function isNotFound(error: unknown): boolean {
	const info = smintIoErrorOf(error);
	return info !== null && (info.status === 404 || info.errorCode === ERROR_CODES.notFound);
}

/**
 * For catch blocks that only handle some errors: the error itself when it is already a node
 * error (everything this transport throws is), else wrapped.
 */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}
