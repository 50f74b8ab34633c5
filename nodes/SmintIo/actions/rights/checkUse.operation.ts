// Check Use: may this asset / licensed purchase be used like this? Contract section 5, in the
// pure rights module; input problems (unknown keys, bad dates) become errors with suggestions.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { checkUse, keysFromGenericMetadata } from '../../rights';
import type { CheckUseOptions, IntendedUseInput } from '../../rights';
import { genericMetadata } from '../../transport/clapi';
import { SmintIoClient } from '../../transport/client';
import { portalsOptions, readSettings } from '../common.descriptions';
import { readRights, sourceProperties } from '../../helpers/rightsSource';
import { optionsCollection } from '../../../shared/optionsCollection';

const dimension = (name: string, displayName: string, placeholder: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: `e.g. ${placeholder}`,
	description: `${what} key(s), separated by commas. Empty: when the licence limits this dimension the answer needs review (denied with Unknown Facts: Deny). A family key such as ${placeholder.split('_')[0]}_any covers the family.`,
});

const properties: INodeProperties[] = [
	...sourceProperties,
	dimension('usage', 'Usage', 'digital_media_social_media', 'Licence usage'),
	dimension('size', 'Size', 'size_large', 'Licence size'),
	dimension('placement', 'Placement', 'placement_prominent', 'Licence placement'),
	dimension('distribution', 'Distribution', 'channel_web', 'Licence distribution'),
	dimension('geography', 'Geography', 'europe_germany', 'Licence geography'),
	dimension('industry', 'Industry', 'industry_automotive', 'Licence industry'),
	dimension('language', 'Language', 'language_german', 'Licence language'),
	{
		displayName: 'Date of Use',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-03-01',
		description: 'When the asset will be used: yyyy-mm-dd (the whole UTC day must be licensed) or an ISO 8601 date-time. Empty: today.',
	},
	{
		displayName: 'Kind of Use',
		name: 'useType',
		type: 'options',
		options: [
			{ name: 'Commercial', value: 'commercial', description: 'Advertising, marketing, products (the stricter check)' },
			{ name: 'Editorial', value: 'editorial', description: 'News and editorial content' },
		],
		default: 'commercial',
		description: 'Commercial or editorial use',
	},
	optionsCollection([
		{
			displayName: 'Accept Unknown Keys',
			name: 'allowUnknownKeys',
			type: 'boolean',
			default: false,
			description: 'Whether to accept keys that are in neither the licence nor the known vocabulary (otherwise they are errors with suggestions)',
		},
		{
			displayName: 'Include Term Results',
			name: 'includeTermResults',
			type: 'boolean',
			default: false,
			description: 'Whether to add the decision for every licence term (termResults)',
		},
		{
			displayName: 'Unknown Facts',
			name: 'unknownPolicy',
			type: 'options',
			options: [
				{ name: 'Deny', value: 'deny', description: 'Anything unknown that could forbid the use denies it' },
				{ name: 'Warn', value: 'warn', description: 'Unknowns are warnings and set needsReview' },
			],
			default: 'warn',
			description: 'How to treat facts the licence does not state, dimensions it limits that the intended use leaves empty, and its free-text notes (null is never read as "no restriction")',
		},
		{
			displayName: "Use the Tenant's Vocabulary",
			name: 'tenantVocabulary',
			type: 'boolean',
			default: false,
			description: "Whether to also accept the licence keys from the tenant's CLAPI-C generic metadata (one extra call)",
		},
		{
			displayName: 'Warn When Ending Within (Days)',
			name: 'expiringWithinDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Set expiry.endingSoon (and a licence_ending_soon reason) when the licence for an allowed use ends within this many days of the date of use. 0: off.',
		},
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['rights'], operation: ['checkUse'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const settings = readSettings(this, itemIndex);
	let client: SmintIoClient | undefined;
	const getClient = async () => (client ??= await SmintIoClient.create(this, settings));
	const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;

	const use: IntendedUseInput = {};
	for (const field of ['usage', 'size', 'placement', 'distribution', 'geography', 'industry', 'language'] as const) {
		const value = String(this.getNodeParameter(field, itemIndex, '') ?? '').trim();
		if (value !== '') use[field] = value;
	}
	const date = this.getNodeParameter('date', itemIndex, '') as unknown;
	if (date !== '' && date !== null && date !== undefined) use.date = typeof date === 'string' ? date.trim() : String(date);
	use.commercial = this.getNodeParameter('useType', itemIndex, 'commercial') === 'commercial';

	const { rights } = await readRights(this, itemIndex, getClient);
	const checkOptions: CheckUseOptions = {
		unknownPolicy: options.unknownPolicy === 'deny' ? 'deny' : 'warn',
		allowUnknownKeys: options.allowUnknownKeys === true,
		culture: settings.cultureForOutput,
	};
	const expiringWithinDays = Number(options.expiringWithinDays ?? 0);
	if (expiringWithinDays > 0) checkOptions.expiringWithinDays = expiringWithinDays;
	if (options.tenantVocabulary === true) checkOptions.knownKeys = keysFromGenericMetadata(await genericMetadata(await getClient()));
	const decision = checkUse(rights, use, checkOptions);
	const json: IDataObject = {
		allowed: decision.allowed,
		needsReview: decision.needsReview,
		reasons: decision.reasons as unknown as IDataObject[],
		matchingTerms: decision.matchingTerms as unknown as IDataObject[],
		intendedUse: decision.intendedUse as unknown as IDataObject,
		expiry: decision.expiry as unknown as IDataObject,
		notes: decision.notes as unknown as IDataObject[],
		source: rights.source,
		ids: rights.ids as IDataObject,
	};
	if (options.includeTermResults === true) json.termResults = decision.termResults as unknown as IDataObject[];
	return [{ json }];
}
