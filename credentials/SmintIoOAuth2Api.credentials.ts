// Smint.io OAuth2: one credential for the identity server (tokens), the Portals Frontend API
// and CLAPI-C. Hosts are derived from the tenant ([public] defaults) and each can be
// overridden (white-label domains, the sandbox). The grant is authorization code with refresh
// tokens (default) or client credentials (if the tenant issues such clients).
import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Expressions: an override when set, else the tenant's default host; no trailing slash.
const identityUrl = '($self["identityBaseUrl"] || ("https://" + $self["tenantId"] + ".smint.io")).replace(/\\/+$/, "")';
const USER_SCOPES = 'smintio.portals.frontend smintio.full openid profile offline_access';
// Client-credentials tokens carry no user: no OpenID scopes, no refresh token.
const CLIENT_SCOPES = 'smintio.portals.frontend smintio.full';

export class SmintIoOAuth2Api implements ICredentialType {
	name = 'smintIoOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Smint.io OAuth2 API';

	icon: Icon = { light: 'file:../nodes/SmintIo/smintIo.svg', dark: 'file:../nodes/SmintIo/smintIo.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-smintio/n8n-nodes-smintio#connect-a-real-smintio-tenant';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. northwind',
			description: 'Your Smint.io tenant, the first part of https://{tenant}.smint.io',
		},
		{
			displayName: 'Portal UUID',
			name: 'portalUuid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 7c3f9a52-4d1e-4b8a-9f2e-6a1d0c5e8b47',
			description: 'The portal the nodes work in (Smint.io shows it in the portal settings)',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'Sign in as a Smint.io user; n8n keeps a refresh token',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'A machine client, if your tenant issues one',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Identity Base URL',
			name: 'identityBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://{tenant}.smint.io',
			description: 'Leave empty for https://{tenant}.smint.io. Set it for white-label domains or the sandbox.',
		},
		{
			displayName: 'Portals API Base URL',
			name: 'portalsBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://{tenant}.portalsapife.smint.io/frontend/v1',
			description: 'Leave empty for https://{tenant}.portalsapife.smint.io/frontend/v1',
		},
		{
			displayName: 'CLAPI-C Base URL',
			name: 'clapiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://{tenant}.clapi.smint.io/consumer/v1',
			description: 'Leave empty for https://{tenant}.clapi.smint.io/consumer/v1',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{${identityUrl}}}/connect/authorize`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{${identityUrl}}}/connect/token`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{$self["grantType"] === "clientCredentials" ? "${CLIENT_SCOPES}" : "${USER_SCOPES}"}}`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Smint.io's clients send client_id and client_secret in the token request body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	// A cheap Portals call: fails with 401 for a bad token and 404 for a wrong portal.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{($credentials.portalsBaseUrl || ("https://" + $credentials.tenantId + ".portalsapife.smint.io/frontend/v1")).replace(/\\/+$/, "")}}',
			url: '=/portals/{{$credentials.portalUuid}}/portalsContext/ICollectionsSearch/execute/searchCollectionsAsync',
			method: 'POST',
			body: ['{"page":0,"pageSize":1}'],
			json: true,
		},
	};
}
