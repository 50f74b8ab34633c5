'use strict';
// Opaque cursors (list_folder, search, list_shared_links). They carry the emulator instance
// and the reset epoch: a cursor from another data dir, from before an admin reset, or one
// that does not decode is answered with `reset`, as Dropbox does for cursors it cannot serve.

function encodeCursor(db, kind, state) {
	const payload = { k: kind, i: db.instanceId(), e: db.peek('epoch'), ...state };
	return `AA${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
}

/** @returns {any | null} the state, or null when the cursor is unusable */
function decodeCursor(db, kind, cursor) {
	if (typeof cursor !== 'string' || !cursor.startsWith('AA')) return null;
	try {
		const payload = JSON.parse(Buffer.from(cursor.slice(2), 'base64url').toString('utf8'));
		if (payload.k !== kind || payload.i !== db.instanceId() || payload.e !== db.peek('epoch')) return null;
		return payload;
	} catch {
		return null;
	}
}

module.exports = { encodeCursor, decodeCursor };
