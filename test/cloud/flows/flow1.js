'use strict';
// Cloud edition 1: the core Dropbox node lists the whole source folder and a Filter keeps the
// files in Approved folders (the Dropbox Sync node's path glob).
const { cloudEdition, selfHostedFlow } = require('./edition');

module.exports = cloudEdition(selfHostedFlow('flow1'), { nodeAliases: { 'List approved files': 'Approved files only' } });
