// One catch-up at a time per trigger, however many notifications arrive together. Pure (no n8n).
//
// n8n runs webhook calls concurrently, and each call gets its own copy of the workflow's static
// data (loaded when the call arrives, saved after it returns). Two concurrent catch-ups from the
// same saved cursor would both report the same changes. So, per trigger (workflow id + node id),
// in this process:
// - the first notification runs the catch-up; notifications arriving meanwhile only ask it to
//   read once more when it is done (their own calls end at once, starting no execution);
// - the newest state is also kept here with a generation number, so a call (or the safety poll)
//   whose copy of the static data is older than the last catch-up continues from the newest
//   cursor instead of reading the same changes again.

export interface Generational {
	generation?: number;
}

interface Slot<State> {
	running: boolean;
	again: boolean;
	latest?: State;
}

export type CoalescedRun<Item> = { ran: true; items: Item[] } | { ran: false };

export class CatchUpCoalescer<State extends Generational> {
	private readonly slots = new Map<string, Slot<State>>();

	/**
	 * Runs `step` on the newest state (the saved copy or the one kept here) until no notification
	 * arrived during the last step; writes the resulting state into `saved`. If a run for the key
	 * is in progress, asks it to run once more and returns { ran: false }.
	 */
	async run<Item>(key: string, saved: State, step: (state: State) => Promise<Item[]>): Promise<CoalescedRun<Item>> {
		const slot = this.slotFor(key);
		if (slot.running) {
			slot.again = true;
			return { ran: false };
		}
		slot.running = true;
		try {
			slot.again = false;
			// A failure of the first read propagates: nothing changed, the caller reports it.
			let committed = copyOf(this.newest(slot, saved));
			const items: Item[] = await step(committed);
			committed.generation = (committed.generation ?? 0) + 1;
			while (slot.again) {
				slot.again = false;
				const working = copyOf(committed);
				try {
					items.push(...(await step(working)));
				} catch {
					// What the first read found is kept and emitted; the next notification or safety
					// poll reads the rest from the committed cursor.
					break;
				}
				working.generation = (working.generation ?? 0) + 1;
				committed = working;
			}
			slot.latest = copyOf(committed);
			for (const name of Object.keys(saved)) delete (saved as Record<string, unknown>)[name];
			Object.assign(saved, committed);
			return { ran: true, items };
		} finally {
			slot.running = false;
		}
	}

	/** Forgets a trigger (deactivated): its next activation starts from its saved state. */
	forget(key: string): void {
		this.slots.delete(key);
	}

	isRunning(key: string): boolean {
		return this.slots.get(key)?.running === true;
	}

	private slotFor(key: string): Slot<State> {
		let slot = this.slots.get(key);
		if (!slot) {
			slot = { running: false, again: false };
			this.slots.set(key, slot);
		}
		return slot;
	}

	private newest(slot: Slot<State>, saved: State): State {
		if (slot.latest && (slot.latest.generation ?? 0) > (saved.generation ?? 0)) return slot.latest;
		return saved;
	}
}

/** A plain deep copy (n8n's static data is a proxy, which structuredClone refuses). */
function copyOf<State>(state: State): State {
	return JSON.parse(JSON.stringify(state)) as State;
}
