'use strict';
// What a published community package must look like, checked on the unpacked tarball:
// only dist/**, package.json, README.md and LICENSE; no runtime dependencies; n8n-workflow as the
// only peer; every path of the `n8n` block present; every node and credential class loadable with
// nothing but n8n-workflow installed (as in an n8n instance); each node with its codex file and
// light and dark icons. Icon and codex lookups follow n8n-core 2.41's DirectoryLoader:
// the codex is `<node file>on` (X.node.js -> X.node.json), `file:` icons are relative to the file
// that declares them and must stay inside the package, the class name is the file name up to its
// first dot.

const fs = require('node:fs');
const { builtinModules } = require('node:module');
const path = require('node:path');

const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE'];
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];
const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'];

/**
 * @typedef {{ file: string, name?: string, displayName?: string, className: string, icons: string[],
 *   credentialTypes?: string[], codex?: { file: string, categories: string[], documentation: string[] } }} LoadedEntry
 * @typedef {{ findings: string[], manifest: any, nodes: LoadedEntry[], credentials: LoadedEntry[] }} CheckResult
 */

/**
 * @param {{ entries: string[], unpackedDir: string, hostModules: Record<string, string> }} input
 *   entries: tarball entries without the leading `package/`; unpackedDir: the tarball unpacked
 *   with --strip-components=1; hostModules: packages the n8n host provides (name -> folder),
 *   linked into the unpacked package's node_modules so its classes can be loaded
 * @returns {CheckResult}
 */
function checkPackedPackage({ entries, unpackedDir, hostModules }) {
	/** @type {string[]} */
	const findings = [];
	const entrySet = new Set(entries);

	for (const entry of entries) {
		if (!REQUIRED_FILES.includes(entry) && !entry.startsWith('dist/')) {
			findings.push(`tarball contains "${entry}": only dist/**, ${REQUIRED_FILES.join(', ')} may be published (check "files" in package.json)`);
		}
	}
	for (const required of REQUIRED_FILES) {
		if (!entrySet.has(required)) findings.push(`tarball lacks ${required}`);
	}
	if (!entries.some((entry) => entry.startsWith('dist/'))) findings.push('tarball has no dist/ files: was the package built?');
	if (!entrySet.has('package.json')) return { findings, manifest: null, nodes: [], credentials: [] };

	const manifest = JSON.parse(fs.readFileSync(path.join(unpackedDir, 'package.json'), 'utf8'));
	findings.push(...checkManifest(manifest));

	const n8n = manifest.n8n || {};
	const nodePaths = Array.isArray(n8n.nodes) ? n8n.nodes : [];
	const credentialPaths = Array.isArray(n8n.credentials) ? n8n.credentials : [];
	for (const [kind, list, suffix] of /** @type {const} */ ([
		['nodes', nodePaths, '.node.js'],
		['credentials', credentialPaths, '.credentials.js'],
	])) {
		for (const file of list) {
			if (typeof file !== 'string' || !file.startsWith('dist/')) findings.push(`n8n.${kind} entry ${JSON.stringify(file)} must start with "dist/"`);
			else if (!file.endsWith(suffix)) findings.push(`n8n.${kind} entry "${file}" should end with ${suffix}`);
			else if (!entrySet.has(file)) findings.push(`n8n.${kind} lists "${file}" but the tarball does not contain it`);
		}
	}

	findings.push(...checkRelativeRequires(unpackedDir));
	linkHostModules(unpackedDir, hostModules);
	const credentials = credentialPaths
		.filter((/** @type {string} */ file) => entrySet.has(file))
		.map((/** @type {string} */ file) => loadEntry(unpackedDir, file, 'credential', findings, entrySet))
		.filter(Boolean);
	const nodes = nodePaths
		.filter((/** @type {string} */ file) => entrySet.has(file))
		.map((/** @type {string} */ file) => loadEntry(unpackedDir, file, 'node', findings, entrySet))
		.filter(Boolean);

	checkNames(nodes, credentials, findings);
	checkCredentialReferences(nodes, credentials, findings);
	return {
		findings,
		manifest,
		nodes: /** @type {LoadedEntry[]} */ (nodes),
		credentials: /** @type {LoadedEntry[]} */ (credentials),
	};
}

