// The Smint.io credential of a node run: which n8n context may use it, and the hosts and portal
// it names. Read once per node run (see readConnection); tokens stay n8n's business per request.
import type {
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { deriveHosts } from '../helpers/hosts';
import type { SmintIoHosts } from '../helpers/hosts';

export const CREDENTIAL_TYPE = 'smintIoOAuth2Api';

export type SmintIoContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export type RequestHelpers = Pick<RequestHelperFunctions, 'httpRequest' | 'httpRequestWithAuthentication' | 'refreshOAuth2Token'>;

/** n8n's request helpers of any of the contexts (they all have them). */
export function requestHelpers(ctx: SmintIoContext): RequestHelpers {
	return ctx.helpers as unknown as RequestHelpers;
}

/** The context as n8n's helpers expect it for `this`. */
export function callContext(ctx: SmintIoContext): IAllExecuteFunctions {
	return ctx as unknown as IAllExecuteFunctions;
}

export interface SmintIoConnection {
	hosts: SmintIoHosts;
	/** The chosen portal, else the credential's; '' when neither is set. */
	portalUuid: string;
}

const CREDENTIALS_OF_RUN = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

export async function readConnection(ctx: SmintIoContext, itemIndex: number | undefined, portalUuid: string | undefined): Promise<SmintIoConnection> {
	// Read once per node run: n8n decrypts the credential and resolves its expressions on every
	// read, which costs more than the request itself in a run over thousands of items. Only the
	// hosts and the portal are taken from it; the tokens are n8n's business per request.
	let pending = CREDENTIALS_OF_RUN.get(ctx);
	if (!pending) {
		pending = itemIndex === undefined ? ctx.getCredentials(CREDENTIAL_TYPE) : (ctx as IExecuteFunctions).getCredentials(CREDENTIAL_TYPE, itemIndex);
		CREDENTIALS_OF_RUN.set(ctx, pending);
		pending.catch(() => CREDENTIALS_OF_RUN.delete(ctx));
	}
	const credentials = await pending;
	let hosts: SmintIoHosts;
	try {
		hosts = deriveHosts(credentials);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			itemIndex,
			description: 'Open the Smint.io credential and fill in the Tenant ID (or the three base URLs).',
		});
	}
	return { hosts, portalUuid: (portalUuid ?? '').trim() || String(credentials.portalUuid ?? '').trim() };
}
