import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { errorMember } from '../../helpers/dropboxErrors';
import { failureOf, hasErrorTag } from '../../transport/errors';
import { dropboxRpc } from '../../transport/request';
import { folderLocator } from '../common.descriptions';
import { getPath } from '../parameters';
import { optionsCollection } from '../../../shared/optionsCollection';

/** Pause between polls of an asynchronous share job. */
const POLL_INTERVAL_MS = 1000;

const properties: INodeProperties[] = [
	{ ...folderLocator, description: 'The folder to share (it is created if it does not exist)' },
	optionsCollection([
		{
			displayName: 'Force Background Job',
			name: 'forceAsync',
			type: 'boolean',
			default: false,
			description: 'Whether to have Dropbox always share in the background; the node then polls the job until it finishes',
		},
		{
			displayName: 'Member Policy',
			name: 'memberPolicy',
			type: 'options',
			options: [
				{ name: 'Anyone', value: 'anyone', description: 'People outside the team can be invited' },
				{ name: 'Team', value: 'team', description: 'Only team members can be invited' },
			],
			default: 'anyone',
			description: 'Who can be a member of the folder',
		},
		{
			displayName: 'Members Can Manage Members',
			name: 'aclUpdatePolicy',
			type: 'options',
			options: [
				{ name: 'Editors', value: 'editors', description: 'Editors can invite and remove members' },
				{ name: 'Owner Only', value: 'owner', description: 'Only the owner manages members' },
			],
			default: 'editors',
			description: 'Who can add and remove members',
		},
		{
			displayName: 'Shared Link Policy',
			name: 'sharedLinkPolicy',
			type: 'options',
			options: [
				{ name: 'Anyone', value: 'anyone' },
				{ name: 'Members', value: 'members' },
				{ name: 'Team', value: 'team' },
			],
			default: 'anyone',
			description: 'Who can open shared links to items in the folder',
		},
		{
			displayName: 'Wait Up To (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description: 'Sharing a big folder runs as a background job; how long to wait for it before failing',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['sharing'], operation: ['shareFolder'] } }, properties);

type ShareResult = IDataObject & { '.tag': 'complete' | 'async_job_id' | 'in_progress' | 'failed'; async_job_id?: string };

function output(metadata: IDataObject, extra: IDataObject): INodeExecutionData[] {
	const rest = { ...metadata };
	delete rest['.tag'];
	return [{ json: { ...rest, ...extra } }];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = getPath.call(this, 'folder', itemIndex, { label: 'folder path' });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const arg = {
		path,
		member_policy: options.memberPolicy ?? 'anyone',
		acl_update_policy: options.aclUpdatePolicy ?? 'editors',
		shared_link_policy: options.sharedLinkPolicy ?? 'anyone',
		force_async: options.forceAsync === true,
	};
	let started: ShareResult;
	let failure: unknown;
	try {
		started = await dropboxRpc<ShareResult>(this, 'sharing/share_folder', arg, { itemIndex, subject: { path, kind: 'folder' } });
	} catch (error) {
		failure = error;
		started = { '.tag': 'failed' };
	}
	if (failure !== undefined) {
		// Already shared (by an earlier run, or by our own attempt whose reply was lost): done.
		if (!hasErrorTag(failure, 'already_shared')) throw failure;
		const metadata = errorMember(failureOf(failure)?.body, 'already_shared') ?? {};
		return output(metadata as IDataObject, { alreadyShared: true });
	}
	if (started['.tag'] === 'complete') return output(started, { alreadyShared: false });

	const jobId = String(started.async_job_id);
	const deadline = Date.now() + Math.max(1, Number(options.maxWaitSeconds ?? 60)) * 1000;
	for (;;) {
		const status = await dropboxRpc<ShareResult>(this, 'sharing/check_share_job_status', { async_job_id: jobId }, { itemIndex, subject: { path, kind: 'folder' } });
		if (status['.tag'] === 'complete') return output(status, { alreadyShared: false, asyncJobId: jobId });
		if (status['.tag'] === 'failed') {
			throw new NodeApiError(this.getNode(), status as JsonObject, {
				itemIndex,
				message: `Dropbox could not share ${path}`,
				description: `The share job failed: ${JSON.stringify(status.failed ?? status)}`,
			});
		}
		if (Date.now() + POLL_INTERVAL_MS > deadline) {
			throw new NodeApiError(this.getNode(), { async_job_id: jobId }, {
				itemIndex,
				message: `Sharing ${path} is still running after ${options.maxWaitSeconds ?? 60} seconds`,
				description: 'Dropbox keeps working on it. Raise "Wait Up To", or run again later: an already shared folder is returned as is.',
			});
		}
		await sleep(POLL_INTERVAL_MS);
	}
}
