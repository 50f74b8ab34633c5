'use strict';
// Which trigger events a Portals change stands for (pure mapping of the Smint.io Trigger).

const { eventsForChange, keepLast, ARCHIVED_MEMORY } = require('../../../nodes/SmintIoTrigger/helpers/changes');

const all = new Set(['assetCreated', 'assetUpdated', 'assetApproved', 'assetDeletedOrArchived']);
const change = (type, approvalState = 'draft', assetId = '1:image:a') => ({ type, assetId, assetDataObject: { id: assetId, approvalState } });

test.each([
	['AssetCreated', 'draft', ['assetCreated']],
	['AssetCreated', 'archived', ['assetCreated', 'assetArchived']],
	['AssetUpdated', 'approved', ['assetUpdated']],
	['AssetApproved', 'approved', ['assetApproved']],
	['CollectionUpdated', undefined, []],
	['SomethingNew', undefined, []],
])('%s (%s) -> %p with every event selected', (type, state, expected) => {
	expect(eventsForChange(change(type, state), all, [])).toEqual(expected);
});

test('deleted changes carry no snapshot', () => {
	expect(eventsForChange({ type: 'AssetDeleted', assetId: 'x' }, all, [])).toEqual(['assetDeleted']);
});

test('only selected events are emitted', () => {
	expect(eventsForChange(change('AssetUpdated', 'approved'), new Set(['assetApproved']), [])).toEqual([]);
	expect(eventsForChange(change('AssetApproved', 'approved'), new Set(['assetApproved']), [])).toEqual(['assetApproved']);
});

test('"archived" is reported once per archiving, again after un-archiving and archiving again', () => {
	const archived = [];
	const events = new Set(['assetDeletedOrArchived']);
	expect(eventsForChange(change('AssetUpdated', 'archived'), events, archived)).toEqual(['assetArchived']);
	expect(eventsForChange(change('AssetUpdated', 'archived'), events, archived)).toEqual([]);
	expect(eventsForChange(change('AssetUpdated', 'approved'), events, archived)).toEqual([]);
	expect(eventsForChange(change('AssetUpdated', 'archived'), events, archived)).toEqual(['assetArchived']);
	expect(eventsForChange({ type: 'AssetDeleted', assetId: '1:image:a' }, events, archived)).toEqual(['assetDeleted']);
	expect(archived).toEqual([]);
});

test('the archived memory stays bounded', () => {
	const archived = [];
	for (let i = 0; i < ARCHIVED_MEMORY + 10; i++) eventsForChange(change('AssetUpdated', 'archived', `1:image:${i}`), all, archived);
	expect(archived).toHaveLength(ARCHIVED_MEMORY);
	expect(archived[0]).toBe('1:image:10');
});

test('keepLast keeps the newest entries', () => {
	const list = [];
	for (let i = 0; i < 8; i++) keepLast(list, i, 3);
	expect(list).toEqual([5, 6, 7]);
});