/** @param {any} manifest @returns {string[]} */
function checkManifest(manifest) {
	const findings = [];
	for (const field of DEPENDENCY_FIELDS) {
		const value = manifest[field];
		const count = Array.isArray(value) ? value.length : Object.keys(value || {}).length;
		if (count > 0) findings.push(`package.json has ${field} (${JSON.stringify(value)}): a community package may have no runtime dependencies`);
	}
	const peers = manifest.peerDependencies || {};
	if (Object.keys(peers).join(',') !== 'n8n-workflow' || peers['n8n-workflow'] !== '*') {
		findings.push(`package.json peerDependencies must be exactly {"n8n-workflow":"*"}, found ${JSON.stringify(peers)}`);
	}
	for (const script of INSTALL_SCRIPTS) {
		if (manifest.scripts && manifest.scripts[script]) findings.push(`package.json has a "${script}" script: installs must not run code`);
	}
	const n8n = manifest.n8n;
	if (!n8n || typeof n8n !== 'object') {
		findings.push('package.json has no "n8n" block');
		return findings;
	}
	if (n8n.n8nNodesApiVersion !== 1) findings.push(`n8n.n8nNodesApiVersion must be 1, found ${JSON.stringify(n8n.n8nNodesApiVersion)}`);
	if (!Array.isArray(n8n.nodes) || n8n.nodes.length === 0) findings.push('n8n.nodes lists no nodes: the package would add nothing to n8n');
	if (n8n.credentials !== undefined && !Array.isArray(n8n.credentials)) findings.push('n8n.credentials must be an array');
	return findings;
}

/** Makes the host's packages (n8n-workflow) resolvable from the unpacked package, as in n8n. */
/** @param {string} unpackedDir @param {Record<string, string>} hostModules */
function linkHostModules(unpackedDir, hostModules) {
	for (const [name, dir] of Object.entries(hostModules)) {
		const link = path.join(unpackedDir, 'node_modules', name);
		fs.mkdirSync(path.dirname(link), { recursive: true });
		if (!fs.existsSync(link)) fs.symlinkSync(dir, link, 'dir');
	}
}

/**
 * Loads one class as n8n does (`new (require(file))[ClassName]()`), then checks its icons and,
 * for nodes, its codex file.
 * @param {string} unpackedDir @param {string} file @param {'node' | 'credential'} kind
 * @param {string[]} findings @param {Set<string>} entrySet @returns {LoadedEntry | null}
 */
function loadEntry(unpackedDir, file, kind, findings, entrySet) {
	const className = path.basename(file).split('.')[0];
	let instance;
	try {
		const exported = require(path.join(unpackedDir, file));
		if (typeof exported[className] !== 'function') {
			findings.push(`${file} does not export a class named ${className} (n8n takes the class name from the file name)`);
			return null;
		}
		instance = new exported[className]();
	} catch (error) {
		findings.push(`${file} does not load with only n8n-workflow installed: ${firstLine(error)}`);
		return null;
	}

	/** @type {LoadedEntry} */
	const entry = { file, className, icons: [] };
	if (kind === 'credential') {
		entry.name = instance.name;
		entry.displayName = instance.displayName;
		entry.icons = checkIcons(unpackedDir, file, [instance.icon], false, findings, entrySet);
		return entry;
	}

	// A VersionedNodeType keeps its descriptions per version; n8n reads icons from all of them.
	const descriptions = [instance.description];
	if (instance.nodeVersions) descriptions.push(...Object.values(instance.nodeVersions).map((/** @type {any} */ v) => v.description));
	entry.name = instance.description && instance.description.name;
	entry.displayName = instance.description && instance.description.displayName;
	if (!entry.name) {
		findings.push(`${file}: the node has no description.name`);
		return entry;
	}
	entry.icons = checkIcons(unpackedDir, file, descriptions.map((d) => d && d.icon), true, findings, entrySet);
	entry.codex = checkCodex(unpackedDir, file, findings, entrySet);
	entry.credentialTypes = [
		...new Set(descriptions.flatMap((d) => ((d && d.credentials) || []).map((/** @type {{ name: string }} */ c) => c.name))),
	];
	return entry;
}

