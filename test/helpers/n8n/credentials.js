'use strict';

// Credential types and the CredentialsHelper n8n-core calls for every authenticated request.
// n8n's own helper lives in the CLI (packages/cli/src/credentials-helper.ts), which is not a
// dependency; this one follows its code for what nodes can observe: `extends` resolution,
// defaults, credential expressions ($self, $credentials), generic `authenticate`,
// `preAuthentication` and OAuth2 token persistence. Left out, because the harness has none of
// them: credential overwrites, external secrets, dynamic (per-user) credentials, the domain
// allowlist around preAuthentication.

const { core, n8nWorkflow } = require('./core');
const { instantiate } = require('./node-types');

const { ICredentialsHelper, NodeHelpers, Workflow, isExpression } = n8nWorkflow;

const clone = (value) => (value === undefined ? undefined : structuredClone(value));

/**
 * n8n-nodes-base's `oAuth2Api` (the parent every OAuth2 credential `extends`); n8n-nodes-base is
 * not a dependency, so its fields that requestOAuth2/ClientOAuth2 read are restated here.
 * Source: n8n-io/n8n packages/nodes-base/credentials/OAuth2Api.credentials.ts.
 */
const OAUTH2_API = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	genericAuth: true,
	properties: [
		{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '', displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } } },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '', displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } } },
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{ displayName: 'Ignore SSL Issues (Insecure)', name: 'ignoreSSLIssues', type: 'boolean', default: false, doNotInherit: true },
		{ displayName: 'Token Expired Status Code', name: 'tokenExpiredStatusCode', type: 'number', default: 401, doNotInherit: true },
	],
};

/** OAuth endpoint/flow fields the CLI takes from the credential TYPE when the type pins them as hidden (CLI: MANAGED_OAUTH_PINNED_FIELDS). */
const OAUTH_PINNED_FIELDS = ['authUrl', 'accessTokenUrl', 'grantType', 'authentication', 'requestTokenUrl', 'signatureMethod'];

/** A node used only to evaluate credential expressions, as in the CLI's credentials helper. */
const MOCK_NODE = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const MOCK_NODE_TYPES = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
};

// ---------------------------------------------------------------------------------------------
// CredentialTypes (CLI: packages/cli/src/credential-types.ts).
// ---------------------------------------------------------------------------------------------
class HarnessCredentialTypes {
	constructor(credentialTypes) {
		this.types = { oAuth2Api: OAUTH2_API };
		for (const [key, classOrInstance] of Object.entries(credentialTypes)) {
			const type = instantiate(classOrInstance);
			this.types[type.name ?? key] = type;
		}
	}

	recognizes(typeName) {
		return typeName in this.types;
	}

	getByName(typeName) {
		const type = this.types[typeName];
		if (!type) {
			throw new Error(`Harness: unknown credential type "${typeName}". Register it in createHarness({ credentialTypes }).`);
		}
		return type;
	}

	getSupportedNodes() {
		return [];
	}

