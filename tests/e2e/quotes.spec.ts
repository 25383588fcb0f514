import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { expectAccessible, expectFitsWidth, VIEWPORTS } from './axe';
import { expect, test } from './fixtures';
import { recipients } from './invoice-files';
import { addContact, expectNoProblems, joinRelay, setUpSeller } from './invoice-setup';
import type { Page } from '@playwright/test';

/** dd/mm/yyyy, as the date fields take it in the English UI, `days` from today. */
function typedDate(days: number): string {
	const date = new Date();
	date.setDate(date.getDate() + days);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

async function startQuote(page: Page, contact: string, description: string, price: string) {
	await page.goto('/quotes/new');
	await expect(page.getByRole('heading', { level: 1, name: 'New quote' })).toBeVisible();
	await page.getByLabel('Search a contact').fill(contact.slice(0, 4));
	await page.getByRole('option', { name: new RegExp(contact) }).click();
	await page.getByRole('button', { name: 'Add free-text line' }).click();
	await page.getByLabel('Description of line 1').fill(description);
	await page.getByLabel('Quantity of line 1').fill('1');
	await page.getByLabel('Unit price of line 1').fill(price);
}

test.describe('quotes that become invoices', () => {
	// Seeding, a relay send, the official rules and axe at two widths: minutes on a busy machine.
	test.setTimeout(900_000);

	test('a quote is sent by e-mail, accepted, converted and invoiced with its reference; a declined one is not', async ({
		page,
		smtp
	}) => {
		await setUpSeller(page);
		await joinRelay(page);
		await addContact(page, 'Quanta BV', 'buy@quanta.example');

		await startQuote(page, 'Quanta BV', 'Kitchen renovation', '4200');
		// A quote is valid for 30 days unless the user types another date.
		await expect(page.getByLabel('Valid until')).toHaveValue(typedDate(30));
		await expect(page.getByText('30 days after the quote date')).toBeVisible();

		// Bad input: a validity date before the quote date is named and blocks saving.
		await page.getByLabel('Valid until').fill('01/01/2020');
		await expect(page.getByTestId('validation')).toContainText(
			'Valid until: the date must not be before the quote date.'
		);
		await expect(page.getByRole('button', { name: 'Save quote' })).toBeDisabled();
		await page.getByLabel('Valid until').fill(typedDate(45));
		await expect(page.getByRole('button', { name: 'Save quote' })).toBeEnabled();
		await expectAccessible(page, 'the quote editor');

		await page.getByRole('button', { name: 'Save quote' }).click();
		const heading = page.getByRole('heading', { level: 1, name: /^Quote Q-\d{4}-0001$/ });
		await expect(heading).toBeVisible();
		const number = ((await heading.textContent()) ?? '').replace('Quote ', '');
		await expect(page.getByTestId('quote-status')).toHaveText('Not sent');

		// Sent by e-mail through the relay: the PDF titled as a quote, and no UBL.
		await page.getByRole('button', { name: 'Send by e-mail' }).click();
		const dialog = page.getByRole('dialog', { name: `Send ${number}` });
		await expect(dialog).toContainText('A quote never goes over Peppol');
		await expect(dialog.getByTestId('peppol-warning')).toHaveCount(0);
		await dialog.getByRole('button', { name: 'Send now' }).click();
		const mail = await smtp.waitFor(
			(message) =>
				(message.subject?.includes(number) ?? false) &&
				recipients(message).includes('buy@quanta.example')
		);
		expect(mail.subject).toMatch(new RegExp(`^Offerte ${number} van `));
		expect(mail.attachments.map((file) => file.contentType)).toEqual(['application/pdf']);
		const [pdf] = mail.attachments;
		expect(pdf?.filename).toBe(`Offerte-${number}.pdf`);
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf?.content ?? [])), {
			mergePages: true
		});
		expect(text).toContain('Offerte');
		expect(text).toContain('Geldig tot');
		expect(text).toContain('Deze offerte is geldig tot de vermelde datum');
		expect(text).not.toMatch(/Factuur|Te betalen|Gestructureerde mededeling/);
		await expect(page.getByTestId('quote-status')).toHaveText('Sent');

		// Accepted, with the date of the answer, then converted into an invoice draft.
		await page.getByLabel("Date of the customer's answer").fill(typedDate(0));
		await page.getByRole('button', { name: 'Mark accepted' }).click();
		await expect(page.getByTestId('quote-status')).toHaveText('Accepted');
		await expectAccessible(page, 'the accepted quote');
		await page.getByRole('button', { name: 'Convert to invoice' }).click();
		await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
		const invoiceUrl = page.url();
		await expect(page.getByTestId('quote-reference')).toHaveText(
			`Made from quote ${number}: the invoice refers to it.`
		);
		await expect(page.getByLabel('Description of line 1')).toHaveValue('Kitchen renovation');
		await expectNoProblems(page);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/^F\d{4}-0001$/, {
			timeout: 120_000
		});
		const invoiceNumber = (await page.getByTestId('invoice-number').textContent()) ?? '';

		// The issued invoice's UBL names the quote as a supporting document (BG-24).
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download UBL' }).click();
		const xml = await readFile((await (await download).path()) ?? '', 'utf8');
		expect(xml).toMatch(
			new RegExp(
				`<cac:AdditionalDocumentReference>\\s*<cbc:ID>${number}</cbc:ID>\\s*<cbc:DocumentDescription>Offerte</cbc:DocumentDescription>`
			)
		);

		// The quote shows its invoice; converting again is no longer offered.
		await page.goto('/quotes');
		const row = page.getByRole('row').filter({ hasText: number });
		await expect(row).toContainText('Accepted');
		await row.getByRole('link', { name: number }).click();
		const invoiceLink = page.getByRole('link', { name: `Open invoice ${invoiceNumber}` });
		await expect(invoiceLink).toBeVisible();
		await expect(page.getByRole('button', { name: 'Convert to invoice' })).toHaveCount(0);
		await invoiceLink.click();
		await expect(page).toHaveURL(invoiceUrl);

		// A quote is no tax document: the invoice overview lists the invoice only.
		await page.goto('/invoices');
		await expect(page.getByTestId('overview-row')).toHaveCount(1);
		await expect(page.getByTestId('overview-row')).toContainText(invoiceNumber);

		// Bad input: a declined quote cannot be converted, and says why.
		await startQuote(page, 'Quanta BV', 'Garden shed', '900');
		await page.getByRole('button', { name: 'Save quote' }).click();
		const second = page.getByRole('heading', { level: 1, name: /^Quote Q-\d{4}-0002$/ });
		await expect(second).toBeVisible();
		const secondNumber = ((await second.textContent()) ?? '').replace('Quote ', '');
		await page.getByRole('button', { name: 'Mark declined' }).click();
		await expect(page.getByTestId('quote-status')).toHaveText('Declined');
		await page.getByRole('button', { name: 'Convert to invoice' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			`Quote ${secondNumber} was declined, so it cannot become an invoice. Make a new quote if the customer changes their mind.`
		);
		await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);

		// The list filters by status and searches, with totals of what it shows.
		await page.goto('/quotes');
		await page.getByLabel('Status').selectOption({ label: 'Declined' });
		await expect(page.getByRole('row')).toHaveCount(2);
		await expect(page.getByTestId('quotes-summary')).toContainText('1 quote');
		await page.getByLabel('Status').selectOption({ label: 'All statuses' });
		await page.getByLabel('Search number or customer').fill(number);
		await expect(page.getByRole('row')).toHaveCount(2);

		for (const viewport of VIEWPORTS) {
			await page.setViewportSize(viewport);
			for (const path of ['/quotes', '/quotes/new', '/settings/invoicing']) {
				const where = `${path} (${viewport.name})`;
				await page.goto(path);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectFitsWidth(page, where);
				await expectAccessible(page, where);
			}
		}
	});
});
