// The licence's own free text (provider constraints and comments): passed through, and since no
// machine can read it, a reason a person must act on.
import { resolveLocalized } from './normalize';
import { reason, unknownSeverity } from './reasons';
import type { Context } from './reasons';
import type { LicenceNote, NormalizedRights, RightsReason } from './types';

const NOTE_FIELDS: ReadonlyArray<[LicenceNote['field'], string]> = [
	['providerUsageConstraints', 'usage constraints'],
	['providerAllowedUseComment', 'allowed use comment'],
	['providerReleaseComment', 'release comment'],
];

export function licenceNotes(
	rights: NormalizedRights,
	ctx: Context,
): { notes: LicenceNote[]; reasons: RightsReason[] } {
	const notes: LicenceNote[] = [];
	const reasons: RightsReason[] = [];
	const details = rights.releaseDetails;
	if (details === null) return { notes, reasons };
	for (const [field, what] of NOTE_FIELDS) {
		const text = resolveLocalized(details[field], ctx.culture)?.trim() ?? '';
		if (text === '') continue;
		notes.push({ field, text });
		// Releases matter for commercial use only (checkReleases): for editorial use the release
		// comment is shown, not judged.
		const judged = field !== 'providerReleaseComment' || ctx.use.commercial;
		reasons.push(
			reason(
				'licence_note',
				judged ? unknownSeverity(ctx, false) : 'info',
				judged
					? `Licence note (${what}): "${text}"; this check cannot read free text, so a person must confirm the use`
					: `Licence note (${what}): "${text}"`,
			),
		);
	}
	return { notes, reasons };
}
