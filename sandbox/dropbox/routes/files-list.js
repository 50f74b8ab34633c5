'use strict';
// files/list_folder, list_folder/continue, list_folder/get_latest_cursor, list_folder/longpoll.

const { RouteError, BadInputError, tag, nested, LookupFailure } = require('../errors');
const { encodeCursor, decodeCursor } = require('../model/cursor');
const { lookupAs, propertyGroupFilter } = require('./common');

const DEFAULT_LIMIT = 2000;

function listArguments(args) {
	const path = args.path('path', 'listPath');
	if (path === '/') {
		throw new BadInputError(`${args.where}: path: Specify the root folder as an empty string rather than as "/".`);
	}
	const options = {
		recursive: args.boolean('recursive'),
		includeDeleted: args.boolean('include_deleted'),
		hasExplicitMembers: args.boolean('include_has_explicit_shared_members'),
		includeMounted: args.boolean('include_mounted_folders', true),
		limit: args.integer('limit', { min: 1, max: 2000, defaultValue: DEFAULT_LIMIT }),
		propertyGroups: propertyGroupFilter(args),
	};
	args.boolean('include_media_info');
	args.boolean('include_non_downloadable_files', true);
	if (args.has('shared_link')) {
		// Not emulated (README, "Deviations"): say so plainly rather than answer wrongly.
		throw new BadInputError(`${args.where}: shared_link: listing a shared link's folder is not supported by the Dropbox emulator`);
	}
	return { path, options };
}

function folderFor(ctx, path) {
	const { node } = lookupAs(ctx, path, 'path');
	if (node.kind !== 'folder') throw new RouteError(nested('path', tag('not_folder')));
	return node;
}

function result(ctx, page) {
	return { entries: page.entries, cursor: encodeCursor(ctx.db, 'list_folder', page.state), has_more: page.hasMore };
}

function pageOr(ctx, state) {
	try {
		return ctx.db.listing.page(state);
	} catch (error) {
		if (error instanceof LookupFailure) throw new RouteError(nested('path', error.lookupError));
		throw error;
	}
}

function listFolder(ctx) {
	const { path, options } = listArguments(ctx.args);
	const folder = folderFor(ctx, path);
	return result(ctx, pageOr(ctx, ctx.db.listing.start(folder, ctx.rootId, options)));
}

function cursorState(ctx) {
	const state = decodeCursor(ctx.db, 'list_folder', ctx.args.string('cursor', { required: true, minLength: 1 }));
	if (!state) throw new RouteError(tag('reset'));
	return state;
}

function listFolderContinue(ctx) {
	return result(ctx, pageOr(ctx, cursorState(ctx)));
}

function getLatestCursor(ctx) {
	const { path, options } = listArguments(ctx.args);
	const folder = folderFor(ctx, path);
	const state = ctx.db.listing.start(folder, ctx.rootId, options, { atEnd: true });
	return { cursor: encodeCursor(ctx.db, 'list_folder', state) };
}

/**
 * Waits until the cursor would see a change or the timeout passes. Dropbox accepts 30-480 s;
 * `longpollMaxWaitSeconds` (an emulator option for tests) shortens the actual wait.
 */
async function longpoll(ctx) {
	const state = cursorState(ctx);
	const timeout = ctx.args.integer('timeout', { min: 30, max: 480, defaultValue: 30 });
	const { listing } = ctx.db;
	if (listing.hasChanges(state)) return { changes: true };
	const cap = ctx.emulator.options.longpollMaxWaitSeconds;
	const waitMs = (cap ? Math.min(cap, timeout) : timeout) * 1000;
	const changed = await new Promise((resolve) => {
		const waiter = {
			check: () => listing.hasChanges(state),
			resolve: (value) => {
				clearTimeout(timer);
				ctx.emulator.longpollWaiters.delete(waiter);
				ctx.req.socket.removeListener('close', onClose);
				resolve(value);
			},
		};
		const onClose = () => waiter.resolve(false);
		const timer = setTimeout(() => waiter.resolve(false), waitMs);
		ctx.emulator.longpollWaiters.add(waiter);
		ctx.req.socket.once('close', onClose);
	});
	return { changes: changed };
}

const routes = {
	'files/list_folder': { style: 'rpc', scope: 'files.metadata.read', handler: listFolder },
	'files/list_folder/continue': { style: 'rpc', scope: 'files.metadata.read', handler: listFolderContinue },
	'files/list_folder/get_latest_cursor': { style: 'rpc', scope: 'files.metadata.read', handler: getLatestCursor },
	'files/list_folder/longpoll': { style: 'rpc', auth: 'noauth', scope: 'files.metadata.read', handler: longpoll },
};

module.exports = { routes };
