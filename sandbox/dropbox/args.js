'use strict';
// Argument validation in the spirit of Stone's JSON deserializer: a value that does not fit
// the route's argument type is a 400 with a plain-text reason, before the route runs. Unknown
// struct fields are ignored (Dropbox adds fields over time; clients send newer ones).

const { BadInputError } = require('./errors');

const PATTERNS = {
	// Stone aliases from files.stone / common.stone.
	readPath: /^((\/(.|[\r\n])*|id:.*)|(rev:[0-9a-f]{9,})|(ns:[0-9]+(\/.*)?))$/s,
	listPath: /^((\/(.|[\r\n])*)?|id:.*|(ns:[0-9]+(\/.*)?))$/s,
	pathOrId: /^(\/(.|[\r\n])*|id:.*|(ns:[0-9]+(\/.*)?))$/s,
	writePath: /^((\/(.|[\r\n])*)|(ns:[0-9]+(\/.*)?))$/s,
	writePathOrId: /^((\/(.|[\r\n])*)|(ns:[0-9]+(\/.*)?)|(id:.*))$/s,
	tagPath: /^(\/(.|[\r\n])*)$/s,
	rev: /^[0-9a-f]+$/,
	timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
};

const PATTERN_TEXT = {
	readPath: '(/(.|[\\r\\n])*|id:.*)|(rev:[0-9a-f]{9,})|(ns:[0-9]+(/.*)?)',
	listPath: '(/(.|[\\r\\n])*)?|id:.*|(ns:[0-9]+(/.*)?)',
	pathOrId: '/(.|[\\r\\n])*|id:.*|(ns:[0-9]+(/.*)?)',
	writePath: '(/(.|[\\r\\n])*)|(ns:[0-9]+(/.*)?)',
	writePathOrId: '(/(.|[\\r\\n])*)|(ns:[0-9]+(/.*)?)|(id:.*)',
	tagPath: '/(.|[\\r\\n])*',
	rev: '[0-9a-f]+',
	timestamp: '%Y-%m-%dT%H:%M:%SZ',
};

function typeName(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'list';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
	if (typeof value === 'object') return 'object';
	return typeof value;
}

/** Reads typed fields out of a decoded argument struct. */
class Args {
	/** @param {any} value the decoded argument, @param {string} where e.g. "request body" */
	constructor(value, where, prefix = '') {
		if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
			throw new BadInputError(`${where}: expected object, got ${typeName(value === undefined ? null : value)}`);
		}
		this.value = value;
		this.where = where;
		this.prefix = prefix;
	}

	fail(name, reason) {
		return new BadInputError(`${this.where}: ${this.prefix}${name}: ${reason}`);
	}

	has(name) {
		return this.value[name] !== undefined && this.value[name] !== null;
	}

	raw(name) {
		return this.value[name];
	}

	required(name) {
		if (!this.has(name)) throw new BadInputError(`${this.where}: missing required field '${this.prefix}${name}'`);
		return this.value[name];
	}

	string(name, { required = false, pattern, minLength, maxLength, defaultValue } = {}) {
		if (!this.has(name)) {
			if (required) this.required(name);
			return defaultValue;
		}
		const value = this.value[name];
		if (typeof value !== 'string') throw this.fail(name, `expected string, got ${typeName(value)}`);
		if (minLength !== undefined && value.length < minLength) {
			throw this.fail(name, `'${value}' has fewer than ${minLength} character(s)`);
		}
		if (maxLength !== undefined && value.length > maxLength) {
			throw this.fail(name, `string has more than ${maxLength} character(s)`);
		}
		if (pattern && !PATTERNS[pattern].test(value)) {
			throw this.fail(name, `'${value}' did not match pattern '${PATTERN_TEXT[pattern]}'`);
		}
		return value;
	}

	path(name, pattern, options = {}) {
		return this.string(name, { required: true, pattern, ...options });
	}

	boolean(name, defaultValue = false) {
		if (!this.has(name)) return defaultValue;
		const value = this.value[name];
		if (typeof value !== 'boolean') throw this.fail(name, `expected boolean, got ${typeName(value)}`);
		return value;
	}

	integer(name, { defaultValue, min, max, required = false } = {}) {
		if (!this.has(name)) {
			if (required) this.required(name);
			return defaultValue;
		}
		const value = this.value[name];
		if (!Number.isInteger(value)) throw this.fail(name, `expected integer, got ${typeName(value)}`);
		if (min !== undefined && value < min) throw this.fail(name, `${value} is not greater than or equal to ${min}`);
		if (max !== undefined && value > max) throw this.fail(name, `${value} is not less than or equal to ${max}`);
		return value;
	}

	timestamp(name) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!PATTERNS.timestamp.test(value) || Number.isNaN(Date.parse(value))) {
			throw this.fail(name, `'${value}' does not match format '${PATTERN_TEXT.timestamp}'`);
		}
		return value;
	}

	/**
	 * A union; a void member may be written as the bare tag string.
	 * @returns {{'.tag': string, [k: string]: any} | undefined}
	 */
	union(name, tags, { defaultTag, required = false } = {}) {
		if (!this.has(name)) {
			if (required) this.required(name);
			return defaultTag === undefined ? undefined : { '.tag': defaultTag };
		}
		let value = this.value[name];
		if (typeof value === 'string') value = { '.tag': value };
		if (typeof value !== 'object' || Array.isArray(value) || typeof value['.tag'] !== 'string') {
			throw this.fail(name, `expected union, got ${typeName(value)}`);
		}
		if (!tags.includes(value['.tag'])) throw this.fail(name, `unknown tag '${value['.tag']}'`);
		return value;
	}

	list(name, { required = false, max, min } = {}) {
		if (!this.has(name)) {
			if (required) this.required(name);
			return undefined;
		}
		const value = this.value[name];
		if (!Array.isArray(value)) throw this.fail(name, `expected list, got ${typeName(value)}`);
		if (max !== undefined && value.length > max) throw this.fail(name, `list has more than ${max} item(s)`);
		if (min !== undefined && value.length < min) throw this.fail(name, `list has fewer than ${min} item(s)`);
		return value;
	}

	/** A nested struct as another Args (field names in messages get the parent prefix). */
	struct(name, { required = false } = {}) {
		if (!this.has(name)) {
			if (required) this.required(name);
			return undefined;
		}
		const value = this.value[name];
		if (typeof value !== 'object' || Array.isArray(value)) throw this.fail(name, `expected object, got ${typeName(value)}`);
		return new Args(value, this.where, `${this.prefix}${name}.`);
	}

	/** Struct items of a list field, each as Args. */
	structList(name, options = {}) {
		const list = this.list(name, options);
		if (list === undefined) return undefined;
		return list.map((item, index) => {
			if (typeof item !== 'object' || item === null || Array.isArray(item)) {
				throw this.fail(`${name}[${index}]`, `expected object, got ${typeName(item)}`);
			}
			return new Args(item, this.where, `${this.prefix}${name}[${index}].`);
		});
	}
}

/** Parses a WriteMode union: add | overwrite | {".tag":"update","update":rev}. */
function writeMode(args) {
	const mode = args.union('mode', ['add', 'overwrite', 'update'], { defaultTag: 'add' });
	if (mode['.tag'] === 'update') {
		const rev = mode.update;
		if (typeof rev !== 'string' || !PATTERNS.rev.test(rev) || rev.length < 9) {
			throw args.fail('mode', `update: '${rev}' did not match pattern '[0-9a-f]+' (at least 9 characters)`);
		}
	}
	return mode;
}

module.exports = { Args, PATTERNS, writeMode, typeName };
