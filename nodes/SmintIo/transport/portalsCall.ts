// The Portals method-call protocol: a POST to the method's execute path whose body is a JSON
// array holding ONE JSON-encoded string of the parameters; the answer is a background task.
import type { IN8nHttpFullResponse, INode } from 'n8n-workflow';
import type { SmintIoHosts } from '../helpers/hosts';
import type { SendOptions } from './authenticatedRequest';
import { isBackgroundTask } from './backgroundTask';
import type { BackgroundTask } from './backgroundTask';
import { smintIoApiError } from './errors';
import { PORTALS_METHODS, PORTALS_PATHS } from './methodTable';
import type { PortalsMethod, PortalsMethodName } from './methodTable';

export function methodSpec(name: PortalsMethodName | PortalsMethod): PortalsMethod {
	return typeof name === 'string' ? PORTALS_METHODS[name] : name;
}

/** "Interface.method", the label of a call that was given none. */
export function methodLabel(spec: PortalsMethod): string {
	return `${spec.interface}.${spec.method}`;
}

export function methodCallRequest(
	hosts: SmintIoHosts,
	portal: string,
	spec: PortalsMethod,
	params: object | undefined,
	culture: string | undefined,
	label: string,
): SendOptions {
	return {
		method: 'POST',
		url: `${hosts.portalsBaseUrl}${PORTALS_PATHS.execute(portal, spec.interface, spec.method)}`,
		// [] without parameters is sent as text: n8n drops an empty array body.
		body: params === undefined ? '[]' : [JSON.stringify(params)],
		headers: { 'Content-Type': 'application/json' },
		qs: culture ? { culture } : undefined,
		label,
	};
}

/** The background task a method call answered, or a NodeApiError saying the answer is not one. */
export function backgroundTaskOf(response: IN8nHttpFullResponse, node: INode, label: string, itemIndex: number | undefined): BackgroundTask {
	const task = response.body;
	if (!isBackgroundTask(task)) {
		throw smintIoApiError(node, {
			status: response.statusCode,
			label,
			body: { error_code: 'unexpected_response', error_message: 'the answer is not a background task' },
			itemIndex,
		});
	}
	return task;
}
