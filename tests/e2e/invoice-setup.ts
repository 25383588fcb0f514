import { expect, type Page } from '@playwright/test';
import { INVITE_TOKEN } from './fixtures';

/**
 * Waits for the editor's "Before saving" panel to pass every check. The first check on a page
 * loads the official rules into their worker, which takes many seconds on a busy machine.
 */
export async function expectNoProblems(page: Page): Promise<void> {
	await expect(page.getByTestId('validation')).toContainText('No legal or Peppol problems found.', {
		timeout: 120_000
	});
}

/** A complete Belgian seller profile, filled in and saved through the UI. */
export async function fillSellerProfile(page: Page): Promise<void> {
	await page.goto('/settings/profile');
	await page.getByLabel('Legal name').fill('Jan Peeters');
	await page.getByLabel('Legal form').fill('Eenmanszaak');
	await page.getByLabel('Street and number').fill('Kerkstraat 1');
	await page.getByLabel('Postal code').fill('9000');
	await page.getByLabel('City').fill('Gent');
	await page.getByLabel('Enterprise number (KBO/BCE)').fill('0123456749');
	await page.getByLabel('VAT number').fill('BE0123456749');
	await page.getByLabel('IBAN').fill('BE68539007547034');
	await page.getByLabel('BIC').fill('GEBABEBB');
	await page.getByLabel('E-mail').fill('jan@peeters.example');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Profile saved', { exact: false })).toBeVisible();
}

/** The seller profile plus a 2 % cash discount and F numbering, through the UI. */
export async function setUpSeller(page: Page): Promise<void> {
	await fillSellerProfile(page);

	await page.goto('/settings/invoicing');
	await page.getByLabel('Offer a cash discount').check();
	await page.getByLabel('Discount (%)').fill('2');
	await page.getByLabel('When paid within (days)').fill('14');
	await page.getByLabel('Invoice number format').fill('F{YYYY}-{SEQ:4}');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.locator('[role="status"]').filter({ hasText: /saved/i }).first()).toBeVisible();
}

export async function joinRelay(page: Page): Promise<void> {
	await page.goto('/settings/relay');
	await page.getByLabel('Invite token').fill(INVITE_TOKEN);
	await page.getByLabel('Name of this device').fill('e2e device');
	await page.getByRole('button', { name: 'Join the relay' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Relay connected' })).toBeVisible();
}

export async function addContact(page: Page, name: string, email: string): Promise<void> {
	await page.goto('/contacts/new');
	await page.getByLabel('Company name').fill(name);
	await page.getByLabel('VAT number').fill('BE0417497106');
	await page.getByLabel('Street and number').fill('Meir 10');
	await page.getByLabel('Postal code').fill('2000');
	await page.getByLabel('City').fill('Antwerpen');
	await page.getByLabel('E-mail').fill(email);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(`${name} saved.`)).toBeVisible();
}

/** Opens a new invoice for the contact with free-text lines (description, quantity, price). */
export async function startInvoice(
	page: Page,
	contact: string,
	lines: readonly [string, string, string][]
): Promise<void> {
	await page.goto('/invoices/new');
	await page.getByLabel('Search a contact').fill(contact.slice(0, 4));
	await page.getByRole('option', { name: new RegExp(contact) }).click();
	for (const [index, [description, quantity, price]] of lines.entries()) {
		await page.getByRole('button', { name: 'Add free-text line' }).click();
		await page.getByLabel(`Description of line ${index + 1}`).fill(description);
		await page.getByLabel(`Quantity of line ${index + 1}`).fill(quantity);
		await page.getByLabel(`Unit price of line ${index + 1}`).fill(price);
	}
}
