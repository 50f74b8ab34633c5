'use strict';

const {
	normalizeFromPurchase,
	normalizeFromAsset,
	normalizeRights,
	toAssetRights,
	toLocalizedText,
	resolveLocalized,
	combineEditorialUse,
	RightsInputError,
} = require('../../../nodes/SmintIo/rights');
const { realPurchase, purchase, term, thrown, LIST_FIELDS } = require('./helpers');

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

describe('normalizeFromPurchase on the real fixture (adobestock 61019726, LPT 79468)', () => {
	const raw = realPurchase();
	const n = normalizeFromPurchase(raw);

	it('identifies the source and the ids', () => {
		expect(n.source).toBe('clapi-purchase');
		expect(n.ids).toEqual({
			licensePurchaseTransactionUuid: '79468',
			cartPurchaseTransactionUuid: '3525',
			contentElementUuid: '2:0:61019726',
		});
	});

	it('reads purchase state, licence type, copyright, licence text', () => {
		expect(n.purchaseState).toBe('completed');
		expect(n.licenseType).toBe('royalty_free');
		expect(n.copyrightNotice).toEqual({ en: 'Vera Kuttelvaserova / www.adobestock.com' });
		expect(n.licenseText).toEqual({ en: raw.offering.license_text.effective_text[0].value });
		expect(n.licenseText.en.startsWith('NUR DEMO')).toBe(true);
	});

	it('derives the asset-level editorial flag from the terms and content: false', () => {
		expect(n.isEditorialUse).toBe(false);
	});

	it('keeps absent fields unknown (null), never false', () => {
		expect(n.hasPotentiallyRestrictiveLicenseTerms).toBeNull();
		expect(n.releaseDetails).toBeNull();
	});

	it('reads the empty download constraints {} as unknown limits and the counters as 0', () => {
		expect(n.downloadConstraints).toEqual({
			effectiveMaxDownloads: null,
			effectiveMaxUsers: null,
			effectiveMaxReuses: null,
			currentDownloads: 0,
			currentUsers: 0,
			currentReuses: 0,
		});
	});

	it('normalizes the one term from the purchase level (which carries valid_from)', () => {
		expect(n.licenseTerms).toHaveLength(1);
		const [t] = n.licenseTerms;
		expect(t.sequenceNumber).toBe(1);
		expect(t.name).toEqual({ en: 'Default', de: 'Standard' });
		expect(t.validFrom).toBe('2019-07-01T05:18:51.397Z');
		expect(t.validUntil).toBeNull();
		expect(t.toBeUsedUntil).toBeNull();
		expect(t.isEditorialUse).toBe(false);
		expect(t.exclusivities).toEqual([]);
		expect(t.usageLimits).toEqual([]);
		for (const field of LIST_FIELDS) expect(t[camel(field)]).toEqual([]);
	});

	it('does not modify its input', () => {
		expect(raw).toEqual(realPurchase());
	});
});

