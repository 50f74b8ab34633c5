// An explicit OAuth2 token refresh through n8n, for the one case n8n cannot see a 401 itself
// (a streamed upload reset before the answer). n8n single-flights and persists the new token.
import { CREDENTIAL_TYPE, callContext, requestHelpers } from './credentials';
import type { SmintIoContext } from './credentials';

export async function refreshSmintIoToken(ctx: SmintIoContext): Promise<void> {
	try {
		await requestHelpers(ctx).refreshOAuth2Token.call(callContext(ctx), CREDENTIAL_TYPE, { includeCredentialsOnRefreshOnBody: true });
	} catch (error) {
		// A failed refresh shows up as the next attempt's 401 with n8n's reconnect message.
		ctx.logger.warn(`Smint.io token refresh after a connection reset failed: ${(error as Error).message}`);
	}
}