/**
 * @param {string} unpackedDir @param {string} file the declaring file (icons are relative to it)
 * @param {unknown[]} icons the `icon` values found on the class or its descriptions
 * @param {boolean} required nodes must have light and dark SVG icons; credentials may omit icons
 * @param {string[]} findings @param {Set<string>} entrySet @returns {string[]} icon files, tarball-relative
 */
function checkIcons(unpackedDir, file, icons, required, findings, entrySet) {
	const present = icons.filter(Boolean);
	if (present.length === 0) {
		if (required) findings.push(`${file}: the node declares no icon (it needs light and dark SVG icons)`);
		return [];
	}
	/** @type {Set<string>} */
	const files = new Set();
	for (const icon of present) {
		if (typeof icon === 'string' || typeof icon !== 'object') {
			if (required) findings.push(`${file}: icon ${JSON.stringify(icon)} is a single icon; declare { light: 'file:….svg', dark: 'file:….dark.svg' }`);
			if (typeof icon === 'string' && icon.startsWith('file:')) files.add(resolveIcon(unpackedDir, file, icon, findings, entrySet));
			continue;
		}
		const { light, dark } = /** @type {{ light?: string, dark?: string }} */ (icon);
		if (typeof light !== 'string' || typeof dark !== 'string' || !light.startsWith('file:') || !dark.startsWith('file:')) {
			findings.push(`${file}: icon ${JSON.stringify(icon)} needs file: paths for both light and dark`);
			continue;
		}
		if (light === dark) findings.push(`${file}: light and dark icons are the same file (${light})`);
		files.add(resolveIcon(unpackedDir, file, light, findings, entrySet));
		files.add(resolveIcon(unpackedDir, file, dark, findings, entrySet));
	}
	return [...files].filter(Boolean);
}

/** @param {string} unpackedDir @param {string} file @param {string} icon @param {string[]} findings @param {Set<string>} entrySet */
function resolveIcon(unpackedDir, file, icon, findings, entrySet) {
	const relative = path.posix.normalize(path.posix.join(path.posix.dirname(file), icon.slice('file:'.length)));
	if (relative.startsWith('../') || path.posix.isAbsolute(relative)) {
		findings.push(`${file}: icon ${icon} points outside the package (n8n refuses it)`);
		return '';
	}
	if (!entrySet.has(relative)) {
		findings.push(`${file}: icon ${icon} -> ${relative} is not in the tarball (does the build copy it into dist?)`);
		return '';
	}
	if (relative.endsWith('.svg')) {
		const head = fs.readFileSync(path.join(unpackedDir, relative), 'utf8').slice(0, 4096);
		if (!/<svg[\s>]/.test(head)) findings.push(`${relative} is not an SVG image (no <svg> element at its start)`);
	} else if (!relative.endsWith('.png')) {
		findings.push(`${relative}: icons must be .svg (or .png)`);
	}
	return relative;
}

