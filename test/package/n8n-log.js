'use strict';
// Reads n8n 2.41's log (`<time> | <level> | <message> {json}`, a message may span lines) and
// finds what concerns a community package: n8n's own "Loaded all credentials and nodes from
// <package>" line, and every warning or error that n8n printed. n8n logs some node-loading
// failures without the package's name (`logger.error(error.message)` in
// LoadNodesAndCredentials.loadNodesFromNodeModules), so warnings and errors are not filtered by
// name: each one must be on the short list below of messages about the sandbox itself, and even
// those may not mention the package.

const ENTRY_START = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) \| (\w+)\s*\| ?(.*)$/;

/** Warnings n8n 2.41.1 prints on every start of the sandbox, unrelated to community packages. */
const SANDBOX_WARNINGS = [
	// First boot of a fresh user folder.
	/^Migrations in progress, please do NOT stop the process\./,
	// No Python virtual environment on the machine; the Code node's Python mode is not used.
	/^Failed to start Python task runner in internal mode\./,
	// The internal task-runner mode and the compression-node defaults the sandbox keeps.
	/^\s*There are deprecations related to your n8n setup/,
];

/**
 * @typedef {{ time: string, level: string, message: string }} LogEntry
 * @param {string} text @returns {LogEntry[]}
 */
function parseLog(text) {
	/** @type {LogEntry[]} */
	const entries = [];
	for (const line of text.split('\n')) {
		const start = ENTRY_START.exec(line);
		if (start) entries.push({ time: start[1], level: start[2], message: start[3] });
		else if (entries.length > 0) entries[entries.length - 1].message += `\n${line}`;
	}
	return entries;
}

/**
 * @param {LogEntry[]} entries @param {string[]} names the package name and its node, credential
 *   and class names
 * @returns {LogEntry[]} warnings and errors that are not known sandbox noise, plus any entry of any
 *   level that names the package together with a failure word
 */
function packageProblems(entries, names) {
	const mentions = (/** @type {string} */ message) => names.some((name) => message.includes(name));
	return entries.filter((entry) => {
		if (entry.level === 'warn' || entry.level === 'error') {
			return mentions(entry.message) || !SANDBOX_WARNINGS.some((known) => known.test(entry.message));
		}
		return mentions(entry.message) && /fail|error|unknown|unrecognized|could not|cannot|invalid|skipp/i.test(entry.message);
	});
}

/**
 * n8n's own account of what it loaded from a package (logged at debug level):
 * `Loaded all credentials and nodes from <name> {"credentials":N,"nodes":M,...}`.
 * @param {LogEntry[]} entries @param {string} packageName
 * @returns {{ credentials: number, nodes: number } | undefined}
 */
function loadedCounts(entries, packageName) {
	const prefix = `Loaded all credentials and nodes from ${packageName} `;
	const entry = entries.find((e) => e.message.startsWith(prefix));
	if (!entry) return undefined;
	const details = JSON.parse(entry.message.slice(prefix.length));
	return { credentials: details.credentials, nodes: details.nodes };
}

module.exports = { parseLog, packageProblems, loadedCounts, SANDBOX_WARNINGS };
