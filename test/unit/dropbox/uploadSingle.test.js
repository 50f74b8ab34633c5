'use strict';

const { uploadSingle } = require('../../../nodes/DropboxSync/transport/uploads');

const node = { name: 'Upload', type: 'n8n-nodes-dropbox-sync.dropboxSync', typeVersion: 1, parameters: {} };
/** A context that fails the test if the upload reaches the network. */
const ctx = {
	getNode: () => node,
	helpers: {
		httpRequestWithAuthentication: async () => {
			throw new Error('no request expected');
		},
	},
};

function planOf(size, pieces) {
	return {
		itemIndex: 3,
		path: '/In/file.bin',
		mode: 'add',
		autorename: false,
		mute: false,
		chunkBytes: 4,
		source: {
			size,
			open: async () =>
				(async function* () {
					for (const piece of pieces) yield Buffer.from(piece);
				})(),
		},
	};
}

describe('uploadSingle: the stored file must have the size its metadata announces', () => {
	test.each([
		['fewer bytes', 10, ['abcd', 'ef'], 6],
		['more bytes', 5, ['abcd', 'efgh', 'ij'], 10],
		['no size in the metadata', NaN, ['abcd'], 4],
	])('%s: refused before anything is sent, naming both sizes and the item', async (_, size, pieces, actual) => {
		const error = await uploadSingle(ctx, planOf(size, pieces)).then(
			() => null,
			(caught) => caught,
		);
		expect(error).not.toBeNull();
		expect(error.message).toBe(`The binary data has ${actual} bytes, but its metadata says ${size} (item 3)`);
		expect(error.description).toMatch(/read or download it again/);
	});
});
