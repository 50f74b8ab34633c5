'use strict';
// Cloud edition 7 (workflows/cloud/07-new-versions-replace-copies.json) in real n8n with only the
// Smint.io package: every assertion of the self-hosted test (test/e2e/flow7.test.js) on both
// emulators' state: the rev-checked replace through HTTP Request, the edited copy as a conflict,
// a copy edited during the run caught by the rev check, the rerun that changes nothing.
// Run: npm run build && npx jest test/cloud/flow7.test.js --runInBand

jest.mock('../e2e/flows/flow7', () => require('./run-self-hosted-suite').cloudFlow('flow7'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack } = require('../e2e/flows/common');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow7.test.js');
});
