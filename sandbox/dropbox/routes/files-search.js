'use strict';
// files/search_v2 and files/search/continue_v2. Matching is on names: every word of the query
// must start a word of the name (Dropbox's filename search behaves this way), or the whole
// query must occur in the name. The index is always current (Dropbox's lags a little).

const { RouteError, tag, nested } = require('../errors');
const { encodeCursor, decodeCursor } = require('../model/cursor');
const { lookupAs, renderMetadata } = require('./common');
const { deletedMetadata } = require('../metadata');

const CATEGORIES = {
	image: ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'svg', 'psd', 'raw', 'cr2', 'nef'],
	document: ['doc', 'docx', 'odt', 'rtf', 'txt', 'md', 'pages'],
	pdf: ['pdf'],
	spreadsheet: ['xls', 'xlsx', 'ods', 'csv', 'numbers'],
	presentation: ['ppt', 'pptx', 'odp', 'key'],
	audio: ['mp3', 'wav', 'aac', 'flac', 'm4a', 'ogg'],
	video: ['mp4', 'mov', 'avi', 'mkv', 'webm', 'm4v', 'wmv'],
};

function words(text) {
	return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function extensionOf(name) {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function categoryOf(node) {
	if (node.kind === 'folder') return 'folder';
	const ext = extensionOf(node.name);
	const found = Object.entries(CATEGORIES).find(([, list]) => list.includes(ext));
	return found ? found[0] : 'other';
}

function matches(node, query) {
	const name = node.name.toLowerCase();
	if (name.includes(query.toLowerCase())) return true;
	const nameWords = words(node.name);
	return words(query).every((word) => nameWords.some((candidate) => candidate.startsWith(word)));
}

function readOptions(ctx) {
	const { args } = ctx;
	const query = args.string('query', { required: true, maxLength: 1000 });
	const options = args.struct('options');
	const out = {
		query,
		path: '',
		maxResults: 100,
		orderBy: 'relevance',
		fileStatus: 'active',
		filenameOnly: false,
		extensions: null,
		categories: null,
	};
	if (options) {
		out.path = options.string('path', { pattern: 'listPath', defaultValue: '' });
		out.maxResults = options.integer('max_results', { min: 1, max: 1000, defaultValue: 100 });
		out.orderBy = options.union('order_by', ['relevance', 'last_modified_time'], { defaultTag: 'relevance' })['.tag'];
		out.fileStatus = options.union('file_status', ['active', 'deleted'], { defaultTag: 'active' })['.tag'];
		out.filenameOnly = options.boolean('filename_only');
		const extensions = options.list('file_extensions');
		if (extensions) out.extensions = extensions.map((ext) => String(ext).toLowerCase().replace(/^\./, ''));
		const categories = options.list('file_categories');
		if (categories) out.categories = categories.map((category) => (typeof category === 'string' ? category : category['.tag']));
		options.string('account_id');
	}
	const fieldOptions = args.struct('match_field_options');
	if (fieldOptions) out.highlights = fieldOptions.boolean('include_highlights');
	return out;
}

function search(ctx, options, offset) {
	const { db } = ctx;
	if (options.query.trim() === '') throw new RouteError({ '.tag': 'invalid_argument', invalid_argument: 'query must not be empty' });
	let scope;
	if (options.path) {
		const { node } = lookupAs(ctx, options.path, 'path');
		if (node.kind !== 'folder') throw new RouteError(nested('path', tag('not_folder')));
		scope = node;
	} else {
		scope = db.tree.node(ctx.rootId);
	}
	let candidates;
	if (options.fileStatus === 'deleted') {
		candidates = [];
		const collect = (folder) => {
			for (const dead of db.tree.deadChildren(folder.id)) candidates.push(dead);
			for (const child of db.tree.children(folder.id)) if (child.kind === 'folder') collect(child);
		};
		collect(scope);
	} else {
		candidates = db.tree.descendants(scope.id);
	}
	let found = candidates.filter((node) => matches(node, options.query));
	if (options.extensions) found = found.filter((node) => node.kind === 'file' && options.extensions.includes(extensionOf(node.name)));
	if (options.categories) found = found.filter((node) => options.categories.includes(categoryOf(node)));
	if (options.orderBy === 'last_modified_time') {
		const modified = (node) => (node.kind === 'file' ? db.tree.current(node).serverModified : '');
		found.sort((a, b) => (modified(a) < modified(b) ? 1 : modified(a) > modified(b) ? -1 : 0));
	} else {
		// Relevance: exact name matches first, then shorter names.
		const q = options.query.toLowerCase();
		const score = (node) => (node.name.toLowerCase() === q ? 0 : node.name.toLowerCase().startsWith(q) ? 1 : 2);
		found.sort((a, b) => score(a) - score(b) || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
	}
	const page = found.slice(offset, offset + options.maxResults);
	const hasMore = offset + options.maxResults < found.length;
	const result = {
		matches: page.map((node) => ({
			metadata: {
				'.tag': 'metadata',
				metadata: node.deleted ? deletedMetadata(node.name, db.tree.pathOf(node.id, ctx.rootId)) : renderMetadata(ctx, node),
			},
			match_type: { '.tag': 'filename' },
			...(options.highlights ? { highlight_spans: [{ highlight_str: node.name, is_highlighted: matches(node, options.query) }] } : {}),
		})),
		has_more: hasMore,
	};
	if (hasMore) result.cursor = encodeCursor(db, 'search', { q: options, o: offset + options.maxResults, r: ctx.rootId });
	return result;
}

function searchV2(ctx) {
	return search(ctx, readOptions(ctx), 0);
}

function searchContinueV2(ctx) {
	const state = decodeCursor(ctx.db, 'search', ctx.args.string('cursor', { required: true, minLength: 1 }));
	if (!state) throw new RouteError({ '.tag': 'invalid_argument', invalid_argument: 'cursor is invalid or expired' });
	return search({ ...ctx, rootId: state.r }, state.q, state.o);
}

const routes = {
	'files/search_v2': { style: 'rpc', scope: 'files.metadata.read', handler: searchV2 },
	'files/search/continue_v2': { style: 'rpc', scope: 'files.metadata.read', handler: searchContinueV2 },
};

module.exports = { routes };
