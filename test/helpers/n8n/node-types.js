'use strict';

// The node-type registry n8n-core asks for node classes (CLI: packages/cli/src/node-types.ts).

const { n8nWorkflow } = require('./core');

const instantiate = (classOrInstance) => (typeof classOrInstance === 'function' ? new classOrInstance() : classOrInstance);

class HarnessNodeTypes {
	/** @param {Record<string, unknown>} nodeTypes type name -> node class or instance */
	constructor(nodeTypes) {
		this.types = {};
		for (const [typeName, classOrInstance] of Object.entries(nodeTypes)) {
			this.types[typeName] = instantiate(classOrInstance);
		}
	}

	getByName(typeName) {
		const nodeType = this.types[typeName];
		if (!nodeType) {
			throw new Error(`Harness: unknown node type "${typeName}". Register it in createHarness({ nodeTypes }).`);
		}
		return nodeType;
	}

	/** A VersionedNodeType resolves to the class of the asked version, as in n8n. */
	getByNameAndVersion(typeName, version) {
		return n8nWorkflow.NodeHelpers.getVersionedNodeType(this.getByName(typeName), version);
	}

	getKnownTypes() {
		return {};
	}

	/** The version a new node gets when none is given (the editor's choice: defaultVersion, else the highest). */
	defaultVersion(typeName) {
		const nodeType = this.getByName(typeName);
		if ('nodeVersions' in nodeType) return nodeType.currentVersion;
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}
}

module.exports = { HarnessNodeTypes, instantiate };
