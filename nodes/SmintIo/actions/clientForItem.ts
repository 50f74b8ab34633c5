// The client for one item, configured from the operation's options.
import type { IExecuteFunctions } from 'n8n-workflow';
import { SmintIoClient } from '../transport/client';
import { readSettings } from './common.descriptions';

export async function clientFor(ctx: IExecuteFunctions, itemIndex: number): Promise<{ client: SmintIoClient; culture: string }> {
	const settings = readSettings(ctx, itemIndex);
	return { client: await SmintIoClient.create(ctx, settings), culture: settings.cultureForOutput };
}
