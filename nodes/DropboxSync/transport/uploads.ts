// Upload mechanics: one files/upload call for small files, upload sessions for the rest
// (streamed chunk by chunk, a few chunks in flight at once in a concurrent session; only the
// chunks in flight and the one just read are in memory), commits one by one
// or together with finish_batch_v2, and the checks that make every write safe to retry:
//
// - The content_hash is computed while the bytes go out. "Skip if identical" compares it with
//   the existing file's hash (fetched before sending) and then does not commit.
// - When a commit's reply is lost and the retry fails (the session is used up, the rev moved
//   on), the file at the path is checked: if it has our content_hash, the first commit worked.
// - An append that Dropbox already has (incorrect_offset) continues from Dropbox's offset,
//   re-slicing the chunk in memory. A piece of a concurrent session is simply sent again: it
//   has its own offset, and Dropbox keeps the last copy.

import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { forEachBounded } from '../helpers/boundedPipeline';
import { bufferChunks, pooledChunks, resumePoint } from '../helpers/chunks';
import type { PooledChunk } from '../helpers/chunks';
import { inGroups } from '../../shared/concurrency';
import { DropboxContentHasher } from '../helpers/contentHash';
import type { ErrorSubject } from '../helpers/dropboxErrors';
import { errorMember, errorTags } from '../helpers/dropboxErrors';
import type { DropboxMetadata } from '../helpers/metadata';
import { baseName, parentPath } from '../helpers/paths';
import type { DropboxContext } from './connection';
import { getConnection } from './connection';
import type { DropboxNodeError } from './errors';
import { failureOf, failureToError, inputError } from './errors';
import { listFolderPages } from './listing';
import { dropboxRpc, dropboxUpload } from './request';

export type WriteMode = 'add' | 'overwrite' | 'update';

export interface UploadSource {
	size: number;
	/** The bytes when n8n keeps them in memory (no binary data id). */
	buffer?: Buffer;
	/** Opens the bytes as a stream of pieces (filesystem / S3 binary data, a file at a URL). */
	open?: (chunkBytes: number) => Promise<AsyncIterable<Uint8Array>>;
	/** Releases what was opened to learn the size (a URL's response) when the bytes are not read. */
	discard?: () => void;
}

export interface UploadPlan {
	itemIndex: number;
	path: string;
	mode: WriteMode;
	rev?: string;
	autorename: boolean;
	skipIfIdentical: boolean;
	clientModified?: string;
	mute: boolean;
	chunkBytes: number;
	/** Appends in flight at once for a file of several chunks (1: a sequential session). */
	parallelChunks: number;
	source: UploadSource;
	/** SHA-1 (hex, lower case) the bytes must have, e.g. the asset's own from Smint.io; checked before the commit. */
	expectedSha1?: string;
	/** The file at the path before the upload (null: nothing there), when it was looked up. */
	existing?: DropboxMetadata | null;
}

export type UploadOutcome =
	| { kind: 'uploaded'; metadata: DropboxMetadata; method: 'single' | 'session' | 'batch' }
	| { kind: 'skipped'; metadata: DropboxMetadata; method: 'single' | 'session' };

/** A session whose data is all with Dropbox, waiting to be committed. */
export interface PendingCommit {
	plan: UploadPlan;
	sessionId: string;
	contentHash: string;
}

/** Commit rounds for entries that Dropbox answers with too_many_write_operations. */
const BATCH_COMMIT_ROUNDS = 6;
/** Dropbox's limit of entries per finish_batch_v2 call. */
export const MAX_BATCH_ENTRIES = 1000;

function subjectOf(plan: UploadPlan): ErrorSubject {
	return { path: plan.path, kind: 'file', writeMode: plan.mode, expectedRev: plan.rev };
}

export function commitInfo(plan: UploadPlan) {
	return {
		path: plan.path,
		mode: plan.mode === 'update' ? { '.tag': 'update', update: plan.rev } : plan.mode,
		autorename: plan.autorename,
		mute: plan.mute,
		...(plan.clientModified ? { client_modified: plan.clientModified } : {}),
	};
}

