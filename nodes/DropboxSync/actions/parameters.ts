// Reading and checking parameters shared by the operations. Bad input becomes a
// NodeOperationError naming the item and the fix, before anything is sent to Dropbox.

import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { compileGlob } from '../helpers/glob';
import type { PathRules } from '../helpers/paths';
import { checkName, checkPath } from '../helpers/paths';
import { inputError } from '../transport/errors';

function locatorValue(raw: unknown): { mode: string; value: unknown } {
	if (raw && typeof raw === 'object' && '__rl' in raw) {
		const locator = raw as INodeParameterResourceLocator;
		return { mode: String(locator.mode), value: locator.value };
	}
	return { mode: 'path', value: raw };
}

/**
 * A path from a resource locator (or plain string) parameter, validated and normalized.
 * The root is returned as "" (Dropbox's spelling) when allowed.
 */
export function getPath(this: IExecuteFunctions, name: string, itemIndex: number, rules: PathRules): string {
	const { mode, value } = locatorValue(this.getNodeParameter(name, itemIndex));
	let text: unknown = value ?? '';
	if (mode === 'id' && typeof text === 'string') {
		const id = text.trim();
		text = id !== '' && !/^(id|ns):/i.test(id) ? `id:${id}` : id;
	}
	const checked = checkPath(text, rules);
	if (!checked.ok) throw inputError(this.getNode(), itemIndex, checked.problem, checked.fix);
	return checked.path;
}

/** A file or folder name parameter. */
export function getName(this: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const checked = checkName(value, label);
	if (!checked.ok) throw inputError(this.getNode(), itemIndex, checked.problem, checked.fix);
	return checked.name;
}

/** An optional path glob; undefined when empty. */
export function getGlob(this: IExecuteFunctions, pattern: unknown, itemIndex: number): RegExp | undefined {
	const text = typeof pattern === 'string' ? pattern.trim() : '';
	if (text === '') return undefined;
	const compiled = compileGlob(text);
	if (!compiled.ok) throw inputError(this.getNode(), itemIndex, compiled.problem, compiled.fix);
	return compiled.regex;
}

/** A date parameter as epoch milliseconds; undefined when empty. */
export function getDate(this: IExecuteFunctions, value: unknown, itemIndex: number, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
	if (Number.isNaN(time)) {
		throw inputError(this.getNode(), itemIndex, `${label} "${String(value)}" is not a date`, 'Use an ISO date such as 2026-06-30T18:00:00Z, or pick one in the date field');
	}
	return time;
}
