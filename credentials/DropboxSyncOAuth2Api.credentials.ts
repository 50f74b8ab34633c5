import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { apiBaseUrlProperty, credentialTestBaseUrl, rootProperty } from './DropboxSyncApi.credentials';

/**
 * The scopes the Dropbox Sync nodes need, and no more. Enable exactly these on the Permissions
 * tab of the Dropbox app before connecting.
 */
const SCOPES = [
	'account_info.read',
	'files.metadata.read',
	'files.metadata.write',
	'files.content.read',
	'files.content.write',
	'sharing.read',
	'sharing.write',
];

export class DropboxSyncOAuth2Api implements ICredentialType {
	name = 'dropboxSyncOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Dropbox Sync OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/DropboxSync/dropboxSync.svg',
		dark: 'file:../nodes/DropboxSync/dropboxSync.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-smintio/n8n-nodes-smintio#connect-a-real-dropbox';

	properties: INodeProperties[] = [
		{
			displayName: `Create a Dropbox app (App Console, "Scoped access", "Full Dropbox"), add the OAuth Redirect URL shown below, and enable these permissions: ${SCOPES.join(', ')}. The credential asks for offline access, so n8n refreshes the 4-hour access tokens itself.`,
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{ $self["apiBaseUrl"] ? $self["apiBaseUrl"].trim().replace(/\\/+$/, "") + "/oauth2/authorize" : "https://www.dropbox.com/oauth2/authorize" }}',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{ $self["apiBaseUrl"] ? $self["apiBaseUrl"].trim().replace(/\\/+$/, "") + "/oauth2/token" : "https://api.dropboxapi.com/oauth2/token" }}',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: SCOPES.join(' '),
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			// offline: Dropbox then issues a refresh token next to the short-lived access token.
			default: 'token_access_type=offline',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		rootProperty,
		apiBaseUrlProperty,
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: credentialTestBaseUrl,
			url: '/2/users/get_current_account',
			method: 'POST',
		},
	};
}
