'use strict';
// Cloud edition 6 (workflows/cloud/06-partner-delivery.json) in real n8n with only the Smint.io
// package: every assertion of the self-hosted test (test/e2e/flow6.test.js) on both emulators'
// state: only cleared assets are copied, each with one shared link with expiry and password, a
// rerun creates no copy and no link.
// Run: npm run build && npx jest test/cloud/flow6.test.js --runInBand

jest.mock('../e2e/flows/flow6', () => require('./run-self-hosted-suite').cloudFlow('flow6'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack } = require('../e2e/flows/common');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow6.test.js');
});
