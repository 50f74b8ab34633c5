import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MIB, sessionChunkBytes } from '../../helpers/chunks';
import { mapSettledBounded } from '../../../shared/concurrency';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { isRev, metadataOutput, toDropboxTimestamp } from '../../helpers/metadata';
import { checkName, joinPath } from '../../helpers/paths';
import { inputError } from '../../transport/errors';
import { toPath } from '../../transport/resolve';
import type { PendingCommit, UploadOutcome, UploadPlan, UploadSource, WriteMode } from '../../transport/uploads';
import { commitBatches, finishSession, lookupExisting, uploadSingle, uploadToSession } from '../../transport/uploads';
import { folderLocator } from '../common.descriptions';
import { getDate, getPath } from '../parameters';
import {
	CHUNK_STEP_MIB,
	DEFAULT_CHUNK_MIB,
	DEFAULT_PARALLEL_CHUNKS,
	DEFAULT_PARALLEL_UPLOADS,
	DEFAULT_SINGLE_REQUEST_MIB,
	MAX_CHUNK_MIB,
	MAX_PARALLEL_CHUNKS,
	MAX_PARALLEL_UPLOADS,
	MAX_SINGLE_REQUEST_MIB,
	MIN_CHUNK_MIB,
	boundedCount,
} from '../../helpers/uploadLimits';
import { optionsCollection } from '../../../shared/optionsCollection';
import { openUrlFile } from '../../../shared/urlFile';
import { fileFromProperty, fileUrlProperty, forBinarySource } from '../../../shared/fileFromDescription';

const properties: INodeProperties[] = [
	fileFromProperty('Dropbox'),
	forBinarySource({
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file',
		description: 'Name of the binary field of the input item that holds the file to upload',
	}),
	fileUrlProperty,
	{ ...folderLocator, displayName: 'Destination Folder', description: 'The folder to upload into; "/" is the root. Missing folders are created.' },
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. poster.jpg',
		description: 'Name of the file in Dropbox; leave empty to use the name of the binary data (or the name the URL\'s server gives, else the last part of its path)',
	},
	{
		displayName: 'Write Mode',
		name: 'writeMode',
		type: 'options',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Create the file; if a different file already has the name, fail (or autorename)',
			},
			{
				name: 'Overwrite',
				value: 'overwrite',
				description: 'Replace whatever file is there (its old version stays in the revision history)',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Replace the file only if it still has the given rev, so a concurrent edit is never overwritten silently',
			},
		],
		default: 'add',
		description: 'What to do when a file with this name exists',
	},
	{
		displayName: 'Expected Rev',
		name: 'rev',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 015f9a2b3c4d5e6f7',
		description: 'The rev the file must still have: the "rev" field from an earlier Get Metadata, Download or trigger item',
		displayOptions: { show: { writeMode: ['update'] } },
	},
	{
		displayName: 'Autorename',
		name: 'autorename',
		type: 'boolean',
		default: false,
		description: 'Whether to keep both files on a conflict: the upload gets a new name such as "poster (1).jpg" or "poster (conflicted copy).jpg"',
	},
	{
		displayName: 'Skip If Identical',
		name: 'skipIfIdentical',
		type: 'boolean',
		default: false,
		description: "Whether to leave an existing file alone when its content is the same (compared by Dropbox's content_hash, computed while the file is sent). Skipped items say skipped: true.",
	},
	optionsCollection([
		{
			displayName: 'Chunk Size (MiB)',
			name: 'chunkSizeMib',
			type: 'number',
			typeOptions: { minValue: MIN_CHUNK_MIB, maxValue: MAX_CHUNK_MIB, numberStepSize: CHUNK_STEP_MIB },
			default: DEFAULT_CHUNK_MIB,
			description:
				'Size of each piece of an upload session, a multiple of 4 MiB. Memory use is about Chunk Size × (Parallel Chunks + 1) × Parallel Uploads; larger chunks are faster on fast links.',
		},
		{
			displayName: 'Client Modified',
			name: 'clientModified',
			type: 'dateTime',
			default: '',
			description: "The file's own modification time to record in Dropbox (client_modified); by default the upload time",
		},
		{
			displayName: 'Commit Together',
			name: 'batchCommit',
			type: 'boolean',
			default: true,
			description:
				"Whether to commit many items' uploads with one Dropbox call per 1,000 files (finish_batch_v2), which avoids Dropbox's write-contention errors; off commits each file on its own (the value of the first item applies)",
		},
		{
			displayName: 'Expected SHA-1',
			name: 'expectedSha1',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.downloadLink.sha1 }}',
			description:
				"SHA-1 (40 hex digits) the file must have, such as the asset's own from Smint.io. Computed while the file is sent; on a mismatch the file is not saved and the item fails. Empty: no check (Dropbox's content_hash still guards the transfer to Dropbox).",
		},
		{
			displayName: 'Mute Notifications',
			name: 'mute',
			type: 'boolean',
			default: false,
			description: "Whether to keep the Dropbox desktop apps from notifying the user about this change",
		},
		{
			displayName: 'Parallel Chunks',
			name: 'parallelChunks',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_CHUNKS },
			default: DEFAULT_PARALLEL_CHUNKS,
			description:
				'How many pieces of one large file to send at the same time (a concurrent upload session), so the wait for each reply overlaps with sending the next. 1 sends them one after the other. Each piece in flight holds Chunk Size in memory.',
		},
		{
			displayName: 'Parallel Uploads',
			name: 'parallelUploads',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_UPLOADS },
			default: DEFAULT_PARALLEL_UPLOADS,
			description: 'How many files to send at the same time when several items arrive (the value of the first item applies)',
		},
		{
			displayName: 'Single Request Limit (MiB)',
			name: 'singleRequestLimitMib',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_SINGLE_REQUEST_MIB },
			default: DEFAULT_SINGLE_REQUEST_MIB,
			description: 'Files up to this size go up in one request; larger ones in an upload session of several chunks (any size). Dropbox allows at most 150 MiB per request.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, properties);

