import type { Page } from '@playwright/test';
import {
	recommandAccount,
	recommandUrlEnv,
	start as startRecommand,
	type RecommandServer
} from '../../relay/test/helpers/contract/recommand-server';
import {
	peppolEnv,
	startPeppolNetwork,
	type PeppolNetwork
} from '../../relay/test/helpers/peppol-network';
import { startAppServer, type AppServer } from './app-server';
import { expect, INVITE_TOKEN, RELAY_MAIL_FROM, test as base } from './fixtures';

export interface PeppolChainOptions {
	/** The enterprise number of the workspace's company at Recommand. */
	companyKbo: string;
	/** Participants on the network from the start (the buyers a test sends to). */
	participants?: readonly string[];
	/** This spec's relay settings, on top of the chain's. */
	relayEnv?: Record<string, string>;
}

/**
 * The test with the whole Peppol chain on loopback: a local SML + SMP, Recommand's contract
 * server (whose registrations show in that SMP, as at the real network), and the app's relay
 * talking to both. One of each per worker.
 */
export function peppolChainTest(options: PeppolChainOptions) {
	return base.extend<
		object,
		{ network: PeppolNetwork; recommand: RecommandServer; appServer: AppServer }
	>({
		network: [
			async ({}, use) => {
				const network = await startPeppolNetwork();
				for (const id of options.participants ?? []) network.register(id);
				await use(network);
				await network.close();
			},
			{ scope: 'worker' }
		],
		recommand: [
			async ({ network }, use) => {
				const server = await startRecommand({
					accounts: [recommandAccount('1', options.companyKbo)],
					onRegistration: (id, registered) =>
						registered ? network.register(id) : network.unregister(id)
				});
				await use(server);
				await server.close();
			},
			{ scope: 'worker' }
		],
		appServer: [
			async ({ smtp, network, recommand }, use) => {
				const server = await startAppServer({
					BILLFOLD_INVITE_TOKEN: INVITE_TOKEN,
					BILLFOLD_SMTP_URL: smtp.url,
					BILLFOLD_MAIL_FROM: RELAY_MAIL_FROM,
					...peppolEnv(network),
					...recommandUrlEnv(recommand),
					// A browser shares the two cores: the relay's short test timeouts would read as timeouts.
					BILLFOLD_ACCESS_POINT_TIMEOUT_MS: '15000',
					...options.relayEnv
				});
				await use(server);
				await server.stop();
			},
			{ scope: 'worker' }
		]
	});
}

/** Settings → Peppol: connects the workspace to its Recommand account. */
export async function connectRecommand(page: Page, recommand: RecommandServer): Promise<void> {
	const account = recommand.accounts[0];
	if (!account) throw new Error('no Recommand account');
	await page.goto('/settings/peppol');
	const connect = page.getByRole('region', { name: 'Connect an access point' });
	await connect.getByRole('radio', { name: 'Recommand' }).check();
	await connect.getByLabel('API key').fill(account.apiKey);
	await connect.getByLabel('API secret').fill(account.apiSecret);
	await connect.getByLabel('Company id').fill(account.company.id);
	await connect.getByRole('button', { name: 'Test and connect Recommand' }).click();
	await expect(page.getByTestId('peppol-state')).toHaveText(/Connected to Recommand/);
}
