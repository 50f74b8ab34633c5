'use strict';

// The n8n modules the harness talks to, resolved the way n8n-core resolves them.
// n8n-core ships its own nested copies of @n8n/di and @n8n/backend-common (newer than the
// top-level ones). The DI container is a module singleton, so services must be registered in
// the copy n8n-core itself uses; require('@n8n/di') from here would get a different container.
// n8n-core and n8n-workflow are required normally: there is one copy of each. (Requiring
// n8n-core through createRequire crashes jest's module registry, so don't.)

const { createRequire } = require('node:module');

const coreRequire = createRequire(require.resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di');
const { Logger } = coreRequire('@n8n/backend-common');
const core = require('n8n-core');
const n8nWorkflow = require('n8n-workflow');

module.exports = { Container, Logger, core, n8nWorkflow };
