'use strict';
// Helpers routes share: turning lookup/write failures into a route's error union, rendering
// metadata for the request's root, and the property-group filter argument.

const { RouteError, LookupFailure, WriteFailure, nested, BadInputError } = require('../errors');
const { lookup } = require('../paths');
const { metadata, fileMetadata, folderMetadata } = require('../metadata');

/** Looks a path up; a failure becomes `{".tag": member, member: LookupError}`. */
function lookupAs(ctx, raw, member, options) {
	try {
		return lookup(ctx, raw, options);
	} catch (error) {
		if (error instanceof LookupFailure) throw new RouteError(nested(member, error.lookupError));
		throw error;
	}
}

/** Runs a write; a WriteFailure becomes `{".tag": member, member: WriteError}`. */
function writeAs(member, fn) {
	try {
		return fn();
	} catch (error) {
		if (error instanceof WriteFailure) throw new RouteError(nested(member, error.writeError));
		if (error instanceof LookupFailure) throw new RouteError(nested(member, error.lookupError));
		throw error;
	}
}

function renderMetadata(ctx, node, options = {}) {
	return metadata(ctx.db, node, { rootId: ctx.rootId, ...options });
}

function renderFile(ctx, node, options = {}) {
	return fileMetadata(ctx.db, node, { rootId: ctx.rootId, ...options });
}

function renderFolder(ctx, node, options = {}) {
	return folderMetadata(ctx.db, node, { rootId: ctx.rootId, ...options });
}

/** include_property_groups: TemplateFilterBase (filter_some: [template ids]). */
function propertyGroupFilter(args, name = 'include_property_groups') {
	const filter = args.union(name, ['filter_some', 'filter_none']);
	if (filter && filter['.tag'] === 'filter_some' && !Array.isArray(filter.filter_some)) {
		throw new BadInputError(`${args.where}: ${name}: filter_some must be a list of template ids`);
	}
	return filter;
}

module.exports = { lookupAs, writeAs, renderMetadata, renderFile, renderFolder, propertyGroupFilter };
