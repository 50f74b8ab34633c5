'use strict';
// The CLAPI-C generic metadata the sandbox serves: for each of the 15 key lists, one
// LocalizedMetadataElement per (key, culture) in English and German. Keys follow the public
// vocabulary (provider keys, language_*, europe_any / europe_germany, …) and cover every key
// the seeded purchases use.

const LISTS = {
	providers: [
		['adobestock', 'Adobe Stock', 'Adobe Stock', 'https://stock.adobe.com'],
		['getty', 'Getty Images', 'Getty Images', 'https://www.gettyimages.com'],
		['istock', 'iStock', 'iStock', 'https://www.istockphoto.com'],
		['shutterstock', 'Shutterstock', 'Shutterstock', 'https://www.shutterstock.com'],
		['panthermedia', 'PantherMedia', 'PantherMedia', 'https://www.panthermedia.net'],
	],
	content_types: [
		['image', 'Image', 'Bild'],
		['video', 'Video', 'Video'],
		['audio', 'Audio', 'Audio'],
		['document', 'Document', 'Dokument'],
		['3d', '3D', '3D'],
		['template', 'Template', 'Vorlage'],
	],
	binary_types: [
		['standard', 'Standard', 'Standard'],
		['layout', 'Layout / comp', 'Layout'],
		['alternative', 'Alternative', 'Alternative'],
	],
	content_categories: [
		['creative', 'Creative', 'Kreativ'],
		['editorial', 'Editorial', 'Redaktionell'],
	],
	license_types: [
		['royalty_free', 'Royalty free', 'Lizenzfrei'],
		['rights_managed', 'Rights managed', 'Lizenzpflichtig'],
		['rights_ready', 'Rights ready', 'Rights Ready'],
		['all', 'All', 'Alle'],
	],
	release_states: [
		['all', 'All releases', 'Alle Freigaben'],
		['released', 'Released', 'Freigegeben'],
		['not_released', 'Not released', 'Nicht freigegeben'],
		['no_release_required', 'No release required', 'Keine Freigabe erforderlich'],
	],
	license_exclusivities: [
		['any', 'Any', 'Beliebig'],
		['exclusive_usage', 'Exclusive usage', 'Exklusive Nutzung'],
		['exclusive_geography', 'Exclusive geography', 'Exklusives Gebiet'],
		['exclusive_industry', 'Exclusive industry', 'Exklusive Branche'],
	],
	license_usages: [
		['any', 'Any usage', 'Jede Nutzung'],
		['advertising_any', 'Advertising (any)', 'Werbung (alle)'],
		['advertising_print_any', 'Print advertising (any)', 'Printwerbung (alle)'],
		['advertising_print_magazine_newspaper', 'Print ad: magazine / newspaper', 'Printanzeige: Zeitschrift / Zeitung'],
		['advertising_display_billboard', 'Billboard', 'Plakat'],
		['digital_media_any', 'Digital media (any)', 'Digitale Medien (alle)'],
		['digital_media_social_media', 'Social media', 'Soziale Medien'],
		['digital_media_digital_advertisement', 'Digital advertisement', 'Digitale Werbung'],
		['digital_media_corporate_promotional', 'Corporate website', 'Unternehmenswebsite'],
		['marketing_promotional_any', 'Marketing (any)', 'Marketing (alle)'],
		['publishing_editorial_any', 'Editorial publishing (any)', 'Redaktionelle Nutzung (alle)'],
		['internal_use_any', 'Internal use', 'Interne Nutzung'],
	],
	license_sizes: [
		['any', 'Any size', 'Jede Größe'],
		['size_small', 'Small', 'Klein'],
		['size_medium', 'Medium', 'Mittel'],
		['size_large', 'Large', 'Groß'],
		['page_full', 'Full page', 'Ganze Seite'],
	],
	license_placements: [
		['any', 'Any placement', 'Jede Platzierung'],
		['page_cover', 'Cover', 'Titelseite'],
		['page_inside', 'Inside page', 'Innenseite'],
		['placement_prominent', 'Prominent', 'Prominent'],
	],
	license_distributions: [
		['any', 'Any distribution', 'Jede Verbreitung'],
		['channel_web', 'Web', 'Web'],
		['channel_print', 'Print', 'Print'],
		['social_media_any', 'Social media (any)', 'Soziale Medien (alle)'],
		['media_digital', 'Digital media', 'Digitale Medien'],
		['media_print', 'Print media', 'Printmedien'],
	],
	license_geographies: [
		['any', 'Worldwide', 'Weltweit'],
		['europe_any', 'Europe (any)', 'Europa (alle)'],
		['europe_germany', 'Germany', 'Deutschland'],
		['europe_france', 'France', 'Frankreich'],
		['europe_austria', 'Austria', 'Österreich'],
		['north_america_any', 'North America (any)', 'Nordamerika (alle)'],
		['north_america_united_states', 'United States', 'Vereinigte Staaten'],
		['asia_any', 'Asia (any)', 'Asien (alle)'],
	],
	license_industries: [
		['any', 'Any industry', 'Jede Branche'],
		['industry_retail', 'Retail', 'Einzelhandel'],
		['industry_fashion', 'Fashion', 'Mode'],
		['industry_automotive', 'Automotive', 'Automobil'],
		['industry_pharma', 'Pharma', 'Pharma'],
	],
	license_languages: [
		['any', 'Any language', 'Jede Sprache'],
		['language_english', 'English', 'Englisch'],
		['language_german', 'German', 'Deutsch'],
		['language_french', 'French', 'Französisch'],
		['language_spanish', 'Spanish', 'Spanisch'],
	],
	license_usage_limits: [
		['quantity_up_to_1000_total_circulation', 'Up to 1,000 copies', 'Bis 1.000 Exemplare'],
		['quantity_up_to_100000_total_circulation', 'Up to 100,000 copies', 'Bis 100.000 Exemplare'],
		['copy_one_copy', 'One copy', 'Ein Exemplar'],
	],
};

/** SyncGenericMetadata: { providers: [ {culture, metadata_element:{key, name, url?}} ], … } */
function genericMetadata() {
	const result = {};
	for (const [list, entries] of Object.entries(LISTS)) {
		result[list] = [];
		for (const [key, en, de, url] of entries) {
			for (const [culture, name] of [
				['en', en],
				['de', de],
			]) {
				const element = { key, name };
				if (url) element.url = url;
				result[list].push({ culture, metadata_element: element });
			}
		}
	}
	return result;
}

module.exports = { genericMetadata, LISTS };
