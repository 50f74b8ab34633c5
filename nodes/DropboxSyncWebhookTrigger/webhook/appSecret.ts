// The Dropbox app secret that signs notifications, read from the node's credential (never logged).
import { NodeOperationError } from 'n8n-workflow';

import type { DropboxContext } from '../../DropboxSync/transport/connection';
import { credentialTypeFor } from '../../DropboxSync/transport/connection';

export async function appSecretOf(ctx: DropboxContext): Promise<string> {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') === 'accessToken' ? 'accessToken' : 'oAuth2';
	const credentials = await ctx.getCredentials(credentialTypeFor(authentication));
	// For Dropbox the OAuth2 client secret is the app secret.
	const secret = String((authentication === 'oAuth2' ? credentials.clientSecret : credentials.appSecret) ?? '').trim();
	if (secret === '') {
		throw new NodeOperationError(ctx.getNode(), 'The credential has no app secret to check Dropbox signatures with', {
			description:
				authentication === 'oAuth2'
					? 'Fill in the Client Secret of the Dropbox Sync OAuth2 API credential (the App secret on the Settings tab of your Dropbox app).'
					: 'Fill in the App Secret field of the Dropbox Sync API credential (the App secret on the Settings tab of your Dropbox app).',
		});
	}
	return secret;
}
