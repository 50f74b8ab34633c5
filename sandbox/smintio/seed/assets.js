'use strict';
// The seeded asset library of the Northwind portal: 44 assets across "Launch 2027",
// "Summer Sale 2026" and "Brand Basics", in every approval state, with real small binaries
// (PNG, JPEG, PDF), metadata {campaign, market, product, channel, source}, localized names,
// descriptions and tags, some approved assets at version 2 or 3 (flow 7's "newer approved
// version"), and rights that let a rights check allow some uses and deny others (editorial
// only, expired, geography-restricted, model release missing, release unknown).

const LAUNCH = 'Launch 2027';
const SUMMER = 'Summer Sale 2026';
const BRAND = 'Brand Basics';

const DE = {
	Germany: 'Deutschland',
	France: 'Frankreich',
	Global: 'Global',
	Shoes: 'Schuhe',
	Bags: 'Taschen',
	Apparel: 'Bekleidung',
	Brand: 'Marke',
	Social: 'Social Media',
	Print: 'Print',
	Web: 'Web',
	All: 'Alle Kanäle',
};

function term(overrides = {}) {
	return {
		sequenceNumber: 1,
		name: { en: 'Campaign use', de: 'Kampagnennutzung', 'x-default': 'Campaign use' },
		exclusivities: [],
		allowedUsages: ['digital_media_any', 'advertising_print_any'],
		restrictedUsages: [],
		allowedSizes: [],
		restrictedSizes: [],
		allowedPlacements: [],
		restrictedPlacements: [],
		allowedDistributions: ['channel_web', 'social_media_any', 'channel_print'],
		restrictedDistributions: [],
		allowedGeographies: ['europe_any'],
		restrictedGeographies: [],
		allowedIndustries: [],
		restrictedIndustries: [],
		allowedLanguages: [],
		restrictedLanguages: [],
		usageLimits: [],
		validFrom: '2026-06-01T00:00:00.000Z',
		validUntil: '2028-12-31T23:59:59.000Z',
		toBeUsedUntil: null,
		isEditorialUse: false,
		...overrides,
	};
}

function rights(terms, overrides = {}) {
	return {
		licenseType: 'royalty_free',
		copyrightNotice: '© 2026 Northwind Marketing',
		releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'no_release_required' },
		licenseTerms: terms,
		...overrides,
	};
}

