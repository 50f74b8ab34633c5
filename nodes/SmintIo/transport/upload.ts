// Portals uploadFile [public]: multipart/form-data with one file part → {uuid}. The binary is
// streamed (Blob-like body, see nodes/shared/streamingBody.ts) and hashed on the way, so the
// caller can check that Smint.io stored exactly these bytes.
import { NodeApiError } from 'n8n-workflow';
import { multipartStreamingBody } from '../../shared/streamingBody';
import type { BinarySource } from './binary';
import { Sha1Observer } from './binary';
import type { SmintIoClient } from './client';
import { PORTALS_PATHS, UPLOAD_FILE_FIELD } from './methodTable';

export interface UploadedFile {
	uuid: string;
	/** SHA-1 of the bytes sent (the last complete pass). */
	sha1: string;
	bytes: number;
}

export async function uploadFile(client: SmintIoClient, source: BinarySource, fileName = source.fileName): Promise<UploadedFile> {
	const portal = client.requirePortal();
	const observer = new Sha1Observer();
	const body = multipartStreamingBody({
		openFile: source.openFile,
		fileSize: source.size,
		fileName,
		mimeType: source.mimeType,
		fieldName: UPLOAD_FILE_FIELD,
		observer,
	});
	const label = `Upload file '${fileName}'`;
	const result = await client.requestJson<{ uuid?: unknown }>({
		method: 'POST',
		url: `${client.hosts.portalsBaseUrl}${PORTALS_PATHS.uploadFile(portal)}`,
		body: body as unknown as object,
		label,
		disableFollowRedirect: true,
		refreshTokenOnReset: true,
		// Large files take long; n8n's default timeout (5 min) would abort them.
		timeout: 24 * 3600 * 1000,
	});
	const sent = observer.result();
	if (typeof result?.uuid !== 'string' || result.uuid === '') {
		throw new NodeApiError(
			client.node,
			{ message: 'uploadFile returned no uuid' },
			{ message: `${label}: Smint.io did not return the uploaded file's uuid`, itemIndex: client.itemIndex },
		);
	}
	if (sent.bytes !== source.size) {
		throw new NodeApiError(
			client.node,
			{ message: 'size mismatch' },
			{
				message: `${label}: sent ${sent.bytes} bytes, but the binary is ${source.size} bytes`,
				description: 'The binary data changed or could not be read completely. Run again.',
				itemIndex: client.itemIndex,
			},
		);
	}
	return { uuid: result.uuid, sha1: sent.sha1, bytes: sent.bytes };
}
