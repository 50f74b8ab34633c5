'use strict';
// file_properties templates (per user) and the checks property groups must pass, as
// file_properties.stone describes them: fields must exist in the template, values are strings
// of at most 1024 characters, one group per template per file.

const crypto = require('crypto');
const { tag } = require('../errors');

const MAX_FIELDS = 32;
const MAX_VALUE_LENGTH = 1024;

class PropertyFailure extends Error {
	/** @param {any} error an InvalidPropertyGroupError / TemplateError union */
	constructor(error) {
		super(`property error ${error['.tag']}`);
		this.error = error;
	}
}

class Properties {
	/** @param {import('./db').Db} db */
	constructor(db) {
		this.db = db;
	}

	newTemplateId() {
		const n = this.db.next('template');
		return `ptid:${crypto.createHash('sha256').update(`template:${n}`).digest('base64url').slice(0, 22)}`;
	}

	addTemplate(owner, { name, description, fields }) {
		const template = { id: this.newTemplateId(), owner, name, description, fields };
		this.db.store.put('templates', template.id, template);
		return template;
	}

	template(id, owner) {
		const template = this.db.store.get('templates', id);
		if (!template || (owner && template.owner !== owner)) return undefined;
		return template;
	}

	requireTemplate(id, owner) {
		const template = this.template(id, owner);
		if (!template) throw new PropertyFailure({ '.tag': 'template_not_found', template_not_found: id });
		return template;
	}

	list(owner) {
		return this.db.store.values('templates').filter((template) => template.owner === owner);
	}

	saveTemplate(template) {
		this.db.store.put('templates', template.id, template);
	}

	removeTemplate(id) {
		this.db.store.delete('templates', id);
	}

	/** Checks fields against a template (both for add and for the result of update). */
	checkFields(template, fields) {
		const known = new Set(template.fields.map((field) => field.name));
		const seen = new Set();
		for (const field of fields) {
			if (!known.has(field.name) || seen.has(field.name)) throw new PropertyFailure(tag('does_not_fit_template'));
			seen.add(field.name);
			if (typeof field.value !== 'string') throw new PropertyFailure(tag('does_not_fit_template'));
			if (field.value.length > MAX_VALUE_LENGTH) throw new PropertyFailure(tag('property_field_too_large'));
		}
	}

	/**
	 * Validates property groups given with a file (upload, properties/add, overwrite).
	 * @returns {Array<{template_id: string, fields: Array<{name: string, value: string}>}>}
	 */
	validateGroups(groups) {
		const seen = new Set();
		return groups.map((group) => {
			if (!group || typeof group.template_id !== 'string' || !Array.isArray(group.fields)) {
				throw new PropertyFailure(tag('does_not_fit_template'));
			}
			if (seen.has(group.template_id)) throw new PropertyFailure(tag('duplicate_property_groups'));
			seen.add(group.template_id);
			const template = this.requireTemplate(group.template_id);
			this.checkFields(template, group.fields);
			return { template_id: group.template_id, fields: group.fields.map((f) => ({ name: f.name, value: f.value })) };
		});
	}
}

module.exports = { Properties, PropertyFailure, MAX_FIELDS, MAX_VALUE_LENGTH };
