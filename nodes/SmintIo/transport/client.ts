// The Smint.io client of one item (it carries the item index for errors): the credential's
// hosts and portal, the settings of the operation, and the calls the transport modules use.
// Each concern lives in its own module:
// - credentials.ts: the credential, read once per node run;
// - authenticatedRequest.ts: one request with retries (429/5xx/resets) and `recover`;
// - tokenRefresh.ts: the explicit refresh after a reset of a streamed upload;
// - portalsCall.ts: the Portals method-call protocol;
// - backgroundTask.ts: polling the background task a method call answers.
import type { INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { DEFAULT_RETRY_POLICY } from '../../shared/retry';
import type { RetryPolicy } from '../../shared/retry';
import type { SmintIoHosts } from '../helpers/hosts';
import { sendAuthenticated } from './authenticatedRequest';
import type { SendOptions, SendResult } from './authenticatedRequest';
import { DEFAULT_TASK_POLL_INTERVAL_MS, DEFAULT_TASK_TIMEOUT_MS, MIN_TASK_POLL_INTERVAL_MS, waitForTask } from './backgroundTask';
import type { BackgroundTask } from './backgroundTask';
import { readConnection } from './credentials';
import type { SmintIoContext } from './credentials';
import type { PortalsMethod, PortalsMethodName } from './methodTable';
import { backgroundTaskOf, methodCallRequest, methodLabel, methodSpec } from './portalsCall';
import { refreshSmintIoToken } from './tokenRefresh';

export interface ClientSettings {
	itemIndex?: number;
	taskPollIntervalMs?: number;
	taskTimeoutMs?: number;
	/** `culture` query parameter of Portals calls. */
	culture?: string;
	/** Overrides the credential's portal. */
	portalUuid?: string;
	retryPolicy?: RetryPolicy;
}

export class SmintIoClient {
	readonly node: INode;
	readonly itemIndex: number | undefined;
	readonly pollIntervalMs: number;
	readonly taskTimeoutMs: number;
	readonly culture: string | undefined;
	readonly retryPolicy: RetryPolicy;

	private constructor(
		readonly ctx: SmintIoContext,
		readonly hosts: SmintIoHosts,
		readonly portalUuid: string,
		settings: ClientSettings,
	) {
		this.node = ctx.getNode();
		this.itemIndex = settings.itemIndex;
		this.pollIntervalMs = Math.max(MIN_TASK_POLL_INTERVAL_MS, settings.taskPollIntervalMs ?? DEFAULT_TASK_POLL_INTERVAL_MS);
		this.taskTimeoutMs = Math.max(this.pollIntervalMs, settings.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS);
		this.culture = settings.culture;
		this.retryPolicy = settings.retryPolicy ?? DEFAULT_RETRY_POLICY;
	}

	static async create(ctx: SmintIoContext, settings: ClientSettings = {}): Promise<SmintIoClient> {
		const { hosts, portalUuid } = await readConnection(ctx, settings.itemIndex, settings.portalUuid);
		return new SmintIoClient(ctx, hosts, portalUuid, settings);
	}

	/** Waits with n8n-workflow's sleep (no timers in shipped code). */
	async wait(ms: number): Promise<void> {
		if (ms > 0) await sleep(ms);
	}

	requirePortal(): string {
		if (this.portalUuid === '') {
			throw new NodeOperationError(this.node, 'No portal: the credential has no Portal UUID and none was chosen', {
				itemIndex: this.itemIndex,
				description: 'Fill in the Portal UUID on the Smint.io credential, or pick a portal under Options > Portal.',
			});
		}
		return this.portalUuid;
	}

	/** One authenticated request with retries (see authenticatedRequest.ts). */
	async send(options: SendOptions, recover?: () => Promise<unknown>): Promise<SendResult> {
		return await sendAuthenticated(this, options, recover);
	}

	/** Refreshes the OAuth2 token through n8n (single-flight, persisted by n8n). */
	async refreshToken(): Promise<void> {
		await refreshSmintIoToken(this.ctx);
	}

	/** `send` for calls without `recover`: the response body. */
	async requestJson<T = unknown>(options: SendOptions): Promise<T> {
		const result = await this.send(options);
		return (result.kind === 'response' ? result.response.body : result.value) as T;
	}

	/**
	 * Calls a Portals method and returns its parsed result. `params` undefined sends `[]`.
	 * `recover` (creates): see `send`; its value is returned as the method's result.
	 */
	async call<T = Record<string, unknown>>(
		name: PortalsMethodName | PortalsMethod,
		params?: object,
		options: { label?: string; recover?: () => Promise<T | undefined> } = {},
	): Promise<T> {
		const spec = methodSpec(name);
		const label = options.label ?? methodLabel(spec);
		const portal = this.requirePortal();
		const result = await this.send(methodCallRequest(this.hosts, portal, spec, params, this.culture, label), options.recover);
		if (result.kind === 'recovered') return result.value as T;
		return (await this.waitForTask(backgroundTaskOf(result.response, this.node, label, this.itemIndex), label)) as T;
	}

	/** Polls a background task at the fixed interval until it completes (result) or fails (throws). */
	async waitForTask(first: BackgroundTask, label: string): Promise<unknown> {
		return await waitForTask(this, first, label);
	}
}
