// Portals background tasks: every method call answers one; it is polled at a FIXED interval
// (Smint.io asks for >= 1 s and never exponential backoff) until completed or error, up to a
// timeout.
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { SmintIoHosts } from '../helpers/hosts';
import { smintIoApiError, statusForCode } from './errors';
import { PORTALS_PATHS } from './methodTable';
import type { SendOptions } from './authenticatedRequest';

/** Smint.io asks clients not to poll background tasks faster than once a second. */
export const DEFAULT_TASK_POLL_INTERVAL_MS = 1000;
export const DEFAULT_TASK_TIMEOUT_MS = 300_000;
/** Floor for the poll interval; below 1 s is meant for the sandbox only. */
export const MIN_TASK_POLL_INTERVAL_MS = 10;

export interface BackgroundTask {
	uuid: string;
	state: 'created' | 'in_progress' | 'error' | 'completed' | string;
	finished_percentage?: number;
	result_string?: string | null;
}

/** What polling needs from its client. */
export interface TaskPollScope {
	readonly node: INode;
	readonly itemIndex: number | undefined;
	readonly hosts: SmintIoHosts;
	readonly pollIntervalMs: number;
	readonly taskTimeoutMs: number;
	wait(ms: number): Promise<void>;
	requestJson<T = unknown>(options: SendOptions): Promise<T>;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isBackgroundTask(value: unknown): value is BackgroundTask {
	return isObject(value) && typeof value.uuid === 'string' && typeof value.state === 'string';
}

function parseJson(text: unknown): unknown {
	if (typeof text !== 'string') return text ?? null;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function parseResult(scope: TaskPollScope, task: BackgroundTask, label: string): unknown {
	if (task.result_string === null || task.result_string === undefined || task.result_string === '') return {};
	const parsed = parseJson(task.result_string);
	if (parsed === undefined) {
		throw new NodeApiError(
			scope.node,
			{ httpCode: '502', message: 'Result is not JSON' },
			{
				message: `${label} returned a result that is not JSON`,
				description: `Background task ${task.uuid} completed, but its result_string could not be parsed: ${String(task.result_string).slice(0, 200)}`,
				itemIndex: scope.itemIndex,
			},
		);
	}
	return parsed;
}

/** Polls a background task at the fixed interval until it completes (result) or fails (throws). */
export async function waitForTask(scope: TaskPollScope, first: BackgroundTask, label: string): Promise<unknown> {
	const started = Date.now();
	let task = first;
	for (;;) {
		if (task.state === 'completed') return parseResult(scope, task, label);
		if (task.state === 'error') {
			const body = parseJson(task.result_string);
			const code = isObject(body) && typeof body.error_code === 'string' ? body.error_code : undefined;
			throw smintIoApiError(scope.node, { status: statusForCode(code), label, body: body ?? task.result_string, itemIndex: scope.itemIndex });
		}
		if (Date.now() - started >= scope.taskTimeoutMs) {
			throw new NodeApiError(
				scope.node,
				{ httpCode: '408', message: 'Background task timed out' },
				{
					message: `${label} did not finish within ${Math.round(scope.taskTimeoutMs / 1000)} s (background task ${task.uuid}, ${task.finished_percentage ?? 0}% done)`,
					description: 'Smint.io is still working on it. Raise Options > Task Timeout, or run again later.',
					itemIndex: scope.itemIndex,
				},
			);
		}
		await scope.wait(scope.pollIntervalMs);
		task = await scope.requestJson<BackgroundTask>({
			method: 'GET',
			url: `${scope.hosts.portalsBaseUrl}${PORTALS_PATHS.backgroundTask(task.uuid)}`,
			label: `${label} (background task ${task.uuid})`,
		});
	}
}