/** The file at the path (null if none), for skip-if-identical and the update pre-check. */
export async function lookupExisting(ctx: DropboxContext, plan: UploadPlan): Promise<DropboxMetadata | null> {
	try {
		return await dropboxRpc<DropboxMetadata>(ctx, 'files/get_metadata', { path: plan.path }, { itemIndex: plan.itemIndex, subject: subjectOf(plan) });
	} catch (error) {
		const failure = failureOf(error);
		if (failure?.tag.split('/').includes('not_found')) return null;
		throw error as DropboxNodeError;
	}
}

/**
 * After a commit whose reply was lost: is our content at the path (or, with autorename, at a
 * renamed sibling)? Returns its metadata, or undefined when the commit did not happen.
 */
async function findCommitted(ctx: DropboxContext, plan: UploadPlan, contentHash: string): Promise<DropboxMetadata | undefined> {
	const atPath = await lookupExisting(ctx, plan);
	if (atPath && atPath['.tag'] !== 'folder' && atPath.content_hash === contentHash) return atPath;
	if (!plan.autorename) return undefined;
	const name = baseName(plan.path);
	const dot = name.lastIndexOf('.');
	const stem = (dot > 0 ? name.slice(0, dot) : name).toLowerCase();
	for await (const page of listFolderPages(ctx, { path: parentPath(plan.path), limit: 2000 }, plan.itemIndex)) {
		const match = page.entries.find((entry) => entry['.tag'] === 'file' && entry.content_hash === contentHash && entry.name.toLowerCase().startsWith(stem));
		if (match) return match;
	}
	return undefined;
}

function checkIntegrity(ctx: DropboxContext, plan: UploadPlan, metadata: DropboxMetadata, contentHash: string): DropboxMetadata {
	if (metadata.content_hash && metadata.content_hash !== contentHash) {
		throw failureToError(
			ctx.getNode(),
			{ status: 409, tags: ['content_hash_mismatch'], body: { error: { '.tag': 'content_hash_mismatch' } }, route: 'files/upload' },
			subjectOf(plan),
			{ itemIndex: plan.itemIndex, usesOAuth2: false, attempts: 1 },
		);
	}
	return metadata;
}

/** SHA-1 of the bytes as they go out, when the plan expects one. */
function sha1Check(plan: UploadPlan): { update(chunk: Uint8Array): void; verify(ctx: DropboxContext): void } | undefined {
	if (!plan.expectedSha1) return undefined;
	const hash = createHash('sha1');
	return {
		update: (chunk) => void hash.update(chunk),
		verify: (ctx) => {
			const actual = hash.digest('hex');
			if (actual === plan.expectedSha1) return;
			// Not committed: Dropbox keeps the file at the path as it was.
			throw new NodeApiError(
				ctx.getNode(),
				{ message: 'checksum mismatch' },
				{
					message: `The file for ${plan.path} has SHA-1 ${actual}, not the expected ${plan.expectedSha1}; it was not saved`,
					description: 'The bytes changed in transit or at their source. Run again; if it persists, the source file differs from the checksum it was given.',
					itemIndex: plan.itemIndex,
				},
			);
		},
	};
}

function isIdentical(plan: UploadPlan, contentHash: string): boolean {
	return plan.skipIfIdentical && !!plan.existing && plan.existing['.tag'] !== 'folder' && plan.existing.content_hash === contentHash;
}

/** Could the existing file be identical? Only worth hashing when the sizes match. */
function mightBeIdentical(plan: UploadPlan): boolean {
	return plan.skipIfIdentical && !!plan.existing && plan.existing.size === plan.source.size;
}

/** The whole (small) file, read into one buffer of its announced size: one copy of the bytes. */
async function readAll(plan: UploadPlan): Promise<{ data: Buffer; length: number }> {
	const { source } = plan;
	if (source.buffer) return { data: source.buffer, length: source.buffer.length };
	// A size that is no byte count (metadata without one) gets no buffer: the count then fails the check.
	const data = Buffer.allocUnsafe(Number.isSafeInteger(source.size) && source.size > 0 ? source.size : 0);
	let length = 0;
	for await (const piece of await source.open!(plan.chunkBytes)) {
		// More bytes than announced: only count them, the caller refuses the file.
		if (length + piece.length <= data.length) data.set(piece, length);
		length += piece.length;
	}
	return { data, length };
}

