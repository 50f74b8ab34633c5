'use strict';

const crypto = require('node:crypto');

const { isValidSignature, signatureOf } = require('../../../nodes/DropboxSyncWebhookTrigger/helpers/signature');
const { CatchUpCoalescer } = require('../../../nodes/DropboxSyncWebhookTrigger/helpers/coalesce');
const { safetyPollSchedule } = require('../../../nodes/DropboxSyncWebhookTrigger/helpers/safetyPoll');

describe('webhook signature', () => {
	const body = Buffer.from('{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]},"delta":{"users":[12345678]}}');
	const secret = 'app-secret';

	test('is the hex HMAC-SHA256 of the raw body keyed with the app secret', () => {
		expect(signatureOf(body, secret)).toBe(crypto.createHmac('sha256', secret).update(body).digest('hex'));
		expect(isValidSignature(body, signatureOf(body, secret), secret)).toBe(true);
		expect(isValidSignature(body, signatureOf(body, secret).toUpperCase(), secret)).toBe(true);
	});

	test.each([
		['missing', undefined],
		['empty', ''],
		['not hex', 'zz'.repeat(32)],
		['too short', 'ab'.repeat(31)],
		['another secret', signatureOf(body, 'other')],
		['another body', signatureOf(Buffer.from(`${body} `), secret)],
	])('refuses a signature that is %s', (_, signature) => {
		expect(isValidSignature(body, signature, secret)).toBe(false);
	});

	test('refuses everything when there is no secret', () => {
		expect(isValidSignature(body, signatureOf(body, ''), '')).toBe(false);
	});
});

describe('CatchUpCoalescer', () => {
	const deferred = () => {
		let resolve;
		const promise = new Promise((done) => (resolve = done));
		return { promise, resolve };
	};

	test('notifications during a catch-up fold into one more read by the same run', async () => {
		const coalescer = new CatchUpCoalescer();
		const gate = deferred();
		let reads = 0;
		const step = async (state) => {
			reads++;
			if (reads === 1) await gate.promise;
			state.cursor = `c${reads}`;
			return [`item ${reads}`];
		};
		const saved = { cursor: 'c0' };
		const first = coalescer.run('w:n', saved, step);
		const others = await Promise.all([coalescer.run('w:n', { cursor: 'c0' }, step), coalescer.run('w:n', { cursor: 'c0' }, step)]);
		expect(others).toEqual([{ ran: false }, { ran: false }]);
		gate.resolve();
		expect(await first).toEqual({ ran: true, items: ['item 1', 'item 2'] });
		expect(reads).toBe(2);
		expect(saved).toEqual({ cursor: 'c2', generation: 2 });
	});

	test('a later call with an older saved copy continues from the newest state', async () => {
		const coalescer = new CatchUpCoalescer();
		const seen = [];
		const step = async (state) => {
			seen.push(state.cursor);
			state.cursor = `${state.cursor}+`;
			return [];
		};
		await coalescer.run('k', { cursor: 'a' }, step);
		const stale = { cursor: 'a' };
		await coalescer.run('k', stale, step);
		expect(seen).toEqual(['a', 'a+']);
		expect(stale).toEqual({ cursor: 'a++', generation: 2 });
		// Another trigger is independent.
		await coalescer.run('other', { cursor: 'x' }, step);
		expect(seen).toEqual(['a', 'a+', 'x']);
		// Forgotten (deactivated): the saved copy counts again.
		coalescer.forget('k');
		await coalescer.run('k', { cursor: 'z' }, step);
		expect(seen.at(-1)).toBe('z');
	});

	test('a failed first read changes nothing and is reported; a failed second read keeps the first', async () => {
		const coalescer = new CatchUpCoalescer();
		const saved = { cursor: 'a' };
		await expect(coalescer.run('k', saved, async () => Promise.reject(new Error('Dropbox 500')))).rejects.toThrow('Dropbox 500');
		expect(saved).toEqual({ cursor: 'a' });
		expect(coalescer.isRunning('k')).toBe(false);

		let reads = 0;
		const gate = deferred();
		const result = coalescer.run('k', saved, async (state) => {
			reads++;
			if (reads === 1) {
				await gate.promise;
				state.cursor = 'b';
				return ['first'];
			}
			throw new Error('Dropbox 500');
		});
		expect(await coalescer.run('k', saved, async () => [])).toEqual({ ran: false });
		gate.resolve();
		expect(await result).toEqual({ ran: true, items: ['first'] });
		expect(saved).toEqual({ cursor: 'b', generation: 1 });
	});
});

describe('safetyPollSchedule', () => {
	test.each([
		[0, 'minutes', undefined],
		[10, 'minutes', '0 */10 * * * *'],
		[30, 'seconds', '*/30 * * * * *'],
		[2, 'hours', '0 0 */2 * * *'],
	])('%s %s -> %s', (interval, unit, expression) => {
		expect(safetyPollSchedule(interval, unit)).toEqual({ ok: true, ...(expression ? { expression } : {}) });
	});

	test.each([
		[60, 'minutes', 'from 1 to 59 minutes'],
		[24, 'hours', 'from 1 to 23 hours'],
		[1.5, 'minutes', 'whole number'],
		[-1, 'seconds', 'from 1 to 59 seconds'],
	])('refuses %s %s with the fix', (interval, unit, fix) => {
		const schedule = safetyPollSchedule(interval, unit);
		expect(schedule.ok).toBe(false);
		expect(schedule.fix).toContain(fix);
	});
});
