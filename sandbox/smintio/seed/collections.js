'use strict';
// Seeded collections of the Northwind portal (fixed ids, so templates and tests can name them).
// "Launch 2027" already has the child "Germany": ensuring "Launch 2027/Germany/Shoes/Social"
// creates only "Shoes" and "Social". "Partner Picks: Acme Retail" holds approved assets of
// which several are NOT cleared for the partner's use (see seed/assets.js).

const SEED_COLLECTIONS = [
	{
		key: 'brandBasics',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a01',
		name: 'Brand Basics',
		description: 'Logos, colours, type and brand photography for every campaign',
		parent: null,
		ownerEmail: 'brand@northwind.example',
		createdAt: '2026-05-04T08:00:00.000Z',
	},
	{
		key: 'launch',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a02',
		name: 'Launch 2027',
		description: 'Launch campaign 2027: Germany and France, shoes and bags',
		parent: null,
		ownerEmail: 'alex@northwind.example',
		createdAt: '2026-06-01T08:00:00.000Z',
	},
	{
		key: 'launchGermany',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a03',
		name: 'Germany',
		description: 'Launch 2027, market Germany',
		parent: 'launch',
		ownerEmail: 'alex@northwind.example',
		createdAt: '2026-06-01T08:05:00.000Z',
	},
	{
		key: 'summerSale',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a04',
		name: 'Summer Sale 2026',
		description: 'Summer sale 2026, Germany, apparel',
		parent: null,
		ownerEmail: 'jordan@northwind.example',
		createdAt: '2026-05-15T08:00:00.000Z',
	},
	{
		key: 'review',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a05',
		name: 'Review',
		description: 'Agency drafts waiting for brand review',
		parent: null,
		ownerEmail: 'brand@northwind.example',
		createdAt: '2026-06-10T08:00:00.000Z',
	},
	{
		key: 'archive',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a06',
		name: 'Campaign Archive',
		description: 'Finals of finished campaigns with their usage history',
		parent: null,
		ownerEmail: 'brand@northwind.example',
		createdAt: '2026-05-04T08:30:00.000Z',
	},
	{
		key: 'partnerAcme',
		collectionId: '5b1e0c6a-2f41-4c8e-9a57-0b7d3e1f2a07',
		name: 'Partner Picks: Acme Retail',
		description: 'Assets selected for delivery to Acme Retail (check the licence before sending)',
		parent: null,
		ownerEmail: 'alex@northwind.example',
		createdAt: '2026-09-01T08:00:00.000Z',
	},
];

const collectionIdOf = (key) => {
	const found = SEED_COLLECTIONS.find((collection) => collection.key === key);
	if (!found) throw new Error(`unknown seed collection ${key}`);
	return found.collectionId;
};

module.exports = { SEED_COLLECTIONS, collectionIdOf };
