import { startPeppolNetwork, peppolEnv } from '../../relay/test/helpers/peppol-network';
import { startAppServer } from './app-server';
import { expect, test } from './fixtures';

test('with a joined relay the Peppol badge comes from a lookup, and "check now" refreshes it', async ({
	page
}) => {
	const network = await startPeppolNetwork();
	// The relay caches definite answers for an hour; this test watches a registration appear.
	const server = await startAppServer({
		...peppolEnv(network),
		BILLFOLD_PEPPOL_CACHE_TTL_SECONDS: '0'
	});
	try {
		network.register('0208:0417497106');
		expect(server.invitePath, 'the relay prints an invite link on first start').toBeTruthy();
		await page.goto(`${server.url}${server.invitePath ?? '/settings/relay'}`);
		await page.getByRole('button', { name: 'Join the relay' }).click();
		await expect(page.getByRole('link', { name: 'Relay connected' })).toBeVisible();

		await page.goto(`${server.url}/contacts/new`);
		await page.getByLabel('Company name').fill('Acme BV');
		await page.getByLabel('VAT number').fill('BE0417497106');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('heading', { name: 'Acme BV' })).toBeVisible();
		const peppol = page.getByRole('region', { name: 'Peppol' });
		await expect(peppol.getByText('On Peppol', { exact: true })).toBeVisible();
		await expect(peppol.getByText(/^checked /)).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);

		await page.goto(`${server.url}/contacts/new`);
		await page.getByLabel('Company name').fill('Peeters Webdesign');
		await page.getByLabel('VAT number').fill('BE0123456749');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('heading', { name: 'Peeters Webdesign' })).toBeVisible();
		await expect(peppol.getByText('Not on Peppol', { exact: true })).toBeVisible();
		await expect(page.getByRole('alert')).toContainText('has no e-mail address');

		// The buyer registers later: "check now" asks again.
		network.register('0208:0123456749');
		await peppol.getByRole('button', { name: 'Check now' }).click();
		await expect(peppol.getByText('On Peppol', { exact: true })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);

		await page.goto(`${server.url}/contacts`);
		await expect(page.getByRole('listitem').filter({ hasText: 'Acme BV' })).toContainText(
			'On Peppol'
		);
	} finally {
		await server.stop();
		await network.close();
	}
});
