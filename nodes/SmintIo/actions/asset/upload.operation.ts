// Upload: stream the binary through uploadFile, then create the asset. Idempotent on External
// ID: when an asset with that ID exists, the user's choice applies (skip, update its metadata,
// or replace its file only when the bytes differ — decided by SHA-1, computed in a first pass
// over the binary, so identical bytes are never sent). Several items: their External IDs are
// looked up together first (externalIdLookup.ts), then the items run Parallel Requests at a
// time, those with the same External ID one after the other.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { localizeAsset } from '../../helpers/localized';
import type { Asset, CreateOutcome } from '../../transport/assets';
import { createAsset, findByExternalId, replaceBinary, updateAssetMerged } from '../../transport/assets';
import { inputBinary, sha1Of, urlSource } from '../../transport/binary';
import type { BinarySource } from '../../transport/binary';
import type { SmintIoClient } from '../../transport/client';
import { isNotFound, smintIoErrorOf } from '../../transport/errors';
import { uploadFile } from '../../transport/upload';
import type { UploadedFile } from '../../transport/upload';
import { clientFor } from '../clientForItem';
import { binaryInputField, parallelRequestsOption, portalsOptions } from '../common.descriptions';
import type { ItemOutcome } from '../../../shared/parallelItems';
import { executeItemsInParallel } from '../../../shared/parallelItems';
import { ExternalIdIndex, lookUpExternalIds, readExternalIds } from '../../helpers/externalIdLookup';
import { createFields, readChanges, readCreateParams } from '../../helpers/assetFields';
import { optionsCollection } from '../../../shared/optionsCollection';
import { fileFromProperty, fileUrlProperty, forBinarySource } from '../../../shared/fileFromDescription';

const properties: INodeProperties[] = [
	fileFromProperty('Smint.io'),
	forBinarySource(binaryInputField),
	fileUrlProperty,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Launch 2027 hero',
		description: "Name of the new asset. Empty: the file's name.",
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: 'e.g. dropbox:ID:a4ayc_80_OEAAAAAAAAAXw',
		description:
			'Reference to the file in the source system. With it, uploads are safe to rerun: an asset with this External ID is found instead of created twice.',
	},
	{
		displayName: 'If Asset Exists',
		name: 'ifExists',
		type: 'options',
		options: [
			{
				name: 'Replace Binary If Content Differs',
				value: 'replaceBinaryIfDifferent',
				description: "Upload the file as a new version only when its SHA-1 differs from the asset's",
			},
			{ name: 'Skip', value: 'skip', description: 'Leave the asset as it is and output it' },
			{
				name: 'Update Metadata',
				value: 'updateMetadata',
				description: 'Apply name, description, tags, metadata, rights, approval state and collections to the asset',
			},
		],
		default: 'skip',
		description: 'What to do when an asset with this External ID exists already',
		displayOptions: { hide: { externalId: [''] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: createFields,
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "File name to store. Empty: the binary's file name (from a URL: the name its server gives, else the last part of its path).",
		},
		{
			displayName: 'Look Up External IDs First',
			name: 'lookUpExternalIds',
			type: 'boolean',
			default: true,
			description:
				'Whether to search Smint.io for the items\' External IDs (one search per 50) before uploading. Turn it off only when an earlier node of the workflow has just looked them up and passes on only the files to send (as template 1 does): each item then uploads and creates at once. The create stays conditional on the External ID, so an asset that exists (e.g. created meanwhile by another execution) is found and If Asset Exists applies instead of a second asset being made; its file was then uploaded in vain. The value of the first item applies.',
		},
		parallelRequestsOption,
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['upload'] } }, properties);

type Outcome = { asset: Asset; action: 'created' | 'skipped' | 'metadataUpdated' | 'binaryReplaced'; extra?: IDataObject };

