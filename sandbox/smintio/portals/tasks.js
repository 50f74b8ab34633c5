'use strict';
// Background tasks [public protocol]: every Portals method call answers with a task
// {uuid, state: created|in_progress|error|completed, finished_percentage, total_steps,
// succeeded_steps, failed_steps, result_string}.
//
// - Immediate methods run inside the execute call: the task comes back `completed` (or
//   `error`) at once.
// - Long-running methods (config `longRunningMethods`; default: the ones the contract marks)
//   come back `created`; polls report `in_progress` with a rising percentage until
//   `taskDelayMs` has passed (emulator clock), then the method runs and the task ends
//   `completed` or `error`. A timer completes it even if nobody polls; a poll after a clock
//   advance completes it at once. Pending tasks survive a restart (params are stored).
// - A method failure ends the task in `error`: result_string is the JSON-encoded error object
//   {error_code, error_message, error_details?} (the task GET itself is HTTP 200).

const crypto = require('crypto');
const { SmintioError, errorObject } = require('../errors');

const TASKS = 'tasks';
// Finished tasks are kept for polling, then forgotten (a later poll gets 404): after an hour,
// beyond 2000 tasks, or beyond 32 MB of result strings (large search pages add up), oldest first.
const KEEP_FINISHED_MS = 3600 * 1000;
const MAX_TASKS = 2000;
const MAX_RESULT_CHARS = 32 * 1024 * 1024;

function publicTask(task, now) {
	const view = {
		uuid: task.uuid,
		state: task.state,
		finished_percentage: task.finishedPercentage,
		total_steps: 1,
		succeeded_steps: task.state === 'completed' ? 1 : 0,
		failed_steps: task.state === 'error' ? 1 : 0,
		result_string: task.resultString,
	};
	// A poll always observes a pending task running, even in the millisecond it was created.
	if (now !== undefined && (task.state === 'created' || task.state === 'in_progress')) {
		const span = Math.max(1, task.readyAtMs - task.createdAtMs);
		view.state = 'in_progress';
		view.finished_percentage = Math.min(99, Math.max(0, Math.floor(((now - task.createdAtMs) / span) * 100)));
	}
	return view;
}

function failure(error) {
	if (error instanceof SmintioError) return error.toJSON();
	console.error(error);
	return errorObject('internal_server_error', 'the method failed unexpectedly');
}

class TaskRunner {
	/** @param {any} ctx  @param {(iface: string, method: string) => any} lookup method spec by name */
	constructor(ctx, lookup) {
		this.ctx = ctx;
		this.lookup = lookup;
		this.timers = new Map();
		this.running = new Map();
	}

	/** Re-arms the timers of tasks that were pending when the emulator stopped. */
	resume() {
		for (const task of this.ctx.store.values(TASKS)) {
			if (task.state === 'created' || task.state === 'in_progress') this.schedule(task);
		}
	}

	schedule(task) {
		const delay = Math.max(0, task.readyAtMs - this.ctx.clock.now());
		const timer = setTimeout(() => {
			this.timers.delete(task.uuid);
			this.complete(task.uuid).catch((error) => console.error(error));
		}, delay);
		timer.unref();
		this.timers.set(task.uuid, timer);
	}

	save(task) {
		this.ctx.store.put(TASKS, task.uuid, task);
		return task;
	}

	newTask(iface, method, params) {
		const now = this.ctx.clock.now();
		return {
			uuid: crypto.randomUUID(),
			iface,
			method,
			params,
			state: 'created',
			finishedPercentage: 0,
			resultString: null,
			createdAtMs: now,
			readyAtMs: now,
			finishedAtMs: null,
		};
	}

	finish(task, state, value) {
		return this.save({
			...task,
			state,
			finishedPercentage: 100,
			resultString: JSON.stringify(value),
			finishedAtMs: this.ctx.clock.now(),
		});
	}

	/**
	 * Starts a method call. Preconditions (spec.precondition) throw SmintioErrors that the
	 * caller answers as HTTP statuses; everything else ends up in the task.
	 * @returns {Promise<object>} the public task
	 */
	async start(iface, method, spec, params) {
		this.prune();
		if (spec.precondition) spec.precondition(this.ctx, params);
		const task = this.newTask(iface, method, params);
		if (!this.ctx.config.longRunningMethods.includes(`${iface}.${method}`)) {
			try {
				const result = await spec.run(this.ctx, params);
				return publicTask(this.finish(task, 'completed', result));
			} catch (error) {
				return publicTask(this.finish(task, 'error', failure(error)));
			}
		}
		try {
			if (spec.check) await spec.check(this.ctx, params);
		} catch (error) {
			return publicTask(this.finish(task, 'error', failure(error)));
		}
		task.readyAtMs = task.createdAtMs + this.ctx.config.taskDelayMs;
		this.save(task);
		this.schedule(task);
		return publicTask(task);
	}

	/** Runs a pending long-running task now (once, even when timer and poll race). */
	complete(uuid) {
		if (this.running.has(uuid)) return this.running.get(uuid);
		const task = this.ctx.store.get(TASKS, uuid);
		if (!task || (task.state !== 'created' && task.state !== 'in_progress')) return Promise.resolve(task);
		const timer = this.timers.get(uuid);
		if (timer) clearTimeout(timer);
		this.timers.delete(uuid);
		const work = (async () => {
			try {
				const spec = this.lookup(task.iface, task.method);
				const result = await spec.run(this.ctx, task.params);
				return this.finish(task, 'completed', result);
			} catch (error) {
				return this.finish(task, 'error', failure(error));
			} finally {
				this.running.delete(uuid);
			}
		})();
		this.running.set(uuid, work);
		return work;
	}

	/** @returns {Promise<object | null>} the public task, null when unknown */
	async get(uuid) {
		let task = this.ctx.store.get(TASKS, uuid);
		if (!task) return null;
		const now = this.ctx.clock.now();
		if ((task.state === 'created' || task.state === 'in_progress') && now >= task.readyAtMs) {
			task = await this.complete(uuid);
		}
		return publicTask(task, this.ctx.clock.now());
	}

	/** Forgets finished tasks past the limits above, oldest first. */
	prune() {
		const now = this.ctx.clock.now();
		const tasks = this.ctx.store.values(TASKS);
		let count = tasks.length;
		let chars = tasks.reduce((sum, task) => sum + (task.resultString ? task.resultString.length : 0), 0);
		const finished = tasks.filter((task) => task.finishedAtMs !== null).sort((a, b) => a.finishedAtMs - b.finishedAtMs);
		for (const task of finished) {
			if (task.finishedAtMs + KEEP_FINISHED_MS >= now && count <= MAX_TASKS && chars <= MAX_RESULT_CHARS) break;
			this.ctx.store.delete(TASKS, task.uuid);
			count -= 1;
			chars -= task.resultString ? task.resultString.length : 0;
		}
	}

	close() {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
	}
}

module.exports = { TaskRunner, publicTask, TASKS };
