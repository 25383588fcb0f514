import { expect, test } from './fixtures';
import { untilServiceWorkerControls } from './offline-setup';

test('profile, contacts and items work offline and survive a reload', async ({ page, context }) => {
	await page.goto('/settings/profile');
	await untilServiceWorkerControls(page);

	await context.setOffline(true);
	await page.reload();
	await page.getByLabel('Legal name').fill('Jan Peeters');
	await page.getByLabel('Enterprise number (KBO/BCE)').fill('0123456749');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Profile saved.')).toBeVisible();

	await page.getByRole('link', { name: 'Contacts' }).click();
	await page.getByRole('link', { name: 'Add a contact' }).click();
	await page.getByLabel('Company name').fill('Acme BV');
	await page.getByLabel('VAT number').fill('BE0417497106');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: 'Acme BV' })).toBeVisible();

	await page.getByRole('link', { name: 'Items' }).click();
	await page.getByRole('link', { name: 'Add an item' }).click();
	await page.getByLabel('Name', { exact: true }).fill('Consultancy');
	await page.getByLabel('Unit price excl. VAT (€)').fill('85');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Consultancy saved.')).toBeVisible();

	// The lazily loaded editor and PDF renderer come from the service worker's cache too.
	await page.goto('/settings/layout');
	await expect(page.getByRole('textbox', { name: 'Header', exact: true })).toBeVisible();
	await expect(page.getByTitle('Sample invoice PDF')).toBeVisible({ timeout: 20_000 });

	await page.reload();
	await page.goto('/contacts');
	await expect(page.getByRole('link', { name: 'Acme BV' })).toBeVisible();
	await page.goto('/items');
	await expect(page.getByRole('link', { name: 'Consultancy' })).toBeVisible();
	await page.goto('/settings/profile');
	await expect(page.getByLabel('Legal name')).toHaveValue('Jan Peeters');
	await expect(page.getByRole('status').filter({ hasText: 'offline' })).toBeVisible();
	await context.setOffline(false);
});
