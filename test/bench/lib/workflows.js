'use strict';
// Small workflows the benchmarks run in n8n, built in code (each is a person's obvious build:
// a Manual Trigger and the nodes doing the transfer). Node types are the ones n8n 2.41.1 ships.

const crypto = require('node:crypto');
const { CREDENTIAL_NAMES } = require('../../../sandbox/stack');
const { CORE_CREDENTIAL_NAMES } = require('./stack');

const ourDropbox = (name = CREDENTIAL_NAMES.dropbox) => ({ dropboxSyncOAuth2Api: { id: '', name } });
const ourSmintio = () => ({ smintIoOAuth2Api: { id: '', name: CREDENTIAL_NAMES.smintio } });
const coreDropbox = () => ({ dropboxApi: { id: '', name: CORE_CREDENTIAL_NAMES.dropbox } });

/** A linear workflow: Manual Trigger → nodes[0] → nodes[1] → ... */
function chain(name, nodes) {
	const all = [{ name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }, ...nodes].map((node, index) => ({
		id: crypto.randomUUID(),
		position: [index * 240, 0],
		...node,
	}));
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

const smintioDownload = (assetId) => ({
	name: 'Download from Smint.io',
	type: 'n8n-nodes-smintio.smintIo',
	typeVersion: 1,
	credentials: ourSmintio(),
	parameters: { resource: 'asset', operation: 'download', asset: { __rl: true, mode: 'id', value: assetId }, binaryPropertyName: 'data', options: {} },
});

const dropboxUpload = (folder, fileName, options = {}) => ({
	name: 'Upload to Dropbox',
	type: 'n8n-nodes-dropbox-sync.dropboxSync',
	typeVersion: 1,
	credentials: ourDropbox(),
	parameters: {
		authentication: 'oAuth2', resource: 'file', operation: 'upload', binaryPropertyName: 'data',
		folder: { __rl: true, mode: 'path', value: folder }, fileName, writeMode: 'overwrite', options,
	},
});

const dropboxDownload = (path) => ({
	name: 'Download from Dropbox',
	type: 'n8n-nodes-dropbox-sync.dropboxSync',
	typeVersion: 1,
	credentials: ourDropbox(),
	parameters: { authentication: 'oAuth2', resource: 'file', operation: 'download', file: { __rl: true, mode: 'path', value: path }, binaryPropertyName: 'data', options: {} },
});

const smintioUpload = (name) => ({
	name: 'Upload to Smint.io',
	type: 'n8n-nodes-smintio.smintIo',
	typeVersion: 1,
	credentials: ourSmintio(),
	parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data', name, externalId: '', additionalFields: {}, options: {} },
});

// "File at URL": the upload node streams the file from a pre-signed link that the node before it
// makes, so the bytes never pass through n8n's binary-data store.
const smintioDownloadLink = (assetId) => ({
	name: 'Link from Smint.io',
	type: 'n8n-nodes-smintio.smintIo',
	typeVersion: 1,
	credentials: ourSmintio(),
	parameters: { resource: 'asset', operation: 'getDownloadLink', asset: { __rl: true, mode: 'id', value: assetId }, options: {} },
});

const dropboxUploadFromUrl = (folder, fileName, options = {}) => ({
	...dropboxUpload(folder, fileName, options),
	parameters: { ...dropboxUpload(folder, fileName, options).parameters, source: 'url', sourceUrl: '={{ $json.downloadLink.url }}' },
});

const dropboxTemporaryLink = (path) => ({
	name: 'Link from Dropbox',
	type: 'n8n-nodes-dropbox-sync.dropboxSync',
	typeVersion: 1,
	credentials: ourDropbox(),
	parameters: { authentication: 'oAuth2', resource: 'file', operation: 'getTemporaryLink', file: { __rl: true, mode: 'path', value: path }, options: {} },
});

const smintioUploadFromUrl = (name) => ({
	...smintioUpload(name),
	parameters: { ...smintioUpload(name).parameters, source: 'url', sourceUrl: '={{ $json.link }}' },
});

/**
 * The two nodes of one big-file transfer after the Manual Trigger. route 'binary': a download
 * node, then an upload node (through n8n's binary data); 'url': a link node, then the upload
 * node with File From URL. `to`: 'dropbox' (Smint.io asset → folder/name) or 'smintio' (Dropbox
 * sourcePath → asset name). Node names are the same on both routes ("Upload to …").
 */
function transferNodes(route, to, { assetId, sourcePath, folder = '/Bench', name, options = {} }) {
	const url = route === 'url';
	if (to === 'dropbox') return url ? [smintioDownloadLink(assetId), dropboxUploadFromUrl(folder, name, options)] : [smintioDownload(assetId), dropboxUpload(folder, name, options)];
	return url ? [dropboxTemporaryLink(sourcePath), smintioUploadFromUrl(name)] : [dropboxDownload(sourcePath), smintioUpload(name)];
}

const coreDropboxDownload = (path) => ({
	name: 'Dropbox (core) download',
	type: 'n8n-nodes-base.dropbox',
	typeVersion: 1,
	credentials: coreDropbox(),
	parameters: { authentication: 'accessToken', resource: 'file', operation: 'download', path, binaryPropertyName: 'data' },
});

const coreDropboxUpload = (path) => ({
	name: 'Dropbox (core) upload',
	type: 'n8n-nodes-base.dropbox',
	typeVersion: 1,
	credentials: coreDropbox(),
	parameters: { authentication: 'accessToken', resource: 'file', operation: 'upload', path, binaryData: true, binaryPropertyName: 'data' },
});

const coreDropboxList = (path) => ({
	name: 'Dropbox (core) list folder',
	type: 'n8n-nodes-base.dropbox',
	typeVersion: 1,
	credentials: coreDropbox(),
	parameters: { authentication: 'accessToken', resource: 'folder', operation: 'list', path, returnAll: true, filters: { recursive: true } },
});

module.exports = {
	chain, smintioDownload, dropboxUpload, dropboxDownload, smintioUpload,
	smintioDownloadLink, dropboxUploadFromUrl, dropboxTemporaryLink, smintioUploadFromUrl, transferNodes,
	coreDropboxDownload, coreDropboxUpload, coreDropboxList, ourDropbox, ourSmintio, coreDropbox,
};
