'use strict';
// A Cloud edition's flow module: the self-hosted flow module (test/e2e/flows/flowN.js, same
// template file name, same prepare/run/report and so the same assertions), run on the Cloud
// stack where that file name is the Cloud edition. Steps the Cloud edition names differently
// are mapped for itemsOf/nodeRan through `execution.nodeAliases` (test/e2e/flows/common.js).

const path = require('node:path');

/**
 * @param {any} selfHosted the self-hosted flow module
 * @param {{ nodeAliases?: Record<string, string> }} [options] self-hosted node name → Cloud edition node name
 */
function cloudEdition(selfHosted, { nodeAliases = {} } = {}) {
	const withAliases = (execution) => Object.assign(execution, { nodeAliases });
	return {
		...selfHosted,
		title: `${selfHosted.title} (Cloud)`,
		nodeAliases,
		async run(ctx, options) {
			return withAliases(await selfHosted.run(ctx, options));
		},
		async report(ctx, execution) {
			return await selfHosted.report(ctx, withAliases(execution));
		},
	};
}

/**
 * The self-hosted flow module test/e2e/flows/<name>.js itself: under jest the Cloud test file has
 * replaced that module by the Cloud edition (test/cloud/run-self-hosted-suite.js), so take the real one.
 * @param {string} name e.g. "flow1"
 */
function selfHostedFlow(name) {
	const file = path.join(__dirname, '..', '..', 'e2e', 'flows', `${name}.js`);
	return typeof jest === 'undefined' ? require(file) : jest.requireActual(file);
}

module.exports = { cloudEdition, selfHostedFlow };
