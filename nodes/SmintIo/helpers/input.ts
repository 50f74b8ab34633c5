// Parsing and validation of user input. Pure: throws InputError with a message naming the
// problem and a hint saying how to fix it.
import { InputError } from './inputError';

/** `{adapter}:{contentType}:{id}`, e.g. `99:image:64257dc3d8b546c0b5175a156848cd55` [public]. */
const ASSET_ID = /^[A-Za-z0-9_.-]+:[a-z][a-z0-9_]*:[^\s]+$/;

export const ASSET_ID_HINT =
	'Smint.io asset IDs have three parts separated by colons, e.g. 99:image:64257dc3d8b546c0b5175a156848cd55. Pick the asset from the list or copy its "id" field.';

export function isAssetId(value: string): boolean {
	return ASSET_ID.test(value);
}

/** One asset id; `field` names the parameter in the message. */
export function assetId(value: unknown, field = 'Asset'): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') throw new InputError(`${field}: no asset ID given`, ASSET_ID_HINT);
	if (!isAssetId(text)) throw new InputError(`${field}: '${text}' is not a Smint.io asset ID`, ASSET_ID_HINT);
	return text;
}

/**
 * A list of ids from text (comma, semicolon or line separated), an array of ids, or an array of
 * `{id}` objects (as Smint.io returns them). Empty entries are dropped, duplicates removed.
 */
export function idList(value: unknown): string[] {
	let parts: unknown[];
	if (Array.isArray(value)) parts = value;
	else if (typeof value === 'string') parts = value.split(/[,;\n]/);
	else if (value === undefined || value === null) parts = [];
	else parts = [value];
	const out: string[] = [];
	for (const part of parts) {
		const raw = typeof part === 'object' && part !== null && 'id' in part ? (part as { id: unknown }).id : part;
		const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
		if (text !== '' && !out.includes(text)) out.push(text);
	}
	return out;
}

export function assetIdList(value: unknown, field = 'Asset IDs'): string[] {
	const ids = idList(value);
	if (ids.length === 0) throw new InputError(`${field}: no asset IDs given`, ASSET_ID_HINT);
	for (const id of ids) assetId(id, field);
	return ids;
}

const COLLECTION_ID = /^[^\s/]+$/;

export function collectionId(value: unknown, field = 'Collection'): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '' || !COLLECTION_ID.test(text)) {
		throw new InputError(
			`${field}: '${String(value ?? '')}' is not a collection ID`,
			'Pick the collection from the list, or give its collectionId (as returned by Collection > Search)',
		);
	}
	return text;
}

/**
 * JSON from a parameter: an object or array given by an expression is used as is, text is parsed.
 * `expect` restricts the top-level type.
 */
export function jsonInput(value: unknown, field: string, expect: 'object' | 'array' | 'any' = 'object'): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') {
			parsed = expect === 'array' ? [] : expect === 'object' ? {} : null;
		} else {
			let problem: string | null = null;
			try {
				parsed = JSON.parse(text);
			} catch (error) {
				problem = (error as Error).message;
			}
			if (problem !== null) {
				throw new InputError(
					`${field} is not valid JSON: ${problem}`,
					`Write ${field} as JSON, e.g. ${expect === 'array' ? '["a", "b"]' : '{"campaign": "Launch 2027"}'} (double quotes around keys and text)`,
				);
			}
		}
	}
	if (expect === 'object' && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
		throw new InputError(`${field} must be a JSON object`, `Write ${field} as an object, e.g. {"campaign": "Launch 2027"}`);
	}
	if (expect === 'array' && !Array.isArray(parsed)) {
		throw new InputError(`${field} must be a JSON array`, `Write ${field} as an array, e.g. ["a", "b"]`);
	}
	return parsed;
}

