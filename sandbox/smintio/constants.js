'use strict';
// Fixed identities of the sandbox tenant and the path prefixes of the three roles. The paths
// are the real ones ([public] for identity and Portals, [modeled] for the CLAPI-C sync paths,
// whose real spelling is not public), so a node needs nothing but a base URL to use them.

const TENANT = 'northwind';
const PORTAL_UUID = '7c3f9a52-4d1e-4b8a-9f2e-6a1d0c5e8b47';
/** First segment of asset ids: the data-adapter instance ("99:image:…" in the public docs). */
const ADAPTER_ID = '99';

const SCOPES_SUPPORTED = ['smintio.portals.frontend', 'smintio.full', 'openid', 'profile', 'offline_access'];
const DEFAULT_SCOPE = SCOPES_SUPPORTED.join(' ');
/** Client-credentials tokens carry no user, so no OIDC scopes and no refresh token. */
const CLIENT_CREDENTIALS_SCOPE = 'smintio.portals.frontend smintio.full';

/** Scope each API family requires on the Bearer token. */
const REQUIRED_SCOPE = {
	portals: 'smintio.portals.frontend',
	clapi: 'smintio.full',
};

const CLIENTS = [
	// Confidential client: authorization code (+PKCE optional), refresh, client credentials.
	{ clientId: 'n8n-smintio-sandbox', clientSecret: 'northwind-sandbox-secret', public: false },
	// Public client: authorization code with mandatory PKCE, no secret.
	{ clientId: 'n8n-smintio-sandbox-public', clientSecret: undefined, public: true },
];

/** The user every sandbox authorization signs in as. */
const SANDBOX_USER = {
	sub: 'b999a063-2025-40ae-8a0b-0a1e5e7a1e55',
	name: 'Alex Example',
	email: 'alex@northwind.example',
};

const PATHS = {
	discovery: '/.well-known/openid-configuration',
	authorize: '/connect/authorize',
	authorizeDecision: '/connect/authorize/decision',
	token: '/connect/token',
	revocation: '/connect/revocation',
	userinfo: '/connect/userinfo',
	portals: '/frontend/v1',
	clapi: '/consumer/v1',
	// Pre-signed downloads (served without Authorization); the path is the emulator's own.
	files: '/files',
};

const APPROVAL_STATES = ['draft', 'in_review', 'approved', 'rejected', 'archived'];
const CONTENT_TYPES = ['image', 'document', 'video', 'audio', 'other', 'composite'];

module.exports = {
	TENANT,
	PORTAL_UUID,
	ADAPTER_ID,
	SCOPES_SUPPORTED,
	DEFAULT_SCOPE,
	CLIENT_CREDENTIALS_SCOPE,
	REQUIRED_SCOPE,
	CLIENTS,
	SANDBOX_USER,
	PATHS,
	APPROVAL_STATES,
	CONTENT_TYPES,
};
