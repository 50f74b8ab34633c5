// Turns Dropbox's error answers into sentences a person can act on, keeping Dropbox's own
// error tag ("path/not_found") for reference. Pure: the transport builds n8n errors from this.

export interface DropboxErrorBody {
	error_summary?: string;
	error?: unknown;
	user_message?: { text?: string };
}

/** What the failed call was about, so messages can name it. */
export interface ErrorSubject {
	/** The path (or id) the call was about. */
	path?: string;
	/** Second path of copy/move. */
	toPath?: string;
	/** What `path` should be. */
	kind?: 'file' | 'folder' | 'item';
	/** Write mode of an upload, for conflict messages. */
	writeMode?: 'add' | 'overwrite' | 'update';
	/** Rev the update expected. */
	expectedRev?: string;
	/** Shared link URL (revoke, modify). */
	url?: string;
}

export interface DescribedError {
	/** "path/not_found": the union's tags, outermost first. */
	tag: string;
	message: string;
	description: string;
	/** True when the cause is the input (a folder given for a file, a stale rev): a NodeOperationError. */
	badInput: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The tag path of a Stone error union, outermost first: {".tag":"path","path":{".tag":"not_found"}}
 * -> ["path", "not_found"]. Falls back to error_summary ("path/not_found/..").
 */
export function errorTags(body: unknown): string[] {
	const tags: string[] = [];
	if (isRecord(body)) {
		let current: unknown = body.error;
		while (isRecord(current) && typeof current['.tag'] === 'string') {
			const tag = current['.tag'];
			tags.push(tag);
			const inner = current[tag];
			if (isRecord(inner) && typeof inner['.tag'] === 'string') current = inner;
			else if (isRecord(current.reason) && typeof current.reason['.tag'] === 'string') current = current.reason;
			else break;
		}
		if (tags.length === 0 && typeof body.error_summary === 'string') {
			tags.push(...body.error_summary.split('/').filter((part) => part !== '' && !/^\.+$/.test(part)));
		}
	}
	return tags;
}

/** The innermost object of the union whose tag is `tag` (to read inlined fields like correct_offset). */
export function errorMember(body: unknown, tag: string): Record<string, unknown> | undefined {
	if (!isRecord(body)) return undefined;
	let current: unknown = body.error;
	while (isRecord(current) && typeof current['.tag'] === 'string') {
		if (current['.tag'] === tag) return current;
		const inner = current[current['.tag']];
		if (isRecord(inner) && typeof inner['.tag'] === 'string') current = inner;
		else if (isRecord(current.reason)) current = current.reason;
		else return undefined;
	}
	return undefined;
}

function quote(path: string | undefined): string {
	return path === undefined || path === '' ? 'the root folder' : path;
}

/** A route error (HTTP 409) in words. */
export function describeRouteError(body: unknown, subject: ErrorSubject = {}): DescribedError {
	const tags = errorTags(body);
	const tag = tags.join('/') || 'unknown';
	const has = (name: string) => tags.includes(name);
	const leaf = tags[tags.length - 1];
	const path = quote(subject.path);
	const userText = isRecord(body) && isRecord(body.user_message) && typeof body.user_message.text === 'string' ? ` ${body.user_message.text}` : '';
	const result = (message: string, fix: string, badInput = false): DescribedError => ({
		tag,
		message,
		description: `${fix}${fix ? ' ' : ''}(Dropbox error: ${tag})${userText}`,
		badInput,
	});

	if (has('from_lookup') && leaf === 'not_found') return result(`No file or folder at ${path}`, 'Check the source path; it may have been moved or deleted.');
	if (has('lookup_failed')) {
		if (leaf === 'not_found') return result('The upload session is unknown or has expired', 'Upload the file again; sessions last 7 days.');
		if (leaf === 'incorrect_offset') return result('Dropbox holds a different amount of this upload than was sent', 'Upload the file again.');
		return result(`The upload session cannot be finished (${leaf})`, 'Upload the file again.');
	}
	switch (leaf) {
		case 'not_found':
			if (has('shared_link_not_found') || tags[0] === 'shared_link_not_found') break;
			if (subject.kind === 'folder') return result(`No folder at ${path}`, 'Check the path or create the folder first (Folder > Ensure Path).');
			if (subject.kind === 'file') return result(`No file at ${path}`, 'Check the path; the file may have been moved, renamed or deleted.');
			return result(`Nothing at ${path}`, 'Check the path; it may have been moved, renamed or deleted.');
		case 'not_file':
			return result(`Path ${path} is a folder; a file is needed`, 'Point this parameter at a file, or use the Folder resource for folders.', true);
		case 'not_folder':
			return result(`Path ${path} is a file; a folder is needed`, 'Point this parameter at a folder.', true);
		case 'malformed_path':
			return result(`Dropbox cannot use the path ${path}`, 'Write the path from the root, e.g. "/Campaigns/2026/poster.jpg", without "." or ".." segments.', true);
		case 'restricted_content':
			return result(`Dropbox restricts the content at ${path}`, 'Dropbox blocks this file (for example for copyright reasons); it cannot be used.');
		case 'unsupported_file':
		case 'unsupported_content_type':
			return result(`Dropbox cannot serve the content of ${path} this way`, 'This kind of file (for example a Paper doc or a cloud document) cannot be downloaded or linked.');
		case 'file':
			if (has('conflict')) {
				if (subject.writeMode === 'update') {
					return result(
						`A file with a different revision is already there: ${path}${subject.expectedRev ? ` (expected rev ${subject.expectedRev})` : ''}`,
						'Someone changed the file since you read its rev. Get its metadata again and pass the current rev, or choose Overwrite, or turn on Autorename to keep both.',
						true,
					);
				}
				return result(`A file is already at ${subject.toPath ?? path}`, 'Choose Write Mode "Overwrite", or "Update" with the file\'s current rev, or turn on Autorename to keep both.');
			}
			break;
		case 'folder':
			if (has('conflict')) return result(`A folder is already at ${subject.toPath ?? path}`, 'Choose another name or turn on Autorename.');
			break;
		case 'file_ancestor':
			return result(`A file sits where a parent folder of ${subject.toPath ?? path} should be`, 'Rename or move that file, or choose another folder.');
		case 'insufficient_space':
		case 'insufficient_quota':
			return result('The Dropbox account is out of space', 'Free up space or upgrade the Dropbox plan, then run again.');
		case 'no_write_permission':
			return result(`No permission to write to ${subject.toPath ?? path}`, 'Check that the connected account may edit this folder (shared folders can be view-only).');
		case 'disallowed_name':
			return result(`Dropbox does not allow the name in ${subject.toPath ?? path}`, 'Rename it; Dropbox rejects some names such as desktop.ini or names ending in a space or a dot.', true);
		case 'team_folder':
			return result(`${path} is a team folder, which this operation cannot change`, 'Team folders are managed in the Dropbox admin console.');
		case 'too_many_write_operations':
			return result('Dropbox is busy with other writes to the same folder (too_many_write_operations)', 'The node retried with backoff; run again later or lower Parallel Uploads.');
		case 'too_many_files':
			return result('Too many files for one operation', 'Dropbox handles at most 10,000 files in one copy, move or delete; split the work into smaller folders.');
		case 'cant_move_folder_into_itself':
			return result(`Cannot move ${path} into itself`, 'Choose a destination outside the folder.', true);
		case 'cant_copy_shared_folder':
		case 'cant_nest_shared_folder':
		case 'cant_move_shared_folder':
			return result(`Shared folders cannot be copied, moved or nested this way (${leaf})`, 'Move the shared folder at the top level or unshare it first.');
		case 'duplicated_or_nested_paths':
			return result('The source and destination overlap', 'Choose a destination outside the source folder.', true);
		case 'incorrect_offset':
			return result('Dropbox holds a different amount of this upload than was sent', 'Upload the file again.');
		case 'closed':
			return result('The upload session was already closed', 'Upload the file again.');
		case 'content_hash_mismatch':
			return result('Dropbox received different bytes than were sent (content_hash_mismatch)', 'The data was damaged on the way; run again.');
		case 'payload_too_large':
			return result('A request was larger than Dropbox accepts (150 MiB)', 'Lower the Chunk Size or the Single Request Limit.');
		case 'shared_link_already_exists':
			return result(`A shared link already exists for ${path}`, 'Turn on "Update Existing Link" to change its settings.');
		case 'shared_link_not_found':
			return result(`No shared link ${subject.url ?? ''}`.trim(), 'Check the URL; the link may have been revoked already.');
		case 'shared_link_access_denied':
			return result('This account may not change that shared link', 'Only the link owner can change or revoke it.');
		case 'invalid_settings':
			return result('Dropbox rejected the shared link settings (invalid_settings)', 'Check the expiry date (in the future), the password and the audience.', true);
		case 'not_authorized':
			return result('This Dropbox plan does not allow these shared link settings', 'Expiry dates and passwords need a paid Dropbox plan; remove them or upgrade.');
		case 'email_not_verified':
		case 'email_unverified':
			return result('The Dropbox account has not verified its email address', 'Verify the email address in Dropbox, then run again.');
		case 'is_file':
			return result(`${path} is a file; only folders can be shared`, 'Choose a folder.', true);
		case 'inside_shared_folder':
		case 'contains_shared_folder':
		case 'is_osx_package':
		case 'inside_osx_package':
		case 'is_vault':
		case 'inside_app_folder':
		case 'is_app_folder':
		case 'inside_public_folder':
		case 'is_public_folder':
			return result(`${path} cannot be shared (${leaf})`, 'Choose a folder outside shared, vault, app and package folders.');
		case 'too_many_tags':
			return result(`${path} already has the most tags Dropbox allows (20)`, 'Remove some tags first.');
		case 'tag_not_present':
			return result(`The tag is not on ${path}`, 'Check the tag text (tags are lowercase).');
		case 'template_not_found':
			return result('The property template does not exist', 'The node creates its template on first use; run again.');
		case 'does_not_fit_template':
			return result('The properties do not fit the property template', 'Each property needs a name declared in the template and a value of at most 1,024 characters.', true);
		case 'property_field_too_large':
			return result('A property value is too long', 'Dropbox allows at most 1,024 characters per property value.', true);
		case 'invalid_shared_folder':
			return result('The shared folder is unknown', 'Share the folder first (Sharing > Share Folder).');
		case 'cant_share_outside_team':
			return result('This team does not allow sharing with people outside it', 'Invite team members only, or change the team sharing policy.');
		case 'too_many_members':
		case 'too_many_pending_invites':
		case 'too_many_invitees':
			return result(`The shared folder has too many members or invitations (${leaf})`, 'Remove members or wait for invitations to be accepted.');
		case 'rate_limit':
			return result('Dropbox limits how many people can be invited at a time', 'Invite fewer people per run.');
		case 'access_denied':
		case 'no_permission':
		case 'access_error':
			return result(`No permission for ${path} (${leaf})`, 'Check that the connected account has access to it.');
		default:
			break;
	}
	if (tags[0] === 'shared_link_not_found') {
		return result(`No shared link ${subject.url ?? ''}`.trim(), 'Check the URL; the link may have been revoked already.');
	}
	return result(`Dropbox could not do this: ${tag}`, '');
}

/** A 400 answer: Dropbox sends plain text naming the bad argument. */
export function describeBadRequest(text: string): DescribedError {
	const clean = text.replace(/\s+/g, ' ').trim().slice(0, 500);
	return {
		tag: 'bad_request',
		message: `Dropbox rejected the request: ${clean || 'bad input'}`,
		description: 'The request did not match what Dropbox expects; check the parameters named in the message.',
		badInput: true,
	};
}

/** A 401 answer. */
export function describeAuthError(body: unknown, usesOAuth2: boolean): DescribedError {
	const tags = errorTags(body);
	const tag = tags.join('/') || 'unauthorized';
	const leaf = tags[tags.length - 1];
	const describe = (message: string, fix: string): DescribedError => ({ tag, message, description: `${fix} (Dropbox error: ${tag})`, badInput: false });
	if (leaf === 'missing_scope' || tags[0] === 'missing_scope') {
		const scope = isRecord(body) && isRecord(body.error) && typeof body.error.required_scope === 'string' ? body.error.required_scope : 'a scope';
		return describe(`The Dropbox app lacks the permission ${scope}`, 'Enable it in the Dropbox App Console (Permissions tab), then reconnect the credential.');
	}
	if (leaf === 'expired_access_token' && !usesOAuth2) {
		return describe('The Dropbox access token has expired', 'Access tokens last 4 hours; generate a new one, or use the OAuth2 credential, which refreshes itself.');
	}
	if (usesOAuth2) return describe('Dropbox did not accept the connection', 'Reconnect the Dropbox Sync OAuth2 credential.');
	return describe('Dropbox did not accept the access token', 'Check the token in the credential, or generate a new one in the Dropbox App Console.');
}
