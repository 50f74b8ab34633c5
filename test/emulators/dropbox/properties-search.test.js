'use strict';
// file_properties/properties/search and search/continue: exact field values, paging by cursor,
// the template filter, only files reachable from the caller's root, reset cursors.

const { startEmulator, client, expectDropboxError } = require('./helpers');

describe('Dropbox emulator: property search with paging', () => {
	let emulator;
	let dbx;
	let templateId;
	let otherTemplateId;
	const byField = (field, query) => ({ query, mode: { '.tag': 'field_name', field_name: field } });

	beforeAll(async () => {
		emulator = await startEmulator({ seed: false, propertySearchPageSize: 2 });
		dbx = client(emulator);
		const fields = [
			{ name: 'smintio_asset_id', description: 'asset', type: 'string' },
			{ name: 'smintio_use', description: 'use', type: 'string' },
		];
		templateId = (await dbx.filePropertiesTemplatesAddForUser({ name: 'Smint.io delivery', description: 'd', fields })).result.template_id;
		otherTemplateId = (await dbx.filePropertiesTemplatesAddForUser({ name: 'Other', description: 'o', fields })).result.template_id;
		const group = (id, asset) => [{ template_id: id, fields: [{ name: 'smintio_asset_id', value: asset }] }];
		for (const [path, asset] of [
			['/team/a1-1.jpg', 'a-1'],
			['/partners/a1-2.jpg', 'a-1'],
			['/projects/a1-3.jpg', 'a-1'],
			['/partners/a2.jpg', 'a-2'],
		]) {
			await dbx.filesUpload({ path, contents: path, property_groups: group(templateId, asset) });
		}
		await dbx.filesUpload({ path: '/elsewhere/a1-other-template.jpg', contents: 'x', property_groups: group(otherTemplateId, 'a-1') });
		await dbx.filesUpload({ path: '/elsewhere/plain.jpg', contents: 'y' });
	});
	afterAll(() => emulator.close());

	async function allPages(arg) {
		const pages = [];
		let page = (await dbx.filePropertiesPropertiesSearch(arg)).result;
		pages.push(page);
		while (page.cursor) {
			page = (await dbx.filePropertiesPropertiesSearchContinue({ cursor: page.cursor })).result;
			pages.push(page);
		}
		return pages;
	}

	test('pages through every match with search/continue, each match once', async () => {
		const pages = await allPages({ queries: [byField('smintio_asset_id', 'a-1')] });
		expect(pages.map((page) => page.matches.length)).toEqual([2, 2]);
		expect(pages[1].cursor).toBeUndefined();
		const paths = pages.flatMap((page) => page.matches.map((match) => match.path)).sort();
		expect(paths).toEqual(['/elsewhere/a1-other-template.jpg', '/partners/a1-2.jpg', '/projects/a1-3.jpg', '/team/a1-1.jpg']);
		for (const match of pages.flatMap((page) => page.matches)) {
			expect(match.id).toMatch(/^id:/);
			expect(match.is_deleted).toBe(false);
		}
	});

	test('the template filter leaves out other templates; several queries are OR-ed', async () => {
		const pages = await allPages({
			queries: [byField('smintio_asset_id', 'a-1'), byField('smintio_asset_id', 'a-2')],
			template_filter: { '.tag': 'filter_some', filter_some: [templateId] },
		});
		const matches = pages.flatMap((page) => page.matches);
		expect(matches.map((match) => match.path).sort()).toEqual(['/partners/a1-2.jpg', '/partners/a2.jpg', '/projects/a1-3.jpg', '/team/a1-1.jpg']);
		for (const match of matches) expect(match.property_groups.map((group) => group.template_id)).toEqual([templateId]);
	});

	test('moved files are found at their new path, deleted ones not at all', async () => {
		await dbx.filesMoveV2({ from_path: '/partners/a2.jpg', to_path: '/withdrawn/a2.jpg' });
		let matches = (await allPages({ queries: [byField('smintio_asset_id', 'a-2')] })).flatMap((page) => page.matches);
		expect(matches.map((match) => match.path)).toEqual(['/withdrawn/a2.jpg']);
		await dbx.filesDeleteV2({ path: '/withdrawn/a2.jpg' });
		matches = (await allPages({ queries: [byField('smintio_asset_id', 'a-2')] })).flatMap((page) => page.matches);
		expect(matches).toEqual([]);
	});

	test('bad input and stale cursors', async () => {
		await expectDropboxError(dbx.filePropertiesPropertiesSearchContinue({ cursor: 'AAnot-a-cursor' }), 409, ['reset']);
		const first = (await dbx.filePropertiesPropertiesSearch({ queries: [byField('smintio_asset_id', 'a-1')] })).result;
		expect(first.cursor).toEqual(expect.any(String));
		await emulator.reset();
		await expectDropboxError(dbx.filePropertiesPropertiesSearchContinue({ cursor: first.cursor }), 409, ['reset']);
		await expectDropboxError(
			dbx.filePropertiesPropertiesSearch({ queries: [byField('x', 'y')], template_filter: { '.tag': 'filter_some', filter_some: ['ptid:none'] } }),
			409,
			['template_not_found'],
		);
		await expectDropboxError(dbx.filePropertiesPropertiesSearch({ queries: [] }), 400);
	});
});
