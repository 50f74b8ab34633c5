// What the trigger keeps in the workflow's node static data between runs (n8n saves it with the workflow).
import type { IDataObject } from 'n8n-workflow';

import type { KnownPaths } from '../helpers/changeTracker';

export interface TriggerState extends IDataObject {
	/** The watch settings the cursor belongs to; a change starts over. */
	scope?: string;
	cursor?: string;
	folderLower?: string;
	known?: KnownPaths;
}
