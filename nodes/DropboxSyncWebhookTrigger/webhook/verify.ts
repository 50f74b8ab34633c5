// Whether a notification is signed with the app secret, reading the credential only when the
// secret kept from an earlier notification does not match (helpers/keptSecrets.ts explains why).
import type { IWebhookFunctions } from 'n8n-workflow';

import { credentialTypeFor } from '../../DropboxSync/transport/connection';
import { KeptSecrets } from '../helpers/keptSecrets';
import { isValidSignature, wellFormedSignature } from '../helpers/signature';
import { appSecretOf } from './appSecret';

const keptSecrets = new KeptSecrets();

/** One key per saved credential (its type and id); none for an unsaved one (never kept). */
function credentialKey(ctx: IWebhookFunctions): string | undefined {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') === 'accessToken' ? 'accessToken' : 'oAuth2';
	const type = credentialTypeFor(authentication);
	const id = ctx.getNode().credentials?.[type]?.id;
	return id ? `${type}:${id}` : undefined;
}

/** Throws (NodeOperationError) only when a well-formed signature meets a credential with no app secret. */
export async function isSignedNotification(ctx: IWebhookFunctions, rawBody: Buffer, signature: unknown): Promise<boolean> {
	// No or malformed signature: refused without reading the credential (no work for junk).
	if (wellFormedSignature(signature) === undefined) return false;
	const key = credentialKey(ctx);
	const kept = key === undefined ? undefined : keptSecrets.get(key, Date.now());
	if (kept !== undefined && isValidSignature(rawBody, signature, kept)) return true;
	const secret = await appSecretOf(ctx);
	if (key !== undefined) keptSecrets.set(key, secret, Date.now());
	return isValidSignature(rawBody, signature, secret);
}
