// The official Peppol rules run in the app, in a Web Worker: the editor's "Before saving" panel
// lists their findings with the rule id, a fatal one refuses the save, and it all works offline.
import { expect, test } from './fixtures';
import { RULES_TIMEOUT, setUpSeller, startInvoice } from './invoice-setup';
import type { Page } from '@playwright/test';
import { untilServiceWorkerControls } from './offline-setup';

const CUSTOMER = 'Kroon Brouwerij BV';

/** A business customer whose Peppol id uses a scheme that is not in the EAS code list. */
async function addCustomerWithBadEndpoint(page: Page): Promise<void> {
	await page.goto('/contacts/new');
	await page.getByLabel('Company name').fill(CUSTOMER);
	await page.getByLabel('VAT number').fill('BE0417497106');
	await page.getByLabel('Street and number').fill('Marktplein 12');
	await page.getByLabel('Postal code').fill('2000');
	await page.getByLabel('City').fill('Antwerpen');
	await page.getByLabel('E-mail').fill('facturen@kroon.example');
	await page.getByLabel('Peppol id').fill('9999:0417497106');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(`${CUSTOMER} saved.`)).toBeVisible();
}

test.describe('official Peppol rules before saving', () => {
	test.setTimeout(180_000);

	test('a fatal finding names the rule and the field, refuses the save, and clears once fixed', async ({
		page
	}) => {
		await setUpSeller(page);
		await addCustomerWithBadEndpoint(page);
		await startInvoice(page, CUSTOMER, [['Brouwadvies', '2', '100']]);

		const panel = page.getByTestId('validation');
		const finding = page
			.getByTestId('official-finding')
			.filter({ hasText: 'PEPPOL-EN16931-CL008' });
		await expect(finding).toBeVisible(RULES_TIMEOUT);
		await expect(finding).toContainText(
			'Electronic address identifier scheme must be from the codelist'
		);
		await expect(panel).toContainText('BR-CL-25');

		await finding.getByRole('button', { name: 'Go to Customer' }).click();
		await expect(page.getByRole('button', { name: 'Change' })).toBeFocused();

		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(page.getByTestId('rules-refusal')).toHaveText(
			'Not saved: the official Peppol rules found 2 errors. Fix them first.'
		);
		await expect(page.getByTestId('official-finding').first()).toBeFocused();
		await expect(page.getByTestId('invoice-number')).toHaveCount(0);

		// Fix the customer's Peppol id, come back to the kept draft: the finding is gone.
		const draft = page.url();
		await page.goto('/contacts');
		await page.getByRole('link', { name: CUSTOMER }).click();
		await page.getByLabel('Peppol id').fill('0208:0417497106');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText(`${CUSTOMER} saved.`)).toBeVisible();
		await page.goto(draft);
		await expect(page.getByTestId('official-rules-status')).toHaveText(
			'The official Peppol rules find no problem.',
			RULES_TIMEOUT
		);
		await expect(page.getByTestId('official-finding')).toHaveCount(0);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/^F\d{4}-0001$/, RULES_TIMEOUT);
	});

	test('offline, the panel still shows the official findings (rules precached)', async ({
		page,
		context
	}) => {
		await setUpSeller(page);
		await addCustomerWithBadEndpoint(page);
		await untilServiceWorkerControls(page);

		// The rules were never loaded online in this tab: they come from the install's precache.
		await context.setOffline(true);
		try {
			await page.reload();
			await startInvoice(page, CUSTOMER, [['Brouwadvies', '1', '250']]);
			await expect(
				page.getByTestId('official-finding').filter({ hasText: 'PEPPOL-EN16931-CL008' })
			).toBeVisible(RULES_TIMEOUT);
			await expect(page.getByTestId('official-rules-status')).not.toContainText('could not run');
		} finally {
			await context.setOffline(false);
		}
	});
});
