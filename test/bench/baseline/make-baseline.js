'use strict';
// Writes flow1-core-nodes.json: flow 1 (approved Dropbox files → Smint.io assets) built the way
// a person would build it from n8n's CORE nodes only: the Dropbox node (list, download) and
// HTTP Request nodes speaking the Smint.io Portals protocol (search by externalId, uploadFile
// multipart, execute createAssetAsync, poll the background task with a Wait/If loop).
// Run: node test/bench/baseline/make-baseline.js (the JSON is committed; this is its source).

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const uuid = (seed) => {
	const h = crypto.createHash('sha1').update(`flow1-core:${seed}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const S = "$('Settings').first().json";
const P = "$('Prepare').item.json";
const portalUrl = `{{ ${S}.portalsBaseUrl }}/portals/{{ ${S}.portalUuid }}/portalsContext`;
const smintioAuth = { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' };
const smintioCredentials = { httpHeaderAuth: { id: '', name: 'Smint.io bearer token (HTTP Request)' } };
const dropboxCredentials = { dropboxApi: { id: '', name: 'Dropbox (core node)' } };

const nodes = [
	{ name: 'About', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position: [-260, -260], parameters: { width: 560, height: 220,
		content: '## Flow 1 built from n8n core nodes (benchmark baseline)\nDropbox node lists the source folder (recursive, all), a Filter keeps files below Approved folders, HTTP Request nodes speak the Smint.io Portals protocol: search by External ID (skip what is catalogued with the same content hash), uploadFile (multipart), createAssetAsync, then poll the background task every second (Wait + If loop).\n\nThe core Dropbox node has its hosts hard-coded; the benchmark points them at the emulator through a local TLS front (see test/bench/README.md).' } },
	{ name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	{ name: 'Settings', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220, 0], parameters: {
		mode: 'manual', includeOtherFields: false, options: {},
		assignments: { assignments: [
			{ id: uuid('s1'), name: 'sourceFolder', value: '/Alex Example/Campaigns', type: 'string' },
			{ id: uuid('s2'), name: 'approvedFolderName', value: 'Approved', type: 'string' },
			{ id: uuid('s3'), name: 'approvalState', value: 'approved', type: 'string' },
			{ id: uuid('s4'), name: 'portalsBaseUrl', value: 'https://northwind.portalsapife.smint.io/frontend/v1', type: 'string' },
			{ id: uuid('s5'), name: 'portalUuid', value: '7c3f9a52-4d1e-4b8a-9f2e-6a1d0c5e8b47', type: 'string' },
			{ id: uuid('s6'), name: 'rightsDefaults', type: 'object', value: JSON.stringify({
				licenseType: 'royalty_free', copyrightNotice: '© 2026 Northwind Marketing',
				releaseDetails: { modelReleaseState: 'released', propertyReleaseState: 'no_release_required' },
				licenseTerms: [{ name: 'Campaign use (agency delivery)', allowedUsages: ['digital_media_any', 'advertising_print_any'], allowedDistributions: ['channel_web', 'social_media_any', 'channel_print'], allowedGeographies: ['europe_any'], isEditorialUse: false }],
				isEditorialUse: false,
			}) },
		] },
	} },
	{ name: 'List files', type: 'n8n-nodes-base.dropbox', typeVersion: 1, position: [440, 0], credentials: dropboxCredentials, parameters: {
		authentication: 'accessToken', resource: 'folder', operation: 'list', path: '={{ $json.sourceFolder }}', returnAll: true, filters: { recursive: true },
	} },
	{ name: 'Approved files', type: 'n8n-nodes-base.filter', typeVersion: 2.2, position: [660, 0], parameters: {
		conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, combinator: 'and', conditions: [
			{ id: uuid('f1'), leftValue: '={{ $json.type }}', rightValue: 'file', operator: { type: 'string', operation: 'equals' } },
			{ id: uuid('f2'), leftValue: '={{ $json.pathDisplay }}', rightValue: `=/{{ ${S}.approvedFolderName }}/`, operator: { type: 'string', operation: 'contains' } },
		] }, options: {},
	} },
	{ name: 'Prepare', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [880, 0], parameters: {
		mode: 'manual', includeOtherFields: true, include: 'all', options: {},
		assignments: { assignments: [
			{ id: uuid('p1'), name: 'externalId', value: "={{ 'dropbox:' + $json.id }}", type: 'string' },
			...['campaign', 'market', 'product', 'channel'].map((name, i) => ({
				id: uuid(`p${i + 2}`), name, type: 'string',
				value: `={{ $json.pathDisplay.slice(${S}.sourceFolder.length).split('/')[${i + 1}] || '' }}`,
			})),
		] },
	} },
	{ name: 'Find in Smint.io', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [1100, 0], credentials: smintioCredentials, parameters: {
		method: 'POST', url: `=${portalUrl}/IAssetsSearch/execute/searchAssetsAsync`, ...smintioAuth,
		sendBody: true, specifyBody: 'json',
		jsonBody: "={{ JSON.stringify([JSON.stringify({ queryString: '', page: 0, pageSize: 20, currentFilters: { values: [{ id: 'externalId', dataType: 'string_array', stringArrayValue: [$json.externalId] }] } })]) }}",
		options: {},
	} },
	{ name: 'New or changed', type: 'n8n-nodes-base.filter', typeVersion: 2.2, position: [1320, 0], parameters: {
		conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, combinator: 'and', conditions: [
			{ id: uuid('n1'), operator: { type: 'boolean', operation: 'false', singleValue: true }, rightValue: '',
				leftValue: `={{ JSON.parse($json.result_string || '{}').assetDataObjects?.some(a => a.externalId === ${P}.externalId && a.metadata?.dropboxContentHash === ${P}.contentHash) ?? false }}` },
		] }, options: {},
	} },
	{ name: 'Download from Dropbox', type: 'n8n-nodes-base.dropbox', typeVersion: 1, position: [1540, 0], credentials: dropboxCredentials, parameters: {
		authentication: 'accessToken', resource: 'file', operation: 'download', path: `={{ ${P}.pathDisplay }}`, binaryPropertyName: 'data',
	} },
	{ name: 'Upload file', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [1760, 0], credentials: smintioCredentials, parameters: {
		method: 'POST', url: `=${portalUrl}/uploadFile`, ...smintioAuth,
		sendBody: true, contentType: 'multipart-form-data',
		bodyParameters: { parameters: [{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' }] },
		options: {},
	} },
	{ name: 'Create asset', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [1980, 0], credentials: smintioCredentials, parameters: {
		method: 'POST', url: `=${portalUrl}/IAssetsWrite/execute/createAssetAsync`, ...smintioAuth,
		sendBody: true, specifyBody: 'json',
		jsonBody: `={{ JSON.stringify([JSON.stringify({ uploadedFileUuid: $json.uuid, name: ${P}.name, externalId: ${P}.externalId, approvalState: ${S}.approvalState, description: 'From Dropbox: ' + ${P}.pathDisplay, localizedTags: { en: [${P}.campaign, ${P}.market, ${P}.product, ${P}.channel].filter(Boolean).map(t => t.toLowerCase()) }, metadata: { campaign: ${P}.campaign, market: ${P}.market, product: ${P}.product, channel: ${P}.channel, source: 'dropbox', dropboxPath: ${P}.pathDisplay, dropboxContentHash: ${P}.contentHash, dropboxRev: ${P}.rev }, rights: ${S}.rightsDefaults })]) }}`,
		options: {},
	} },
	{ name: 'Wait 1 s', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [2200, 0], webhookId: uuid('wait'), parameters: { resume: 'timeInterval', amount: 1, unit: 'seconds' } },
	{ name: 'Task status', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [2420, 0], credentials: smintioCredentials, parameters: {
		method: 'GET', url: `={{ ${S}.portalsBaseUrl }}/backgroundTasks/{{ $json.uuid }}`, ...smintioAuth, options: {},
	} },
	{ name: 'Finished?', type: 'n8n-nodes-base.if', typeVersion: 2.2, position: [2640, 0], parameters: {
		conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, combinator: 'or', conditions: [
			{ id: uuid('d1'), leftValue: '={{ $json.state }}', rightValue: 'completed', operator: { type: 'string', operation: 'equals' } },
			{ id: uuid('d2'), leftValue: '={{ $json.state }}', rightValue: 'error', operator: { type: 'string', operation: 'equals' } },
		] }, options: {},
	} },
	{ name: 'Catalogued', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [2860, -100], parameters: {} },
].map((node) => ({ id: uuid(node.name), ...node }));

const link = (to) => ({ node: to, type: 'main', index: 0 });
const connections = {
	'Run now': { main: [[link('Settings')]] },
	Settings: { main: [[link('List files')]] },
	'List files': { main: [[link('Approved files')]] },
	'Approved files': { main: [[link('Prepare')]] },
	Prepare: { main: [[link('Find in Smint.io')]] },
	'Find in Smint.io': { main: [[link('New or changed')]] },
	'New or changed': { main: [[link('Download from Dropbox')]] },
	'Download from Dropbox': { main: [[link('Upload file')]] },
	'Upload file': { main: [[link('Create asset')]] },
	'Create asset': { main: [[link('Wait 1 s')]] },
	'Wait 1 s': { main: [[link('Task status')]] },
	'Task status': { main: [[link('Finished?')]] },
	'Finished?': { main: [[link('Catalogued')], [link('Wait 1 s')]] },
};

const workflow = {
	name: 'Benchmark baseline · Flow 1 with n8n core nodes (Dropbox node + HTTP Request)',
	nodes,
	connections,
	settings: { executionOrder: 'v1' },
};
fs.writeFileSync(path.join(__dirname, 'flow1-core-nodes.json'), `${JSON.stringify(workflow, null, '\t')}\n`);
console.log('wrote flow1-core-nodes.json');
