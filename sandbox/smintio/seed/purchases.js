'use strict';
// Seeded CLAPI-C licence purchases: the real fixture (served unchanged) and variants built
// from it (same snake_case shape, localized [{culture, value}] arrays), one per rights rule of
// contract section 5: allowed, expired, not yet valid, to-be-used-until passed, editorial only,
// geography-restricted, usage-restricted, model release missing, download limit exhausted,
// cancelled, compound (several binaries), re-licensed, can_be_synced false, several terms,
// unknown (null) editorial flag and release.

const path = require('path');
const fs = require('fs');

const FIXTURE_PATH = path.join(__dirname, 'license-purchase-transaction.json');

function fixture() {
	return JSON.parse(fs.readFileSync(FIXTURE_PATH, 'utf8'));
}

const ls = (en, de) => (de ? [{ culture: 'en', value: en }, { culture: 'de', value: de }] : [{ culture: 'en', value: en }]);

/** A licence term in the wire vocabulary (every list present, as in the fixture). */
function wireTerm(overrides = {}) {
	return {
		sequence_number: 1,
		name: ls('Default', 'Standard'),
		exclusivities: [],
		allowed_usages: [],
		restricted_usages: [],
		allowed_sizes: [],
		restricted_sizes: [],
		allowed_placements: [],
		restricted_placements: [],
		allowed_distributions: [],
		restricted_distributions: [],
		allowed_geographies: [],
		restricted_geographies: [],
		allowed_industries: [],
		restricted_industries: [],
		allowed_languages: [],
		restricted_languages: [],
		usage_limits: [],
		valid_from: '2026-09-01T10:00:00.000Z',
		is_editorial_use: false,
		...overrides,
	};
}

const PROVIDERS = {
	adobestock: { prefix: '2:0:', name: 'Adobe Stock', url: (id) => `https://stock.adobe.com/${id}`, config: '18' },
	getty: { prefix: '7:0:', name: 'Getty Images', url: (id) => `https://www.gettyimages.com/detail/${id}`, config: '21' },
	istock: { prefix: '9:0:', name: 'iStock', url: (id) => `https://www.istockphoto.com/photo/${id}`, config: '22' },
	shutterstock: { prefix: '4:0:', name: 'Shutterstock', url: (id) => `https://www.shutterstock.com/image-photo/${id}`, config: '19' },
};

/**
 * A purchase derived from the fixture.
 * @param {{ uuid: string, cpt: string, provider: keyof PROVIDERS, contentId: string, title: string, keywords: string[],
 *           project: string, purchasedAt: string, terms: object[], licenseType?: string, contentCategory?: string,
 *           editorial?: boolean, state?: string, canBeSynced?: boolean, downloadConstraints?: object, currentDownloads?: number,
 *           releaseDetails?: object | null, reusedFrom?: string, restrictive?: boolean, version?: number, offeringName?: string }} spec
 */
