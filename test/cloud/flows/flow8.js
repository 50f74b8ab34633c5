'use strict';
// Cloud edition 8: n8n's Dropbox node lists folders with the files; "Final files only" keeps the
// finals the self-hosted "List finals" returns.
const { cloudEdition, selfHostedFlow } = require('./edition');

module.exports = cloudEdition(selfHostedFlow('flow8'), { nodeAliases: { 'List finals': 'Final files only' } });
