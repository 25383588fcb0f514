import { expect, test } from './fixtures';

test('a contact with a wrong VAT number is refused, kept across a reload, and saved once fixed', async ({
	page
}) => {
	await page.goto('/contacts');
	await expect(page.getByText('No contacts yet.')).toBeVisible();
	await page.getByRole('link', { name: 'Add a contact' }).click();

	await page.getByLabel('Company name').fill('Acme BV');
	const vat = page.getByLabel('VAT number');
	await vat.fill('BE 0417.497.107');
	await page.getByLabel('Street and number').fill('Meir 10');
	await page.getByLabel('Postal code').fill('2000');
	await page.getByLabel('City').fill('Antwerpen');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(vat).toHaveAttribute('aria-invalid', 'true');
	await expect(vat).toHaveAccessibleDescription(
		/VAT number BE 0417\.497\.107 does not have a valid format or check digits\./
	);

	await page.reload();
	await expect(page.getByLabel('Company name')).toHaveValue('Acme BV');
	await expect(vat).toHaveValue('BE 0417.497.107');
	await vat.fill('BE 0417.497.106');
	await expect(
		page.getByText('Enterprise number 0417.497.106, from the VAT number.')
	).toBeVisible();
	await page.getByRole('button', { name: 'Save' }).click();

	await expect(page.getByRole('heading', { name: 'Acme BV' })).toBeVisible();
	await expect(page.getByText('Acme BV saved.')).toBeVisible();
	await expect(vat).toHaveValue('BE0417497106');
	// No relay joined: the badge says so instead of guessing.
	await expect(page.getByText('Unknown — no relay')).toBeVisible();
	await expect(page.getByRole('alert')).toContainText(
		'not known to be on Peppol and has no e-mail'
	);

	await page.getByLabel('E-mail').fill('ap@acme.example');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await page.reload();
	await expect(page.getByLabel('E-mail')).toHaveValue('ap@acme.example');
	await page.getByRole('link', { name: 'Contacts' }).first().click();
	await expect(page.getByRole('link', { name: 'Acme BV' })).toBeVisible();
});

test('contacts are searchable, a private individual has no VAT number, unused contacts can be deleted', async ({
	page
}) => {
	await page.goto('/contacts/new');
	await page.getByLabel('Private individual').check();
	await expect(page.getByLabel('VAT number')).toHaveCount(0);
	await page.getByLabel('Name', { exact: true }).fill('Marie Dubois');
	await page.getByLabel('City').fill('Bruxelles');
	await page.getByLabel('Language').selectOption({ label: 'French' });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: 'Marie Dubois' })).toBeVisible();

	await page.goto('/contacts/new');
	await page.getByLabel('Company name').fill('Brouwerij De Kroon');
	await page.getByLabel('VAT number').fill('NL004495445B01');
	await page.getByLabel('Country').selectOption('NL');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: 'Brouwerij De Kroon' })).toBeVisible();

	await page.goto('/contacts');
	const search = page.getByLabel('Search contacts');
	await search.fill('brux');
	await expect(page.getByRole('link', { name: 'Marie Dubois' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Brouwerij De Kroon' })).toHaveCount(0);
	await search.fill('NL0044');
	await expect(page.getByRole('link', { name: 'Brouwerij De Kroon' })).toBeVisible();
	await search.fill('nobody');
	await expect(page.getByText('No contact matches "nobody".')).toBeVisible();

	await search.fill('');
	await page.getByRole('link', { name: 'Marie Dubois' }).click();
	await page.getByRole('button', { name: 'Delete…' }).click();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Marie Dubois' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Brouwerij De Kroon' }).click();
	await page.getByRole('button', { name: 'Archive' }).click();
	await expect(page.getByText('Archived', { exact: true })).toBeVisible();
	await page.goto('/contacts');
	await expect(page.getByRole('link', { name: 'Brouwerij De Kroon' })).toHaveCount(0);
	await page.getByLabel('Show archived contacts').check();
	await expect(page.getByRole('link', { name: 'Brouwerij De Kroon' })).toBeVisible();
});
