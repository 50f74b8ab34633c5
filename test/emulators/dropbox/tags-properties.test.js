'use strict';
// files/tags/add|remove|get and file_properties templates and property groups.

const { startEmulator, client, expectDropboxError } = require('./helpers');

describe('Dropbox emulator: tags and file properties', () => {
	let emulator;
	let dbx;
	beforeAll(async () => {
		emulator = await startEmulator({ seed: false });
		dbx = client(emulator);
		await dbx.filesUpload({ path: '/assets/hero.jpg', contents: 'jpg' });
		await dbx.filesUpload({ path: '/assets/teaser.mp4', contents: 'mp4' });
	});
	afterAll(() => emulator.close());

	test('tags: add (lowercased, idempotent), get, remove, errors', async () => {
		await dbx.filesTagsAdd({ path: '/assets/hero.jpg', tag_text: 'Approved' });
		await dbx.filesTagsAdd({ path: '/assets/hero.jpg', tag_text: 'smintio_synced' });
		await dbx.filesTagsAdd({ path: '/assets/hero.jpg', tag_text: 'approved' });
		const { result } = await dbx.filesTagsGet({ paths: ['/assets/hero.jpg', '/assets/teaser.mp4'] });
		expect(result.paths_to_tags).toEqual([
			{
				path: '/assets/hero.jpg',
				tags: [
					{ '.tag': 'user_generated_tag', tag_text: 'approved' },
					{ '.tag': 'user_generated_tag', tag_text: 'smintio_synced' },
				],
			},
			{ path: '/assets/teaser.mp4', tags: [] },
		]);
		await dbx.filesTagsRemove({ path: '/assets/hero.jpg', tag_text: 'approved' });
		await expectDropboxError(dbx.filesTagsRemove({ path: '/assets/hero.jpg', tag_text: 'approved' }), 409, ['tag_not_present']);
		await expectDropboxError(dbx.filesTagsAdd({ path: '/assets/none.jpg', tag_text: 'x' }), 409, ['path', 'not_found']);
		await expectDropboxError(dbx.filesTagsAdd({ path: '/assets/hero.jpg', tag_text: 'not allowed!' }), 400);
		for (let i = 0; i < 19; i += 1) await dbx.filesTagsAdd({ path: '/assets/teaser.mp4', tag_text: `t${i}` });
		await dbx.filesTagsAdd({ path: '/assets/teaser.mp4', tag_text: 't19' });
		await expectDropboxError(dbx.filesTagsAdd({ path: '/assets/teaser.mp4', tag_text: 't20' }), 409, ['too_many_tags']);
	});

	test('templates: add, get, list, update', async () => {
		const { result } = await dbx.filePropertiesTemplatesAddForUser({
			name: 'Smint.io',
			description: 'Link to the Smint.io asset',
			fields: [
				{ name: 'asset_id', description: 'Smint.io asset id', type: 'string' },
				{ name: 'version', description: 'asset version', type: { '.tag': 'string' } },
			],
		});
		expect(result.template_id).toMatch(/^ptid:/);
		const got = await dbx.filePropertiesTemplatesGetForUser({ template_id: result.template_id });
		expect(got.result.name).toBe('Smint.io');
		expect(got.result.fields.map((f) => f.name)).toEqual(['asset_id', 'version']);
		const list = await dbx.filePropertiesTemplatesListForUser();
		expect(list.result.template_ids).toEqual([result.template_id]);
		await dbx.filePropertiesTemplatesUpdateForUser({
			template_id: result.template_id,
			add_fields: [{ name: 'source', description: 'origin', type: 'string' }],
		});
		const updated = await dbx.filePropertiesTemplatesGetForUser({ template_id: result.template_id });
		expect(updated.result.fields).toHaveLength(3);
		await expectDropboxError(dbx.filePropertiesTemplatesGetForUser({ template_id: 'ptid:unknown' }), 409, ['template_not_found']);
	});

	test('property groups: add, overwrite, update, remove, search, and in metadata', async () => {
		const { result: template } = await dbx.filePropertiesTemplatesAddForUser({
			name: 'Delivery',
			description: 'delivery info',
			fields: [
				{ name: 'asset_id', description: 'id', type: 'string' },
				{ name: 'partner', description: 'partner', type: 'string' },
			],
		});
		const id = template.template_id;
		const group = (fields) => [{ template_id: id, fields }];
		await dbx.filePropertiesPropertiesAdd({ path: '/assets/hero.jpg', property_groups: group([{ name: 'asset_id', value: 'a-1' }]) });
		await expectDropboxError(
			dbx.filePropertiesPropertiesAdd({ path: '/assets/hero.jpg', property_groups: group([{ name: 'asset_id', value: 'a-2' }]) }),
			409,
			['property_group_already_exists'],
		);
		await expectDropboxError(
			dbx.filePropertiesPropertiesAdd({ path: '/assets/teaser.mp4', property_groups: group([{ name: 'unknown', value: 'x' }]) }),
			409,
			['does_not_fit_template'],
		);
		await expectDropboxError(
			dbx.filePropertiesPropertiesAdd({ path: '/assets/teaser.mp4', property_groups: group([{ name: 'asset_id', value: 'x'.repeat(1025) }]) }),
			409,
			['property_field_too_large'],
		);
		await expectDropboxError(dbx.filePropertiesPropertiesAdd({ path: '/assets', property_groups: group([]) }), 409, ['unsupported_folder']);
		await expectDropboxError(dbx.filePropertiesPropertiesAdd({ path: '/nope.jpg', property_groups: group([]) }), 409, ['path', 'not_found']);

		await dbx.filePropertiesPropertiesUpdate({
			path: '/assets/hero.jpg',
			update_property_groups: [{ template_id: id, add_or_update_fields: [{ name: 'partner', value: 'Acme Retail' }] }],
		});
		let meta = await dbx.filesGetMetadata({ path: '/assets/hero.jpg', include_property_groups: { '.tag': 'filter_some', filter_some: [id] } });
		expect(meta.result.property_groups).toEqual([{ template_id: id, fields: [{ name: 'asset_id', value: 'a-1' }, { name: 'partner', value: 'Acme Retail' }] }]);

		const found = await dbx.filePropertiesPropertiesSearch({ queries: [{ query: 'Acme Retail', mode: { '.tag': 'field_name', field_name: 'partner' } }] });
		expect(found.result.matches.map((m) => m.path)).toEqual(['/assets/hero.jpg']);

		await dbx.filePropertiesPropertiesOverwrite({ path: '/assets/hero.jpg', property_groups: group([{ name: 'asset_id', value: 'a-9' }]) });
		meta = await dbx.filesGetMetadata({ path: '/assets/hero.jpg', include_property_groups: { '.tag': 'filter_some', filter_some: [id] } });
		expect(meta.result.property_groups[0].fields).toEqual([{ name: 'asset_id', value: 'a-9' }]);

		await dbx.filePropertiesPropertiesRemove({ path: '/assets/hero.jpg', property_template_ids: [id] });
		await expectDropboxError(
			dbx.filePropertiesPropertiesRemove({ path: '/assets/hero.jpg', property_template_ids: [id] }),
			409,
			['property_group_lookup', 'property_group_not_found'],
		);
		// Property groups given with an upload are stored and returned.
		const uploaded = await dbx.filesUpload({ path: '/assets/with-props.txt', contents: 'p', property_groups: group([{ name: 'asset_id', value: 'u-1' }]) });
		expect(uploaded.result.property_groups).toEqual(group([{ name: 'asset_id', value: 'u-1' }]));
		await expectDropboxError(
			dbx.filesUpload({ path: '/assets/bad-props.txt', contents: 'p', property_groups: [{ template_id: 'ptid:none', fields: [] }] }),
			409,
			['properties_error', 'template_not_found'],
		);
	});
});
