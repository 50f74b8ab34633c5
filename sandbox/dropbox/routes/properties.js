'use strict';
// file_properties: templates for the user (add, get, list, update, remove) and property
// groups on files (add, overwrite, update, remove, search).

const { RouteError, BadInputError, tag, nested, LookupFailure } = require('../errors');
const { PropertyFailure, MAX_FIELDS } = require('../model/properties');
const { lookup } = require('../paths');
const { encodeCursor, decodeCursor } = require('../model/cursor');

const OWNER = 'user';

/** Runs fn; PropertyFailure / lookup failures become the route's error union. */
function guarded(fn) {
	try {
		return fn();
	} catch (error) {
		if (error instanceof PropertyFailure) throw new RouteError(error.error);
		if (error instanceof LookupFailure) throw new RouteError(nested('path', error.lookupError));
		throw error;
	}
}

function readTemplateFields(args, name, { required }) {
	const fields = args.structList(name, { required, max: MAX_FIELDS });
	if (!fields) return undefined;
	return fields.map((field) => ({
		name: field.string('name', { required: true, minLength: 1, maxLength: 256 }),
		description: field.string('description', { required: true, maxLength: 1024 }),
		type: { '.tag': field.union('type', ['string'], { required: true })['.tag'] },
	}));
}

function templateResult(template) {
	return { name: template.name, description: template.description, fields: template.fields };
}

function addTemplate(ctx) {
	const { args, db } = ctx;
	const name = args.string('name', { required: true, minLength: 1, maxLength: 256 });
	const description = args.string('description', { required: true, maxLength: 1024 });
	const fields = readTemplateFields(args, 'fields', { required: true });
	if (new Set(fields.map((f) => f.name)).size !== fields.length) throw new RouteError(tag('conflicting_property_names'));
	const template = db.write(() => db.properties.addTemplate(OWNER, { name, description, fields }));
	return { template_id: template.id };
}

function templateArg(ctx) {
	const id = ctx.args.string('template_id', { required: true, minLength: 1 });
	if (!/^(\/|ptid:).*$/.test(id)) throw new BadInputError(`${ctx.args.where}: template_id: '${id}' did not match pattern '(/|ptid:).*'`);
	return guarded(() => ctx.db.properties.requireTemplate(id, OWNER));
}

function getTemplate(ctx) {
	return templateResult(templateArg(ctx));
}

function listTemplates(ctx) {
	return { template_ids: ctx.db.properties.list(OWNER).map((template) => template.id) };
}

function updateTemplate(ctx) {
	const { args, db } = ctx;
	const template = templateArg(ctx);
	const updated = { ...template };
	if (args.has('name')) updated.name = args.string('name', { minLength: 1, maxLength: 256 });
	if (args.has('description')) updated.description = args.string('description', { maxLength: 1024 });
	const added = readTemplateFields(args, 'add_fields', { required: false }) || [];
	if (added.some((field) => template.fields.some((existing) => existing.name === field.name))) {
		throw new RouteError(tag('conflicting_property_names'));
	}
	updated.fields = [...template.fields, ...added];
	if (updated.fields.length > MAX_FIELDS) throw new RouteError(tag('too_many_fields'));
	db.write(() => db.properties.saveTemplate(updated));
	return { template_id: template.id };
}

function removeTemplate(ctx) {
	const { db } = ctx;
	const template = templateArg(ctx);
	db.write(() => {
		db.properties.removeTemplate(template.id);
		// Property groups of a removed template disappear from every file.
		for (const node of db.store.values('nodes')) {
			if ((node.propertyGroups || []).some((group) => group.template_id === template.id)) {
				db.tree.touch({ ...node, propertyGroups: node.propertyGroups.filter((group) => group.template_id !== template.id) });
			}
		}
	});
	return null;
}

/** The file a properties call targets (folders are not supported). */
function targetFile(ctx) {
	const path = ctx.args.path('path', 'pathOrId');
	const { node } = guarded(() => lookup(ctx, path));
	if (node.kind === 'folder') throw new RouteError(tag('unsupported_folder'));
	return node;
}

function readGroups(args, name) {
	const groups = args.list(name, { required: true });
	return groups;
}

function propertiesAdd(ctx) {
	const { db } = ctx;
	const node = targetFile(ctx);
	const groups = guarded(() => db.properties.validateGroups(readGroups(ctx.args, 'property_groups')));
	const existing = node.propertyGroups || [];
	for (const group of groups) {
		if (existing.some((e) => e.template_id === group.template_id)) throw new RouteError(tag('property_group_already_exists'));
	}
	db.write(() => db.tree.touch({ ...node, propertyGroups: [...existing, ...groups] }));
	return null;
}

function propertiesOverwrite(ctx) {
	const { db } = ctx;
	const node = targetFile(ctx);
	const groups = guarded(() => db.properties.validateGroups(readGroups(ctx.args, 'property_groups')));
	const replaced = new Set(groups.map((g) => g.template_id));
	const kept = (node.propertyGroups || []).filter((group) => !replaced.has(group.template_id));
	db.write(() => db.tree.touch({ ...node, propertyGroups: [...kept, ...groups] }));
	return null;
}

