'use strict';
// Cloud edition 6: the same node names as the self-hosted template where the assertions look.
const { cloudEdition, selfHostedFlow } = require('./edition');

module.exports = cloudEdition(selfHostedFlow('flow6'));
