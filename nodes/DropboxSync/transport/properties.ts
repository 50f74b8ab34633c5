// The property template that Set Properties writes into: found by name, created once when
// missing, extended when a new field name appears; its id is remembered for the execution.

import type { DropboxContext } from './connection';
import { dropboxRpc } from './request';

export interface TemplateRef {
	id: string;
	fields: Set<string>;
}

interface TemplateInfo {
	name: string;
	description: string;
	fields: Array<{ name: string }>;
}

const templateCache = new WeakMap<object, Map<string, Promise<TemplateRef | undefined>>>();

export const TEMPLATE_DESCRIPTION = 'Properties written by n8n workflows (Dropbox Sync node)';

async function findTemplate(ctx: DropboxContext, name: string, itemIndex?: number): Promise<TemplateRef | undefined> {
	const { template_ids: ids } = await dropboxRpc<{ template_ids: string[] }>(ctx, 'file_properties/templates/list_for_user', undefined, { itemIndex });
	for (const id of ids) {
		const template = await dropboxRpc<TemplateInfo>(ctx, 'file_properties/templates/get_for_user', { template_id: id }, { itemIndex });
		if (template.name === name) return { id, fields: new Set(template.fields.map((field) => field.name)) };
	}
	return undefined;
}

function cacheFor(ctx: DropboxContext) {
	let cache = templateCache.get(ctx);
	if (!cache) {
		cache = new Map();
		templateCache.set(ctx, cache);
	}
	return cache;
}

/** The template called `name`, or undefined when it does not exist (nothing is created). */
export async function lookupTemplate(ctx: DropboxContext, name: string, itemIndex?: number): Promise<TemplateRef | undefined> {
	const cache = cacheFor(ctx);
	let pending = cache.get(name);
	if (!pending) {
		pending = findTemplate(ctx, name, itemIndex);
		cache.set(name, pending);
		const own = pending;
		own.catch(() => {
			if (cache.get(name) === own) cache.delete(name);
		});
	}
	return await pending;
}

const fieldDefinition = (name: string) => ({ name, description: name, type: { '.tag': 'string' } });

/** The template called `name` with at least `fieldNames`, creating or extending it as needed. */
export async function ensureTemplate(ctx: DropboxContext, name: string, fieldNames: string[], itemIndex?: number): Promise<TemplateRef> {
	const cache = cacheFor(ctx);
	// Each call waits for the one before it (items may run in parallel), so the template is
	// created or extended once; a failure of the one before does not fail this one: it looks again.
	const previous = cache.get(name);
	const ensured = (async () => {
		let template = previous ? await previous.catch(async () => await findTemplate(ctx, name, itemIndex)) : await findTemplate(ctx, name, itemIndex);
		if (!template) {
			const created = await dropboxRpc<{ template_id: string }>(
				ctx,
				'file_properties/templates/add_for_user',
				{ name, description: TEMPLATE_DESCRIPTION, fields: fieldNames.map(fieldDefinition) },
				{
					itemIndex,
					// Creating is not idempotent: after a lost reply, look before creating a second one.
					checkBeforeRetry: async () => {
						const found = await findTemplate(ctx, name, itemIndex);
						return found ? { template_id: found.id } : undefined;
					},
				},
			);
			template = { id: created.template_id, fields: new Set(fieldNames) };
			return template;
		}
		const missing = fieldNames.filter((field) => !template!.fields.has(field));
		if (missing.length > 0) {
			await dropboxRpc(ctx, 'file_properties/templates/update_for_user', { template_id: template.id, add_fields: missing.map(fieldDefinition) }, {
				itemIndex,
				// Adding fields that are now there fails with conflicting names: already done.
				recover: async (failure) => (failure.tags.includes('conflicting_property_names') ? null : undefined),
			});
			for (const field of missing) template.fields.add(field);
		}
		return template;
	})();
	cache.set(name, ensured);
	ensured.catch(() => {
		if (cache.get(name) === ensured) cache.delete(name);
	});
	return await ensured;
}
