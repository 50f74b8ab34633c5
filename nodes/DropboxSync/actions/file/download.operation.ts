import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { networkCodeOf } from '../../../shared/retry';
import { binaryStoreRefusal, isStreamBreak } from '../../../shared/binaryStore';
import { DropboxContentHasher } from '../../helpers/contentHash';
import type { DropboxMetadata } from '../../helpers/metadata';
import { isRev, metadataOutput } from '../../helpers/metadata';
import { inputError, networkError } from '../../transport/errors';
import { dropboxDownload } from '../../transport/request';
import { binaryOutputField, fileLocator, parallelRequestsOption } from '../common.descriptions';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { getPath } from '../parameters';
import { optionsCollection } from '../../../shared/optionsCollection';

/** Whole-download attempts when the connection breaks while the bytes stream in. */
const STREAM_ATTEMPTS = 3;

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

const properties: INodeProperties[] = [
	{ ...fileLocator, description: 'The file to download' },
	binaryOutputField,
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "Name for the binary data; by default the file's name in Dropbox",
		},
		parallelRequestsOption,
		{
			displayName: 'Revision',
			name: 'rev',
			type: 'string',
			default: '',
			placeholder: 'e.g. 015f9a2b3c4d5e6f7',
			description: 'Download this older revision (from List Revisions) instead of the latest',
		},
		{
			displayName: 'Verify Content Hash',
			name: 'verifyContentHash',
			type: 'boolean',
			default: false,
			description: "Whether to read the stored file back and compare it with Dropbox's content_hash (costs one extra read of the file)",
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['download'] } }, properties);

async function hashBinary(this: IExecuteFunctions, binary: IBinaryKeyData[string]): Promise<string> {
	const hasher = new DropboxContentHasher();
	if (binary.id) {
		for await (const chunk of await this.helpers.getBinaryStream(binary.id, 4 * 1024 * 1024)) hasher.update(chunk as Buffer);
	} else {
		hasher.update(Buffer.from(binary.data, 'base64'));
	}
	return hasher.digest();
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'file', itemIndex, { allowRev: true, label: 'file path' });
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (binaryPropertyName === '') throw inputError(this.getNode(), itemIndex, 'The output binary field name is empty', 'Enter a field name such as "data"');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const rev = String(options.rev ?? '').trim();
	if (rev !== '' && !isRev(rev)) {
		throw inputError(this.getNode(), itemIndex, `"${rev}" is not a Dropbox rev`, 'Use the "rev" field of an entry returned by List Revisions (hexadecimal, at least 9 characters)');
	}
	const arg = rev ? { path, rev } : { path };

	for (let attempt = 1; ; attempt++) {
		const { result, stream } = await dropboxDownload<DropboxMetadata>(this, 'files/download', arg, { itemIndex, subject: { path, kind: 'file' } });
		const fileName = String(options.fileName ?? '').trim() || result.name;
		let binary: IBinaryKeyData[string] | undefined;
		let failure: unknown;
		try {
			// The response stream goes straight into n8n's binary data store: no full buffer.
			binary = await this.helpers.prepareBinaryData(stream as BinaryInput, fileName);
		} catch (error) {
			failure = error;
		}
		if (binary === undefined) {
			const code = networkCodeOf(failure);
			if (code === undefined && !isStreamBreak(failure)) {
				// n8n's binary store refused the file (the database mode's size cap, a full disk):
				// downloading it again cannot help, and it is no network error.
				(stream as { destroy?: () => void }).destroy?.();
				throw binaryStoreRefusal(this.getNode(), `n8n could not store the downloaded file ${path}`, failure, itemIndex);
			}
			// The connection broke mid-file: start the download again (bounded).
			if (attempt < STREAM_ATTEMPTS) continue;
			throw networkError(this.getNode(), 'files/download', code, failure, itemIndex, attempt);
		}
		if (options.verifyContentHash === true && result.content_hash) {
			const actual = await hashBinary.call(this, binary);
			if (actual !== result.content_hash) {
				throw new NodeApiError(this.getNode(), { content_hash: result.content_hash, received: actual }, {
					itemIndex,
					message: `The downloaded file does not match Dropbox's content_hash (${path})`,
					description: 'The data was damaged on the way; run again.',
				});
			}
		}
		const input = this.getInputData()[itemIndex];
		return [{ json: metadataOutput(result), binary: { ...(input?.binary ?? {}), [binaryPropertyName]: binary } }];
	}
}

/** Several items at once (Options > Parallel Requests); output and pairing as one by one. */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	return await executeItemsInParallel(this, itemIndexes, async (itemIndex) => await execute.call(this, itemIndex));
}
