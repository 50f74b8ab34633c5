// Bounded concurrency over a list, results in input order. Pure (no n8n): the nodes use it to
// work on several items at once without changing what the output looks like.
//
// - `runPool`: at most `limit` tasks in flight, started in input order; tasks that share a key
//   never overlap and run in input order (so two items about the same thing cannot race);
//   optionally, after the first failure no further task starts (those report `skipped`).
// - `mapSettledBounded`: the plain form, every task runs, a failure is its Error in place.

export type Settled<R> = { status: 'fulfilled'; value: R } | { status: 'rejected'; error: Error } | { status: 'skipped' };

export interface PoolOptions<T> {
	/** Most tasks in flight; values below 1 (or not a number) mean 1. */
	limit: number;
	/** Tasks with the same key never run at the same time; undefined = no key. */
	keyOf?: (item: T, index: number) => string | undefined;
	/** After the first failure, start nothing more (the rest settle as `skipped`). */
	stopOnFailure?: boolean;
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}

export async function runPool<T, R>(
	items: readonly T[],
	task: (item: T, index: number) => Promise<R>,
	options: PoolOptions<T>,
): Promise<Array<Settled<R>>> {
	const limit = Math.max(1, Math.floor(options.limit) || 1);
	const keys = items.map((item, index) => options.keyOf?.(item, index));
	const results: Array<Settled<R> | undefined> = new Array(items.length);
	const started: boolean[] = new Array(items.length).fill(false);
	const busyKeys = new Set<string>();
	let firstUnstarted = 0;
	let inFlight = 0;
	let stopped = false;

	/** The lowest unstarted index whose key is free, or -1. Earlier same-key items come first by construction. */
	const nextRunnable = (): number => {
		while (firstUnstarted < items.length && started[firstUnstarted]) firstUnstarted++;
		for (let index = firstUnstarted; index < items.length; index++) {
			if (started[index]) continue;
			const key = keys[index];
			if (key === undefined || !busyKeys.has(key)) return index;
		}
		return -1;
	};

	return await new Promise((resolve) => {
		const finishIfDone = () => {
			if (inFlight > 0) return;
			if (!stopped && nextRunnable() !== -1) return;
			resolve(Array.from(results, (result): Settled<R> => result ?? { status: 'skipped' }));
		};
		const pump = () => {
			while (!stopped && inFlight < limit) {
				const index = nextRunnable();
				if (index === -1) break;
				start(index);
			}
			finishIfDone();
		};
		const start = (index: number) => {
			started[index] = true;
			inFlight++;
			const key = keys[index];
			if (key !== undefined) busyKeys.add(key);
			// `new Promise` turns a synchronous throw of the task into a rejection.
			new Promise<R>((resolveTask) => resolveTask(task(items[index], index)))
				.then(
					(value) => {
						results[index] = { status: 'fulfilled', value };
					},
					(error: unknown) => {
						results[index] = { status: 'rejected', error: asError(error) };
						if (options.stopOnFailure) stopped = true;
					},
				)
				.finally(() => {
					inFlight--;
					if (key !== undefined) busyKeys.delete(key);
					pump();
				});
		};
		pump();
	});
}

/** Every task runs (at most `limit` at once); results keep input order, a failure is its Error. */
export async function mapSettledBounded<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
): Promise<Array<R | Error>> {
	const settled = await runPool(items, task, { limit });
	return settled.map((result) => (result.status === 'fulfilled' ? result.value : result.status === 'rejected' ? result.error : new Error('not run')));
}

/** Splits a list into consecutive groups of at most `size`. */
export function inGroups<T>(items: readonly T[], size: number): T[][] {
	const groups: T[][] = [];
	for (let index = 0; index < items.length; index += size) groups.push(items.slice(index, index + size));
	return groups;
}
