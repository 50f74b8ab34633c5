'use strict';
// Cloud edition 8 (workflows/cloud/08-archive-campaign-finals.json) in real n8n with only the
// Smint.io package: every assertion of the self-hosted test (test/e2e/flow8.test.js) on both
// emulators' state, reruns included.
// Run: npm run build && npx jest test/cloud/flow8.test.js --runInBand

jest.mock('../e2e/flows/flow8', () => require('./run-self-hosted-suite').cloudFlow('flow8'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack } = require('../e2e/flows/common');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow8.test.js');
});
