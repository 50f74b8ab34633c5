// Input binaries as re-openable byte sources (streamed from n8n's binary store, never loaded
// whole unless n8n already holds them in memory), and SHA-1 over a source.
import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { bufferSource } from '../../shared/streamingBody';
import { openUrlFile } from '../../shared/urlFile';
import type { OpenSource } from '../../shared/streamingBody';

/** Chunk size for reading binaries from n8n's store. */
export const READ_CHUNK_BYTES = 1024 * 1024;

export interface BinarySource {
	openFile: OpenSource;
	size: number;
	fileName: string;
	mimeType: string;
	/** Closes what was opened to learn the size (a URL's response) when the bytes are not read. */
	discard?: () => void;
}

/** The item's binary property as a source; a clear error when the item has none. */
export async function inputBinary(ctx: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<BinarySource> {
	const item = ctx.getInputData()[itemIndex];
	const binaryData = item?.binary?.[propertyName];
	if (!binaryData) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `The item has no binary property '${propertyName}'`, {
			itemIndex,
			description:
				available.length > 0
					? `Set "Input Binary Field" to one of: ${available.join(', ')}`
					: 'The item carries no binary data. Put a node that reads or downloads the file (e.g. Read/Write Files from Disk, HTTP Request, Dropbox) before this one, or check "Input Binary Field".',
		});
	}
	const fileName = binaryData.fileName ?? `${propertyName}${binaryData.fileExtension ? `.${binaryData.fileExtension}` : ''}`;
	const mimeType = binaryData.mimeType || 'application/octet-stream';
	if (binaryData.id) {
		const id = binaryData.id;
		let size = typeof binaryData.bytes === 'number' ? binaryData.bytes : Number.NaN;
		if (!Number.isFinite(size)) size = Number((await ctx.helpers.getBinaryMetadata(id)).fileSize);
		return {
			openFile: async () => await ctx.helpers.getBinaryStream(id, READ_CHUNK_BYTES),
			size,
			fileName,
			mimeType,
		};
	}
	// n8n's in-memory mode: the bytes are in the item already.
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return { openFile: bufferSource(buffer, READ_CHUNK_BYTES), size: buffer.length, fileName, mimeType };
}

/**
 * The file at File URL as a source: fetched up to its headers now (size, name), its bytes stream
 * into uploadFile later, never through n8n's binary data. A resend fetches it again.
 */
export async function urlSource(ctx: IExecuteFunctions, itemIndex: number, url: string, fileNameOption: string): Promise<BinarySource> {
	const file = await openUrlFile(ctx.helpers, url, { node: ctx.getNode(), itemIndex, label: 'File URL' });
	const fileName = fileNameOption || file.fileName;
	if (!fileName) {
		file.discard();
		throw new NodeOperationError(ctx.getNode(), `${file.shownUrl} names no file (no Content-Disposition, no file name in its path)`, {
			itemIndex,
			description: 'Set Options > File Name, e.g. {{ $json.metadata.name }}.',
		});
	}
	return { openFile: async () => await file.open(), size: file.size, fileName, mimeType: file.mimeType ?? 'application/octet-stream', discard: () => file.discard() };
}

/** SHA-1 (hex) and length of a source, streamed. */
export async function sha1Of(openFile: OpenSource): Promise<{ sha1: string; bytes: number }> {
	const hash = createHash('sha1');
	let bytes = 0;
	for await (const chunk of await openFile()) {
		hash.update(chunk);
		bytes += chunk.length;
	}
	return { sha1: hash.digest('hex'), bytes };
}

/** SHA-1 of a binary the node produced (read back from n8n's store). */
export async function sha1OfOutput(ctx: IExecuteFunctions, itemIndex: number, binaryData: IBinaryData): Promise<string> {
	if (binaryData.id) {
		const id = binaryData.id;
		return (await sha1Of(async () => await ctx.helpers.getBinaryStream(id, READ_CHUNK_BYTES))).sha1;
	}
	return createHash('sha1').update(Buffer.from(binaryData.data, 'base64')).digest('hex');
}

/** A hash that restarts when a streamed body is sent again (observer of streamingBody). */
export class Sha1Observer {
	private hash = createHash('sha1');
	private bytes = 0;

	restart(): void {
		this.hash = createHash('sha1');
		this.bytes = 0;
	}

	chunk(data: Uint8Array): void {
		this.hash.update(data);
		this.bytes += data.length;
	}

	/** Hash of the last complete pass. */
	result(): { sha1: string; bytes: number } {
		return { sha1: this.hash.copy().digest('hex'), bytes: this.bytes };
	}
}
