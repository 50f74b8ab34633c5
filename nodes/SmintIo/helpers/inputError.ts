// A plain error for bad node input, raised by the pure helpers. The router turns it into a
// NodeOperationError naming the item, with `hint` as the description (how to fix it).
export class InputError extends Error {
	readonly hint: string;

	constructor(message: string, hint: string) {
		super(message);
		this.name = 'InputError';
		this.hint = hint;
	}
}
