// Runs async work over a list with at most `limit` tasks in flight; results keep input order.
// A task that throws yields its error in place of a result, so one failure does not stop the
// others (each item reports its own outcome).

export async function mapSettledBounded<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
): Promise<Array<R | Error>> {
	const results: Array<R | Error> = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			try {
				results[index] = await task(items[index], index);
			} catch (error) {
				results[index] = error instanceof Error ? error : new Error(String(error));
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}

/** Splits a list into consecutive groups of at most `size`. */
export function inGroups<T>(items: readonly T[], size: number): T[][] {
	const groups: T[][] = [];
	for (let index = 0; index < items.length; index += size) groups.push(items.slice(index, index + size));
	return groups;
}
