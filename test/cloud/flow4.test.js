'use strict';
// Cloud edition 4 (workflows/cloud/04-review-loop-drafts-and-finals.json) in real n8n with only the
// Smint.io package: every assertion of the self-hosted test (test/e2e/flow4.test.js) on both
// emulators' state: drafts to review, approval to finals (tag and move through HTTP Request),
// foreign review assets left alone, reruns that change nothing, a revised draft back to review.
// Run: npm run build && npx jest test/cloud/flow4.test.js --runInBand

jest.mock('../e2e/flows/flow4', () => require('./run-self-hosted-suite').cloudFlow('flow4'));
jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());

const { useFlowStack } = require('../e2e/flows/common');

// First call: starts the Cloud stack for the whole file (the self-hosted suite's call returns it).
useFlowStack();

describe('Cloud edition', () => {
	require('../e2e/flow4.test.js');
});
