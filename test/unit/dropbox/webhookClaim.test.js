'use strict';

const { claimPath, claimBody, parseClaim, claimWriteMode, isInClaimFolder, DEFAULT_CLAIM_FOLDER } = require('../../../nodes/DropboxSyncWebhookTrigger/helpers/claim');

describe('webhook trigger claim (cross-process guard)', () => {
	test('one claim file per workflow and node, with ids made path-safe', () => {
		expect(claimPath(DEFAULT_CLAIM_FOLDER, 'wf1', 'a1b2-c3')).toBe('/.n8n-dropbox-sync/webhook-trigger-wf1-a1b2-c3.json');
		expect(claimPath('/Claims/', 'w/f', 'n.d')).toBe('/Claims/webhook-trigger-w_f-n_d.json');
		expect(claimPath('/Claims', '', 'node')).toBe('/Claims/webhook-trigger-unsaved-node.json');
	});

	test('content round-trips; anything else is not a claim', () => {
		const content = { cursor: 'AAE', scope: '["/x",true,""]', nonce: 'n-1', claimedAt: '2026-12-07T13:00:00.000Z' };
		expect(parseClaim(claimBody(content).toString('utf8'))).toEqual(content);
		expect(parseClaim(claimBody({ ...content, cursor: null }).toString('utf8'))).toEqual({ ...content, cursor: null });
		expect(parseClaim('not json')).toBeUndefined();
		expect(parseClaim('{"cursor":"a"}')).toBeUndefined();
		expect(parseClaim('{"cursor":5,"scope":"s","nonce":"n"}')).toBeUndefined();
		expect(parseClaim('null')).toBeUndefined();
	});

	test('two claims of the same cursor differ (the nonce), so Dropbox never treats a write as an identical no-op', () => {
		const a = claimBody({ cursor: 'c', scope: 's', nonce: 'one', claimedAt: 't' });
		const b = claimBody({ cursor: 'c', scope: 's', nonce: 'two', claimedAt: 't' });
		expect(a.equals(b)).toBe(false);
	});

	test('written on top of the rev last seen, or as a new file', () => {
		expect(claimWriteMode('015f1')).toEqual({ '.tag': 'update', update: '015f1' });
		expect(claimWriteMode(undefined)).toBe('add');
	});

	test('the claim folder and what is inside it', () => {
		expect(isInClaimFolder('/.n8n-dropbox-sync/webhook-trigger-a-b.json', DEFAULT_CLAIM_FOLDER)).toBe(true);
		expect(isInClaimFolder('/.n8n-dropbox-sync', '/.N8N-Dropbox-Sync/')).toBe(true);
		expect(isInClaimFolder('/.n8n-dropbox-sync-other/x', DEFAULT_CLAIM_FOLDER)).toBe(false);
		expect(isInClaimFolder(undefined, DEFAULT_CLAIM_FOLDER)).toBe(false);
	});
});
