'use strict';
// CommitInfo (files/upload's argument and upload_session/finish's `commit`).

const { RouteError, nested } = require('../errors');
const { writeMode } = require('../args');
const { PropertyFailure } = require('../model/properties');

/** @param {import('../args').Args} args */
function readCommitInfo(args) {
	return {
		path: args.path('path', 'writePathOrId'),
		mode: writeMode(args),
		autorename: args.boolean('autorename'),
		clientModified: args.timestamp('client_modified'),
		mute: args.boolean('mute'),
		propertyGroups: args.list('property_groups'),
		strictConflict: args.boolean('strict_conflict'),
	};
}

/** Validates commit.property_groups; failures are the route's `properties_error`. */
function checkPropertyGroups(ctx, commit) {
	if (!commit.propertyGroups) return;
	try {
		commit.propertyGroups = ctx.db.properties.validateGroups(commit.propertyGroups);
	} catch (error) {
		if (error instanceof PropertyFailure) throw new RouteError(nested('properties_error', error.error));
		throw error;
	}
}

module.exports = { readCommitInfo, checkPropertyGroups };
