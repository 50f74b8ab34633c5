// Dates of the intended use and of licence terms. All arithmetic is in UTC milliseconds.
import { RightsInputError } from './errors';
import type { DateGranularity, IntendedUse } from './types';

export const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export const DATE_FORMAT_HINT =
	'Use yyyy-mm-dd for a day (e.g. 2026-03-01) or an ISO 8601 date-time (e.g. 2026-03-01T14:30:00Z)';

function dateError(value: unknown, why: string): RightsInputError {
	return new RightsInputError(
		`Invalid date ${JSON.stringify(value)} for the intended use: ${why}. Expected format: yyyy-mm-dd (e.g. 2026-03-01) or an ISO 8601 date-time (e.g. 2026-03-01T14:30:00Z)`,
		{ field: 'date', value, hint: DATE_FORMAT_HINT },
	);
}

function utcDay(y: number, m: number, d: number): number | null {
	const ms = Date.UTC(y, m - 1, d);
	const check = new Date(ms);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
		return null;
	return ms;
}

export function toDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Parses the user's date. `yyyy-mm-dd` is a whole UTC day; a date-time is one instant (without
 * an offset it is read as UTC). Empty → today (UTC) as a day. Anything else throws.
 */
export function parseUseDate(
	value: unknown,
	now: Date = new Date(),
): { date: string; dateGranularity: DateGranularity } {
	if (value === undefined || value === null || value === '') {
		return { date: toDay(now.getTime()), dateGranularity: 'day' };
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw dateError(String(value), 'not a valid date');
		return { date: value.toISOString(), dateGranularity: 'instant' };
	}
	if (typeof value !== 'string') throw dateError(value, `a ${typeof value} is not a date text`);
	const text = value.trim();
	const day = DAY_RE.exec(text);
	if (day) {
		const ms = utcDay(Number(day[1]), Number(day[2]), Number(day[3]));
		if (ms === null) throw dateError(value, `${text} is not a calendar date`);
		return { date: text, dateGranularity: 'day' };
	}
	const dt = DATE_TIME_RE.exec(text);
	if (!dt) throw dateError(value, 'not in a supported format');
	const base = utcDay(Number(dt[1]), Number(dt[2]), Number(dt[3]));
	if (base === null) throw dateError(value, `${text.slice(0, 10)} is not a calendar date`);
	const hours = Number(dt[4]);
	const minutes = Number(dt[5]);
	const seconds = dt[6] === undefined ? 0 : Number(dt[6]);
	if (hours > 23 || minutes > 59 || seconds > 59)
		throw dateError(value, 'the time of day is out of range');
	const millis = dt[7] === undefined ? 0 : Number(dt[7].slice(0, 3).padEnd(3, '0'));
	let offsetMinutes = 0;
	const zone = dt[8];
	if (zone !== undefined && zone.toUpperCase() !== 'Z') {
		const digits = zone.replace(':', '');
		const oh = Number(digits.slice(1, 3));
		const om = Number(digits.slice(3, 5));
		if (oh > 23 || om > 59) throw dateError(value, 'the UTC offset is out of range');
		offsetMinutes = (digits[0] === '-' ? -1 : 1) * (oh * 60 + om);
	}
	const ms =
		base + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offsetMinutes * 60_000;
	return { date: new Date(ms).toISOString(), dateGranularity: 'instant' };
}

/** The intended use as a closed interval [start, end] in ms: one instant, or a whole UTC day. */
export function useInterval(use: Pick<IntendedUse, 'date' | 'dateGranularity'>): {
	start: number;
	end: number;
} {
	if (use.dateGranularity === 'day') {
		const start = Date.parse(`${use.date}T00:00:00.000Z`);
		return { start, end: start + DAY_MS - 1 };
	}
	const t = Date.parse(use.date);
	return { start: t, end: t };
}

/** A licence date for messages: the day when it is midnight UTC, else day and time in UTC. */
export function formatLicenceDate(ms: number): string {
	const iso = new Date(ms).toISOString();
	if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
	const time = iso.endsWith(':00.000Z') ? iso.slice(11, 16) : iso.slice(11, 19);
	return `${iso.slice(0, 10)} ${time} UTC`;
}

export function formatUseDate(use: Pick<IntendedUse, 'date' | 'dateGranularity'>): string {
	return use.dateGranularity === 'day' ? use.date : formatLicenceDate(Date.parse(use.date));
}

/** A licence date in ms; null when absent, NaN when present but unparseable. */
export function licenceDateMs(value: string | null): number | null {
	if (value === null) return null;
	return Date.parse(value);
}
