// Parameters of the Dropbox Sync Webhook Trigger: the polling trigger's watch settings, plus the
// safety poll and the cross-process guard.
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../DropboxSync/actions/node.description';
import { watchOptions, watchProperties } from '../DropboxSyncTrigger/properties';
import { optionsCollection } from '../shared/optionsCollection';
import { DEFAULT_CLAIM_FOLDER } from './helpers/claim';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Copy the Production URL above into your Dropbox app (App Console → Settings → Webhooks) and activate the workflow. Dropbox signs every notification with the app secret: the Client Secret of the OAuth2 credential, or the App Secret field of the Access Token credential. Unsigned or wrongly signed calls are refused (403).',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	authenticationProperty,
	...watchProperties,
	optionsCollection([
		...watchOptions,
		{
			displayName: 'Safety Poll Every',
			name: 'safetyPollInterval',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 10,
			description:
				'Also read the changes on this schedule, in case Dropbox could not deliver a notification (after about 10 minutes of failed retries Dropbox gives up). 0 turns it off. A poll that finds nothing starts no execution.',
		},
		{
			displayName: 'Safety Poll Unit',
			name: 'safetyPollUnit',
			type: 'options',
			options: [
				{ name: 'Seconds', value: 'seconds' },
				{ name: 'Minutes', value: 'minutes' },
				{ name: 'Hours', value: 'hours' },
			],
			default: 'minutes',
			description: 'The unit of Safety Poll Every',
		},
		{
			displayName: 'Guard Across Processes',
			name: 'processGuard',
			type: 'boolean',
			default: true,
			description:
				'Whether to record, with a rev-checked write of a small claim file in Dropbox, which changes were reported before reporting them, so that with several n8n processes receiving notifications (queue mode with webhook processes) each change starts the workflow once. Costs one upload per notification that finds changes. Off: for a single n8n process only.',
		},
		{
			displayName: 'Claim Folder',
			name: 'claimFolder',
			type: 'string',
			default: DEFAULT_CLAIM_FOLDER,
			description: 'The Dropbox folder for the claim file (one small JSON file per trigger, created when missing). Changes inside it are never reported. Used only with Guard Across Processes.',
		},
	]),
];