/** Checks that Smint.io stored the bytes we sent (when it reports their SHA-1). */
function checkStored(client: SmintIoClient, asset: Asset, sha1: string): void {
	const stored = asset.fileMetadata?.sha1Hash;
	if (typeof stored === 'string' && stored !== '' && stored.toLowerCase() !== sha1) {
		throw new NodeApiError(
			client.node,
			{ message: 'checksum mismatch' },
			{
				message: `Asset ${asset.id}: Smint.io stored a file with SHA-1 ${stored}, but the uploaded file has SHA-1 ${sha1}`,
				description: 'The file was changed in transit. Run again.',
				itemIndex: client.itemIndex,
			},
		);
	}
}

/** An unknown collection in the create call is an input problem. */
function rethrowUnknownCollection(ctx: IExecuteFunctions, itemIndex: number, error: unknown): never {
	const info = smintIoErrorOf(error);
	const details = (error as { context?: { smintIoError?: { error_details?: { uuid?: string; name?: string } | null } } }).context?.smintIoError
		?.error_details;
	if (info && isNotFound(error) && details?.name === 'collectionIds') {
		throw new NodeOperationError(ctx.getNode(), `No collection with ID '${details.uuid ?? '?'}' in this portal`, {
			itemIndex,
			description: 'Check Additional Fields > Collections: pick each collection from the list.',
		});
	}
	throw error;
}

/**
 * One item. `batch`: its External ID as read already, and the External IDs looked up already
 * (without it the item reads its own and searches for it).
 */