/** One files/upload call (small files). */
export async function uploadSingle(ctx: DropboxContext, plan: UploadPlan): Promise<UploadOutcome> {
	const { data, length } = await readAll(plan);
	if (length !== plan.source.size) {
		throw inputError(ctx.getNode(), plan.itemIndex, `The binary data has ${length} bytes, but its metadata says ${plan.source.size}`, 'The input file seems damaged; read or download it again.');
	}
	const sha1 = sha1Check(plan);
	sha1?.update(data);
	sha1?.verify(ctx);
	const contentHash = new DropboxContentHasher().update(data).digest();
	if (mightBeIdentical(plan) && isIdentical(plan, contentHash)) return { kind: 'skipped', metadata: plan.existing!, method: 'single' };
	const metadata = await dropboxUpload<DropboxMetadata>(ctx, 'files/upload', { ...commitInfo(plan), content_hash: contentHash }, data, {
		itemIndex: plan.itemIndex,
		subject: subjectOf(plan),
		recover: async () => await findCommitted(ctx, plan, contentHash),
	});
	return { kind: 'uploaded', metadata: checkIntegrity(ctx, plan, metadata, contentHash), method: 'single' };
}

/** append_v2 of one chunk, continuing from Dropbox's offset when it already has part of it. */
async function appendChunk(ctx: DropboxContext, plan: UploadPlan, sessionId: string, offset: number, chunk: Buffer, close: boolean): Promise<void> {
	let sent = 0;
	for (let round = 0; round < 4; round++) {
		const expectedEnd = offset + chunk.length;
		let failure: unknown;
		try {
			await dropboxUpload(ctx, 'files/upload_session/append_v2', { cursor: { session_id: sessionId, offset: offset + sent }, close }, chunk.subarray(sent), {
				itemIndex: plan.itemIndex,
				subject: subjectOf(plan),
				// The reply of an earlier attempt was lost but Dropbox has the whole chunk.
				recover: async (lost) => {
					const member = errorMember(lost.body, 'incorrect_offset');
					if (member && Number(member.correct_offset) === expectedEnd) return null;
					if (lost.tags.includes('closed') && close) return null;
					return undefined;
				},
			});
			return;
		} catch (error) {
			failure = error;
		}
		const next = resumePoint(offset, chunk.length, Number(errorMember(failureOf(failure)?.body, 'incorrect_offset')?.correct_offset));
		if (next.kind === 'lost') throw failure as DropboxNodeError;
		if (next.kind === 'done') return;
		// Dropbox has part of the chunk: send the rest, re-sliced from the chunk in memory.
		sent = next.from;
	}
	throw inputError(ctx.getNode(), plan.itemIndex, `Dropbox kept losing the position of the upload of ${plan.path}`, 'Upload the file again.');
}

/** Opens an upload session: sequential ones carry the first chunk, concurrent ones no data. */
async function startSession(ctx: DropboxContext, plan: UploadPlan, arg: IDataObject, body: Buffer): Promise<string> {
	// A retried start just opens another (unused) session.
	const started = await dropboxUpload<{ session_id: string }>(ctx, 'files/upload_session/start', arg, body, { itemIndex: plan.itemIndex, subject: subjectOf(plan) });
	return started.session_id;
}

/** append_v2 of one piece of a concurrent session (its own offset; resending it replaces it). */
async function appendPiece(ctx: DropboxContext, plan: UploadPlan, sessionId: string, offset: number, chunk: Buffer, close: boolean): Promise<void> {
	await dropboxUpload(ctx, 'files/upload_session/append_v2', { cursor: { session_id: sessionId, offset }, close }, chunk, {
		itemIndex: plan.itemIndex,
		subject: subjectOf(plan),
		// The reply of an earlier attempt of the closing piece was lost, but Dropbox has it.
		recover: async (lost) => (close && lost.tags.includes('closed') ? null : undefined),
	});
}

