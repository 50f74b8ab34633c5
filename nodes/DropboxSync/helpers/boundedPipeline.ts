// Feeds the pieces of a stream to an async task with at most `limit` tasks in flight, reading
// the next piece while earlier ones are still being sent (so reading and sending overlap).
// Memory is bounded: at most `limit` pieces in flight plus the one just read.
//
// - `exclusive(piece)`: the piece starts only after every earlier one has finished (an upload
//   session's closing append must come last).
// - After the first failure nothing new starts; the tasks in flight are waited for (no
//   stray promises), then the first failure is thrown. A failing source counts as a failure.

export interface BoundedPipelineOptions<T> {
	/** Most tasks in flight; values below 1 (or not a number) mean 1. */
	limit: number;
	exclusive?: (piece: T, index: number) => boolean;
}

export async function forEachBounded<T>(
	source: AsyncIterable<T> | Iterable<T>,
	task: (piece: T, index: number) => Promise<void>,
	options: BoundedPipelineOptions<T>,
): Promise<void> {
	const limit = Math.max(1, Math.floor(options.limit) || 1);
	const inFlight = new Set<Promise<void>>();
	let failure: { error: unknown } | undefined;
	const fail = (error: unknown) => {
		if (!failure) failure = { error };
	};
	let index = 0;
	try {
		for await (const piece of source) {
			if (failure) break;
			const exclusive = options.exclusive?.(piece, index) === true;
			while (!failure && (inFlight.size >= limit || (exclusive && inFlight.size > 0))) await Promise.race(inFlight);
			if (failure) break;
			const position = index++;
			// `new Promise` turns a synchronous throw of the task into a failure like any other.
			const running: Promise<void> = new Promise<void>((resolve) => resolve(task(piece, position)))
				.then(() => undefined, fail)
				.finally(() => inFlight.delete(running));
			inFlight.add(running);
		}
	} catch (error) {
		fail(error);
	}
	await Promise.all(inFlight);
	if (failure) throw failure.error;
}
