'use strict';
// Cloud edition 7: the same node names as the self-hosted template where the assertions look.
// Its prepare runs template 2 (test/e2e/flows/flow2.js by file name), which on the Cloud stack is
// Cloud edition 2.
const { cloudEdition, selfHostedFlow } = require('./edition');

module.exports = cloudEdition(selfHostedFlow('flow7'), { nodeAliases: { 'List copies': 'Files only' } });