/** Size of each read from n8n's binary store; the reads are copied into the session's chunks. */
export const STORE_READ_BYTES = 1024 * 1024;

const unpooled = (data: Buffer): PooledChunk => ({ data, release: () => undefined });

/**
 * Pieces of the file, hashed in order as they are read, with their offsets. A stored binary is
 * read in small pieces and copied into `slots` reused chunk buffers (see pooledChunks); each
 * piece must be released once sent.
 */
async function* hashedPieces(
	plan: UploadPlan,
	slots: number,
	hashers: Array<{ update(chunk: Uint8Array): unknown }>,
	sizeMismatch: (actual: string) => Error,
): AsyncGenerator<SessionPiece> {
	const { source } = plan;
	const chunks: AsyncIterable<PooledChunk> | Iterable<PooledChunk> = source.buffer
		? Array.from(bufferChunks(source.buffer, plan.chunkBytes), unpooled)
		: pooledChunks(await source.open!(Math.min(STORE_READ_BYTES, plan.chunkBytes)), plan.chunkBytes, slots);
	let offset = 0;
	for await (const { data: chunk, release } of chunks) {
		if (offset + chunk.length > source.size) {
			release();
			throw sizeMismatch(`more than ${source.size}`);
		}
		for (const hasher of hashers) hasher.update(chunk);
		yield { offset, chunk, close: offset + chunk.length === source.size, release };
		offset += chunk.length;
	}
	if (offset !== source.size) throw sizeMismatch(String(offset));
}

interface SessionPiece {
	offset: number;
	chunk: Buffer;
	close: boolean;
	/** Gives the chunk's buffer back for the next chunk; only once no attempt can resend it. */
	release: () => void;
}

/**
 * Streams the file into an upload session (closed with the last chunk) while hashing it, and
 * reads the next chunk while the previous ones are on their way. With Parallel Chunks above 1
 * and more than one chunk, a concurrent session takes up to that many appends at once (the
 * closing one last); otherwise a sequential session, one append at a time. At most
 * (parallel + 1) chunks are in memory. Returns the pending commit, or the skip outcome when
 * the content is identical.
 */
export async function uploadToSession(ctx: DropboxContext, plan: UploadPlan): Promise<PendingCommit | UploadOutcome> {
	const { source } = plan;
	const hasher = new DropboxContentHasher();
	const sha1 = sha1Check(plan);
	const sizeMismatch = (actual: string) =>
		inputError(ctx.getNode(), plan.itemIndex, `The binary data has ${actual} bytes, but its metadata says ${source.size}`, 'The input file seems damaged; read or download it again.');
	const concurrent = plan.parallelChunks > 1 && source.size > plan.chunkBytes;
	let sessionId: string | undefined = concurrent ? await startSession(ctx, plan, { close: false, session_type: 'concurrent' }, Buffer.alloc(0)) : undefined;
	const limit = concurrent ? plan.parallelChunks : 1;
	await forEachBounded(
		// `limit` chunks in flight and the one being read.
		hashedPieces(plan, limit + 1, sha1 ? [hasher, sha1] : [hasher], sizeMismatch),
		async ({ offset, chunk, close, release }) => {
			try {
				if (concurrent) await appendPiece(ctx, plan, sessionId!, offset, chunk, close);
				else if (sessionId === undefined) sessionId = await startSession(ctx, plan, { close }, chunk);
				else await appendChunk(ctx, plan, sessionId, offset, chunk, close);
			} finally {
				// Every attempt of this chunk has settled: its buffer can take the next chunk.
				release();
			}
		},
		{ limit, exclusive: (piece) => piece.close },
	);
	if (sessionId === undefined) sessionId = await startSession(ctx, plan, { close: true }, Buffer.alloc(0));
	// A mismatch leaves the session uncommitted (Dropbox discards it after 7 days).
	sha1?.verify(ctx);
	const contentHash = hasher.digest();
	// Identical: the session is simply never committed (Dropbox discards it after 7 days).
	if (isIdentical(plan, contentHash)) return { kind: 'skipped', metadata: plan.existing!, method: 'session' };
	return { plan, sessionId, contentHash };
}

