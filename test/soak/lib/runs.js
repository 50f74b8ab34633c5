'use strict';
// Running templates in the soak: start a run from the Manual Trigger, wait for it by polling
// n8n's light execution list, or kill n8n while it runs.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

function templateOf(stack, file) {
	const found = stack.templates.find((t) => t.file === file);
	if (!found) throw new Error(`template ${file} not imported (have ${stack.templates.map((t) => t.file).join(', ')})`);
	return found;
}

async function startRun(stack, file) {
	const { id, workflow } = templateOf(stack, file);
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const { executionId } = await stack.client.rest('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: trigger.name } });
	return { workflowId: id, executionId: String(executionId) };
}

async function waitForRun(stack, run, { timeoutMs = 3600000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = (await stack.client.listExecutions(run.workflowId)).find((e) => String(e.id) === run.executionId);
		if (found && FINISHED.has(found.status)) {
			const seconds = (new Date(found.stoppedAt) - new Date(found.startedAt)) / 1000;
			if (found.status === 'success') return { status: found.status, seconds };
			const execution = await stack.client.getExecution(run.executionId);
			const error = execution.data?.resultData?.error;
			const message = error && (typeof error.message === 'string' ? error.message : JSON.stringify(error.message ?? error).slice(0, 1500));
			return { status: found.status, seconds, error: error ? `${message} (node ${error.node?.name})` : 'no error recorded' };
		}
		if (Date.now() > deadline) throw new Error(`execution ${run.executionId} not finished in ${timeoutMs / 1000} s`);
		await sleep(1000);
	}
}

async function runTemplate(stack, file, options) {
	return await waitForRun(stack, await startRun(stack, file), options);
}

/**
 * Starts a run, waits until `progress()` reaches `atLeast`, then SIGKILLs n8n and starts it
 * again on the same user folder. Returns whether the run was still going when killed.
 */
async function killMidRun(stack, file, { progress, atLeast, timeoutMs = 1800000, log = () => {} }) {
	const run = await startRun(stack, file);
	const deadline = Date.now() + timeoutMs;
	let done = 0;
	for (;;) {
		done = await progress();
		if (done >= atLeast) break;
		const list = await stack.client.listExecutions(run.workflowId);
		const current = list.find((e) => String(e.id) === run.executionId);
		if (current && FINISHED.has(current.status)) return { killedWhileRunning: false, progressAtKill: done, status: current.status };
		if (Date.now() > deadline) throw new Error(`no progress to ${atLeast} within ${timeoutMs / 1000} s (at ${done})`);
		await sleep(200);
	}
	const list = await stack.client.listExecutions(run.workflowId);
	const running = list.find((e) => String(e.id) === run.executionId)?.status === 'running';
	log(`${file}: killing n8n at progress ${done}/${atLeast}+ (execution ${run.executionId} ${running ? 'running' : 'not running'})`);
	await stack.killN8n();
	await stack.restartN8n();
	const after = (await stack.client.listExecutions(run.workflowId)).find((e) => String(e.id) === run.executionId);
	return { killedWhileRunning: running, progressAtKill: done, statusAfterRestart: after?.status };
}

module.exports = { startRun, waitForRun, runTemplate, killMidRun, templateOf, sleep };
