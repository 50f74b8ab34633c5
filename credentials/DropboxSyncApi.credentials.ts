import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** Home folder or team space: shared by both Dropbox Sync credentials. */
export const rootProperty: INodeProperties = {
	displayName: 'Root',
	name: 'root',
	type: 'options',
	options: [
		{
			name: 'Home Folder',
			value: 'home',
			description: "Paths start in the connected user's own Dropbox",
		},
		{
			name: 'Team Space',
			value: 'team',
			description:
				"Paths start at the team's root, so team folders are reachable (Dropbox Business accounts with a team space)",
		},
	],
	default: 'home',
	description: 'Where paths such as "/Campaigns" start',
};

/** The one place that knows a sandbox or proxy may stand in for Dropbox. */
export const apiBaseUrlProperty: INodeProperties = {
	displayName: 'API Base URL (Advanced)',
	name: 'apiBaseUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. http://127.0.0.1:8790',
	description:
		"Leave empty to talk to Dropbox. Set it to send every call (API, content, notify and OAuth) to one other server instead, such as this package's Dropbox sandbox or a proxy.",
};

/** Base URL of the credential test: Dropbox's API host unless a base URL is set. */
export const credentialTestBaseUrl =
	'={{ $credentials.apiBaseUrl ? $credentials.apiBaseUrl.trim().replace(/\\/+$/, "") : "https://api.dropboxapi.com" }}';

export class DropboxSyncApi implements ICredentialType {
	name = 'dropboxSyncApi';

	displayName = 'Dropbox Sync API';

	icon: Icon = {
		light: 'file:../nodes/DropboxSync/dropboxSync.svg',
		dark: 'file:../nodes/DropboxSync/dropboxSync.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-smintio/n8n-nodes-smintio#connect-a-real-dropbox';

	properties: INodeProperties[] = [
		{
			displayName:
				'An access token from the Dropbox App Console ("Generate" on the Settings tab) lasts 4 hours: good for trying things out. For workflows that run unattended, use the Dropbox Sync OAuth2 API credential.',
			name: 'usageNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Dropbox Sync Webhook Trigger: the App secret from the Settings tab of your Dropbox app, which Dropbox signs webhook notifications with',
		},
		rootProperty,
		apiBaseUrlProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: credentialTestBaseUrl,
			url: '/2/users/get_current_account',
			method: 'POST',
		},
	};
}