describe('normalizeFromPurchase: lists, nulls and wire variants', () => {
	const one = (termOverrides, lptOverrides) =>
		normalizeFromPurchase(purchase([term(termOverrides)], lptOverrides)).licenseTerms[0];

	it.each(LIST_FIELDS.concat(['exclusivities', 'usage_limits']))(
		'%s: [] stays [], null and absent become null',
		(field) => {
			expect(one({ [field]: [] })[camel(field)]).toEqual([]);
			expect(one({ [field]: null })[camel(field)]).toBeNull();
			const t = term();
			delete t[field];
			expect(normalizeFromPurchase(purchase([t])).licenseTerms[0][camel(field)]).toBeNull();
		},
	);

	it('takes keys from metadata elements (one entry per culture) and de-duplicates them', () => {
		const t = one({
			allowed_geographies: [
				{ culture: 'en', metadata_element: { key: 'europe_any', name: 'Europe' } },
				{ culture: 'de', metadata_element: { key: 'europe_any', name: 'Europa' } },
				{ culture: 'en', metadata_element: { key: 'north_america_canada', name: 'Canada' } },
				'asia_japan',
				{ key: 'asia_china' },
				'',
				42,
			],
		});
		expect(t.allowedGeographies).toEqual([
			'europe_any',
			'north_america_canada',
			'asia_japan',
			'asia_china',
		]);
	});

	it.each([
		[true, true],
		[false, false],
		[null, null],
		[undefined, null],
		['true', null],
	])('term is_editorial_use %j → %j', (value, expected) => {
		expect(one({ is_editorial_use: value }).isEditorialUse).toBe(expected);
	});

	it.each([
		[7, 7],
		[0, 0],
		[-1, 1],
		[undefined, 1],
		['3', 1],
	])('sequence_number %j → %j (position when missing or invalid)', (value, expected) => {
		expect(one({ sequence_number: value }).sequenceNumber).toBe(expected);
	});

	it('numbers terms without a sequence number by position', () => {
		const a = term();
		const b = term();
		delete a.sequence_number;
		delete b.sequence_number;
		expect(
			normalizeFromPurchase(purchase([a, b])).licenseTerms.map((t) => t.sequenceNumber),
		).toEqual([1, 2]);
	});

	it.each([
		['2025-01-31T00:00:00Z', '2025-01-31T00:00:00.000Z'],
		['2025-01-31T00:00:00+01:00', '2025-01-30T23:00:00.000Z'],
		['2025-01-31', '2025-01-31T00:00:00.000Z'],
		['not a date', 'not a date'],
		[null, null],
		['', null],
		[1735603200000, '2024-12-31T00:00:00.000Z'],
	])('dates: %j → %j', (value, expected) => {
		const t = one({ valid_from: value, valid_until: value, to_be_used_until: value });
		expect(t.validFrom).toBe(expected);
		expect(t.validUntil).toBe(expected);
		expect(t.toBeUsedUntil).toBe(expected);
	});

	it('reads release details with localized provider comments', () => {
		const p = purchase();
		p.content_element.release_details = {
			model_release_state: 'not_released',
			property_release_state: null,
			provider_release_comment: [{ culture: 'en', value: 'No model release' }],
		};
		expect(normalizeFromPurchase(p).releaseDetails).toEqual({
			modelReleaseState: 'not_released',
			propertyReleaseState: null,
			providerAllowedUseComment: null,
			providerReleaseComment: { en: 'No model release' },
			providerUsageConstraints: null,
		});
	});

	it('reads download constraints and counters; null counters stay null', () => {
		const n = normalizeFromPurchase(
			purchase([term()], {
				license_download_constraints: {
					effective_max_downloads: 5,
					effective_max_users: null,
					effective_max_reuses: 2,
				},
				current_downloads: 3,
				current_users: null,
				current_reuses: undefined,
			}),
		);
		expect(n.downloadConstraints).toEqual({
			effectiveMaxDownloads: 5,
			effectiveMaxUsers: null,
			effectiveMaxReuses: 2,
			currentDownloads: 3,
			currentUsers: null,
			currentReuses: null,
		});
	});

	it('falls back to the offering terms and constraints when the purchase level has none', () => {
		const p = purchase();
		delete p.license_terms;
		delete p.license_download_constraints;
		p.offering.license_terms = [
			term({ sequence_number: 9, allowed_usages: ['digital_media_any'] }),
		];
		p.offering.license_download_constraints = { effective_max_downloads: 1 };
		const n = normalizeFromPurchase(p);
		expect(n.licenseTerms.map((t) => [t.sequenceNumber, t.allowedUsages])).toEqual([
			[9, ['digital_media_any']],
		]);
		expect(n.downloadConstraints.effectiveMaxDownloads).toBe(1);
	});

	it('keeps an explicit null at purchase level (unknown) rather than the offering copy', () => {
		const p = purchase([term()], { license_terms: null });
		p.offering.license_terms = [term()];
		expect(normalizeFromPurchase(p).licenseTerms).toBeNull();
	});

	it('no terms at all: null; empty terms: []', () => {
		const p = purchase();
		delete p.license_terms;
		expect(normalizeFromPurchase(p).licenseTerms).toBeNull();
		expect(normalizeFromPurchase(purchase([])).licenseTerms).toEqual([]);
	});

	it.each([
		['completed', 'completed'],
		['CANCELLED', 'cancelled'],
		['purchase_phase_1', 'purchase_phase_1'],
		[null, null],
		[undefined, null],
	])('state %j → purchaseState %j', (state, expected) => {
		expect(normalizeFromPurchase(purchase([term()], { state })).purchaseState).toBe(expected);
	});

	it('derives the asset editorial flag: any true wins', () => {
		const p = purchase([
			term({ is_editorial_use: false }),
			term({ sequence_number: 2, is_editorial_use: true }),
		]);
		expect(normalizeFromPurchase(p).isEditorialUse).toBe(true);
		const q = purchase([term({ is_editorial_use: null })]);
		q.content_element.is_editorial_use = null;
		expect(normalizeFromPurchase(q).isEditorialUse).toBeNull();
	});

	it.each([[null], [undefined], ['lpt'], [[purchase()]]])(
		'rejects %j with a RightsInputError',
		(input) => {
			expect(() => normalizeFromPurchase(input)).toThrow(RightsInputError);
			expect(() => normalizeFromPurchase(input)).toThrow(/licence purchase transaction object/);
		},
	);
});

