// Add Tags, Remove Tags and Get Tags share the tag list parameter and the tags/get read-back.

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkTag, parseList } from './metadata';
import { inputError } from '../transport/errors';
import { dropboxRpc } from '../transport/request';

export const tagsProperty: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. approved, campaign_2026',
	description: 'Comma-separated tags. Dropbox tags use letters, digits and underscores (1 to 32 characters) and are stored in lowercase.',
};

export function getTags(this: IExecuteFunctions, itemIndex: number): string[] {
	const tags = parseList(this.getNodeParameter('tags', itemIndex, ''));
	if (tags.length === 0) throw inputError(this.getNode(), itemIndex, 'No tags given', 'Enter at least one tag, e.g. "approved"');
	return tags.map((tag) => {
		const checked = checkTag(tag);
		if (!checked.ok) throw inputError(this.getNode(), itemIndex, checked.problem, checked.fix);
		return checked.tag;
	});
}

/** The tags on an item, as plain strings. */
export async function readTags(this: IExecuteFunctions, path: string, itemIndex: number): Promise<string[]> {
	const result = await dropboxRpc<{ paths_to_tags: Array<{ path: string; tags: Array<{ tag_text: string }> }> }>(
		this,
		'files/tags/get',
		{ paths: [path] },
		{ itemIndex, subject: { path, kind: 'item' } },
	);
	return (result.paths_to_tags[0]?.tags ?? []).map((tag) => tag.tag_text);
}
