// THE table of every Smint.io name this package calls: Portals methods, paths, CLAPI-C paths,
// search filter ids and change types. Each carries its tag (see the contract,
// ../../../../shared/specs/smintio-contract.md, and API-COVERAGE.md beside the node):
// - public:  taken from Smint.io's public material.
// - modeled: our choice in the same protocol and naming style; Smint.io has not published
//            it. A tenant whose names differ needs a change here only (or the Custom Method
//            operation, which calls any Interface.method).
// Nothing else in nodes/ spells a [modeled] name.

export type ApiTag = 'public' | 'modeled';

export interface PortalsMethod {
	interface: string;
	method: string;
	tag: ApiTag;
	/**
	 * Marked long-running by the contract (only getAssetsAsync). Documentation only: the client
	 * polls whatever task comes back unfinished, for any method.
	 */
	longRunning: boolean;
}

const method = (iface: string, name: string, tag: ApiTag, longRunning = false): PortalsMethod => ({
	interface: iface,
	method: name,
	tag,
	longRunning,
});

/** Portals Frontend API methods, called through POST …/portalsContext/{interface}/execute/{method}. */
export const PORTALS_METHODS = {
	searchAssets: method('IAssetsSearch', 'searchAssetsAsync', 'public'),
	getAsset: method('IAssetsRead', 'getAssetAsync', 'public'),
	getAssets: method('IAssetsRead', 'getAssetsAsync', 'public', true),
	getDownloadGroups: method('IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', 'public'),
	initiateDownload: method('IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', 'public'),
	searchCollections: method('ICollectionsSearch', 'searchCollectionsAsync', 'public'),
	createAsset: method('IAssetsWrite', 'createAssetAsync', 'modeled'),
	updateAsset: method('IAssetsWrite', 'updateAssetAsync', 'modeled'),
	replaceAssetBinary: method('IAssetsWrite', 'replaceAssetBinaryAsync', 'modeled'),
	getChanges: method('IAssetsChanges', 'getChangesAsync', 'modeled'),
	getCollection: method('ICollectionsRead', 'getCollectionAsync', 'modeled'),
	createCollection: method('ICollectionsWrite', 'createCollectionAsync', 'modeled'),
	addAssetsToCollection: method('ICollectionsWrite', 'addAssetsToCollectionAsync', 'modeled'),
	removeAssetsFromCollection: method('ICollectionsWrite', 'removeAssetsFromCollectionAsync', 'modeled'),
} as const satisfies Record<string, PortalsMethod>;

export type PortalsMethodName = keyof typeof PORTALS_METHODS;

/** Portals Frontend API paths, relative to the Portals base URL (…/frontend/v1). All public. */
export const PORTALS_PATHS = {
	execute: (portalUuid: string, iface: string, name: string) =>
		`/portals/${encodeURIComponent(portalUuid)}/portalsContext/${encodeURIComponent(iface)}/execute/${encodeURIComponent(name)}`,
	backgroundTask: (uuid: string) => `/backgroundTasks/${encodeURIComponent(uuid)}`,
	uploadFile: (portalUuid: string) => `/portals/${encodeURIComponent(portalUuid)}/portalsContext/uploadFile`,
};

/** Multipart field name of the uploaded file. [modeled: the docs say multipart/form-data only] */
export const UPLOAD_FILE_FIELD = 'file';

/**
 * CLAPI-C paths relative to the CLAPI-C base URL (…/consumer/v1). The operations and field names
 * are public; the paths and the query spelling are [modeled] (Smint.io has not published them).
 */
export const CLAPI_PATHS = {
	licensePurchaseTransactions: '/sync/license-purchase-transactions',
	binaries: (cartPurchaseTransactionUuid: string, licensePurchaseTransactionUuid: string) =>
		`/sync/cart-purchase-transactions/${encodeURIComponent(cartPurchaseTransactionUuid)}/license-purchase-transactions/${encodeURIComponent(licensePurchaseTransactionUuid)}/binaries`,
	genericMetadata: '/sync/generic-metadata',
};

export const CLAPI_QUERY = {
	continuation: 'continuation_uuid',
	limit: 'limit',
};

/** Largest `limit` the feed accepts per page. [modeled: HCore's paging maximum] */
export const CLAPI_MAX_LIMIT = 50;

/**
 * Filter ids for `currentFilters.values[].id` of searchAssetsAsync. The filter-value shape is
 * public; real filter ids are adapter-specific, these are [modeled].
 */
export const SEARCH_FILTER_IDS = {
	contentType: 'contentType',
	approvalState: 'approvalState',
	collectionId: 'collectionId',
	externalId: 'externalId',
	modifiedSince: 'modifiedSince',
} as const;

/** Largest page of searchAssetsAsync / searchCollectionsAsync. [modeled] */
export const SEARCH_MAX_PAGE_SIZE = 100;

/** Change types of IAssetsChanges.getChangesAsync. [modeled on the public data-adapter feed] */
export const CHANGE_TYPES = {
	assetCreated: 'AssetCreated',
	assetUpdated: 'AssetUpdated',
	assetApproved: 'AssetApproved',
	assetDeleted: 'AssetDeleted',
	collectionUpdated: 'CollectionUpdated',
} as const;

/** Largest page of getChangesAsync. [modeled] */
export const CHANGES_MAX_PAGE_SIZE = 1000;

/** Error codes the node reacts to (public shape, HCore's codes). */
export const ERROR_CODES = {
	notFound: 'not_found',
	conflict: 'optimistic_lock_violated',
} as const;
