'use strict';
// Runs a self-hosted e2e test file (test/e2e/flowN.test.js) against the Cloud edition of its
// template: inside the calling jest test file, the self-hosted flow module is replaced by its
// Cloud edition (test/cloud/flows/flowN.js) and useFlowStack starts the Cloud stack
// (test/cloud/stack.js: only the Smint.io package besides n8n's core nodes). Every assertion of
// the self-hosted test then runs unchanged on both emulators' state. The test file calls
// useFlowStack() once at its top level (that call registers the start/stop hooks for the whole
// file); later calls (the self-hosted suite's, inside its describe) return the same context.
//
// Use at the top of test/cloud/flowN.test.js, before anything requires the e2e modules:
//   jest.mock('../e2e/flows/flowN', () => require('./run-self-hosted-suite').cloudFlow('flowN'));
//   jest.mock('../e2e/flows/common', () => require('./run-self-hosted-suite').cloudCommon());
//   require('../e2e/flowN.test.js');

/** The Cloud flow module standing in for test/e2e/flows/<name>.js. @param {string} name */
function cloudFlow(name) {
	return require(`./flows/${name}`);
}

/** test/e2e/flows/common.js with useFlowStack starting (once per test file) the Cloud stack. */
function cloudCommon() {
	const actual = jest.requireActual('../e2e/flows/common');
	const { startCloudStack } = require('./stack');
	/** @type {any} */
	let shared = null;
	return {
		...actual,
		useFlowStack(options = {}) {
			if (!shared) shared = actual.useFlowStack({ ...options, startStack: startCloudStack });
			return shared;
		},
	};
}

module.exports = { cloudFlow, cloudCommon };