/** @param {string} unpackedDir @param {string} file @param {string[]} findings @param {Set<string>} entrySet */
function checkCodex(unpackedDir, file, findings, entrySet) {
	const codexFile = `${file}on`;
	if (!entrySet.has(codexFile)) {
		findings.push(`${file}: codex file ${codexFile} is missing (n8n loads the node without categories or docs links)`);
		return undefined;
	}
	let codex;
	try {
		codex = JSON.parse(fs.readFileSync(path.join(unpackedDir, codexFile), 'utf8'));
	} catch (error) {
		findings.push(`${codexFile} is not valid JSON: ${firstLine(error)}`);
		return undefined;
	}
	const categories = Array.isArray(codex.categories) ? codex.categories : [];
	if (categories.length === 0) findings.push(`${codexFile} has no categories`);
	const docs = ((codex.resources && codex.resources.primaryDocumentation) || []).map((/** @type {any} */ d) => d && d.url);
	if (docs.length === 0 || !docs.every((/** @type {unknown} */ url) => typeof url === 'string' && /^https:\/\//.test(url))) {
		findings.push(`${codexFile} needs resources.primaryDocumentation with https URLs`);
	}
	return { file: codexFile, categories, documentation: docs };
}

/** @param {Array<LoadedEntry | null>} nodes @param {Array<LoadedEntry | null>} credentials @param {string[]} findings */
function checkNames(nodes, credentials, findings) {
	for (const [kind, list] of /** @type {const} */ ([['node', nodes], ['credential', credentials]])) {
		/** @type {Map<string, string>} */
		const seen = new Map();
		for (const entry of list) {
			if (!entry || !entry.name) continue;
			const previous = seen.get(entry.name);
			if (previous) findings.push(`${kind} name "${entry.name}" is declared by both ${previous} and ${entry.file}`);
			seen.set(entry.name, entry.file);
		}
	}
}

/**
 * Nodes may only use credentials this package declares (n8n would show "credential type not
 * found"; the lint rule no-credential-reuse says the same for sources).
 * @param {Array<LoadedEntry | null>} nodes @param {Array<LoadedEntry | null>} credentials @param {string[]} findings
 */
function checkCredentialReferences(nodes, credentials, findings) {
	const declared = new Set(credentials.map((c) => c && c.name).filter(Boolean));
	for (const node of nodes) {
		for (const name of (node && node.credentialTypes) || []) {
			if (!declared.has(name)) findings.push(`${node && node.file} uses credential type "${name}", which n8n.credentials does not provide`);
		}
	}
}

/**
 * Build output without a source: `tsc` and the asset copy never delete, so a renamed or removed
 * source leaves its old .js (or icon) in dist/ and it would be published.
 * @param {string} sourceDir the package folder that was built @param {string[]} entries
 * @returns {string[]} findings
 */
function checkBuildOutputFresh(sourceDir, entries) {
	const findings = [];
	for (const entry of entries) {
		if (!entry.startsWith('dist/')) continue;
		const relative = entry.slice('dist/'.length);
		const stem = relative.replace(/(\.d\.ts|\.js\.map|\.js)$/, '');
		const candidates = stem === relative ? [relative] : [`${stem}.ts`, `${stem}.js`];
		if (!candidates.some((candidate) => fs.existsSync(path.join(sourceDir, candidate)))) {
			findings.push(`${entry} has no source (${candidates.join(' or ')}): stale build output, delete dist/ and build again`);
		}
	}
	return findings;
}

// tsc's CommonJS output: require("…") with a string literal (type-only imports are erased).
const REQUIRE_CALL = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;
const RESOLVE_SUFFIXES = ['', '.js', '.json', '/index.js'];

/**
 * Every `require` in the package's JavaScript must stay inside the package: relative ones must
 * resolve to a file of the package, and the only bare ones allowed are n8n-workflow (the peer
 * n8n provides) and Node's built-in modules. So a package never needs a file of another package
 * of this repository (or anything else n8n may not have installed).
 * @param {string} dir the package folder (a built package or an unpacked tarball)
 * @param {{ allowedBare?: string[] }} [options] allowedBare: bare module names besides Node's built-ins
 * @returns {string[]} findings
 */
function checkRelativeRequires(dir, options = {}) {
	const allowed = new Set([...(options.allowedBare || ['n8n-workflow']), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
	const findings = [];
	const files = fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
		.map((entry) => path.join(entry.parentPath, entry.name))
		.filter((file) => !path.relative(dir, file).split(path.sep).includes('node_modules'));
	for (const file of files) {
		const text = fs.readFileSync(file, 'utf8');
		const relativeFile = path.relative(dir, file).split(path.sep).join('/');
		for (const match of text.matchAll(REQUIRE_CALL)) {
			const request = match[2];
			if (!request.startsWith('.')) {
				if (!allowed.has(request)) findings.push(`${relativeFile} requires "${request}", which n8n does not provide to a community package`);
				continue;
			}
			const base = path.resolve(path.dirname(file), request);
			const resolved = RESOLVE_SUFFIXES.map((suffix) => base + suffix).find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
			const inside = resolved && !path.relative(dir, resolved).startsWith('..');
			if (!inside) findings.push(`${relativeFile} requires "${request}", which is not a file of this package`);
		}
	}
	return findings;
}

/** @param {unknown} error */
function firstLine(error) {
	return String(error instanceof Error ? error.message : error).split('\n')[0];
}

module.exports = { checkPackedPackage, checkManifest, checkBuildOutputFresh, checkRelativeRequires };
