// The "File From" choice of the upload operations (Dropbox Sync Upload, Smint.io Upload):
// the item's binary field, or a file at a URL streamed straight to the destination.
import type { INodeProperties } from 'n8n-workflow';

/** "File From"; the caller shows its binary field with forBinarySource and adds fileUrlProperty. */
export function fileFromProperty(destination: string): INodeProperties {
	return {
		displayName: 'File From',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Binary Field',
				value: 'binary',
				description: 'A file an earlier node read or downloaded into the item',
			},
			{
				name: 'URL',
				value: 'url',
				description: `A file on a web server, such as a pre-signed download link, streamed straight into ${destination} without passing through n8n's binary data: best for large videos`,
			},
		],
		default: 'binary',
		description: 'Where the bytes to upload come from',
	};
}

export const fileUrlProperty: INodeProperties = {
	displayName: 'File URL',
	name: 'sourceUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.url }}',
	description:
		'Address of the file, fetched without credentials (a pre-signed link authorises itself; keep it secret). The server must send the size (Content-Length). A connection that breaks mid-file continues where it stopped (HTTP Range).',
	hint: 'Create a pre-signed link right before this node: it expires (Smint.io download links after about an hour, Dropbox temporary links after four)',
	displayOptions: { show: { source: ['url'] } },
};

/** Shows a binary-field parameter only when File From is Binary Field. */
export function forBinarySource(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, source: ['binary'] },
		},
	};
}
