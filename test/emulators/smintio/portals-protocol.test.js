'use strict';
// The Portals method-call protocol: body encoding, routing errors, the background-task life
// cycle (immediate, long-running, error), polling, and the task error shape.

const { makePng } = require('../../../sandbox/common/sample-files');
const { start, http, execute, pollTask, call, methodPath, upload, PORTAL } = require('./helpers');

let emulator;
let api;
let admin;
let seededId;

beforeAll(async () => {
	({ emulator, api, admin } = await start({ taskDelayMs: 300 }));
	seededId = (await admin.get('/__admin/assets')).data.assets[0].id;
});
afterAll(() => emulator.close());

const raw = (body, contentType = 'application/json') =>
	api.post(methodPath('IAssetsSearch', 'searchAssetsAsync'), body, { headers: { 'Content-Type': contentType }, transformRequest: [(data) => data] });

describe('body encoding', () => {
	test('["{json}"] and [] are accepted', async () => {
		const withParams = await execute(api, 'IAssetsSearch', 'searchAssetsAsync', { page: 0, pageSize: 3 });
		expect(withParams.status).toBe(200);
		expect(JSON.parse(withParams.data.result_string).assetDataObjects).toHaveLength(3);
		const empty = await raw('[]');
		expect(empty.status).toBe(200);
		expect(empty.data.state).toBe('completed');
		expect(JSON.parse(empty.data.result_string).details.currentPage).toBe(0);
	});

	test.each([
		['not JSON', 'page=0'],
		['an object instead of an array', '{"page":0}'],
		['two strings', '["{}","{}"]'],
		['a number in the array', '[1]'],
		['a string that is not JSON', '["page=0"]'],
		['JSON that is not an object', '["[1,2]"]'],
		['an empty body', ''],
	])('%s → 400 argument_invalid', async (_label, body) => {
		const response = await raw(body);
		expect(response.status).toBe(400);
		expect(response.data.error_code).toBe('argument_invalid');
		expect(response.data.error_message).toMatch(/JSON array/);
	});
});

describe('routing errors', () => {
	test('unknown interface and method → 404 with the error object', async () => {
		const iface = await execute(api, 'IAssetsTeleport', 'searchAssetsAsync', {});
		expect(iface.status).toBe(404);
		expect(iface.data).toEqual({ error_code: 'not_found', error_message: expect.stringContaining('IAssetsTeleport'), error_details: { name: 'IAssetsTeleport' } });
		const method = await execute(api, 'IAssetsSearch', 'searchEverythingAsync', {});
		expect(method.status).toBe(404);
		expect(method.data.error_code).toBe('not_found');
		const inherited = await execute(api, 'IAssetsSearch', 'toString', {});
		expect(inherited.status).toBe(404);
	});

	test('wrong portal → 404, also for uploads', async () => {
		const response = await execute(api, 'IAssetsSearch', 'searchAssetsAsync', {}, { portal: '00000000-0000-0000-0000-000000000000' });
		expect(response.status).toBe(404);
		expect(response.data.error_details.uuid).toBe('00000000-0000-0000-0000-000000000000');
		const upload = await api.post('/frontend/v1/portals/00000000-0000-0000-0000-000000000000/portalsContext/uploadFile', 'x', {
			headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
		});
		expect(upload.status).toBe(404);
	});

	test('unknown path → 404, wrong verb → 405, no token → 401', async () => {
		expect((await api.get('/frontend/v1/nothing-here')).status).toBe(404);
		const verb = await api.get(methodPath('IAssetsSearch', 'searchAssetsAsync'));
		expect(verb.status).toBe(405);
		expect(verb.data.error_code).toBe('method_not_allowed');
		const anonymous = await http(emulator.baseUrl).post(methodPath('IAssetsSearch', 'searchAssetsAsync'), []);
		expect(anonymous.status).toBe(401);
	});

	test('the optional culture query and context headers are accepted', async () => {
		const response = await api.post(methodPath('IAssetsRead', 'getAssetAsync'), [JSON.stringify({ assetId: { id: seededId } })], {
			params: { culture: 'de' },
			headers: { 'X-Frontend-Context-Url': 'https://northwind.example/assets', 'X-Frontend-Context-Session-Id': 'abc' },
		});
		expect(response.status).toBe(200);
		expect(response.data.state).toBe('completed');
	});
});

