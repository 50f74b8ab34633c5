'use strict';
// The route table: "namespace/route" (as in the URL after /2/) -> definition.
// A definition: { style: 'rpc' | 'upload' | 'download', auth?: 'noauth', scope, voidArg?,
// handler(ctx), writeConflict?() (the route's too_many_write_operations error union) }.

const modules = [
	require('./users'),
	require('./files-metadata'),
	require('./files-list'),
	require('./files-upload'),
	require('./upload-session'),
	require('./files-download'),
	require('./files-search'),
	require('./files-revisions'),
	require('./tags'),
	require('./properties'),
	require('./sharing-links'),
	require('./sharing-folders'),
];

/** @type {Record<string, { style: string, auth?: string, scope: string | null, voidArg?: boolean, handler: Function, writeConflict?: Function }>} */
const ROUTES = {};
for (const module of modules) {
	for (const [name, definition] of Object.entries(module.routes)) {
		if (ROUTES[name]) throw new Error(`route ${name} defined twice`);
		ROUTES[name] = definition;
	}
}

module.exports = { ROUTES };
