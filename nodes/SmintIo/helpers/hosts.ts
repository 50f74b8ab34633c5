// Base URLs of the three Smint.io roles, derived from the tenant unless the credential
// overrides them (white-label domains, the sandbox). Pure: used by the credential's
// expressions' twin in the node and by tests.

export interface SmintIoHosts {
	identityBaseUrl: string;
	portalsBaseUrl: string;
	clapiBaseUrl: string;
}

export interface HostInput {
	tenantId?: unknown;
	identityBaseUrl?: unknown;
	portalsBaseUrl?: unknown;
	clapiBaseUrl?: unknown;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function override(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? trimSlash(value.trim()) : null;
}

/** Throws a plain Error naming the missing field; the transport turns it into a node error. */
export function deriveHosts(input: HostInput): SmintIoHosts {
	const tenant = typeof input.tenantId === 'string' ? input.tenantId.trim() : '';
	const derived = (make: (tenantId: string) => string, field: string): string => {
		if (tenant === '') {
			throw new Error(`The credential needs a Tenant ID (or a ${field})`);
		}
		return make(tenant);
	};
	return {
		identityBaseUrl: override(input.identityBaseUrl) ?? derived((t) => `https://${t}.smint.io`, 'Identity Base URL'),
		portalsBaseUrl:
			override(input.portalsBaseUrl) ??
			derived((t) => `https://${t}.portalsapife.smint.io/frontend/v1`, 'Portals API Base URL'),
		clapiBaseUrl:
			override(input.clapiBaseUrl) ?? derived((t) => `https://${t}.clapi.smint.io/consumer/v1`, 'CLAPI-C Base URL'),
	};
}