describe('background tasks', () => {
	test('an immediate method completes inside the execute call', async () => {
		const response = await execute(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: seededId } });
		expect(response.data).toEqual({
			uuid: expect.any(String),
			state: 'completed',
			finished_percentage: 100,
			total_steps: 1,
			succeeded_steps: 1,
			failed_steps: 0,
			result_string: expect.any(String),
		});
		const again = await api.get(`/frontend/v1/backgroundTasks/${response.data.uuid}`);
		expect(again.status).toBe(200);
		expect(again.data).toEqual(response.data);
	});

	test('a long-running method goes created → in_progress → completed', async () => {
		const response = await execute(api, 'IAssetsRead', 'getAssetsAsync', { assetIds: [{ id: seededId }] });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ state: 'created', finished_percentage: 0, result_string: null });
		await new Promise((resolve) => setTimeout(resolve, 50));
		const early = await api.get(`/frontend/v1/backgroundTasks/${response.data.uuid}`);
		expect(early.data.state).toBe('in_progress');
		expect(early.data.finished_percentage).toBeGreaterThanOrEqual(0);
		expect(early.data.finished_percentage).toBeLessThan(100);
		expect(early.data.result_string).toBeNull();
		const { task, states } = await pollTask(api, response.data.uuid);
		expect(states).toContain('completed');
		expect(task).toMatchObject({ state: 'completed', finished_percentage: 100, succeeded_steps: 1 });
		expect(JSON.parse(task.result_string).assetDataObjects.map((a) => a.id)).toEqual([seededId]);
	});

	test('the timer completes a task that nobody polls', async () => {
		const response = await execute(api, 'IAssetsRead', 'getAssetsAsync', { assetIds: [{ id: seededId }] });
		await new Promise((resolve) => setTimeout(resolve, 500));
		const stored = (await admin.get('/__admin/tasks')).data.tasks.find((task) => task.uuid === response.data.uuid);
		expect(stored.state).toBe('completed');
	});

	test('advancing the clock completes a slow task on the next poll', async () => {
		const slow = await start({ seed: false, taskDelayMs: 10 * 60 * 1000 });
		try {
			const response = await execute(slow.api, 'IAssetsRead', 'getAssetsAsync', { assetIds: [{ id: '99:image:none' }] });
			expect((await slow.api.get(`/frontend/v1/backgroundTasks/${response.data.uuid}`)).data.state).toBe('in_progress');
			await slow.admin.post('/__admin/clock', { advanceSeconds: 601 });
			const done = await slow.api.get(`/frontend/v1/backgroundTasks/${response.data.uuid}`);
			expect(done.data.state).toBe('completed');
			expect(JSON.parse(done.data.result_string)).toEqual({ assetDataObjects: [] });
		} finally {
			await slow.emulator.close();
		}
	});

	test('a failing method ends its task in error; result_string holds the error object', async () => {
		const response = await execute(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: '99:image:does-not-exist' } });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ state: 'error', finished_percentage: 100, succeeded_steps: 0, failed_steps: 1 });
		expect(JSON.parse(response.data.result_string)).toEqual({
			error_code: 'not_found',
			error_message: expect.any(String),
			error_details: { uuid: '99:image:does-not-exist', name: 'assetId' },
		});
		const polled = await api.get(`/frontend/v1/backgroundTasks/${response.data.uuid}`);
		expect(polled.status).toBe(200);
		expect(polled.data.state).toBe('error');
	});

	test('a long-running method with bad parameters fails at once', async () => {
		const outcome = await call(api, 'IAssetsRead', 'getAssetsAsync', { assetIds: 'not-an-array' });
		expect(outcome.states).toEqual(['error']);
		expect(outcome.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'assetIds' } });
	});

	test('missing and unknown parameters are named', async () => {
		const missing = await call(api, 'IAssetsRead', 'getAssetAsync', {});
		expect(missing.error).toMatchObject({ error_code: 'argument_missing', error_details: { name: 'assetId' } });
		const unknown = await call(api, 'IAssetsRead', 'getAssetAsync', { assetId: { id: seededId }, asetId: 1 });
		expect(unknown.error).toMatchObject({ error_code: 'argument_invalid', error_details: { name: 'asetId' } });
	});

	test('by default only the contract\'s long-running method polls; create and download links answer at once', async () => {
		const state = (await admin.get('/__admin/state')).data;
		expect(state.config.longRunningMethods).toEqual(['IAssetsRead.getAssetsAsync']);
		const methods = (await admin.get('/__admin/methods')).data;
		expect(methods.filter((m) => m.longRunning).map((m) => `${m.interface}.${m.method}`)).toEqual(['IAssetsRead.getAssetsAsync']);
		const groups = JSON.parse((await execute(api, 'IAssetsDownload', 'getAssetsDownloadsForAssetsAsync', { assetIds: [{ id: seededId }] })).data.result_string);
		const initiated = await execute(api, 'IAssetsDownload', 'initiateAssetsDownloadForAssetsAsync', {
			assetIds: [{ id: seededId }],
			assetDownloadItems: groups.assetDownloadGroups[0].assetDownloadItems,
			immediatelyDownload: true,
		});
		expect(initiated.data.state).toBe('completed');
		expect(JSON.parse(initiated.data.result_string).assetDownloadUrl.url).toMatch(/^http/);
		const uploadedFileUuid = await upload(api, 'immediate.png', makePng({ width: 8, height: 8, seed: 7 }), 'image/png');
		const created = await execute(api, 'IAssetsWrite', 'createAssetAsync', { name: 'Created at once', uploadedFileUuid });
		expect(created.data.state).toBe('completed');
		expect(JSON.parse(created.data.result_string).assetDataObject.name).toMatchObject({ 'x-default': 'Created at once' });
	});

	test('longRunningMethods makes any method long-running (and the default one immediate); unknown names refuse to start', async () => {
		const custom = await start({ taskDelayMs: 100, longRunningMethods: ['IAssetsSearch.searchAssetsAsync'] });
		try {
			expect((await custom.admin.get('/__admin/state')).data.config.longRunningMethods).toEqual(['IAssetsSearch.searchAssetsAsync']);
			const search = await execute(custom.api, 'IAssetsSearch', 'searchAssetsAsync', { page: 0, pageSize: 2 });
			expect(search.data.state).toBe('created');
			const { task, states } = await pollTask(custom.api, search.data.uuid);
			expect(states).toContain('in_progress');
			expect(JSON.parse(task.result_string).assetDataObjects).toHaveLength(2);
			const read = await execute(custom.api, 'IAssetsRead', 'getAssetsAsync', { assetIds: [{ id: seededId }] });
			expect(read.data.state).toBe('completed');
		} finally {
			await custom.emulator.close();
		}
		await expect(start({ longRunningMethods: ['IAssetsWrite.createAsset'] })).rejects.toThrow(/"IAssetsWrite.createAsset" is not a served Portals method/);
		await expect(start({ longRunningMethods: 'IAssetsWrite.createAssetAsync' })).rejects.toThrow(/must be an array/);
	});

	test('an unknown task uuid → 404', async () => {
		const response = await api.get('/frontend/v1/backgroundTasks/4f1d2c3b-0000-4000-8000-000000000000');
		expect(response.status).toBe(404);
		expect(response.data.error_code).toBe('not_found');
	});

	test('the portal uuid is the documented fixed one', () => {
		expect(emulator.credentials.portalUuid).toBe(PORTAL);
	});
});
