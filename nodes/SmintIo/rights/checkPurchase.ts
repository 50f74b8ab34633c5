// Checks on the purchase as a whole: purchase state, download constraints, releases.
import { reason, unknownSeverity } from './reasons';
import type { Context } from './reasons';
import type { NormalizedRights, RightsReason } from './types';

/** States that end a licence that was granted (as the feed re-emits the purchase). */
const ENDED_STATES: Readonly<Record<string, 'purchase_cancelled' | 'purchase_refunded'>> = {
	cancelled: 'purchase_cancelled',
	canceled: 'purchase_cancelled',
	refunded: 'purchase_refunded',
};

/** Only a `completed` purchase is a licence: every other state, or none, denies. */
export function checkPurchaseState(rights: NormalizedRights): RightsReason[] {
	const state = rights.purchaseState;
	// Portals assets carry no purchase state: their rights are the asset's own record.
	if (rights.source !== 'clapi-purchase' || state === 'completed') return [];
	if (state === null) {
		return [
			reason(
				'purchase_state_unknown',
				'deny',
				'The purchase states no state; only a completed purchase grants a use',
			),
		];
	}
	const ended = ENDED_STATES[state];
	if (ended !== undefined) {
		return [reason(ended, 'deny', `The licence purchase was ${state}; its licence no longer applies`)];
	}
	return [
		reason(
			'purchase_not_completed',
			'deny',
			`The licence purchase is in state '${state}', not completed; only a completed purchase grants a use`,
		),
	];
}

export function checkDownloads(rights: NormalizedRights, ctx: Context): RightsReason[] {
	const out: RightsReason[] = [];
	const d = rights.downloadConstraints;
	if (d.effectiveMaxDownloads !== null) {
		if (d.currentDownloads === null) {
			out.push(
				reason(
					'download_count_unknown',
					unknownSeverity(ctx, false),
					`Downloads are limited to ${d.effectiveMaxDownloads}, but the current download count is unknown`,
				),
			);
		} else if (d.currentDownloads >= d.effectiveMaxDownloads) {
			out.push(
				reason(
					'download_limit_reached',
					'deny',
					`Download limit reached: ${d.currentDownloads} of ${d.effectiveMaxDownloads} downloads used`,
				),
			);
		} else {
			out.push(
				reason(
					'download_limit_ok',
					'info',
					`${d.currentDownloads} of ${d.effectiveMaxDownloads} downloads used`,
				),
			);
		}
	}
	if (
		d.effectiveMaxUsers !== null &&
		d.currentUsers !== null &&
		d.currentUsers >= d.effectiveMaxUsers
	) {
		out.push(
			reason(
				'user_limit_reached',
				'warning',
				`User limit reached: ${d.currentUsers} of ${d.effectiveMaxUsers} users`,
			),
		);
	}
	if (
		d.effectiveMaxReuses !== null &&
		d.currentReuses !== null &&
		d.currentReuses >= d.effectiveMaxReuses
	) {
		out.push(
			reason(
				'reuse_limit_reached',
				'warning',
				`Reuse limit reached: ${d.currentReuses} of ${d.effectiveMaxReuses} reuses`,
			),
		);
	}
	return out;
}

export function checkReleases(rights: NormalizedRights, ctx: Context): RightsReason[] {
	const out: RightsReason[] = [];
	const kinds = [
		['model', rights.releaseDetails?.modelReleaseState ?? null],
		['property', rights.releaseDetails?.propertyReleaseState ?? null],
	] as const;
	for (const [kind, raw] of kinds) {
		const state = raw === null ? null : raw.toLowerCase();
		const codes = {
			missing: `${kind}_release_missing`,
			unknown: `${kind}_release_unknown`,
			ok: `${kind}_release_ok`,
		} as const;
		if (!ctx.use.commercial) {
			if (state === 'not_released') {
				out.push(reason(codes.ok, 'info', `No ${kind} release; editorial use does not need one`));
			}
			continue;
		}
		if (state === 'not_released') {
			out.push(
				reason(
					codes.missing,
					'deny',
					`No ${kind} release (not_released); commercial use needs one`,
				),
			);
		} else if (state === 'released' || state === 'no_release_required') {
			out.push(
				reason(codes.ok, 'info', `${kind[0].toUpperCase()}${kind.slice(1)} release: ${state}`),
			);
		} else if (state === null) {
			out.push(
				reason(
					codes.unknown,
					unknownSeverity(ctx, false),
					`The ${kind} release state is unknown; confirm it before commercial use`,
				),
			);
		} else {
			out.push(
				reason(
					codes.unknown,
					unknownSeverity(ctx, false),
					`The ${kind} release state '${raw}' does not say whether a release exists; confirm it before commercial use`,
				),
			);
		}
	}
	return out;
}