interface ItemSettings {
	plan: UploadPlan;
	singleLimitBytes: number;
}

/** The file at File URL, fetched up to its headers (size and name); its bytes stream during the upload. */
async function urlSourceOf(this: IExecuteFunctions, itemIndex: number): Promise<{ source: UploadSource; fileName?: string }> {
	const url = String(this.getNodeParameter('sourceUrl', itemIndex, '') ?? '');
	const file = await openUrlFile(this.helpers, url, { node: this.getNode(), itemIndex, label: 'File URL' });
	return { source: { size: file.size, open: async () => await file.open(), discard: () => file.discard() }, fileName: file.fileName };
}

async function binarySourceOf(this: IExecuteFunctions, itemIndex: number): Promise<{ source: UploadSource; fileName?: string }> {
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const item = this.getInputData()[itemIndex];
	const binaryData = item?.binary?.[binaryPropertyName];
	if (!binaryData) {
		const available = Object.keys(item?.binary ?? {});
		throw inputError(
			this.getNode(),
			itemIndex,
			`No binary field "${binaryPropertyName}" on the input item`,
			available.length > 0
				? `Set "Input Binary Field" to the field that holds the file; this item has: ${available.join(', ')}`
				: 'This item carries no file; put a node that reads or downloads a file before this one',
		);
	}
	if (binaryData.id) {
		const id = binaryData.id;
		const { fileSize } = await this.helpers.getBinaryMetadata(id);
		const size = Number(fileSize ?? binaryData.bytes);
		// Streamed from n8n's binary store: only the chunk being sent is in memory.
		return { source: { size, open: async (chunkBytes) => await this.helpers.getBinaryStream(id, chunkBytes) }, fileName: binaryData.fileName };
	}
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	return { source: { size: buffer.length, buffer }, fileName: binaryData.fileName };
}

