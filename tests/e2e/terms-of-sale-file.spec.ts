import { expectAccessible, expectFitsWidth } from './axe';
import { expect, test } from './fixtures';
import { oversizedPdf, textPdf } from './invoice-files';

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 }
]) {
	test(`the terms of sale are a file control with view, replace and remove at ${viewport.width} px`, async ({
		page
	}) => {
		await page.setViewportSize(viewport);
		await page.goto('/settings/invoicing');
		const terms = page.getByRole('group', { name: 'Terms of sale' });
		await expect(terms).toContainText('No terms of sale stored yet.');
		const file = terms.getByLabel('Terms-of-sale PDF');
		await expect(terms.getByText('Upload a PDF')).toBeVisible();

		await file.setInputFiles({
			name: 'big.pdf',
			mimeType: 'application/pdf',
			buffer: oversizedPdf()
		});
		await expect(terms.getByRole('alert')).toHaveText(
			/big\.pdf is 2 MB; the terms of sale may be at most 2 MB\./
		);
		await expect(file).toHaveAttribute('aria-invalid', 'true');
		await file.setInputFiles({
			name: 'terms.docx',
			mimeType: 'application/pdf',
			buffer: Buffer.from('PK not a pdf')
		});
		await expect(terms.getByRole('alert')).toHaveText(/terms\.docx is not a PDF file/);

		const pdf = await textPdf(['Algemene verkoopsvoorwaarden van Peeters Webdesign']);
		await file.setInputFiles({
			name: 'verkoopsvoorwaarden-2026.pdf',
			mimeType: 'application/pdf',
			buffer: pdf
		});
		await expect(terms.getByRole('status')).toHaveText(
			/verkoopsvoorwaarden-2026\.pdf is stored \(1 page\)/
		);
		await expect(terms.getByText('verkoopsvoorwaarden-2026.pdf', { exact: true })).toBeVisible();
		await expect(terms).toContainText(`${pdf.length} B`);
		await expect(terms.getByRole('alert')).toHaveCount(0);

		const popup = page.waitForEvent('popup');
		await terms.getByRole('button', { name: 'View the terms of sale' }).click();
		expect((await popup).url()).toMatch(/^blob:/);

		await expect(terms.getByText('Replace')).toBeVisible();
		await file.setInputFiles({ name: 'cgv-2027.pdf', mimeType: 'application/pdf', buffer: pdf });
		await expect(terms.getByText('cgv-2027.pdf', { exact: true })).toBeVisible();
		await expect(terms.getByText('verkoopsvoorwaarden-2026.pdf', { exact: true })).toHaveCount(0);

		await expectFitsWidth(page, `terms of sale at ${viewport.width}`);
		await expectAccessible(page, `terms of sale at ${viewport.width}`);

		await terms.getByRole('button', { name: 'Remove the terms of sale' }).click();
		await expect(terms).toContainText('No terms of sale stored yet.');
		await expect(terms.getByRole('button', { name: 'View the terms of sale' })).toHaveCount(0);
		await page.reload();
		await expect(page.getByRole('group', { name: 'Terms of sale' })).toContainText(
			'No terms of sale stored yet.'
		);
	});
}
