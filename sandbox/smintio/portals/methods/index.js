'use strict';
// The method table: Interface → method → { tag, longRunning, precondition?, check?, run }.
// `tag` says whether the name is [public] (Smint.io's documentation) or [modeled] (our choice
// in the same naming style); the README's API coverage table lists the same.

const INTERFACES = {
	IAssetsSearch: require('./IAssetsSearch'),
	IAssetsRead: require('./IAssetsRead'),
	IAssetsDownload: require('./IAssetsDownload'),
	IAssetsWrite: require('./IAssetsWrite'),
	IAssetsChanges: require('./IAssetsChanges'),
	ICollectionsSearch: require('./ICollectionsSearch'),
	ICollectionsRead: require('./ICollectionsRead'),
	ICollectionsWrite: require('./ICollectionsWrite'),
};

function findInterface(name) {
	return Object.prototype.hasOwnProperty.call(INTERFACES, name) ? INTERFACES[name] : null;
}

/** @returns {{ tag: string, longRunning: boolean, precondition?: Function, check?: Function, run: Function } | null} */
function findMethod(iface, method) {
	const methods = findInterface(iface);
	if (!methods || !Object.prototype.hasOwnProperty.call(methods, method)) return null;
	return methods[method];
}

/** [{interface, method, tag, longRunning}] for the README and the admin API. */
function methodTable() {
	return Object.entries(INTERFACES).flatMap(([iface, methods]) =>
		Object.entries(methods).map(([method, spec]) => ({ interface: iface, method, tag: spec.tag, longRunning: spec.longRunning })),
	);
}

module.exports = { findInterface, findMethod, methodTable };
