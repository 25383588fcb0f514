import { PDFDocument } from 'pdf-lib';
import { expect, test } from './fixtures';

async function onePagePdf(): Promise<Buffer> {
	const document = await PDFDocument.create();
	document.addPage([595, 842]).drawText('Algemene voorwaarden', { x: 50, y: 780 });
	return Buffer.from(await document.save());
}

test('terms of sale: a non-PDF is refused, a PDF is stored and can be appended', async ({
	page
}) => {
	await page.goto('/settings/invoicing');
	const upload = page.getByLabel('Terms-of-sale PDF');
	const append = page.getByLabel('Add the terms of sale to the invoice PDF');
	await expect(append).toBeDisabled();

	await upload.setInputFiles({
		name: 'voorwaarden.docx',
		mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		buffer: Buffer.from('PK\u0003\u0004 not a pdf at all')
	});
	await expect(page.getByRole('alert')).toHaveText(
		'voorwaarden.docx is not a PDF file. Upload the terms of sale as a PDF.'
	);
	await expect(upload).toHaveAttribute('aria-invalid', 'true');
	await expect(append).toBeDisabled();

	await upload.setInputFiles({
		name: 'voorwaarden.pdf',
		mimeType: 'application/pdf',
		buffer: await onePagePdf()
	});
	await expect(page.getByText('voorwaarden.pdf is stored (1 page).')).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await append.check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Invoicing defaults saved.')).toBeVisible();

	await page.reload();
	await expect(
		page.getByRole('group', { name: 'Terms of sale' }).getByText('voorwaarden.pdf', { exact: true })
	).toBeVisible();
	await expect(append).toBeChecked();
});

test('payment term, cash discount, numbering and invoice language are kept', async ({ page }) => {
	const year = new Date().getFullYear();
	await page.goto('/settings/invoicing');
	await expect(page.getByText(`Next invoice number: ${year}-0001`)).toBeVisible();

	await page.getByLabel('Due').selectOption({ label: 'Days after the end of the invoice month' });
	await page.getByLabel('Days', { exact: true }).fill('30');
	await page.getByLabel('Offer a cash discount').check();
	await page.getByLabel('Discount (%)').fill('2,5');
	await page.getByLabel('When paid within (days)').fill('fourteen');
	const pattern = page.getByLabel('Invoice number format');
	await pattern.fill('F{YY}/{NUM:3}');
	await expect(page.getByText('No preview: the format is not valid yet.')).toBeVisible();
	await pattern.fill('F{YYYY}/{SEQ:3}');
	await expect(page.getByText(`Next invoice number: F${year}/001`)).toBeVisible();
	await page.getByLabel('Default invoice language').selectOption({ label: 'French' });
	await page.getByRole('button', { name: 'Save' }).click();

	const days = page.getByLabel('When paid within (days)');
	await expect(days).toHaveAccessibleDescription('Enter a whole number of days from 0 to 365.');
	await page.reload();
	await expect(days).toHaveValue('fourteen');
	await days.fill('14');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Invoicing defaults saved.')).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Due')).toHaveValue('endOfMonth');
	await expect(page.getByLabel('Discount (%)')).toHaveValue('2.5');
	await expect(days).toHaveValue('14');
	await expect(pattern).toHaveValue('F{YYYY}/{SEQ:3}');
	await expect(page.getByLabel('Default invoice language')).toHaveValue('fr');
});

test('e-mail templates are edited per language with a live preview', async ({ page }) => {
	await page.goto('/settings/email');
	const subject = page.getByLabel('Subject (English)');
	await subject.fill('Invoice {number} – {customer}');
	const preview = page.getByRole('region', { name: 'Preview (English)' });
	await expect(preview).toContainText('Invoice ');
	await expect(preview).toContainText('Sample Customer BV');
	await expect(preview).not.toContainText('{customer}');

	await page.getByLabel('Subject (Dutch)').fill('');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByLabel('Subject (Dutch)')).toHaveAccessibleDescription(
		'Required: every language needs its own text.'
	);
	await page.getByLabel('Subject (Dutch)').fill('Factuur {number}');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('E-mail templates saved.')).toBeVisible();

	await page.reload();
	await expect(subject).toHaveValue('Invoice {number} – {customer}');
	await page.getByLabel('Credit note').check();
	await expect(page.getByLabel('Subject (English)')).toHaveValue(
		'Credit note {number} from {seller}'
	);
});
