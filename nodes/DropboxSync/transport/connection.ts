// Which credential the node uses, the hosts it talks to, and the team-space Path-Root header.
// Resolved once per execution (per n8n context object), not per item.

import type { IExecuteFunctions, ILoadOptionsFunctions, IHookFunctions, IPollFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type DropboxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | ITriggerFunctions | IWebhookFunctions;

export type Authentication = 'oAuth2' | 'accessToken';

/** The credential type behind each choice of the node's Authentication parameter. */
export function credentialTypeFor(authentication: Authentication): string {
	return authentication === 'accessToken' ? 'dropboxSyncApi' : 'dropboxSyncOAuth2Api';
}

const DROPBOX_HOSTS = {
	api: 'https://api.dropboxapi.com',
	content: 'https://content.dropboxapi.com',
};

export interface DropboxConnection {
	credentialType: string;
	usesOAuth2: boolean;
	hosts: { api: string; content: string };
	root: 'home' | 'team';
	/** Set once the team root is known (team space only). */
	pathRoot?: Promise<string | undefined>;
}

const connections = new WeakMap<object, Promise<DropboxConnection>>();

function authenticationOf(ctx: DropboxContext): Authentication {
	let value: unknown;
	if ('getCurrentNodeParameter' in ctx && typeof ctx.getCurrentNodeParameter === 'function') {
		value = ctx.getCurrentNodeParameter('authentication');
	}
	if (value === undefined) {
		value = (ctx as IPollFunctions).getNodeParameter('authentication', 'oAuth2');
	}
	return value === 'accessToken' ? 'accessToken' : 'oAuth2';
}

async function connect(ctx: DropboxContext): Promise<DropboxConnection> {
	const authentication = authenticationOf(ctx);
	const credentialType = credentialTypeFor(authentication);
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = String(credentials.apiBaseUrl ?? '').trim().replace(/\/+$/, '');
	if (baseUrl !== '' && !/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), `The credential's API Base URL "${baseUrl}" is not a URL`, {
			description: 'Leave it empty to use Dropbox, or give a full URL such as http://127.0.0.1:8790.',
		});
	}
	return {
		credentialType,
		usesOAuth2: authentication === 'oAuth2',
		hosts: baseUrl === '' ? { ...DROPBOX_HOSTS } : { api: baseUrl, content: baseUrl },
		root: credentials.root === 'team' ? 'team' : 'home',
	};
}

/** The connection of this execution (cached on the n8n context). */
export async function getConnection(ctx: DropboxContext): Promise<DropboxConnection> {
	let connection = connections.get(ctx);
	if (!connection) {
		connection = connect(ctx);
		connections.set(ctx, connection);
		// A failed lookup (e.g. missing credential) must not be cached for the next call.
		connection.catch(() => connections.delete(ctx));
	}
	return await connection;
}
