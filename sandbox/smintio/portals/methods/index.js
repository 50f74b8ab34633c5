'use strict';
// The method table: Interface → method → { tag, longRunning, precondition?, check?, run }.
// `tag` says whether the name is [public] (Smint.io's documentation) or [modeled] (our choice
// in the same naming style); the README's API coverage table lists the same. `longRunning`
// is what the contract marks (only IAssetsRead.getAssetsAsync); which methods the emulator
// actually runs as long-running background tasks is the config `longRunningMethods`
// (default: the marked ones), so tests can make any method long-running to cover polling.

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

/** "Interface.method" of every method the contract marks long-running. */
function defaultLongRunningMethods() {
	return Object.entries(INTERFACES).flatMap(([iface, methods]) =>
		Object.entries(methods)
			.filter(([, spec]) => spec.longRunning)
			.map(([method]) => `${iface}.${method}`),
	);
}

/**
 * Validates a `longRunningMethods` setting: an array of "Interface.method" names of served
 * methods (undefined/null: the default). Throws an Error naming the bad entry.
 * @returns {string[]}
 */
function resolveLongRunningMethods(value) {
	if (value === undefined || value === null) return defaultLongRunningMethods();
	if (!Array.isArray(value)) throw new Error('longRunningMethods must be an array of "Interface.method" names');
	const names = [];
	for (const entry of value) {
		const name = typeof entry === 'string' ? entry.trim() : '';
		const [iface, method, extra] = name.split('.');
		if (extra !== undefined || !iface || !method || !findMethod(iface, method)) {
			throw new Error(`longRunningMethods: "${String(entry)}" is not a served Portals method (write it as Interface.method, e.g. IAssetsWrite.createAssetAsync)`);
		}
		if (!names.includes(name)) names.push(name);
	}
	return names;
}

/**
 * [{interface, method, tag, longRunning}] for the README and the admin API; `longRunning` is
 * what this emulator does (the `longRunningMethods` given, or the contract's marks).
 * @param {string[]} [longRunningMethods]
 */
function methodTable(longRunningMethods = defaultLongRunningMethods()) {
	return Object.entries(INTERFACES).flatMap(([iface, methods]) =>
		Object.entries(methods).map(([method, spec]) => ({
			interface: iface,
			method,
			tag: spec.tag,
			longRunning: longRunningMethods.includes(`${iface}.${method}`),
		})),
	);
}

module.exports = { findInterface, findMethod, methodTable, defaultLongRunningMethods, resolveLongRunningMethods };
