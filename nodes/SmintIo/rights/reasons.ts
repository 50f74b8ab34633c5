// Shared pieces of the check: the evaluation context and the reason builder.
import type { IntendedUse, ReasonCode, ReasonSeverity, RightsReason } from './types';

export interface Context {
	use: IntendedUse;
	start: number;
	end: number;
	policy: 'warn' | 'deny';
	culture: string;
}

export function reason(
	code: ReasonCode,
	severity: ReasonSeverity,
	message: string,
	extra: Partial<Pick<RightsReason, 'term' | 'dimension' | 'key'>> = {},
): RightsReason {
	return { code, severity, ...extra, message };
}

/** Severity of an unknown: a warning, or under the deny policy a denial / a ruled-out term. */
export function unknownSeverity(ctx: Context, termLevel: boolean): ReasonSeverity {
	if (ctx.policy === 'warn') return 'warning';
	return termLevel ? 'mismatch' : 'deny';
}
