'use strict';
// Cloud edition 4: n8n's Dropbox node lists the drafts folder with its subfolders (Finals,
// Published); "Drafts only" keeps the files the self-hosted "List drafts" returns.
const { cloudEdition, selfHostedFlow } = require('./edition');

module.exports = cloudEdition(selfHostedFlow('flow4'), { nodeAliases: { 'List drafts': 'Drafts only' } });
