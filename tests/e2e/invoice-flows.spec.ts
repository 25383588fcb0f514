import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { expect, test } from './fixtures';
import { recipients } from './invoice-files';
import { addContact, joinRelay, RULES_TIMEOUT, setUpSeller, startInvoice } from './invoice-setup';

test.describe('invoice flows', () => {
	test.setTimeout(150_000);

	test('without a relay: reorder by keyboard, save, download and e-mail by hand, payments, duplicate', async ({
		page
	}) => {
		await setUpSeller(page);
		await addContact(page, 'Nova NV', 'billing@nova.example');
		await startInvoice(page, 'Nova NV', [
			['Design', '2', '100'],
			['Hosting', '1', '50']
		]);

		// Keyboard reordering: focus the handle of line 2 and press the up arrow.
		await page.getByRole('button', { name: /^Line 2: drag/ }).focus();
		await page.keyboard.press('ArrowUp');
		await expect(page.getByLabel('Description of line 1')).toHaveValue('Hosting');
		await expect(
			page.getByRole('status').filter({ hasText: 'Line 2 moved to position 1.' })
		).toBeAttached();

		// A Word file is kept for the e-mail, with a warning that Peppol cannot carry it.
		await page
			.getByRole('group', { name: /Attachments/ })
			.locator('input[type="file"]')
			.setInputFiles({
				name: 'offer.docx',
				mimeType: '',
				buffer: Buffer.from('PK\u0003\u0004 word')
			});
		await expect(page.getByTestId('validation')).toContainText('offer.docx goes with the e-mail');
		await expect(page.getByTestId('total-incl')).toHaveText('€301.45');

		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/^F\d{4}-0001$/, RULES_TIMEOUT);

		// No relay: Send downloads the PDF and the UBL and opens the mail client.
		const downloads: string[] = [];
		page.on('download', (download) => downloads.push(download.suggestedFilename()));
		const pdfDownload = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download PDF' }).click();
		const pdfPath = await (await pdfDownload).path();
		expect((await PDFDocument.load(await readFile(pdfPath))).getPageCount()).toBeGreaterThanOrEqual(
			1
		);

		// No relay joined: the user downloads the files and confirms they sent them.
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: /^Send F/ });
		await dialog.getByRole('button', { name: 'Download the files' }).click();
		// The browser delivers the three downloads one after another, in no promised order.
		await expect.poll(() => downloads.some((name) => name.endsWith('.xml'))).toBe(true);
		await expect.poll(() => downloads.includes('offer.docx')).toBe(true);
		await dialog.getByRole('button', { name: 'I have sent them' }).click();
		await expect(page.getByTestId('delivery-history')).toContainText('handed over by you');

		// Payments: part, then the rest.
		await page.getByLabel('Amount received').fill('100');
		await page.getByRole('button', { name: 'Record payment' }).click();
		await expect(page.getByTestId('invoice-status')).toHaveText('Partly paid');
		await expect(page.getByText('Still to be paid: €201.45')).toBeVisible();
		await page.getByLabel('Amount received').fill('201,45');
		await page.getByRole('button', { name: 'Record payment' }).click();
		await expect(page.getByTestId('invoice-status')).toHaveText('Paid');

		await page.getByRole('link', { name: 'Sales invoices' }).first().click();
		const row = page.getByTestId('overview-row').filter({ hasText: 'Nova NV' });
		await expect(row).toContainText('Paid');
		await expect(row).toContainText('handed over by you');

		// Duplicate as a new draft: same customer and lines, no number.
		await row.getByRole('link').click();
		await page.getByRole('button', { name: 'Duplicate as new draft' }).click();
		await expect(page.getByRole('heading', { name: 'Draft invoice' })).toBeVisible();
		await expect(page.getByLabel('Description of line 1')).toHaveValue('Hosting');
		await expect(page.getByTestId('chosen-contact')).toContainText('Nova NV');
	});

	test('with a relay, offline: the send is queued and leaves on reconnect', async ({
		page,
		context,
		smtp
	}) => {
		await setUpSeller(page);
		await joinRelay(page);
		await addContact(page, 'Delta BV', 'ap@delta.example');
		await startInvoice(page, 'Delta BV', [['Audit', '1', '400']]);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		const number = (await page.getByTestId('invoice-number').textContent()) ?? '';
		expect(number).toMatch(/^F\d{4}-0001$/);

		await context.setOffline(true);
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await page
			.getByRole('dialog', { name: `Send ${number}` })
			.getByRole('button', { name: 'Send anyway, by e-mail if not on Peppol' })
			.click();
		await expect(page.getByText('You are offline: the invoice is queued')).toBeVisible();
		await expect(page.getByTestId('invoice-status')).toHaveText('Queued');

		await context.setOffline(false);
		const mail = await smtp.waitFor(
			(message) =>
				(message.subject?.includes(number) ?? false) &&
				recipients(message).includes('ap@delta.example')
		);
		expect(mail.attachments.map((file) => file.contentType)).toEqual(
			expect.arrayContaining(['application/pdf'])
		);
		await expect(page.getByTestId('invoice-status')).toHaveText('Sent');
		await expect(page.getByTestId('delivery-history')).toContainText('by e-mail');
	});
});
