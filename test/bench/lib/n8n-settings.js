'use strict';
// n8n settings the big-file benchmark also runs with, to show how much of n8n's own footprint
// can be removed by configuration (n8n 2.41.1). Measured idle on this machine: default about
// 550 MB (main 430 + JS task runner 115); with these about 400 MB (main only).
// - N8N_RUNNERS_MODE=external: n8n does not launch its JS task runner child (only Code nodes
//   need it; none of the benchmark workflows has one). An auth token must be set in this mode.
// - N8N_DISABLED_MODULES: every default backend module except community-packages (which loads
//   this package) and the internal policy/encryption modules.
// - NODE_OPTIONS=--max-old-space-size=320: caps V8's old space; 192 MB made n8n die at boot.

const LEAN_DISABLED_MODULES = [
	'insights', 'external-secrets', 'data-table', 'oauth-server', 'mcp', 'provisioning', 'breaking-changes',
	'source-control', 'dynamic-credentials', 'chat-hub', 'sso-oidc', 'sso-saml', 'log-streaming', 'ldap',
	'quick-connect', 'workflow-builder', 'favorites', 'redaction', 'instance-registry', 'otel', 'token-exchange',
	'instance-version-history', 'oauth-jwe', 'n8n-packages', 'mcp-registry', 'workflow-reviews', 'instance-ai',
];

const LEAN_N8N_ENV = {
	N8N_RUNNERS_MODE: 'external',
	N8N_RUNNERS_AUTH_TOKEN: 'bench-no-external-runner-connects',
	N8N_DISABLED_MODULES: LEAN_DISABLED_MODULES.join(','),
	NODE_OPTIONS: '--max-old-space-size=320',
};

module.exports = { LEAN_N8N_ENV, LEAN_DISABLED_MODULES };
