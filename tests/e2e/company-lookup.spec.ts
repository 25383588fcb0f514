import type { Page } from '@playwright/test';
import { peppolEnv, startPeppolNetwork } from '../../relay/test/helpers/peppol-network';
import { startAppServer } from './app-server';
import { expect, INVITE_TOKEN, test } from './fixtures';

const FILL = 'Fill in from the EU VIES register';

async function joinRelay(page: Page): Promise<void> {
	await page.goto('/settings/relay');
	await page.getByLabel('Invite token').fill(INVITE_TOKEN);
	await page.getByRole('button', { name: 'Join the relay' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Relay connected' })).toBeVisible();
}

test('a new contact is filled from the VIES register, and what the user typed is only replaced on request', async ({
	page,
	vies
}) => {
	vies.register('BE0450123451', {
		name: 'Bakkerij <De Zon> & Zonen "BV"',
		address: "Rue d'Arlon 12 bus 3\n1040 Etterbeek\n"
	});

	// Without a relay the button says why it cannot be used.
	await page.goto('/contacts/new');
	await page.getByLabel('VAT number').fill('BE0450123451');
	const button = page.getByRole('button', { name: FILL });
	await expect(button).toBeDisabled();
	await expect(page.getByText('Needs a relay: join one under Settings → Relay.')).toBeVisible();
	await expect(page.getByText('learn which company you look up')).toBeVisible();

	await joinRelay(page);
	await page.goto('/contacts/new');
	await page.getByLabel('City').fill('Brussel');
	await page.getByLabel('VAT number').fill('be 0450.123.451');
	await page.getByRole('button', { name: FILL }).click();

	await expect(page.getByLabel('Company name')).toHaveValue('Bakkerij <De Zon> & Zonen "BV"');
	await expect(page.getByLabel('Street and number')).toHaveValue("Rue d'Arlon 12 bus 3");
	await expect(page.getByLabel('Postal code')).toHaveValue('1040');
	await expect(page.getByLabel('City')).toHaveValue('Brussel');
	await expect(page.getByRole('status').filter({ hasText: 'Filled in from VIES' })).toContainText(
		'Company name, Street and number, Postal code'
	);
	const offered = page
		.getByRole('region', { name: 'VIES has something else for fields you typed' })
		.getByRole('listitem')
		.filter({ hasText: 'City: “Etterbeek”' });
	await offered.getByRole('button', { name: 'Use this' }).click();
	await expect(page.getByLabel('City')).toHaveValue('Etterbeek');
	await expect(offered).toHaveCount(0);

	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: 'Bakkerij <De Zon> & Zonen "BV"' })).toBeVisible();
	expect(vies.requests.filter((asked) => asked === 'BE0450123451')).toHaveLength(1);
});

test('a Belgian number also shows its Peppol status from the enterprise number', async ({
	page,
	vies
}) => {
	const network = await startPeppolNetwork();
	const server = await startAppServer({
		...peppolEnv(network),
		BILLFOLD_INVITE_TOKEN: INVITE_TOKEN,
		BILLFOLD_VIES_URL: vies.url
	});
	try {
		vies.register('BE0812345603', {
			name: 'Peppol Partner NV',
			address: 'Meir 10\n2000 Antwerpen'
		});
		network.register('0208:0812345603');
		await page.goto(`${server.url}/settings/relay`);
		await page.getByLabel('Invite token').fill(INVITE_TOKEN);
		await page.getByRole('button', { name: 'Join the relay' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Relay connected' })).toBeVisible();

		await page.goto(`${server.url}/contacts/new`);
		await page.getByLabel('VAT number').fill('BE0812345603');
		await page.getByRole('button', { name: FILL }).click();
		await expect(page.getByLabel('Company name')).toHaveValue('Peppol Partner NV');
		const status = page.getByText('Peppol status:').locator('..');
		await expect(status.getByText('On Peppol', { exact: true })).toBeVisible();

		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('heading', { name: 'Peppol Partner NV' })).toBeVisible();
		const peppol = page.getByRole('region', { name: 'Peppol' });
		await expect(peppol.getByText('On Peppol', { exact: true })).toBeVisible();
	} finally {
		await server.stop();
		await network.close();
	}
});

test('VIES down or not knowing the number: a clear message, and the contact typed by hand still saves', async ({
	page,
	vies
}) => {
	await joinRelay(page);
	await page.goto('/contacts/new');
	await page.getByLabel('VAT number').fill('BE0123456749');
	await page.getByRole('button', { name: FILL }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'VIES does not know BE0123456749: check the number.'
	);

	vies.fail({ kind: 'user-error', code: 'MS_UNAVAILABLE' });
	await page.getByLabel('VAT number').fill('BE0765432146');
	await page.getByRole('button', { name: FILL }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'VIES is down for BE, try again later; you can type the details yourself.'
	);
	await expect(page.getByLabel('Company name')).toHaveValue('');

	// Offline the button says why it cannot ask; typing goes on.
	await page.context().setOffline(true);
	await expect(page.getByRole('button', { name: FILL })).toBeDisabled();
	await expect(page.getByText('Offline: VIES cannot be asked now.')).toBeVisible();
	await page.context().setOffline(false);

	await page.getByLabel('Company name').fill('Handwerk BV');
	await page.getByLabel('Street and number').fill('Kerkstraat 1');
	await page.getByLabel('Postal code').fill('9000');
	await page.getByLabel('City').fill('Gent');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: 'Handwerk BV' })).toBeVisible();
});