	/** All ancestors through `extends`, nearest first (CLI: CredentialTypes.getParentTypes). */
	getParentTypes(typeName) {
		const { extends: parents = [] } = this.getByName(typeName);
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}

// ---------------------------------------------------------------------------------------------
// CredentialsHelper (CLI: packages/cli/src/credentials-helper.ts). The credential "database" is
// a Map name -> { name, data }; updates made by n8n (OAuth2 refresh, preAuthentication) land
// there, which is what `harness.getCredentialData(name)` shows.
// ---------------------------------------------------------------------------------------------
class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, store, events) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = store;
		this.events = events;
	}

	entry(nodeCredentials, type) {
		const key = nodeCredentials?.id ?? nodeCredentials?.name;
		const entry = key === undefined ? undefined : this.store.get(key);
		if (!entry) {
			throw new Error(`Harness: no credential named "${key}" (type "${type}"). Pass it in createHarness({ credentials }).`);
		}
		return entry;
	}

	getParentTypes(typeName) {
		return this.credentialTypes.getParentTypes(typeName);
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const type = this.credentialTypes.getByName(credentialType);
		return !type.restrictToSupportedNodes || (type.supportedNodes ?? []).includes(nodeType);
	}

	/** Properties with `extends` resolved: parents first, the type's own properties win (CLI logic). */
	getCredentialsProperties(typeName) {
		const type = this.credentialTypes.getByName(typeName);
		if (type.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(typeName)) {
				return [
					...type.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return type.properties;
		}
		const combined = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	/** Applies the type's `authenticate`: a function, or generic header/qs/body/auth values with expressions. */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			if (!workflow || !node) throw new Error('Harness: workflow and node are required for generic authentication');
			requestOptions.headers = requestOptions.headers ?? {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue)) {
					const resolvedKey = this.resolveValue(key, credentials, workflow, node);
					const resolvedValue = this.resolveValue(value, credentials, workflow, node);
					requestOptions[outerKey] = requestOptions[outerKey] ?? {};
					requestOptions[outerKey][resolvedKey] = resolvedValue;
				}
			}
		}
		return requestOptions;
	}

	/** Evaluates `={{ $credentials.x }}` with the workflow's real expression engine. */
	resolveValue(value, credentials, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
		return resolved ? resolved.toString() : '';
	}

	/**
	 * Calls the type's `preAuthentication` when its expirable hidden property is empty or the
	 * request got the expiry status, then persists the result (CLI logic).
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.credentialTypes.getByName(typeName);
		const expirable = this.getCredentialsProperties(typeName).find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials) {
			const entry = this.entry(nodeCredentials, typeName);
			entry.data = { ...entry.data, ...clone(output) };
			this.events.push({ kind: 'preAuthentication', credential: entry.name, type: typeName });
		}
		return Object.assign(credentials, output);
	}

	/** Runs `preAuthentication` in memory on every OAuth2 request (no persistence), as the CLI does. */
	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) ?? undefined;
	}

	async getCredentials(nodeCredentials, type) {
		const entry = this.entry(nodeCredentials, type);
		return {
			id: entry.name,
			name: entry.name,
			type,
			getData: async () => clone(entry.data),
		};
	}

	/**
	 * Stored data (raw) or data with the type's defaults and expressions applied (CLI:
	 * getDecrypted + applyDefaultsAndOverwrites, minus overwrites/external secrets/dynamic
	 * credentials, which the harness has none of).
	 */
	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, expressionResolveValues) {
		const stored = clone(this.entry(nodeCredentials, type).data);
		if (raw === true) return stored;

		const properties = this.getCredentialsProperties(type);
		const data = { ...stored };
		for (const field of OAUTH_PINNED_FIELDS) {
			if (properties.some((property) => property.name === field && property.type === 'hidden')) delete data[field];
		}
		let decrypted = NodeHelpers.getNodeParameters(properties, data, true, false, null, null);
		if (stored.oauthTokenData !== undefined) decrypted.oauthTokenData = stored.oauthTokenData;

		const additionalKeys = core.getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			decrypted = expressionResolveValues.workflow.expression.getParameterValue(
				decrypted,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decrypted,
			);
		} else {
			// `$self` in a credential expression refers to the credential's own data (last argument).
			const workflow = new Workflow({ nodes: [MOCK_NODE], connections: {}, active: false, nodeTypes: MOCK_NODE_TYPES });
			decrypted = workflow.expression.getComplexParameterValue(MOCK_NODE, decrypted, mode, additionalKeys, undefined, undefined, decrypted);
		}
		return decrypted;
	}

	async updateCredentials(nodeCredentials, type, data) {
		const entry = this.entry(nodeCredentials, type);
		entry.data = clone(data);
		this.events.push({ kind: 'updateCredentials', credential: entry.name, type });
	}

	/** Called by n8n-core's requestOAuth2 after it fetched or refreshed a token. */
	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.entry(nodeCredentials, type);
		entry.data = { ...entry.data, oauthTokenData: clone(data.oauthTokenData) };
		this.events.push({ kind: 'oauthTokenData', credential: entry.name, type, oauthTokenData: clone(data.oauthTokenData) });
	}
}

module.exports = { HarnessCredentialTypes, HarnessCredentialsHelper, OAUTH2_API };
