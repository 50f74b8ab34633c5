// The safety poll's schedule as the cron expression n8n's scheduler takes (seconds first). Pure.
import type { CronExpression } from 'n8n-workflow';

export type SafetyPollUnit = 'seconds' | 'minutes' | 'hours';

const LIMITS: Record<SafetyPollUnit, number> = { seconds: 59, minutes: 59, hours: 23 };

export type SafetyPollSchedule =
	| { ok: true; expression?: CronExpression }
	| { ok: false; problem: string; fix: string };

/** Every `interval` units, aligned to the clock; interval 0 means no safety poll. */
export function safetyPollSchedule(interval: number, unit: SafetyPollUnit): SafetyPollSchedule {
	if (interval === 0) return { ok: true };
	const max = LIMITS[unit];
	if (!Number.isInteger(interval) || interval < 0 || interval > max) {
		return {
			ok: false,
			problem: `A safety poll every ${interval} ${unit} cannot be scheduled`,
			fix: `Use a whole number from 1 to ${max} ${unit} (or the next larger unit), or 0 to turn the safety poll off.`,
		};
	}
	if (unit === 'seconds') return { ok: true, expression: `*/${interval} * * * * *` as CronExpression };
	if (unit === 'minutes') return { ok: true, expression: `0 */${interval} * * * *` as CronExpression };
	return { ok: true, expression: `0 0 */${interval} * * *` as CronExpression };
}