describe('combineEditorialUse (Smint.io asset-level rule)', () => {
	it.each([
		[[true, false, null], true],
		[[false, null], false],
		[[null, undefined], null],
		[[], null],
	])('%j → %j', (values, expected) => {
		expect(combineEditorialUse(values)).toBe(expected);
	});
});

describe('localized text', () => {
	it.each([
		[
			[
				{ culture: 'en', value: 'A' },
				{ culture: 'de', value: 'B' },
			],
			{ en: 'A', de: 'B' },
		],
		[
			[
				{ culture: 'en', value: 'A' },
				{ culture: 'en', value: 'A2' },
			],
			{ en: 'A' },
		],
		[[{ value: 'no culture' }], { 'x-default': 'no culture' }],
		[[], {}],
		[
			{ en: 'A', 'x-default': 'D', n: 3 },
			{ en: 'A', 'x-default': 'D' },
		],
		['plain', { 'x-default': 'plain' }],
		[null, null],
		[undefined, null],
		[42, null],
	])('toLocalizedText(%j) → %j', (input, expected) => {
		expect(toLocalizedText(input)).toEqual(expected);
	});

	it.each([
		[{ en: 'A', de: 'B', 'x-default': 'D' }, 'de', 'B'],
		[{ en: 'A', 'x-default': 'D' }, 'fr', 'D'],
		[{ en: 'A' }, 'fr', 'A'],
		[{ it: 'I' }, 'fr', 'I'],
		[{}, 'en', null],
		[null, 'en', null],
	])('resolveLocalized(%j, %s) → %j', (text, culture, expected) => {
		expect(resolveLocalized(text, culture)).toBe(expected);
	});
});

describe('normalizeFromAsset (Portals assetDataObject, contract section 3)', () => {
	const asset = {
		id: '99:image:64257dc3',
		externalId: 'shoot-2027-001',
		name: { en: 'Shoe' },
		contentType: 'image',
		eTag: 'e1',
		rights: {
			licenseType: 'rights_managed',
			copyrightNotice: { en: '© ACME', 'x-default': '© ACME' },
			releaseDetails: {
				modelReleaseState: 'released',
				propertyReleaseState: 'no_release_required',
			},
			isEditorialUse: false,
			licenseTerms: [
				{
					sequenceNumber: 2,
					name: { en: 'Social', 'x-default': 'Social' },
					exclusivities: ['exclusive_geography'],
					allowedUsages: ['digital_media_social_media'],
					restrictedUsages: [],
					allowedGeographies: ['europe_any'],
					restrictedGeographies: ['europe_russia'],
					usageLimits: ['copy_one_copy'],
					validFrom: '2027-01-01T00:00:00Z',
					validUntil: '2027-12-31T23:59:59Z',
					toBeUsedUntil: null,
					isEditorialUse: false,
				},
			],
		},
	};
	const n = normalizeFromAsset(asset);

	it('reads the camelCase rights', () => {
		expect(n.source).toBe('portals-asset');
		expect(n.ids).toEqual({ assetId: '99:image:64257dc3', externalId: 'shoot-2027-001' });
		expect(n.purchaseState).toBeNull();
		expect(n.licenseType).toBe('rights_managed');
		expect(n.copyrightNotice).toEqual({ en: '© ACME', 'x-default': '© ACME' });
		expect(n.isEditorialUse).toBe(false);
		expect(n.releaseDetails.modelReleaseState).toBe('released');
		expect(n.releaseDetails.propertyReleaseState).toBe('no_release_required');
		const [t] = n.licenseTerms;
		expect(t).toMatchObject({
			sequenceNumber: 2,
			name: { en: 'Social', 'x-default': 'Social' },
			exclusivities: ['exclusive_geography'],
			allowedUsages: ['digital_media_social_media'],
			restrictedUsages: [],
			allowedGeographies: ['europe_any'],
			restrictedGeographies: ['europe_russia'],
			usageLimits: ['copy_one_copy'],
			validFrom: '2027-01-01T00:00:00.000Z',
			validUntil: '2027-12-31T23:59:59.000Z',
			toBeUsedUntil: null,
			isEditorialUse: false,
		});
		// lists the asset does not state are unknown, not empty
		expect(t.allowedSizes).toBeNull();
		expect(t.restrictedLanguages).toBeNull();
	});

	it('an asset without rights: everything unknown', () => {
		const bare = normalizeFromAsset({ id: '99:image:1', contentType: 'image' });
		expect(bare.licenseTerms).toBeNull();
		expect(bare.releaseDetails).toBeNull();
		expect(bare.isEditorialUse).toBeNull();
		expect(bare.licenseType).toBeNull();
		expect(Object.values(bare.downloadConstraints).every((v) => v === null)).toBe(true);
	});

	it('reads the optional download-constraint extension', () => {
		const withLimits = normalizeFromAsset({
			id: 'a',
			rights: {
				licenseTerms: [],
				licenseDownloadConstraints: { effectiveMaxDownloads: 2 },
				currentDownloads: 2,
			},
		});
		expect(withLimits.downloadConstraints.effectiveMaxDownloads).toBe(2);
		expect(withLimits.downloadConstraints.currentDownloads).toBe(2);
	});

	it('accepts a plain-string copyright notice', () => {
		expect(
			normalizeFromAsset({ id: 'a', rights: { copyrightNotice: '© X' } }).copyrightNotice,
		).toEqual({
			'x-default': '© X',
		});
	});

	it.each([[null], ['asset'], [[asset]]])('rejects %j', (input) => {
		expect(() => normalizeFromAsset(input)).toThrow(RightsInputError);
	});
});