function variant(spec) {
	const lpt = fixture();
	const provider = PROVIDERS[spec.provider];
	const at = spec.purchasedAt;
	const later = new Date(Date.parse(at) + 21000).toISOString();
	const head = { uuid: spec.uuid, cart_purchase_transaction_uuid: spec.cpt };
	if (spec.reusedFrom) head.reused_license_purchase_transaction_uuid = spec.reusedFrom;
	delete lpt.uuid;
	delete lpt.cart_purchase_transaction_uuid;
	const out = { ...head, ...lpt };
	out.state = spec.state || 'completed';
	out.project_uuid = spec.project === 'Website Relaunch' ? '301' : '302';
	out.project_name = ls(spec.project);
	out.collection_uuid = `14${spec.uuid.slice(-2)}`;
	out.collection_name = ls('Cart', 'Warenkorb');
	out.collection_content_element_uuid = `98${spec.uuid.slice(-2)}`;
	out.collection_content_element_created_at = at;
	out.collection_content_element_created_by_user_uuid = 'b999a063-2025-40ae-8a0b-0a1e5e7a1e55';
	out.collection_content_element_created_by_user_name = 'Alex Example';
	out.total_price_eur = 49.0;
	out.total_price_usd = 54.0;

	const element = out.content_element;
	element.uuid = `${provider.prefix}${spec.contentId}`;
	element.provider = spec.provider;
	element.content_category = spec.contentCategory || 'creative';
	element.name = ls(spec.title);
	element.description = ls(`${spec.title} (licensed stock)`);
	element.contributors = [{ culture: 'en', metadata_element: { key: `${provider.prefix}${spec.contentId.slice(0, 4)}`, name: 'Studio Nord' } }];
	element.copyright_notices = ls(`Studio Nord / ${provider.name}`);
	element.is_editorial_use = Boolean(spec.editorial);
	element.is_editorial = Boolean(spec.editorial);
	element.created_at = '2025-11-02T10:00:00.000Z';
	element.provider_urls = [{ culture: 'en', metadata_element: { key: spec.provider, name: provider.name, url: provider.url(spec.contentId) } }];
	element.keywords = spec.keywords.map((keyword) => ({ culture: 'en', metadata_element: { name: keyword } }));
	element.categories = [{ culture: 'en', metadata_element: { key: `${provider.prefix.split(':')[0]}:12`, name: 'Lifestyle' } }];
	element.previews = [
		{
			culture: 'en',
			preview: {
				thumbnail: { width: 240, height: 160, media_type: 'image/jpeg', url: `https://previews.invalid/${spec.contentId}/thumb.jpg` },
				preview: { width: 1000, height: 667, media_type: 'image/jpeg', url: `https://previews.invalid/${spec.contentId}/preview.jpg` },
			},
		},
	];
	if (spec.releaseDetails !== undefined) element.release_details = spec.releaseDetails;

	const offering = out.offering;
	offering.license_uuid = spec.licenseType === 'rights_managed' ? 'image_rights_managed' : 'image_standard';
	offering.provider_configuration_uuid = provider.config;
	offering.provider_configuration_name = ls(provider.name);
	offering.offering_name = ls(spec.offeringName || 'Standard Image');
	offering.license_type = spec.licenseType || 'royalty_free';
	offering.is_editorial_use = Boolean(spec.editorial);
	offering.is_editorial = Boolean(spec.editorial);
	offering.total_price_eur = 49.0;
	offering.total_price_usd = 54.0;
	offering.licensee_uuid = '12';
	offering.licensee_name = 'Northwind Marketing GmbH';
	offering.license_text = { effective_text: ls('Sandbox licence text: see the licence terms.', 'Sandbox-Lizenztext: siehe Lizenzbedingungen.'), effective_text_is_safe_html: false };
	offering.license_terms = spec.terms;
	offering.license_download_constraints = spec.downloadConstraints || {};

	out.purchased_at = at;
	out.completed_at = later;
	out.purchased_by_user_uuid = 'b999a063-2025-40ae-8a0b-0a1e5e7a1e55';
	out.purchased_by_user_name = 'Alex Example';
	out.licensee_uuid = '12';
	out.licensee_name = 'Northwind Marketing GmbH';
	out.license_terms = spec.terms;
	out.license_download_constraints = spec.downloadConstraints || {};
	out.current_downloads = spec.currentDownloads || 0;
	out.can_be_synced = spec.canBeSynced !== false;
	out.version = spec.version || 1;
	out.created_at = at;
	out.last_updated_at = later;
	out.has_potentially_restrictive_license_terms = Boolean(spec.restrictive);
	return out;
}

/** One binary description; seed/index.js makes the bytes. */
function binary(uuid, fileName, file, { binaryType = 'standard', contentType = 'image', name, version = 1 } = {}) {
	return {
		uuid,
		content_type: contentType,
		binary_type: binaryType,
		name: name ? ls(name) : [],
		description: [],
		usage: [],
		culture: 'en',
		recommended_file_name: fileName,
		version,
		file,
	};
}