/** upload_session/finish for one file. */
export async function finishSession(ctx: DropboxContext, pending: PendingCommit): Promise<UploadOutcome> {
	const { plan } = pending;
	const metadata = await dropboxUpload<DropboxMetadata>(
		ctx,
		'files/upload_session/finish',
		{ cursor: { session_id: pending.sessionId, offset: plan.source.size }, commit: commitInfo(plan) },
		Buffer.alloc(0),
		{ itemIndex: plan.itemIndex, subject: subjectOf(plan), recover: async () => await findCommitted(ctx, plan, pending.contentHash) },
	);
	return { kind: 'uploaded', metadata: checkIntegrity(ctx, plan, metadata, pending.contentHash), method: 'session' };
}

interface BatchEntryResult {
	'.tag': 'success' | 'failure';
	failure?: unknown;
	[key: string]: unknown;
}

/**
 * Commits sessions with finish_batch_v2: at most 1,000 per call, one call at a time (Dropbox
 * advises against parallel batch commits). Entries refused with too_many_write_operations go
 * into the next round after a backoff. Each commit gets its own outcome or error.
 */
export async function commitBatches(ctx: DropboxContext, pendings: PendingCommit[]): Promise<Map<PendingCommit, UploadOutcome | Error>> {
	const outcomes = new Map<PendingCommit, UploadOutcome | Error>();
	const { usesOAuth2 } = await getConnection(ctx);
	let queue = pendings;
	for (let round = 1; queue.length > 0; round++) {
		const retry: PendingCommit[] = [];
		for (const group of inGroups(queue, MAX_BATCH_ENTRIES)) {
			let result: { entries: BatchEntryResult[] };
			try {
				result = await dropboxRpc<{ entries: BatchEntryResult[] }>(ctx, 'files/upload_session/finish_batch_v2', {
					entries: group.map((pending) => ({ cursor: { session_id: pending.sessionId, offset: pending.plan.source.size }, commit: commitInfo(pending.plan) })),
				});
			} catch (error) {
				for (const pending of group) outcomes.set(pending, error as Error);
				continue;
			}
			for (const [index, pending] of group.entries()) {
				const entry = result.entries[index];
				if (entry?.['.tag'] === 'success') {
					const metadata = { ...entry } as Partial<BatchEntryResult>;
					delete metadata['.tag'];
					outcomes.set(pending, integrityChecked(ctx, pending, metadata as DropboxMetadata));
					continue;
				}
				const body = { error: entry?.failure ?? { '.tag': 'unknown' } };
				const tags = errorTags(body);
				if (tags.includes('too_many_write_operations') && round < BATCH_COMMIT_ROUNDS) {
					retry.push(pending);
					continue;
				}
				// The session is gone: an earlier, lost commit may have used it.
				const committed = tags.includes('lookup_failed') ? await findCommitted(ctx, pending.plan, pending.contentHash).catch(() => undefined) : undefined;
				if (committed) {
					outcomes.set(pending, { kind: 'uploaded', metadata: committed, method: 'batch' });
					continue;
				}
				outcomes.set(
					pending,
					failureToError(ctx.getNode(), { status: 409, tags, body, route: 'files/upload_session/finish_batch_v2' }, subjectOf(pending.plan), {
						itemIndex: pending.plan.itemIndex,
						usesOAuth2,
						attempts: round,
					}),
				);
			}
		}
		queue = retry;
		if (queue.length > 0) await sleep(Math.min(16_000, 500 * 2 ** (round - 1)) * (0.5 + Math.random() / 2));
	}
	return outcomes;
}

function integrityChecked(ctx: DropboxContext, pending: PendingCommit, metadata: DropboxMetadata): UploadOutcome | Error {
	try {
		return { kind: 'uploaded', metadata: checkIntegrity(ctx, pending.plan, metadata, pending.contentHash), method: 'batch' };
	} catch (error) {
		return error as Error;
	}
}