/** Tags from text (comma separated) or an array of strings. */
export function tagList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	const out: string[] = [];
	for (const part of parts) {
		const tag = typeof part === 'string' ? part.trim() : typeof part === 'number' ? String(part) : '';
		if (tag !== '' && !out.includes(tag)) out.push(tag);
	}
	return out;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
export const DATE_HINT = 'Use yyyy-mm-dd (e.g. 2026-03-01) or an ISO 8601 date-time (e.g. 2026-03-01T14:30:00Z)';

/** A date as an ISO instant; `yyyy-mm-dd` is the start of that UTC day. No offset = UTC. */
export function isoDate(value: unknown, field: string): string {
	let text: string;
	if (value instanceof Date) text = value.toISOString();
	else if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = String((value as { toISO: () => string }).toISO());
	} else text = typeof value === 'string' ? value.trim() : String(value ?? '');
	const day = DAY.exec(text);
	const dateTime = day ? null : DATE_TIME.exec(text);
	const parts = day ?? dateTime;
	if (!parts) throw new InputError(`${field}: '${text}' is not a date in a supported format`, DATE_HINT);
	const [year, month, date] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
	const check = new Date(Date.UTC(year, month - 1, date));
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
		throw new InputError(`${field}: '${text}' is not a calendar date`, DATE_HINT);
	}
	const withZone = day ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text.replace(' ', 'T')}Z`;
	const ms = Date.parse(withZone);
	if (Number.isNaN(ms)) throw new InputError(`${field}: '${text}' is not a valid date`, DATE_HINT);
	return new Date(ms).toISOString();
}

/** One entry of an asset's usage history: where and when it was used. */
export type UsageEntry = {
	at: string;
	channel: string | null;
	target: string | null;
	by: string | null;
};

const USAGE_FIELDS = ['at', 'channel', 'target', 'by'];
export const USAGE_HINT =
	'Write it as a JSON list such as [{"at": "2026-07-15T10:00:00Z", "channel": "web", "target": "https://northwind.example/sale", "by": "alex@northwind.example"}]; only "at" is required';

/** Usage History entries from a JSON list (or a list given by an expression); `at` becomes an ISO instant. */
export function usageEntries(value: unknown, field: string): UsageEntry[] {
	const list = jsonInput(value, field, 'array') as unknown[];
	return list.map((entry, index) => {
		const where = `${field}, entry ${index + 1}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InputError(`${where} is not an object`, USAGE_HINT);
		const record = entry as Record<string, unknown>;
		const unknown = Object.keys(record).filter((key) => !USAGE_FIELDS.includes(key));
		if (unknown.length > 0) throw new InputError(`${where} has the unknown field(s) ${unknown.join(', ')}`, `Usage entries have only at, channel, target and by. ${USAGE_HINT}`);
		if (record.at === undefined || record.at === null || record.at === '') throw new InputError(`${where} has no "at" date`, USAGE_HINT);
		const text = (key: string): string | null => {
			const raw = record[key];
			if (raw === undefined || raw === null || raw === '') return null;
			if (typeof raw !== 'string') throw new InputError(`${where}: "${key}" must be text`, USAGE_HINT);
			return raw;
		};
		return { at: isoDate(record.at, `${where}, "at"`), channel: text('channel'), target: text('target'), by: text('by') };
	});
}

/** Interface and method names of the Custom Method operation. */
export function methodName(iface: unknown, method: unknown): { iface: string; method: string } {
	const i = typeof iface === 'string' ? iface.trim() : '';
	const m = typeof method === 'string' ? method.trim() : '';
	if (!/^I[A-Za-z0-9_]+$/.test(i)) {
		throw new InputError(
			`Interface '${i}' is not a Portals interface name`,
			'Portals interfaces start with I, e.g. IAssetsSearch, IAssetsRead, ICollectionsSearch',
		);
	}
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(m)) {
		throw new InputError(`Method '${m}' is not a Portals method name`, 'Method names look like searchAssetsAsync or getAssetAsync');
	}
	return { iface: i, method: m };
}