function propertiesUpdate(ctx) {
	const { args, db } = ctx;
	const node = targetFile(ctx);
	const updates = args.structList('update_property_groups', { required: true });
	let groups = [...(node.propertyGroups || [])];
	for (const update of updates) {
		const templateId = update.string('template_id', { required: true });
		const template = guarded(() => db.properties.requireTemplate(templateId));
		const at = groups.findIndex((group) => group.template_id === templateId);
		if (at === -1) throw new RouteError(nested('property_group_lookup', tag('property_group_not_found')));
		const addOrUpdate = update.list('add_or_update_fields') || [];
		const remove = new Set(update.list('remove_fields') || []);
		const fields = groups[at].fields.filter((field) => !remove.has(field.name));
		for (const field of addOrUpdate) {
			const index = fields.findIndex((existing) => existing.name === field.name);
			if (index === -1) fields.push({ name: field.name, value: field.value });
			else fields[index] = { name: field.name, value: field.value };
		}
		guarded(() => db.properties.checkFields(template, fields));
		groups = groups.map((group, index) => (index === at ? { template_id: templateId, fields } : group));
	}
	db.write(() => db.tree.touch({ ...node, propertyGroups: groups }));
	return null;
}

function propertiesRemove(ctx) {
	const { args, db } = ctx;
	const node = targetFile(ctx);
	const ids = args.list('property_template_ids', { required: true });
	const groups = node.propertyGroups || [];
	for (const id of ids) {
		guarded(() => db.properties.requireTemplate(id));
		if (!groups.some((group) => group.template_id === id)) {
			throw new RouteError(nested('property_group_lookup', tag('property_group_not_found')));
		}
	}
	db.write(() => db.tree.touch({ ...node, propertyGroups: groups.filter((group) => !ids.includes(group.template_id)) }));
	return null;
}

/** Matches per page of properties/search (Dropbox does not document its own; tests lower it). */
const DEFAULT_SEARCH_PAGE_SIZE = 100;

function searchPageSize(ctx) {
	return ctx.emulator.options.propertySearchPageSize || DEFAULT_SEARCH_PAGE_SIZE;
}

/**
 * Files whose field (by name) has exactly the queried value, in the order of their ids, one page
 * from `offset`; only files reachable from the caller's root.
 */
function searchPage(ctx, { queries, templates, offset }) {
	const { db } = ctx;
	const templateSet = templates ? new Set(templates) : null;
	const hits = [];
	for (const node of db.store.values('nodes')) {
		if (node.deleted || !node.propertyGroups || !db.tree.isLive(node)) continue;
		const groups = node.propertyGroups.filter((group) => !templateSet || templateSet.has(group.template_id));
		const hit = queries.some(({ query, field }) => groups.some((group) => group.fields.some((f) => f.name === field && f.value === query)));
		if (!hit) continue;
		const path = db.tree.pathOf(node.id, ctx.rootId);
		if (!path) continue;
		hits.push({ id: node.id, path: path.display, is_deleted: false, property_groups: groups });
	}
	hits.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const size = searchPageSize(ctx);
	const result = { matches: hits.slice(offset, offset + size) };
	if (offset + size < hits.length) {
		result.cursor = encodeCursor(db, 'properties_search', { q: queries, t: templates, o: offset + size, r: ctx.rootId });
	}
	return result;
}

function propertiesSearch(ctx) {
	const { args, db } = ctx;
	const queries = args.structList('queries', { required: true, min: 1 }).map((query) => {
		query.union('logical_operator', ['or_operator'], { defaultTag: 'or_operator' });
		const mode = query.union('mode', ['field_name'], { required: true });
		return { query: query.string('query', { required: true }), field: mode.field_name };
	});
	const filter = args.union('template_filter', ['filter_some', 'filter_none'], { defaultTag: 'filter_none' });
	const templates = filter['.tag'] === 'filter_some' ? [...new Set(filter.filter_some || [])] : null;
	if (templates) for (const id of templates) guarded(() => db.properties.requireTemplate(id));
	return searchPage(ctx, { queries, templates, offset: 0 });
}

/** A cursor from another instance, before a reset, or unreadable is answered with `reset`. */
function propertiesSearchContinue(ctx) {
	const state = decodeCursor(ctx.db, 'properties_search', ctx.args.string('cursor', { required: true, minLength: 1 }));
	if (!state) throw new RouteError(tag('reset'));
	return searchPage({ ...ctx, rootId: state.r }, { queries: state.q, templates: state.t, offset: state.o });
}

const routes = {
	'file_properties/templates/add_for_user': { style: 'rpc', scope: 'files.metadata.write', handler: addTemplate },
	'file_properties/templates/get_for_user': { style: 'rpc', scope: 'files.metadata.read', handler: getTemplate },
	'file_properties/templates/list_for_user': { style: 'rpc', scope: 'files.metadata.read', voidArg: true, handler: listTemplates },
	'file_properties/templates/update_for_user': { style: 'rpc', scope: 'files.metadata.write', handler: updateTemplate },
	'file_properties/templates/remove_for_user': { style: 'rpc', scope: 'files.metadata.write', handler: removeTemplate },
	'file_properties/properties/add': { style: 'rpc', scope: 'files.metadata.write', handler: propertiesAdd },
	'file_properties/properties/overwrite': { style: 'rpc', scope: 'files.metadata.write', handler: propertiesOverwrite },
	'file_properties/properties/update': { style: 'rpc', scope: 'files.metadata.write', handler: propertiesUpdate },
	'file_properties/properties/remove': { style: 'rpc', scope: 'files.metadata.write', handler: propertiesRemove },
	'file_properties/properties/search': { style: 'rpc', scope: 'files.metadata.read', handler: propertiesSearch },
	'file_properties/properties/search/continue': { style: 'rpc', scope: 'files.metadata.read', handler: propertiesSearchContinue },
};

module.exports = { routes };