async function planFor(this: IExecuteFunctions, itemIndex: number): Promise<ItemSettings> {
	const fromUrl = this.getNodeParameter('source', itemIndex, 'binary') === 'url';
	const folder = getPath.call(this, 'folder', itemIndex, { allowRoot: true, label: 'destination folder' });
	const requestedName = String(this.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
	// A folder given by id is looked up once (cached): uploads need a path.
	const folderPath = /^(id|ns):/.test(folder) ? await toPath(this, folder, itemIndex) : folder;
	const { source, fileName: sourceName } = fromUrl ? await urlSourceOf.call(this, itemIndex) : await binarySourceOf.call(this, itemIndex);
	let planned = false;
	try {
		const settings = planWithSource.call(this, itemIndex, { source, requestedName, sourceName, folderPath, fromUrl });
		planned = true;
		return settings;
	} finally {
		// Refused: nothing will read the response fetched for the file's size.
		if (!planned) source.discard?.();
	}
}

function planWithSource(
	this: IExecuteFunctions,
	itemIndex: number,
	{ source, requestedName, sourceName, folderPath, fromUrl }: { source: UploadSource; requestedName: string; sourceName?: string; folderPath: string; fromUrl: boolean },
): ItemSettings {
	const name = checkName(requestedName || (sourceName ?? '').trim(), requestedName ? 'file name' : fromUrl ? 'file name (from the URL)' : 'file name (from the binary data)');
	if (!name.ok) {
		throw inputError(this.getNode(), itemIndex, name.problem, requestedName ? name.fix : `${name.fix}, or set "File Name"`);
	}
	const path = joinPath(folderPath, name.name);

	const mode = this.getNodeParameter('writeMode', itemIndex, 'add') as WriteMode;
	let rev: string | undefined;
	if (mode === 'update') {
		rev = String(this.getNodeParameter('rev', itemIndex, '') ?? '').trim();
		if (!isRev(rev)) {
			throw inputError(
				this.getNode(),
				itemIndex,
				rev === '' ? 'Write Mode "Update" needs the rev the file must have' : `"${rev}" is not a Dropbox rev`,
				'Set "Expected Rev" to the file\'s current "rev" (from Get Metadata, Download or the trigger), e.g. {{ $json.rev }}',
			);
		}
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const clientModifiedMs = getDate.call(this, options.clientModified, itemIndex, 'Client Modified');
	const expectedSha1 = String(options.expectedSha1 ?? '').trim().toLowerCase();
	if (expectedSha1 !== '' && !/^[0-9a-f]{40}$/.test(expectedSha1)) {
		throw inputError(this.getNode(), itemIndex, `Expected SHA-1 "${expectedSha1.slice(0, 60)}" is not a SHA-1`, 'Give 40 hex digits, e.g. {{ $json.downloadLink.sha1 }}, or leave it empty.');
	}
	const singleLimitMib = Math.min(MAX_SINGLE_REQUEST_MIB, Math.max(1, Number(options.singleRequestLimitMib ?? DEFAULT_SINGLE_REQUEST_MIB)));
	return {
		plan: {
			itemIndex,
			path,
			mode,
			rev,
			autorename: this.getNodeParameter('autorename', itemIndex, false) === true,
			skipIfIdentical: this.getNodeParameter('skipIfIdentical', itemIndex, false) === true,
			clientModified: clientModifiedMs === undefined ? undefined : toDropboxTimestamp(new Date(clientModifiedMs)),
			mute: options.mute === true,
			chunkBytes: sessionChunkBytes(Number(options.chunkSizeMib ?? DEFAULT_CHUNK_MIB)),
			parallelChunks: boundedCount(options.parallelChunks, DEFAULT_PARALLEL_CHUNKS, MAX_PARALLEL_CHUNKS),
			source,
			expectedSha1: expectedSha1 || undefined,
		},
		singleLimitBytes: Math.floor(singleLimitMib * MIB),
	};
}

/** Checks that need the file at the path: a folder in the way, a stale rev (before any bytes are sent). */
async function preCheck(this: IExecuteFunctions, plan: UploadPlan): Promise<void> {
	if (!plan.skipIfIdentical && plan.mode !== 'update') return;
	plan.existing = await lookupExisting(this, plan);
	const existing = plan.existing;
	if (existing && existing['.tag'] === 'folder') {
		throw inputError(this.getNode(), plan.itemIndex, `Path ${plan.path} is a folder; a file is needed`, 'Choose another file name, or another destination folder.');
	}
	if (plan.mode === 'update' && existing && existing.rev !== plan.rev && !plan.autorename) {
		throw inputError(
			this.getNode(),
			plan.itemIndex,
			`A file with a different revision is already there: ${plan.path} (current rev ${existing.rev}, expected ${plan.rev})`,
			'Someone changed the file since its rev was read. Get its metadata again and pass the current rev, choose Overwrite, or turn on Autorename to keep both.',
		);
	}
}

function toOutput(outcome: UploadOutcome): INodeExecutionData[] {
	const json = metadataOutput(outcome.metadata);
	if (outcome.kind === 'skipped') return [{ json: { ...json, skipped: true, reason: 'identical', uploadMethod: outcome.method } }];
	return [{ json: { ...json, skipped: false, uploadMethod: outcome.method } }];
}

const isOutcome = (value: PendingCommit | UploadOutcome): value is UploadOutcome => 'kind' in value;

/**
 * Uploads all items: their data goes up concurrently (bounded by Parallel Uploads), then the
 * sessions are committed together with finish_batch_v2, or one by one. Each item gets its own
 * result or error.
 */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	const firstOptions = this.getNodeParameter('options', itemIndexes[0] ?? 0, {}) as IDataObject;
	const parallel = boundedCount(firstOptions.parallelUploads, DEFAULT_PARALLEL_UPLOADS, MAX_PARALLEL_UPLOADS);
	const commitTogether = itemIndexes.length > 1 && firstOptions.batchCommit !== false;

	const sent = await mapSettledBounded(itemIndexes, parallel, async (itemIndex) => {
		const { plan, singleLimitBytes } = await planFor.call(this, itemIndex);
		try {
			await preCheck.call(this, plan);
			if (!commitTogether && plan.source.size <= singleLimitBytes) return await uploadSingle(this, plan);
			const pending = await uploadToSession(this, plan);
			if (isOutcome(pending) || commitTogether) return pending;
			return await finishSession(this, pending);
		} finally {
			// A file at a URL whose bytes were never read (a failed pre-check): close its response.
			plan.source.discard?.();
		}
	});

	const pendings = sent.filter((entry): entry is PendingCommit => !(entry instanceof Error) && !isOutcome(entry));
	const committed = pendings.length > 0 ? await commitBatches(this, pendings) : new Map<PendingCommit, UploadOutcome | Error>();

	return sent.map((entry, position) => {
		if (entry instanceof Error) return entry;
		const outcome = isOutcome(entry) ? entry : committed.get(entry);
		if (outcome === undefined) return inputError(this.getNode(), itemIndexes[position], 'The upload was not committed', 'Run the node again.');
		return outcome instanceof Error ? outcome : toOutput(outcome);
	});
}