describe('round trip: purchase → toAssetRights → JSON wire → normalizeFromAsset', () => {
	const base = realPurchase();
	base.license_terms.push(
		term({
			sequence_number: 2,
			name: [{ culture: 'en', value: 'Print Germany' }],
			allowed_usages: ['advertising_print_any'],
			restricted_usages: ['advertising_print_directory'],
			allowed_geographies: ['europe_germany'],
			exclusivities: ['exclusive_usage'],
			usage_limits: ['quantity_up_to_1000_total_circulation'],
			valid_until: '2030-01-01T00:00:00Z',
			to_be_used_until: '2029-06-01T00:00:00Z',
			is_editorial_use: null,
		}),
	);
	base.content_element.release_details = {
		model_release_state: 'released',
		property_release_state: 'not_released',
		provider_usage_constraints: [{ culture: 'en', value: 'No tobacco' }],
	};
	const fromPurchase = normalizeFromPurchase(base);
	const assetRights = toAssetRights(fromPurchase);
	const wire = JSON.parse(
		JSON.stringify({ id: '99:image:x', contentType: 'image', rights: assetRights }),
	);
	const fromAsset = normalizeFromAsset(wire);

	it('emits exactly the contract rights fields', () => {
		expect(Object.keys(assetRights).sort()).toEqual(
			['copyrightNotice', 'isEditorialUse', 'licenseTerms', 'licenseType', 'releaseDetails'].sort(),
		);
	});

	it('keeps terms, releases, licence type, copyright and editorial flag', () => {
		expect(fromAsset.licenseTerms).toEqual(fromPurchase.licenseTerms);
		expect(fromAsset.releaseDetails).toEqual(fromPurchase.releaseDetails);
		expect(fromAsset.licenseType).toBe('royalty_free');
		expect(fromAsset.copyrightNotice).toEqual(fromPurchase.copyrightNotice);
		expect(fromAsset.isEditorialUse).toBe(fromPurchase.isEditorialUse);
		expect(fromAsset.licenseTerms[1].isEditorialUse).toBeNull();
		expect(fromAsset.licenseTerms[1].toBeUsedUntil).toBe('2029-06-01T00:00:00.000Z');
	});

	it('changes the source and ids', () => {
		expect(fromAsset.source).toBe('portals-asset');
		expect(fromAsset.ids).toEqual({ assetId: '99:image:x' });
	});

	it('normalizing an asset twice is stable', () => {
		expect(
			normalizeFromAsset({ id: '99:image:x', rights: toAssetRights(fromAsset) }).licenseTerms,
		).toEqual(fromAsset.licenseTerms);
	});
});

describe('normalizeRights: detects what it is given', () => {
	it('a purchase', () => {
		expect(normalizeRights(realPurchase()).source).toBe('clapi-purchase');
	});

	it('an asset', () => {
		expect(
			normalizeRights({ id: '1', contentType: 'image', rights: { licenseTerms: [] } }).source,
		).toBe('portals-asset');
		expect(normalizeRights({ id: '1', rights: null }).source).toBe('portals-asset');
	});

	it('already normalized rights pass through unchanged', () => {
		const n = normalizeFromPurchase(realPurchase());
		expect(normalizeRights(n)).toBe(n);
	});

	it.each([[null], [{}], [{ foo: 1 }], ['x'], [[]]])('rejects %j with a hint', (input) => {
		const error = thrown(() => normalizeRights(input));
		expect(error).toBeInstanceOf(RightsInputError);
		expect(error.field).toBe('rights');
		expect(error.hint).toMatch(/license_terms/);
	});
});