const jpeg = (sample, variantName) => ({ kind: 'jpeg', sample, variant: variantName });
const png = (from, to, seed) => ({ kind: 'png', from, to, seed });

/**
 * @returns {Array<{ label: string, lpt: object, binaries: object[] }>} in feed order
 */
function seedPurchases() {
	const purchases = [];
	const add = (label, lpt, binaries) => purchases.push({ label, lpt, binaries });

	add('real fixture (adobestock 61019726)', fixture(), [
		binary('1', 'adobestock_61019726.jpg', jpeg('texture-stock.jpg', 'lpt-79468')),
	]);
	add(
		'allowed: royalty free, Europe, web and social',
		variant({
			uuid: '80101',
			cpt: '3601',
			provider: 'getty',
			contentId: '1402331877',
			title: 'Runner tying shoes at dawn',
			keywords: ['running', 'shoes', 'sport', 'dawn'],
			project: 'Website Relaunch',
			purchasedAt: '2026-08-20T09:12:00.000Z',
			terms: [wireTerm({ allowed_usages: ['digital_media_any'], allowed_geographies: ['europe_any'], valid_until: '2028-08-20T00:00:00.000Z' })],
		}),
		[binary('1', 'getty_1402331877.jpg', jpeg('product-shoes.jpg', 'lpt-80101'))],
	);
	add(
		'expired (valid_until passed)',
		variant({
			uuid: '80102',
			cpt: '3602',
			provider: 'adobestock',
			contentId: '388120455',
			title: 'City street at night',
			keywords: ['city', 'night', 'street'],
			project: 'Website Relaunch',
			purchasedAt: '2025-05-10T14:00:00.000Z',
			terms: [wireTerm({ valid_from: '2025-05-10T14:00:00.000Z', valid_until: '2026-05-10T14:00:00.000Z' })],
			restrictive: true,
		}),
		[binary('1', 'adobestock_388120455.png', png('#0f172a', '#f59e0b', 80102))],
	);
	add(
		'not yet valid (valid_from in the future)',
		variant({
			uuid: '80103',
			cpt: '3603',
			provider: 'shutterstock',
			contentId: '2201984410',
			title: 'Autumn leaves on a park bench',
			keywords: ['autumn', 'park', 'bench'],
			project: 'Website Relaunch',
			purchasedAt: '2026-09-02T11:30:00.000Z',
			terms: [wireTerm({ valid_from: '2030-01-01T00:00:00.000Z', valid_until: '2031-12-31T23:59:59.000Z' })],
			restrictive: true,
		}),
		[binary('1', 'shutterstock_2201984410.png', png('#7c2d12', '#fbbf24', 80103))],
	);
	add(
		'to_be_used_until passed',
		variant({
			uuid: '80104',
			cpt: '3604',
			provider: 'istock',
			contentId: '1330994821',
			title: 'Summer beach flat lay',
			keywords: ['summer', 'beach', 'flat lay'],
			project: 'Website Relaunch',
			purchasedAt: '2026-06-01T08:00:00.000Z',
			terms: [wireTerm({ valid_from: '2026-06-01T08:00:00.000Z', to_be_used_until: '2026-09-15T23:59:59.000Z' })],
			restrictive: true,
		}),
		[binary('1', 'istock_1330994821.jpg', jpeg('summer-sale.jpg', 'lpt-80104'))],
	);
	add(
		'editorial only',
		variant({
			uuid: '80105',
			cpt: '3605',
			provider: 'getty',
			contentId: '1670011234',
			title: 'Trade fair opening ceremony',
			keywords: ['trade fair', 'event', 'news'],
			project: 'Website Relaunch',
			purchasedAt: '2026-09-05T16:45:00.000Z',
			contentCategory: 'editorial',
			editorial: true,
			offeringName: 'Editorial Image',
			terms: [wireTerm({ name: ls('Editorial use', 'Redaktionelle Nutzung'), allowed_usages: ['publishing_editorial_any'], is_editorial_use: true })],
			restrictive: true,
		}),
		[binary('1', 'getty_1670011234.png', png('#1f2937', '#e5e7eb', 80105))],
	);
	add(
		'geography-restricted (not Germany/Austria)',
		variant({
			uuid: '80106',
			cpt: '3606',
			provider: 'adobestock',
			contentId: '412377801',
			title: 'Alpine hiking boots',
			keywords: ['hiking', 'boots', 'mountains'],
			project: 'Website Relaunch',
			purchasedAt: '2026-09-08T10:00:00.000Z',
			terms: [wireTerm({ restricted_geographies: ['europe_germany', 'europe_austria'] })],
			restrictive: true,
		}),
		[binary('1', 'adobestock_412377801.png', png('#14532d', '#bef264', 80106))],
	);
	add(
		'usage-restricted (digital only, no print or billboards)',
		variant({
			uuid: '80107',
			cpt: '3607',
			provider: 'shutterstock',
			contentId: '2245561190',
			title: 'Leather bag on a cafe table',
			keywords: ['bag', 'leather', 'cafe'],
			project: 'Launch 2027',
			purchasedAt: '2026-09-09T13:20:00.000Z',
			terms: [
				wireTerm({
					allowed_usages: ['digital_media_any'],
					restricted_usages: ['advertising_print_any', 'advertising_display_billboard'],
					allowed_distributions: ['channel_web', 'social_media_any'],
					restricted_distributions: ['channel_print'],
				}),
			],
			restrictive: true,
		}),
		[binary('1', 'shutterstock_2245561190.png', png('#78350f', '#fcd34d', 80107))],
	);
	add(
		'model release missing',
		variant({
			uuid: '80108',
			cpt: '3608',
			provider: 'istock',
			contentId: '1488820017',
			title: 'Friends laughing in a sneaker store',
			keywords: ['friends', 'store', 'sneakers', 'people'],
			project: 'Launch 2027',
			purchasedAt: '2026-09-10T09:00:00.000Z',
			releaseDetails: {
				model_release_state: 'not_released',
				property_release_state: 'released',
				provider_allowed_use_comment: [],
				provider_release_comment: ls('No model release on file'),
				provider_usage_constraints: [],
			},
			terms: [wireTerm()],
			restrictive: true,
		}),
		[binary('1', 'istock_1488820017.png', png('#4c1d95', '#f0abfc', 80108))],
	);
	add(
		'download limit exhausted',
		variant({
			uuid: '80109',
			cpt: '3609',
			provider: 'getty',
			contentId: '1555502233',
			title: 'Product shot: white sneaker',
			keywords: ['sneaker', 'product', 'white'],
			project: 'Launch 2027',
			purchasedAt: '2026-09-11T12:00:00.000Z',
			licenseType: 'rights_managed',
			downloadConstraints: { effective_max_downloads: 3, effective_max_users: 5, effective_max_reuses: null },
			currentDownloads: 3,
			terms: [wireTerm({ allowed_usages: ['digital_media_any'], allowed_geographies: ['europe_any'] })],
			restrictive: true,
		}),
		[binary('1', 'getty_1555502233.png', png('#e5e7eb', '#111827', 80109))],
	);
	add(
		'cancelled',
		variant({
			uuid: '80110',
			cpt: '3610',
			provider: 'adobestock',
			contentId: '455120981',
			title: 'Harbour panorama',
			keywords: ['harbour', 'panorama', 'sea'],
			project: 'Website Relaunch',
			purchasedAt: '2026-09-12T15:00:00.000Z',
			state: 'cancelled',
			version: 2,
			terms: [wireTerm()],
		}),
		[binary('1', 'adobestock_455120981.png', png('#0c4a6e', '#7dd3fc', 80110))],
	);
	add(
		'compound (three binaries)',
		variant({
			uuid: '80111',
			cpt: '3611',
			provider: 'shutterstock',
			contentId: '2290017745',
			title: 'Launch key visual set',
			keywords: ['key visual', 'launch', 'set'],
			project: 'Launch 2027',
			purchasedAt: '2026-09-14T08:30:00.000Z',
			terms: [wireTerm({ allowed_geographies: ['europe_any'] })],
		}),
		[
			binary('1', 'shutterstock_2290017745_main.png', png('#1e3a8a', '#f472b6', 801111), { name: 'Main visual' }),
			binary('2', 'shutterstock_2290017745_alt.png', png('#1e3a8a', '#34d399', 801112), { name: 'Alternative crop', binaryType: 'alternative' }),
			binary('3', 'shutterstock_2290017745_layout.pdf', { kind: 'pdf', title: 'Launch key visual layout', subtitle: 'LPT 80111' }, {
				name: 'Layout',
				binaryType: 'layout',
				contentType: 'document',
			}),
		],
	);
	add(
		're-licensed (reuses 80102)',
		variant({
			uuid: '80112',
			cpt: '3612',
			provider: 'adobestock',
			contentId: '388120455',
			title: 'City street at night',
			keywords: ['city', 'night', 'street'],
			project: 'Website Relaunch',
			purchasedAt: '2026-09-16T10:00:00.000Z',
			reusedFrom: '80102',
			terms: [wireTerm({ valid_from: '2026-09-16T10:00:00.000Z', valid_until: '2027-09-16T10:00:00.000Z' })],
		}),
		[binary('1', 'adobestock_388120455.png', png('#0f172a', '#f59e0b', 80102))],
	);
	add(
		'can_be_synced false (no binaries)',
		variant({
			uuid: '80113',
			cpt: '3613',
			provider: 'getty',
			contentId: '1599900012',
			title: 'Rights-managed aerial view',
			keywords: ['aerial', 'landscape'],
			project: 'Website Relaunch',
			purchasedAt: '2026-09-18T09:00:00.000Z',
			licenseType: 'rights_managed',
			canBeSynced: false,
			terms: [wireTerm({ allowed_usages: ['advertising_display_billboard'], allowed_geographies: ['europe_germany'] })],
			restrictive: true,
		}),
		[],
	);
	add(
		'two terms: web in Europe, print in Germany until end of 2027',
		variant({
			uuid: '80114',
			cpt: '3614',
			provider: 'istock',
			contentId: '1512345678',
			title: 'Handbag detail, studio',
			keywords: ['handbag', 'studio', 'detail'],
			project: 'Launch 2027',
			purchasedAt: '2026-09-20T11:00:00.000Z',
			licenseType: 'rights_managed',
			terms: [
				wireTerm({ name: ls('Web, Europe', 'Web, Europa'), allowed_usages: ['digital_media_any'], allowed_geographies: ['europe_any'] }),
				wireTerm({
					sequence_number: 2,
					name: ls('Print, Germany', 'Print, Deutschland'),
					allowed_usages: ['advertising_print_any'],
					allowed_geographies: ['europe_germany'],
					to_be_used_until: '2027-12-31T23:59:59.000Z',
				}),
			],
			restrictive: true,
		}),
		[binary('1', 'istock_1512345678.png', png('#831843', '#fda4af', 80114))],
	);
	add(
		'unknown editorial flag and release (null is not false)',
		variant({
			uuid: '80115',
			cpt: '3615',
			provider: 'shutterstock',
			contentId: '2301120099',
			title: 'Street style portrait',
			keywords: ['street style', 'portrait', 'fashion'],
			project: 'Launch 2027',
			purchasedAt: '2026-09-22T14:10:00.000Z',
			releaseDetails: null,
			terms: [wireTerm({ is_editorial_use: null })],
		}),
		[binary('1', 'shutterstock_2301120099.png', png('#374151', '#fde68a', 80115))],
	);
	return purchases;
}

module.exports = { seedPurchases, fixture, wireTerm, FIXTURE_PATH };
