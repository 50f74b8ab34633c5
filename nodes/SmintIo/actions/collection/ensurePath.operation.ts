// Ensure Path: `Launch 2027/Germany/Shoes/Social` → the collection at the end of that path,
// creating only the levels that are missing (with the owner). Idempotent: a rerun finds every
// level and creates nothing. Levels are matched by name (trimmed, case-insensitive) under
// their parent; when siblings share a name the oldest is used.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { splitCollectionPath } from '../../helpers/collectionPath';
import { collectionId } from '../../helpers/input';
import { localizeCollection } from '../../helpers/localized';
import type { Collection } from '../../transport/collections';
import { createCollection, findChild, getCollection } from '../../transport/collections';
import { clientFor } from '../clientForItem';
import { collectionLocator, locatorValue, portalsOptions } from '../common.descriptions';
import { checkOwnerEmail, ownerEmailField } from './create.operation';
import { optionsCollection } from '../../../shared/optionsCollection';

const properties: INodeProperties[] = [
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Launch 2027/Germany/Shoes/Social',
		description: 'Collection names from the top down, separated by "/"',
	},
	{ ...ownerEmailField, description: 'Owner of the collections this creates (existing ones keep theirs)' },
	optionsCollection([
		{
			displayName: 'Description of New Collections',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Description given to each collection this creates',
		},
		collectionLocator({
			displayName: 'Root Collection',
			name: 'root',
			required: false,
			description: 'Start the path inside this collection. Empty: at the top level.',
		}),
		...portalsOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['collection'], operation: ['ensurePath'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const names = splitCollectionPath(this.getNodeParameter('path', itemIndex));
	const ownerEmail = checkOwnerEmail(this.getNodeParameter('ownerEmail', itemIndex, ''));
	const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const rootValue = locatorValue(options.root);
	const newDescription = typeof options.description === 'string' && options.description.trim() !== '' ? options.description.trim() : undefined;
	const { client, culture } = await clientFor(this, itemIndex);

	let parentId: string | null = null;
	if (rootValue !== '') parentId = (await getCollection(client, collectionId(rootValue, 'Root Collection'))).collectionId;

	const levels: Array<{ name: string; collectionId: string; created: boolean; duplicates: number }> = [];
	let leaf: Collection | null = null;
	for (const name of names) {
		const { match, duplicates } = await findChild(client, name, parentId);
		let collection = match;
		let created = false;
		if (!collection) {
			collection = (await createCollection(client, { name, parentCollectionId: parentId, ownerEmail, description: newDescription })).collection;
			created = true;
		}
		levels.push({ name, collectionId: collection.collectionId, created, duplicates });
		parentId = collection.collectionId;
		leaf = collection;
	}
	return [
		{
			json: {
				...(localizeCollection(leaf as Collection, culture) as INodeExecutionData['json']),
				path: names.join('/'),
				createdLevels: levels.filter((level) => level.created).map((level) => level.name),
				levels,
			},
		},
	];
}
