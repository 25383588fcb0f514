import { getDocumentProxy, extractText } from 'unpdf';
import { PDFDocument } from 'pdf-lib';
import { nodeValidator } from '../../src/lib/peppol-rules/node';
import { expect, INVITE_TOKEN, RELAY_MAIL_FROM, test } from './fixtures';
import { oversizedPdf, recipients, textPdf } from './invoice-files';
import { expectNoProblems, fillSellerProfile, RULES_TIMEOUT } from './invoice-setup';

const TERMS_TEXT = 'General terms of sale of Peeters Webdesign';

test.describe('the invoicing guide, end to end', () => {
	test.setTimeout(180_000);

	test('set up, invoice with a text item, cash discount and attachment, send by e-mail, credit it', async ({
		page,
		appServer,
		smtp
	}) => {
		// Step 1: the business profile.
		await fillSellerProfile(page);

		// Step 2: the layout (header) and the invoicing defaults: cash discount, numbering, terms.
		await page.goto('/settings/layout');
		const header = page.locator('[contenteditable="true"]').first();
		await header.click();
		await page.keyboard.type('Peeters Webdesign — websites that work');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Layout saved.')).toBeVisible();

		await page.goto('/settings/invoicing');
		await page.getByLabel('Offer a cash discount').check();
		await page.getByLabel('Discount (%)').fill('2');
		await page.getByLabel('When paid within (days)').fill('14');
		await page.getByLabel('Invoice number format').fill('F{YYYY}-{SEQ:4}');
		await page.getByLabel('Give credit notes their own series').check();
		await page.getByLabel('Credit note number format').fill('CN{YYYY}-{SEQ:4}');
		await page.getByLabel('Terms-of-sale PDF').setInputFiles({
			name: 'terms.pdf',
			mimeType: 'application/pdf',
			buffer: await textPdf([TERMS_TEXT])
		});
		await page.getByLabel('Add the terms of sale to the invoice PDF').check();
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(
			page.locator('[role="status"]').filter({ hasText: /saved/i }).first()
		).toBeVisible();

		// The relay this app came from, joined with the operator's invite token.
		await page.goto('/settings/relay');
		await page.getByLabel('Invite token').fill(INVITE_TOKEN);
		await page.getByLabel('Name of this device').fill('e2e laptop');
		await page.getByRole('button', { name: 'Join the relay' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Relay connected' })).toBeVisible();

		// Step 3: a contact and items.
		await page.goto('/contacts/new');
		await page.getByLabel('Company name').fill('Acme BV');
		await page.getByLabel('VAT number').fill('BE0417497106');
		await page.getByLabel('Street and number').fill('Meir 10');
		await page.getByLabel('Postal code').fill('2000');
		await page.getByLabel('City').fill('Antwerpen');
		await page.getByLabel('E-mail').fill('invoices@acme.example');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Acme BV saved.')).toBeVisible();

		await page.goto('/items/new');
		await page.getByLabel('Name', { exact: true }).fill('Web design');
		await page.getByLabel('Unit price excl. VAT (€)').fill('65');
		await page.getByLabel('Unit', { exact: true }).selectOption('HUR');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Web design saved.')).toBeVisible();

		await page.goto('/items/new');
		await page.getByLabel('Text only (no price)').check();
		await page.getByLabel('Name', { exact: true }).fill('Period');
		await page.getByLabel('Description').fill('Work done this month');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Period saved.')).toBeVisible();

		// Step 4: the invoice.
		await page.goto('/invoices/new');
		await page.getByLabel('Search a contact').fill('acme');
		await page.getByRole('option', { name: /Acme BV/ }).click();
		await expect(page.getByTestId('chosen-contact')).toContainText('Acme BV');
		await page.getByLabel('Add from items').fill('period');
		await page
			.getByRole('option', { name: /Period/ })
			.getByRole('button')
			.click();
		await page.getByLabel('Add from items').fill('web');
		await page
			.getByRole('option', { name: /Web design/ })
			.getByRole('button')
			.click();
		await page.getByLabel('Quantity of line 2').fill('10');
		// The seller offers a cash discount, so new invoices start with it ticked.
		const cashDiscount = page.getByLabel(/Cash discount: 2 %/);
		await expect(cashDiscount).toBeChecked();
		await cashDiscount.uncheck();
		await expect(page.getByTestId('total-incl')).toHaveText('€786.50');
		// The draft lives at its own address from the first change: a reload loses nothing.
		await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);

		await cashDiscount.check();
		await expect(page.getByTestId('cash-discount-text')).toContainText('€13.00');
		// VAT on the discounted base: 650 − 13 = 637 × 21 % = 133.77; payable 650 + 133.77.
		await expect(page.getByTestId('total-incl')).toHaveText('€783.77');

		const attachments = page.getByRole('group', { name: /Attachments/ });
		await attachments.locator('input[type="file"]').setInputFiles({
			name: 'too-big.pdf',
			mimeType: 'application/pdf',
			buffer: oversizedPdf()
		});
		await expect(page.getByRole('alert').filter({ hasText: 'too-big.pdf' })).toContainText(
			'it is 2,097,153 bytes (2.00 MB); an attachment may be at most 2,097,152 bytes (2.00 MB)'
		);
		await attachments.locator('input[type="file"]').setInputFiles({
			name: 'timesheet.pdf',
			mimeType: 'application/pdf',
			buffer: await textPdf(['Timesheet: 10 hours'])
		});
		await expect(attachments.getByText('timesheet.pdf')).toBeVisible();

		await page.reload();
		await expect(page.getByTestId('chosen-contact')).toContainText('Acme BV');
		await expect(page.getByTestId('total-incl')).toHaveText('€783.77');
		await expect(page.getByText('timesheet.pdf')).toBeVisible();

		await expectNoProblems(page);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		const number = page.getByTestId('invoice-number');
		await expect(number).toHaveText(/^F\d{4}-0001$/, RULES_TIMEOUT);
		const invoiceNumber = (await number.textContent()) ?? '';

		// Step 5: send. Acme is a Belgian VAT-registered business and the workspace has no Peppol
		// access point: the dialog says so, and e-mail is an explicit, recorded choice.
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: `Send ${invoiceNumber}` });
		await expect(dialog).toContainText('should receive this invoice over Peppol');
		await dialog
			.getByRole('button', { name: 'E-mail it to invoices@acme.example instead' })
			.click();
		// The sink is shared by the worker's tests: pick this customer's message.
		const mail = await smtp.waitFor(
			(message) =>
				(message.subject?.includes(invoiceNumber) ?? false) &&
				recipients(message).includes('invoices@acme.example')
		);
		expect(mail.from?.value[0]?.address).toBe(RELAY_MAIL_FROM);
		expect(mail.replyTo?.value[0]?.address).toBe('jan@peeters.example');
		const pdf = mail.attachments.find(
			(file) => file.contentType === 'application/pdf' && file.filename !== 'timesheet.pdf'
		);
		const ubl = mail.attachments.find((file) => /xml/.test(file.contentType));
		expect(pdf, 'the invoice PDF is attached').toBeDefined();
		expect(ubl, 'the UBL is attached').toBeDefined();
		expect(mail.attachments.some((file) => file.filename === 'timesheet.pdf')).toBe(true);
		const pdfBytes = new Uint8Array(pdf?.content ?? []);
		expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBeGreaterThanOrEqual(2);
		const { text } = await extractText(await getDocumentProxy(pdfBytes), { mergePages: false });
		expect(text[0]).toContain(invoiceNumber);
		expect(text.slice(1).join('\n')).toContain(TERMS_TEXT);
		const xml = ubl?.content.toString('utf8') ?? '';
		expect(xml).toContain(`<cbc:ID>${invoiceNumber}</cbc:ID>`);
		expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">783.77</cbc:PayableAmount>');
		// The UBL that left passes XSD, EN 16931 and Peppol BIS 3.0 rules as an access point checks them.
		const { fatal } = (await nodeValidator()).validate(xml);
		expect(fatal).toEqual([]);

		await expect(page.getByTestId('invoice-status')).toHaveText('Sent');
		await expect(page.getByTestId('delivery-history')).toContainText('by e-mail');

		// Step 6: the overview says how it was sent.
		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		const row = page.getByTestId('overview-row').filter({ hasText: invoiceNumber });
		await expect(row).toContainText('sent by e-mail');
		await expect(row).toContainText('Acme BV');

		// A full credit note takes the next number of its own series.
		await row.getByRole('link', { name: invoiceNumber }).click();
		await page.getByRole('button', { name: 'Create credit note (full)' }).click();
		await expect(page.getByTestId('credit-reference')).toContainText(invoiceNumber);
		await expectNoProblems(page);
		await page.getByRole('button', { name: 'Save and number the credit note' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/^CN\d{4}-0001$/, RULES_TIMEOUT);
		void appServer;
	});
});
