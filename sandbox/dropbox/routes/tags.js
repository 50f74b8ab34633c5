'use strict';
// files/tags/add, remove, get: user tags on files and folders (lowercased, [\w]+, at most 20).

const { RouteError, BadInputError, tag } = require('../errors');
const { lookupAs } = require('./common');

const MAX_TAGS = 20;

function readTag(args) {
	const text = args.string('tag_text', { required: true, minLength: 1, maxLength: 32 });
	if (!/^[\w]+$/.test(text)) throw new BadInputError(`${args.where}: tag_text: '${text}' did not match pattern '[\\w]+'`);
	return text.toLowerCase();
}

function addTag(ctx) {
	const { args, db } = ctx;
	const path = args.path('path', 'tagPath');
	const text = readTag(args);
	const { node } = lookupAs(ctx, path, 'path');
	const tags = node.tags || [];
	if (tags.includes(text)) return null;
	if (tags.length >= MAX_TAGS) throw new RouteError(tag('too_many_tags'));
	// Tags are metadata on the side: they do not show up as a change to list_folder cursors.
	db.write(() => db.tree.touch({ ...node, tags: [...tags, text] }));
	return null;
}

function removeTag(ctx) {
	const { args, db } = ctx;
	const path = args.path('path', 'tagPath');
	const text = readTag(args);
	const { node } = lookupAs(ctx, path, 'path');
	const tags = node.tags || [];
	if (!tags.includes(text)) throw new RouteError(tag('tag_not_present'));
	db.write(() => db.tree.touch({ ...node, tags: tags.filter((t) => t !== text) }));
	return null;
}

function getTags(ctx) {
	const paths = ctx.args.list('paths', { required: true });
	return {
		paths_to_tags: paths.map((path) => {
			if (typeof path !== 'string' || !path.startsWith('/')) {
				throw new BadInputError(`${ctx.args.where}: paths: '${path}' did not match pattern '/(.|[\\r\\n])*'`);
			}
			const { node } = lookupAs(ctx, path, 'path');
			return { path, tags: (node.tags || []).map((text) => ({ '.tag': 'user_generated_tag', tag_text: text })) };
		}),
	};
}

const routes = {
	'files/tags/add': { style: 'rpc', scope: 'files.metadata.write', handler: addTag },
	'files/tags/remove': { style: 'rpc', scope: 'files.metadata.write', handler: removeTag },
	'files/tags/get': { style: 'rpc', scope: 'files.metadata.read', handler: getTags },
};

module.exports = { routes };
