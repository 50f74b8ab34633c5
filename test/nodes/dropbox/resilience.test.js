'use strict';

// 200 uploads while the emulator injects 429s (too_many_requests and too_many_write_operations),
// 409 too_many_write_operations, 5xx, connections dropped before and after the work is done,
// and access tokens that expire every 2 seconds (plus clock jumps). Afterwards every file must
// be in Dropbox exactly once (one revision, no autorenamed copies) with the right content_hash.

const { startEnvironment, bytes, contentHashOf } = require('./setup');

const MiB = 1024 * 1024;
const FILES = 200;
const path = (value) => ({ __rl: true, mode: 'path', value });

jest.setTimeout(170_000);

let env;
let admin;
let clockTimer;

const FAULTS = {
	seed: 7,
	retryAfterSeconds: 1,
	probabilities: { drop: 0.02, dropAfter: 0.02, rateLimit: 0.02, writeRateLimit: 0.02, writeConflict: 0.02, serverError: 0.02 },
	// n8n refreshes tokens itself and does not retry the token endpoint.
	exclude: ['oauth2/*'],
};

beforeAll(async () => {
	env = await startEnvironment({ emulator: { accessTokenLifetimeSeconds: 2 } });
	admin = env.admin;
});

afterAll(async () => {
	clearInterval(clockTimer);
	await env?.close();
});

/** 200 files: mostly small, every 40th one big enough for a multi-chunk session. */
function makeFiles(prefix) {
	return Array.from({ length: FILES }, (_, index) => ({
		name: `${prefix}-${String(index).padStart(3, '0')}.bin`,
		data: index % 40 === 39 ? bytes(9 * MiB + index, 1000 + index) : bytes(1000 + ((index * 7919) % 60000), 1000 + index),
	}));
}

async function expectAllPresentOnce(folder, files) {
	const entries = (await admin.tree(folder)).filter((entry) => entry['.tag'] === 'file');
	expect(entries.map((entry) => entry.name).sort()).toEqual(files.map((file) => file.name).sort());
	for (const file of files) {
		const stored = await admin.file(`${folder}/${file.name}`);
		expect(stored.revisions).toHaveLength(1);
		expect(stored.metadata.content_hash).toBe(contentHashOf(file.data));
	}
}

async function runUnderFaults(folder, files, options) {
	await admin.setFaults(FAULTS);
	// Jump the emulator clock now and then: every token in use expires at once.
	clockTimer = setInterval(() => admin.advanceClock(5).catch(() => undefined), 1500);
	// The seeded token lasts long; expire it so that n8n gets 2-second tokens from now on.
	await admin.expireTokens();
	const refreshCount = () => env.harness.credentialEvents.filter((event) => event.kind === 'oauthTokenData').length;
	const refreshesBefore = refreshCount();
	const started = Date.now();
	const result = await env.run(
		{ resource: 'file', operation: 'upload', folder: path(folder), writeMode: 'add', options: { singleRequestLimitMib: 1, chunkSizeMib: 4, ...options } },
		{ inputItems: await env.binaryItems(files) },
	);
	clearInterval(clockTimer);
	const counters = await admin.counters();
	await admin.setFaults({});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const refreshes = refreshCount() - refreshesBefore;
	console.log(`${folder}: ${files.length} uploads in ${seconds} s, ${counters.totalCalls} calls, faults ${JSON.stringify(counters.faults)}, token refreshes ${refreshes}`);
	return { result, counters, refreshes };
}

test('200 uploads committed together (finish_batch_v2) survive every kind of fault', async () => {
	const files = makeFiles('batch');
	const { result, counters, refreshes } = await runUnderFaults('/Stress/Batch', files, { parallelUploads: 8 });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(FILES);
	expect(result.items.map((item) => item.pairedItem.item)).toEqual(files.map((_, index) => index));
	expect(result.items.filter((item) => item.json.error)).toEqual([]);
	for (const kind of ['drop', 'dropAfter', 'rateLimit', 'writeRateLimit', 'serverError']) expect(counters.faults[kind]).toBeGreaterThan(0);
	expect(refreshes).toBeGreaterThan(0);
	await expectAllPresentOnce('/Stress/Batch', files);
});

test('200 uploads committed one by one (files/upload, sessions) survive every kind of fault', async () => {
	const files = makeFiles('single');
	const { result, counters, refreshes } = await runUnderFaults('/Stress/Single', files, { parallelUploads: 8, batchCommit: false });
	expect(result.error).toBeUndefined();
	expect(result.items.filter((item) => item.json.error)).toEqual([]);
	expect(result.items.filter((item) => item.json.uploadMethod === 'single')).toHaveLength(195);
	for (const kind of ['drop', 'dropAfter', 'rateLimit', 'writeRateLimit', 'writeConflict', 'serverError']) expect(counters.faults[kind]).toBeGreaterThan(0);
	expect(refreshes).toBeGreaterThan(0);
	await expectAllPresentOnce('/Stress/Single', files);
});