async function uploadItem(
	this: IExecuteFunctions,
	itemIndex: number,
	batch?: { externalId: string | Error; known: ExternalIdIndex },
): Promise<INodeExecutionData[]> {
	const fromUrl = this.getNodeParameter('source', itemIndex, 'binary') === 'url';
	if (batch?.externalId instanceof Error) throw batch.externalId;
	const externalId = typeof batch?.externalId === 'string' ? batch.externalId : (this.getNodeParameter('externalId', itemIndex, '') as string).trim();
	const known = batch?.known;
	const ifExists = this.getNodeParameter('ifExists', itemIndex, 'skip') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
	const fileNameOption = (this.getNodeParameter('options.fileName', itemIndex, '') as string).trim();

	// A file at a URL is fetched up to its headers here (its name and size); its bytes stream into uploadFile.
	const source = fromUrl
		? await urlSource(this, itemIndex, String(this.getNodeParameter('sourceUrl', itemIndex, '') ?? ''), fileNameOption)
		: await inputBinary(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
	try {
		return await uploadSource.call(this, itemIndex, source, { externalId, known, ifExists, fields, fileNameOption });
	} finally {
		// Skipped, or failed before sending: nothing read the URL's response.
		source.discard?.();
	}
}

async function uploadSource(
	this: IExecuteFunctions,
	itemIndex: number,
	source: BinarySource,
	{ externalId, known, ifExists, fields, fileNameOption }: { externalId: string; known?: ExternalIdIndex; ifExists: string; fields: Record<string, unknown>; fileNameOption: string },
): Promise<INodeExecutionData[]> {
	const fileName = fileNameOption || source.fileName;
	// Read once: every read of an expression parameter evaluates it again.
	const nameParameter = (this.getNodeParameter('name', itemIndex, '') as string).trim();
	const name = nameParameter || fileName;
	const { client, culture } = await clientFor(this, itemIndex);
	// Validate every field before anything is sent.
	const createParams = readCreateParams(fields, { name, culture, externalId: externalId || undefined });
	const changes = readChanges(fields, culture, nameParameter || undefined);

	const lookUp = async (): Promise<Asset | null> => {
		if (!externalId) return null;
		const answer = known?.answerFor(client.portalUuid, externalId, itemIndex);
		return answer !== undefined ? answer : await findByExternalId(client, externalId);
	};
	/** The user's choice for an asset that has this External ID; `uploaded`: the file was sent already. */
	const applyToExisting = async (existing: Asset, uploaded?: UploadedFile): Promise<Outcome> => {
		if (ifExists === 'updateMetadata') {
			const updated = await updateAssetMerged(client, existing.id, changes, existing);
			return {
				asset: updated.asset,
				action: updated.changedFields.length > 0 ? 'metadataUpdated' : 'skipped',
				extra: { changedFields: updated.changedFields, conflictRetried: updated.conflictRetried, ...(updated.changedFields.length === 0 ? { reason: 'metadata already as requested' } : {}) },
			};
		}
		if (ifExists === 'replaceBinaryIfDifferent') {
			const sha1 = uploaded ? uploaded.sha1 : (await sha1Of(source.openFile)).sha1;
			if (existing.fileMetadata?.sha1Hash === sha1) {
				return { asset: existing, action: 'skipped', extra: { reason: 'same content (SHA-1) already stored', sha1 } };
			}
			const sent = uploaded ?? (await uploadFile(client, source, fileName));
			const replaced = await replaceBinary(client, existing.id, sent, existing);
			checkStored(client, replaced.asset, sent.sha1);
			return { asset: replaced.asset, action: 'binaryReplaced', extra: { sha1: sent.sha1, conflictRetried: replaced.conflictRetried } };
		}
		return { asset: existing, action: 'skipped', extra: { reason: `an asset with External ID '${externalId}' exists` } };
	};
	const run = async (): Promise<Outcome> => {
		const existing = await lookUp();
		if (existing) return await applyToExisting(existing);
		const uploaded = await uploadFile(client, source, fileName);
		let created: CreateOutcome;
		try {
			created = await createAsset(client, { ...createParams, uploadedFileUuid: uploaded.uuid });
		} catch (error) {
			rethrowUnknownCollection(this, itemIndex, error);
		}
		if (created.existed) {
			// Another execution (e.g. on another worker) created it between our look-up and our
			// create, or (no look-up first) it existed: Smint.io created nothing, and this item
			// treats the asset as found.
			const outcome = await applyToExisting(created.asset, uploaded);
			return { ...outcome, extra: { ...outcome.extra, ...(known?.unknownMeansAbsent ? { foundOnCreate: true } : { createdConcurrently: true }) } };
		}
		checkStored(client, created.asset, uploaded.sha1);
		return { asset: created.asset, action: 'created', extra: { sha1: uploaded.sha1, recoveredAfterLostReply: created.recovered } };
	};
	let outcome: Outcome | undefined;
	try {
		outcome = await run();
	} finally {
		// After a failure the asset's state is uncertain: a later item with this External ID looks again.
		if (externalId) {
			if (outcome) known?.set(client.portalUuid, externalId, outcome.asset);
			else known?.forget(client.portalUuid, externalId);
		}
	}

	return [
		{
			json: {
				...(localizeAsset(outcome.asset, culture) as IDataObject),
				action: outcome.action,
				skipped: outcome.action === 'skipped',
				...outcome.extra,
			},
		},
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await uploadItem.call(this, itemIndex);
}

/** Options > Look Up External IDs First, read for the first item (one setting for the run). */
function lookUpFirst(ctx: IExecuteFunctions, itemIndex: number | undefined): boolean {
	if (itemIndex === undefined) return true;
	try {
		return ctx.getNodeParameter('options.lookUpExternalIds', itemIndex, true) !== false;
	} catch {
		return true;
	}
}

/**
 * All items: External IDs looked up in batched searches, then Parallel Requests items at a
 * time; items with the same External ID run one after the other, so a duplicate in the input
 * finds the asset the earlier item created instead of creating a second one.
 */
export async function executeBatch(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]> {
	const externalIds = readExternalIds(this, itemIndexes);
	const known = lookUpFirst(this, itemIndexes[0]) ? await lookUpExternalIds(this, externalIds) : new ExternalIdIndex(true);
	const externalIdOf = (itemIndex: number) => externalIds.get(itemIndex) ?? '';
	const keyOf = (itemIndex: number) => {
		const externalId = externalIdOf(itemIndex);
		return typeof externalId === 'string' && externalId !== '' ? externalId : undefined;
	};
	return await executeItemsInParallel(
		this,
		itemIndexes,
		async (itemIndex) => await uploadItem.call(this, itemIndex, { externalId: externalIdOf(itemIndex), known }),
		keyOf,
	);
}
