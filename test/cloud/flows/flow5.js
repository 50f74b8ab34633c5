'use strict';
// Cloud edition 5: n8n's Dropbox node lists folders and files together; Filters keep the folders
// ("Folders only") and the files of each channel ("Files of the channel").
const { cloudEdition, selfHostedFlow } = require('./edition');

module.exports = cloudEdition(selfHostedFlow('flow5'), { nodeAliases: { 'List files of the channel': 'Files of the channel' } });
