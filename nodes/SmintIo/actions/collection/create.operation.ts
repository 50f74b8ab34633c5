import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { InputError } from '../../helpers/inputError';
import { collectionId } from '../../helpers/input';
import { localizeCollection } from '../../helpers/localized';
import { createCollection } from '../../transport/collections';
import { clientFor } from '../clientForItem';
import { collectionLocator, locatorValue, portalsOptions } from '../common.descriptions';
import { optionsCollection } from '../../../shared/optionsCollection';

export const ownerEmailField: INodeProperties = {
	displayName: 'Owner Email',
	name: 'ownerEmail',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: 'E-mail address of the person who owns the collection',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Social',
		description: 'Name of the new collection (without "/")',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the collection is for',
			},
			ownerEmailField,
			collectionLocator({
				displayName: 'Parent Collection',
				name: 'parent',
				required: false,
				description: 'Create the collection inside this one. Empty: at the top level.',
			}),
		],
	},
	optionsCollection([...portalsOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['collection'], operation: ['create'] } }, properties);

export function checkOwnerEmail(value: unknown): string | undefined {
	const email = typeof value === 'string' ? value.trim() : '';
	if (email === '') return undefined;
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw new InputError(`Owner Email '${email}' is not an e-mail address`, 'Write it as name@example.com');
	}
	return email;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = (this.getNodeParameter('name', itemIndex) as string).trim();
	if (name === '' || name.includes('/')) {
		throw new InputError(`Collection name '${name}' is empty or contains "/"`, 'Give a name without "/"; use Ensure Path to create nested collections from a path');
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
	const parent = locatorValue(fields.parent);
	const { client, culture } = await clientFor(this, itemIndex);
	const { collection, recovered } = await createCollection(client, {
		name,
		description: typeof fields.description === 'string' && fields.description.trim() !== '' ? fields.description.trim() : undefined,
		parentCollectionId: parent !== '' ? collectionId(parent, 'Parent Collection') : null,
		ownerEmail: checkOwnerEmail(fields.ownerEmail),
		createdAfter: new Date(Date.now() - 60_000).toISOString(),
	});
	return [{ json: { ...(localizeCollection(collection, culture) as IDataObject), recoveredAfterLostReply: recovered } }];
}
