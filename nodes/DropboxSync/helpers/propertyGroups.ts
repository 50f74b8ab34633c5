// Shared by Set Properties and Get Properties.

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DropboxMetadata } from './metadata';
import { dropboxRpc } from '../transport/request';

export const DEFAULT_TEMPLATE_NAME = 'n8n Dropbox Sync';

export const templateNameProperty: INodeProperties = {
	displayName: 'Template Name',
	name: 'templateName',
	type: 'string',
	default: DEFAULT_TEMPLATE_NAME,
	description:
		'Dropbox keeps custom properties in named templates. The node creates this template the first time and adds new property names to it.',
};

/** The fields of one template's group on a file, as { name: value }. */
export async function readProperties(this: IExecuteFunctions, path: string, templateId: string, itemIndex: number): Promise<Record<string, string>> {
	const metadata = await dropboxRpc<DropboxMetadata & { property_groups?: Array<{ template_id: string; fields: Array<{ name: string; value: string }> }> }>(
		this,
		'files/get_metadata',
		{ path, include_property_groups: { '.tag': 'filter_some', filter_some: [templateId] } },
		{ itemIndex, subject: { path, kind: 'file' } },
	);
	const group = (metadata.property_groups ?? []).find((candidate) => candidate.template_id === templateId);
	return Object.fromEntries((group?.fields ?? []).map((field) => [field.name, field.value]));
}
