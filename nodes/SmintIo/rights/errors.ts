// A plain error for bad rights input. The node wraps it into a NodeOperationError naming the item.

export interface RightsInputErrorDetails {
	/** The input field at fault: a dimension, `date`, `commercial`, `purchase`, `asset`, … */
	field: string;
	/** The offending value, when there is one. */
	value?: unknown;
	/** Closest known keys or fields, best first. */
	suggestions?: string[];
	/** How to fix it, one sentence. */
	hint?: string;
}

export class RightsInputError extends Error {
	readonly field: string;
	readonly value: unknown;
	readonly suggestions: string[];
	readonly hint: string | undefined;

	constructor(message: string, details: RightsInputErrorDetails) {
		super(message);
		this.name = 'RightsInputError';
		this.field = details.field;
		this.value = details.value;
		this.suggestions = details.suggestions ?? [];
		this.hint = details.hint;
	}
}
