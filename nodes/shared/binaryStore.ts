// Telling apart, when n8n's prepareBinaryData fails on a download stream, a connection that broke
// mid-file (fetch again) from n8n's binary-data store refusing the file (fetching again cannot help).
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A stream that ended early or was aborted (Node's own stream errors, no socket code). */
export function isStreamBreak(error: unknown): boolean {
	const code = (error as { code?: unknown } | undefined)?.code;
	const message = String((error as { message?: unknown } | undefined)?.message ?? '');
	return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR' || /^aborted$|premature close|socket hang up/i.test(message);
}

/** What to do when n8n's binary-data store refused a file. */
export const BINARY_STORE_REFUSAL_HINT =
	'n8n\'s binary-data store refused the file. In the "database" binary-data mode (queue mode\'s default) n8n refuses files over N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (512 MiB by default, 1024 at most): set N8N_DEFAULT_BINARY_DATA_MODE=filesystem with a storage folder every n8n process shares. Otherwise check the free space and permissions of n8n\'s storage folder.';

/**
 * The error for a file n8n's binary-data store refused: `what` names the file (e.g. "Download
 * asset 1: n8n could not store the downloaded file"), the store's own words follow.
 */
export function binaryStoreRefusal(node: INode, what: string, cause: unknown, itemIndex: number | undefined): NodeOperationError {
	const message = `${what}: ${String((cause as { message?: unknown } | undefined)?.message ?? cause)}`;
	const error = new NodeOperationError(node, message, { itemIndex, description: BINARY_STORE_REFUSAL_HINT });
	// n8n replaces a message naming a file-system code (ENOTDIR, ENOSPC...) with a generic one
	// that would no longer say which file or that it is the binary store.
	error.message = message;
	return error;
}
