import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, test } from './fixtures';
import { oversizedPdf, recipients } from './invoice-files';
import { addContact, joinRelay, RULES_TIMEOUT, setUpSeller, startInvoice } from './invoice-setup';

/** Text of every page of a PDF, whitespace runs collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
	const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
	return text.replace(/\s+/g, ' ');
}

async function downloadPdf(page: Page): Promise<string> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download PDF' }).click();
	return pdfText(new Uint8Array(await readFile(await (await download).path())));
}

/** A date some days back, as the English UI's date field takes it (day first). */
function dateDaysAgo(days: number): string {
	const [year, month, day] = new Date(Date.now() - days * 86_400_000)
		.toISOString()
		.slice(0, 10)
		.split('-');
	return `${day}/${month}/${year}`;
}

test.describe("a new user's first hour", () => {
	test.setTimeout(150_000);

	test('an English contact gets an English e-mail with an English PDF and UBL', async ({
		page,
		smtp
	}) => {
		await setUpSeller(page);
		await joinRelay(page);
		await page.goto('/contacts/new');
		await page.getByLabel('Company name').fill('Brightside Ltd');
		await page.getByLabel('VAT number').fill('BE0417497106');
		await page.getByLabel('Street and number').fill('Meir 10');
		await page.getByLabel('Postal code').fill('2000');
		await page.getByLabel('City').fill('Antwerpen');
		await page.getByLabel('E-mail').fill('accounts@brightside.example');
		// New contacts start in the seller's invoice language; this one reads English.
		const contactLanguage = page.getByLabel('Language', { exact: true });
		await expect(contactLanguage).toHaveValue('nl');
		await contactLanguage.selectOption({ label: 'English' });
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Brightside Ltd saved.')).toBeVisible();

		await startInvoice(page, 'Brightside Ltd', [['Website audit', '3', '120']]);
		const language = page.getByLabel('Document and e-mail language');
		await expect(language.getByRole('option', { selected: true })).toHaveText(
			'The contact’s language (English)'
		);
		// A choice on the invoice is kept with it; going back to the contact's is one click.
		await language.selectOption({ label: 'French' });
		await page.reload();
		await expect(language).toHaveValue('fr');
		await language.selectOption({ label: 'The contact’s language (English)' });
		await expect(page.getByTestId('validation')).toContainText('requires invoices in Dutch');
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		const number = (await page.getByTestId('invoice-number').textContent()) ?? '';
		expect(number).toMatch(/^F\d{4}-0001$/);
		await expect(page.getByTestId('invoice-language')).toHaveText('English');

		await page.getByRole('button', { name: 'Send', exact: true }).click();
		// A Belgian VAT-registered buyer and no Peppol access point: e-mail only as an explicit choice.
		await page
			.getByRole('dialog')
			.getByRole('button', { name: 'E-mail it to accounts@brightside.example instead' })
			.click();
		const mail = await smtp.waitFor(
			(message) =>
				(message.subject?.includes(number) ?? false) &&
				recipients(message).includes('accounts@brightside.example')
		);
		expect(mail.subject).toBe(`Invoice ${number} from Jan Peeters`);
		expect(mail.text).toContain('Please find attached invoice');
		expect(mail.text).not.toContain('In bijlage');
		const pdf = mail.attachments.find((file) => file.contentType === 'application/pdf');
		const text = await pdfText(new Uint8Array(pdf?.content ?? []));
		expect(text).toContain('Invoice date');
		expect(text).toContain('VAT summary');
		expect(text).toContain('Website audit 3 unit 120.00');
		expect(text).not.toContain('Factuurdatum');
		const ubl = mail.attachments.find((file) => /xml/.test(file.contentType));
		expect(ubl?.content.toString('utf8')).toContain('If paid within 14 days');
	});

	test('a credit note settles the invoice it corrects: credited, not overdue, nothing owed', async ({
		page
	}) => {
		await setUpSeller(page);
		await addContact(page, 'Nova NV', 'billing@nova.example');
		await startInvoice(page, 'Nova NV', [['Design', '10', '100,39']]);
		// Dated two months ago, so its 30-day term has passed.
		await page.getByLabel('Invoice date').fill(dateDaysAgo(60));
		await page.getByLabel(/Cash discount: 2 %/).uncheck();
		await expect(page.getByTestId('total-incl')).toHaveText('€1,214.72');
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		const number = (await page.getByTestId('invoice-number').textContent()) ?? '';

		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		const row = page.getByTestId('overview-row').filter({ hasText: number });
		await expect(row).toContainText('Overdue');
		const summary = page.getByTestId('overview-summary');
		await expect(summary).toContainText(
			'Still to be paid (invoices minus credit notes and payments): €1,214.72'
		);

		await row.getByRole('link', { name: number }).click();
		await page.getByRole('button', { name: 'Create credit note (full)' }).click();
		await expect(page.getByTestId('credit-reference')).toContainText(number);
		await page.getByRole('button', { name: 'Save and number the credit note' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/\d{4}-0002$/, RULES_TIMEOUT);

		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		await expect(row).toContainText('Credited');
		await expect(row).not.toContainText('Overdue');
		await expect(summary).toContainText(
			'Still to be paid (invoices minus credit notes and payments): €0.00'
		);
		await expect(summary).toContainText('Total incl. VAT of these rows: €0.00');
		await page.getByLabel('Status').selectOption({ label: 'Overdue' });
		await expect(page.getByText('No invoice matches these filters.')).toBeVisible();
		await page.getByLabel('Status').selectOption({ label: 'Credited' });
		await expect(page.getByTestId('overview-row')).toHaveCount(1);

		await page.getByTestId('overview-row').getByRole('link', { name: number }).click();
		await expect(page.getByTestId('invoice-status')).toHaveText('Credited');
		await expect(page.getByText('Credited by credit notes: €1,214.72')).toBeVisible();
		await expect(page.getByTestId('invoice-outstanding')).toHaveText('Still to be paid: €0.00');
	});

	test('items keep their unit, name and price; emoji print; refusals and warnings are exact', async ({
		page
	}) => {
		await setUpSeller(page);
		await addContact(page, 'Acme BV', 'invoices@acme.example');

		await page.goto('/items/new');
		await page.getByLabel('Name', { exact: true }).fill('Wall plug');
		await page.getByLabel('Unit price excl. VAT (€)').fill('85,5');
		await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'piece' });
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Wall plug saved.')).toBeVisible();
		await page.goto('/items/new');
		await page.getByLabel('Text only (no price)').check();
		await page.getByLabel('Name', { exact: true }).fill('Warranty');
		await page.getByLabel('Description').fill('Two years on parts and labour');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Warranty saved.')).toBeVisible();

		await startInvoice(page, 'Acme BV', []);
		const catalogue = page.getByLabel('Add from items');
		await catalogue.fill('wall');
		const match = page.getByRole('option', { name: /Wall plug/ });
		await expect(match).toContainText('€85.50');
		await match.getByRole('button').click();
		await expect(page.getByLabel('Unit of line 1')).toHaveValue('H87');
		await expect(
			page.getByLabel('Unit of line 1').getByRole('option', { selected: true })
		).toHaveText('piece');
		await catalogue.fill('warranty');
		await page
			.getByRole('option', { name: /Warranty/ })
			.getByRole('button')
			.click();
		await expect(page.getByLabel('Text of line 2')).toHaveValue(
			'Warranty – Two years on parts and labour'
		);

		await page.getByRole('button', { name: 'Add free-text line' }).click();
		await page.getByLabel('Description of line 3').fill('Thank you 🙂 ✓ 漢');
		await page.getByLabel('Quantity of line 3').fill('1');
		await page.getByLabel('Unit price of line 3').fill('0');
		await expect(page.getByTestId('validation')).toContainText(
			'Line 3: “漢” cannot be printed in the PDF and would show as “?”'
		);
		await expect(page.getByTestId('validation')).not.toContainText('“🙂”');
		await page.getByLabel('Description of line 3').fill('Thank you 🙂 ✓');
		await expect(page.getByTestId('validation')).not.toContainText('cannot be printed');

		await page
			.getByRole('group', { name: /Attachments/ })
			.locator('input[type="file"]')
			.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: oversizedPdf() });
		await expect(page.getByRole('alert').filter({ hasText: 'scan.pdf' })).toHaveText(
			'scan.pdf was not attached: it is 2,097,153 bytes (2.00 MB); an attachment may be at most 2,097,152 bytes (2.00 MB).'
		);

		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/^F\d{4}-0001$/, RULES_TIMEOUT);
		const text = await downloadPdf(page);
		// Dutch, the contact's language: 1 piece prints "st.", never the code.
		expect(text).toContain('1 st.');
		expect(text).not.toContain('H87');
		expect(text).toContain('Warranty – Two years on parts and labour');
		// 🙂 is drawn from the emoji font (extracted as its private-use stand-in), ✓ from Inter.
		expect(text).toContain('Thank you \ue642 ✓');
		expect(text).not.toContain('?');
	});
});
