'use strict';
// External ID helpers (nodes/SmintIo/helpers/externalIds.ts): which asset answers for an ID,
// and the distinct IDs a batched look-up searches for.

const { pickByExternalId, distinctValues } = require('../../../nodes/SmintIo/helpers/externalIds');

test('the oldest asset carrying exactly the ID answers for it; none gives null', () => {
	const assets = [
		{ id: '99:image:c', externalId: 'dropbox:id:1', createdAt: '2026-03-01T00:00:00Z' },
		{ id: '99:image:b', externalId: 'dropbox:id:1', createdAt: '2026-01-01T00:00:00Z' },
		{ id: '99:image:a', externalId: 'dropbox:id:1', createdAt: '2026-01-01T00:00:00Z' },
		{ id: '99:image:d', externalId: 'dropbox:id:10', createdAt: '2025-01-01T00:00:00Z' },
	];
	expect(pickByExternalId(assets, 'dropbox:id:1').id).toBe('99:image:a');
	expect(pickByExternalId(assets, 'dropbox:id:10').id).toBe('99:image:d');
	expect(pickByExternalId(assets, 'dropbox:id:2')).toBeNull();
	expect(pickByExternalId([], 'x')).toBeNull();
});

test('distinct values: trimmed, empty ones dropped, first-seen order', () => {
	expect(distinctValues([' b', 'a', '', 'b ', '  ', 'c', 'a'])).toEqual(['b', 'a', 'c']);
});