/** Rights profiles (camelCase, CLAPI-C term vocabulary). */
const RIGHTS = {
	none: null,
	europeCampaign: rights([term()]),
	brandOwned: rights(
		[
			term({
				name: { en: 'Owned by Northwind', de: 'Eigentum von Northwind', 'x-default': 'Owned by Northwind' },
				allowedUsages: [],
				allowedDistributions: [],
				allowedGeographies: [],
				validFrom: '2019-01-01T00:00:00.000Z',
				validUntil: null,
			}),
		],
		{ licenseType: 'all', releaseDetails: { modelReleaseState: 'no_release_required', propertyReleaseState: 'no_release_required' } },
	),
	editorialOnly: rights(
		[
			term({
				name: { en: 'Editorial use only', de: 'Nur redaktionelle Nutzung', 'x-default': 'Editorial use only' },
				allowedUsages: ['publishing_editorial_any'],
				allowedDistributions: [],
				isEditorialUse: true,
			}),
		],
		{ copyrightNotice: '© 2026 Press Photo Agency' },
	),
	expired: rights([term({ validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-06-30T23:59:59.000Z' })]),
	notNorthAmerica: rights([term({ allowedGeographies: [], restrictedGeographies: ['north_america_any'] })]),
	northAmericaOnly: rights([term({ allowedGeographies: ['north_america_any'] })]),
	modelReleaseMissing: rights([term()], {
		releaseDetails: { modelReleaseState: 'not_released', propertyReleaseState: 'no_release_required' },
	}),
	releaseUnknown: rights([term({ isEditorialUse: null })], {
		releaseDetails: { modelReleaseState: null, propertyReleaseState: null },
	}),
};

const PALETTES = {
	[LAUNCH]: [
		['#1e3a8a', '#60a5fa'],
		['#0f766e', '#5eead4'],
		['#312e81', '#a5b4fc'],
	],
	[SUMMER]: [
		['#c2410c', '#fdba74'],
		['#b45309', '#fde047'],
	],
	[BRAND]: [
		['#14532d', '#86efac'],
		['#111827', '#9ca3af'],
	],
};

// [key, campaign, market, product, channel, state, file, versions, rights, collections, extra]
// file: 'png' | 'jpeg:<sample>' | 'pdf'
const ROWS = [
	['l27-de-shoes-social-01', LAUNCH, 'Germany', 'Shoes', 'Social', 'approved', 'jpeg:launch-hero.jpg', 1, 'europeCampaign', ['launch', 'launchGermany', 'partnerAcme']],
	['l27-de-shoes-social-02', LAUNCH, 'Germany', 'Shoes', 'Social', 'approved', 'png', 2, 'europeCampaign', ['launch', 'launchGermany']],
	['l27-de-shoes-social-03', LAUNCH, 'Germany', 'Shoes', 'Social', 'approved', 'png', 1, 'notNorthAmerica', ['launch', 'launchGermany', 'partnerAcme']],
	['l27-de-shoes-social-04', LAUNCH, 'Germany', 'Shoes', 'Social', 'in_review', 'png', 1, 'none', ['review']],
	['l27-de-shoes-social-05', LAUNCH, 'Germany', 'Shoes', 'Social', 'draft', 'png', 1, 'none', []],
	['l27-de-shoes-print-01', LAUNCH, 'Germany', 'Shoes', 'Print', 'approved', 'jpeg:product-shoes.jpg', 1, 'europeCampaign', ['launch', 'launchGermany']],
	['l27-de-shoes-print-02', LAUNCH, 'Germany', 'Shoes', 'Print', 'approved', 'png', 3, 'europeCampaign', ['launch', 'launchGermany']],
	['l27-de-shoes-print-03', LAUNCH, 'Germany', 'Shoes', 'Print', 'rejected', 'png', 1, 'none', ['launch']],
	['l27-de-shoes-web-01', LAUNCH, 'Germany', 'Shoes', 'Web', 'approved', 'png', 1, 'modelReleaseMissing', ['launch', 'launchGermany', 'partnerAcme']],
	['l27-de-shoes-web-02', LAUNCH, 'Germany', 'Shoes', 'Web', 'archived', 'png', 1, 'europeCampaign', ['archive']],
	['l27-de-shoes-web-03', LAUNCH, 'Germany', 'Shoes', 'Web', 'draft', 'png', 1, 'none', ['review']],
	['l27-de-bags-social-01', LAUNCH, 'Germany', 'Bags', 'Social', 'approved', 'png', 1, 'europeCampaign', ['launch', 'launchGermany']],
	['l27-de-bags-social-02', LAUNCH, 'Germany', 'Bags', 'Social', 'in_review', 'png', 1, 'none', ['review']],
	['l27-fr-bags-web-01', LAUNCH, 'France', 'Bags', 'Web', 'approved', 'jpeg:launch-hero.jpg', 2, 'europeCampaign', ['launch', 'partnerAcme']],
	['l27-fr-bags-web-02', LAUNCH, 'France', 'Bags', 'Web', 'approved', 'png', 1, 'northAmericaOnly', ['launch']],
	['l27-fr-bags-web-03', LAUNCH, 'France', 'Bags', 'Web', 'in_review', 'png', 1, 'none', ['review']],
	['l27-fr-bags-social-01', LAUNCH, 'France', 'Bags', 'Social', 'approved', 'png', 1, 'europeCampaign', ['launch']],
	['l27-fr-bags-social-02', LAUNCH, 'France', 'Bags', 'Social', 'approved', 'png', 1, 'editorialOnly', ['launch', 'partnerAcme']],
	['l27-fr-bags-social-03', LAUNCH, 'France', 'Bags', 'Social', 'draft', 'png', 1, 'none', []],
	['l27-fr-bags-print-01', LAUNCH, 'France', 'Bags', 'Print', 'approved', 'png', 1, 'releaseUnknown', ['launch']],
	['l27-fr-bags-print-02', LAUNCH, 'France', 'Bags', 'Print', 'rejected', 'png', 1, 'none', ['launch']],
	['l27-fr-shoes-web-01', LAUNCH, 'France', 'Shoes', 'Web', 'approved', 'png', 1, 'europeCampaign', ['launch']],
	['l27-lookbook', LAUNCH, 'Global', 'Shoes', 'Print', 'approved', 'pdf', 1, 'brandOwned', ['launch']],
	['ss26-de-apparel-social-01', SUMMER, 'Germany', 'Apparel', 'Social', 'archived', 'jpeg:summer-sale.jpg', 1, 'europeCampaign', ['summerSale', 'archive'], { usage: true }],
	['ss26-de-apparel-social-02', SUMMER, 'Germany', 'Apparel', 'Social', 'approved', 'png', 1, 'expired', ['summerSale', 'partnerAcme']],
	['ss26-de-apparel-social-03', SUMMER, 'Germany', 'Apparel', 'Social', 'approved', 'png', 2, 'europeCampaign', ['summerSale']],
	['ss26-de-apparel-social-04', SUMMER, 'Germany', 'Apparel', 'Social', 'in_review', 'png', 1, 'none', ['summerSale', 'review']],
	['ss26-de-apparel-social-05', SUMMER, 'Germany', 'Apparel', 'Social', 'rejected', 'png', 1, 'none', ['summerSale']],
	['ss26-de-apparel-social-06', SUMMER, 'Germany', 'Apparel', 'Social', 'archived', 'png', 1, 'europeCampaign', ['summerSale', 'archive'], { usage: true }],
	['ss26-de-apparel-web-01', SUMMER, 'Germany', 'Apparel', 'Web', 'approved', 'jpeg:summer-sale.jpg', 1, 'europeCampaign', ['summerSale', 'partnerAcme']],
	['ss26-de-apparel-web-02', SUMMER, 'Germany', 'Apparel', 'Web', 'approved', 'png', 1, 'europeCampaign', ['summerSale']],
	['ss26-de-apparel-web-03', SUMMER, 'Germany', 'Apparel', 'Web', 'draft', 'png', 1, 'none', []],
	['ss26-de-apparel-web-04', SUMMER, 'Germany', 'Apparel', 'Web', 'archived', 'png', 1, 'expired', ['summerSale', 'archive']],
	['brand-logo-primary', BRAND, 'Global', 'Brand', 'All', 'approved', 'png', 2, 'brandOwned', ['brandBasics'], { title: 'Primary logo' }],
	['brand-logo-mono', BRAND, 'Global', 'Brand', 'All', 'approved', 'png', 1, 'brandOwned', ['brandBasics'], { title: 'Monochrome logo' }],
	['brand-logo-2019', BRAND, 'Global', 'Brand', 'All', 'archived', 'png', 1, 'brandOwned', ['brandBasics', 'archive'], { title: 'Logo 2019 (retired)' }],
	['brand-colour-palette', BRAND, 'Global', 'Brand', 'All', 'approved', 'png', 1, 'brandOwned', ['brandBasics'], { title: 'Colour palette' }],
	['brand-guidelines', BRAND, 'Global', 'Brand', 'All', 'approved', 'pdf', 2, 'brandOwned', ['brandBasics'], { title: 'Brand guidelines' }],
	['brand-typography', BRAND, 'Global', 'Brand', 'All', 'approved', 'pdf', 1, 'brandOwned', ['brandBasics'], { title: 'Typography' }],
	['brand-texture-stock', BRAND, 'Global', 'Brand', 'All', 'approved', 'jpeg:texture-stock.jpg', 1, 'europeCampaign', ['brandBasics'], { title: 'Stock texture' }],
	['brand-team-photo', BRAND, 'Global', 'Brand', 'All', 'approved', 'png', 1, 'releaseUnknown', ['brandBasics'], { title: 'Team photo' }],
	['brand-icon-set', BRAND, 'Global', 'Brand', 'All', 'in_review', 'png', 1, 'none', ['brandBasics', 'review'], { title: 'Icon set' }],
	['brand-social-templates', BRAND, 'Global', 'Brand', 'All', 'draft', 'pdf', 1, 'none', [], { title: 'Social templates' }],
	['brand-store-front', BRAND, 'Global', 'Brand', 'All', 'approved', 'png', 1, 'notNorthAmerica', ['brandBasics'], { title: 'Store front' }],
];

const BASE_DATE = { [LAUNCH]: Date.parse('2026-07-01T09:00:00.000Z'), [SUMMER]: Date.parse('2026-05-16T09:00:00.000Z'), [BRAND]: Date.parse('2026-05-05T09:00:00.000Z') };
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

function iso(ms) {
	return new Date(ms).toISOString();
}

function fileSpec(file, key, index, campaign, version) {
	const [kind, sample] = file.split(':');
	if (kind === 'jpeg') return { kind: 'jpeg', sample, variant: `${key}-v${version}`, extension: 'jpg' };
	if (kind === 'pdf') return { kind: 'pdf', title: `Northwind ${campaign}`, subtitle: `${key} version ${version}`, extension: 'pdf' };
	const palette = PALETTES[campaign][index % PALETTES[campaign].length];
	return { kind: 'png', from: palette[0], to: palette[1], seed: index * 100 + version, extension: 'png' };
}

/**
 * The seed assets as plain descriptions; seed/index.js turns them into stored assets.
 * @returns {Array<object>}
 */
function seedAssets() {
	const counters = {};
	return ROWS.map((row, index) => {
		const [key, campaign, market, product, channel, approvalState, file, versions, rightsProfile, collections, extra = {}] = row;
		counters[campaign] = (counters[campaign] || 0) + 1;
		const step = campaign === LAUNCH ? 3 * DAY : 2 * DAY;
		const createdMs = BASE_DATE[campaign] + counters[campaign] * step + (index % 5) * HOUR;
		const number = key.slice(-2);
		const isBrand = campaign === BRAND;
		const title = extra.title || `${product} · ${channel} · ${market} ${number}`;
		const titleDe = extra.title || `${DE[product]} · ${DE[channel]} · ${DE[market]} ${number}`;
		const name = isBrand
			? { en: `${BRAND}: ${title}`, 'x-default': `${BRAND}: ${title}` }
			: { en: `${campaign} – ${title}`, de: `${campaign} – ${titleDe}`, 'x-default': `${campaign} – ${title}` };
		const description = isBrand
			? { en: `${title} from the Northwind brand kit.`, 'x-default': `${title} from the Northwind brand kit.` }
			: {
					en: `${campaign} asset for ${product.toLowerCase()} on ${channel.toLowerCase()} in ${market}.`,
					de: `${campaign}-Motiv für ${DE[product]} (${DE[channel]}) in ${DE[market]}.`,
					'x-default': `${campaign} asset for ${product.toLowerCase()} on ${channel.toLowerCase()} in ${market}.`,
				};
		const tagsEn = [campaign.toLowerCase(), product.toLowerCase(), channel.toLowerCase(), market.toLowerCase()];
		const localizedTags = isBrand
			? { en: ['brand', key.replace(/^brand-/, '').replace(/-/g, ' ')] }
			: { en: tagsEn, de: [campaign.toLowerCase(), DE[product].toLowerCase(), DE[channel].toLowerCase(), DE[market].toLowerCase()] };
		const source = file.startsWith('jpeg:texture') ? 'stock' : isBrand ? 'brand-team' : index % 3 === 0 ? 'studio' : 'agency';
		const versionList = [];
		for (let version = 1; version <= versions; version++) {
			const spec = fileSpec(file, key, index, campaign, version);
			versionList.push({
				version,
				at: iso(createdMs + (version - 1) * 9 * DAY),
				fileName: version === 1 ? `${key}.${spec.extension}` : `${key}-v${version}.${spec.extension}`,
				file: spec,
			});
		}
		return {
			key,
			createdAt: iso(createdMs),
			name,
			description,
			localizedTags,
			metadata: { campaign, market, product, channel, source },
			approvalState,
			rights: RIGHTS[rightsProfile],
			rightsProfile,
			collections,
			externalId: isBrand ? `legacy-dam:NW-${1000 + index}` : null,
			publishFrom: campaign === SUMMER ? '2026-06-15T00:00:00.000Z' : null,
			publishUntil: campaign === SUMMER ? '2026-08-31T23:59:59.000Z' : null,
			usageHistory: extra.usage
				? [
						{ at: '2026-07-15T10:00:00.000Z', channel: 'social', target: 'instagram:@northwind', by: 'jordan@northwind.example' },
						{ at: '2026-08-01T08:30:00.000Z', channel: 'web', target: 'https://northwind.example/sale', by: 'jordan@northwind.example' },
					]
				: [],
			versions: versionList,
		};
	});
}

module.exports = { seedAssets, RIGHTS, ROWS };
