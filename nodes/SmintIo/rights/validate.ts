// Validation of the intended use: field names, key vocabulary (with suggestions), date format.
import { parseUseDate } from './dates';
import { RightsInputError } from './errors';
import { DIMENSIONS, DIMENSION_FIELDS, canonicalKey, suggestKeys, vocabularyFor } from './keys';
import type { Dimension, IntendedUse, NormalizedRights } from './types';

export { RightsInputError } from './errors';

export interface ValidateOptions {
	/** The licence being checked: its own keys are always accepted (tenant-specific keys). */
	rights?: NormalizedRights | null;
	knownKeys?: Partial<Record<Dimension, string[]>>;
	allowUnknownKeys?: boolean;
	now?: Date;
}

const FIELDS = [...DIMENSIONS, 'date', 'commercial'];

function keysOf(dimension: Dimension, value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(parts)) {
		throw new RightsInputError(
			`The ${dimension} must be a key or a list of keys (text), got ${typeof value}`,
			{ field: dimension, value, hint: `Give ${dimension} keys such as ${exampleKey(dimension)}` },
		);
	}
	const out: string[] = [];
	for (const part of parts) {
		if (typeof part !== 'string') {
			throw new RightsInputError(`Each ${dimension} key must be text, got ${typeof part}`, {
				field: dimension,
				value: part,
				hint: `Give ${dimension} keys such as ${exampleKey(dimension)}`,
			});
		}
		const key = canonicalKey(part);
		if (key !== '' && !out.includes(key)) out.push(key);
	}
	return out;
}

function exampleKey(dimension: Dimension): string {
	const examples: Record<Dimension, string> = {
		usage: 'digital_media_social_media',
		size: 'size_large',
		placement: 'placement_prominent',
		distribution: 'channel_web',
		geography: 'europe_germany',
		industry: 'industry_automotive',
		language: 'language_german',
	};
	return examples[dimension];
}

/**
 * Checks and normalizes the intended use. Throws `RightsInputError` for: a field that is not a
 * dimension/date/commercial (with the closest field names), a key that is neither in the
 * vocabulary, the caller's known keys, nor the licence (with the closest keys), a date in another
 * format than yyyy-mm-dd / ISO date-time, and a non-boolean `commercial`.
 */
export function validateIntendedUse(input: unknown, options: ValidateOptions = {}): IntendedUse {
	if (input === null || input === undefined) input = {};
	if (typeof input !== 'object' || Array.isArray(input)) {
		throw new RightsInputError(
			'The intended use must be an object such as {"usage": "…", "date": "2026-03-01"}',
			{
				field: 'intendedUse',
				value: input,
				hint: `Give any of: ${FIELDS.join(', ')}`,
			},
		);
	}
	const given = input as Record<string, unknown>;
	for (const field of Object.keys(given)) {
		if (FIELDS.includes(field)) continue;
		const suggestions = suggestKeys(field, FIELDS, 3);
		throw new RightsInputError(
			`Unknown intended-use field '${field}'. Did you mean: ${suggestions.join(', ')}? Valid fields: ${FIELDS.join(', ')}`,
			{
				field,
				value: given[field],
				suggestions,
				hint: `Rename '${field}' to one of ${FIELDS.join(', ')}`,
			},
		);
	}

	const dimensions: Partial<Record<Dimension, string[]>> = {};
	for (const dimension of DIMENSIONS) {
		const keys = keysOf(dimension, given[dimension]);
		if (keys.length === 0) continue;
		if (!options.allowUnknownKeys) {
			const vocabulary = vocabularyFor(dimension, options.rights, options.knownKeys?.[dimension]);
			for (const key of keys) {
				if (vocabulary.has(key)) continue;
				const suggestions = suggestKeys(key, vocabulary);
				throw new RightsInputError(
					`Unknown ${dimension} key '${key}'. Closest known ${DIMENSION_FIELDS[dimension].plural}: ${suggestions.join(', ')}`,
					{
						field: dimension,
						value: key,
						suggestions,
						hint: `Use a ${dimension} key from the licence or the Smint.io vocabulary (e.g. ${suggestions[0] ?? exampleKey(dimension)}); a '<family>_any' key covers a whole family`,
					},
				);
			}
		}
		dimensions[dimension] = keys;
	}

	const commercial = given.commercial;
	if (commercial !== undefined && commercial !== null && typeof commercial !== 'boolean') {
		throw new RightsInputError(
			`'commercial' must be true (commercial use) or false (editorial use), got ${JSON.stringify(commercial)}`,
			{ field: 'commercial', value: commercial, hint: 'Set commercial to true or false' },
		);
	}

	return {
		dimensions,
		...parseUseDate(given.date, options.now),
		commercial: typeof commercial === 'boolean' ? commercial : true,
	};
}
