import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expectAccessible, expectFitsWidth, VIEWPORTS } from './axe';
import { expect } from './fixtures';
import { connectRecommand, peppolChainTest } from './peppol-setup';
import { pairTwoDevices } from './sync-setup';

// This workspace's company at Recommand; the supplier is another Belgian business on Peppol.
const OWN_KBO = '0202239951';
const SUPPLIER_ID = '0208:0123456749';

/**
 * The whole inbox chain on loopback: a supplier's invoice lands at Recommand's contract server,
 * the real relay fetches and seals it, and the app opens it, without a reload, on two paired
 * devices (two browser contexts, each with its own IndexedDB).
 */
const test = peppolChainTest({
	companyKbo: OWN_KBO,
	relayEnv: { BILLFOLD_INBOX_POLL_MS: '100', BILLFOLD_INBOX_POLL_MAX_MS: '500' }
});

/** A BIS 3.0 invoice from the fixtures, with its own PDF embedded the way suppliers send it. */
async function invoiceWithPdf(): Promise<{ xml: string; pdf: Buffer }> {
	const [xml, pdf] = await Promise.all([
		readFile('tests/fixtures/peppol/be-sole-trader-invoice.xml', 'utf8'),
		readFile('tests/fixtures/pdf/terms-of-sale.pdf')
	]);
	const reference = `<cac:AdditionalDocumentReference>
    <cbc:ID>2025-0042</cbc:ID>
    <cbc:DocumentDescription>Factuur 2025-0042</cbc:DocumentDescription>
    <cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="2025-0042.pdf">${pdf.toString('base64')}</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty>`;
	// The fixture's OGM fails its check digits; a real supplier's passes (0123456789 mod 97 = 39).
	const withOgm = xml.replace('+++012/3456/78927+++', '+++012/3456/78939+++');
	return { xml: withOgm.replace('<cac:AccountingSupplierParty>', reference), pdf };
}

/**
 * The fixture's credit note for 2025-0042, cut to one of its two days (€605.00 of €1,210.00), so
 * the invoice keeps a balance to show.
 */
async function partialCreditNote(): Promise<string> {
	const xml = await readFile('tests/fixtures/peppol/be-sole-trader-creditnote.xml', 'utf8');
	return xml
		.replaceAll('>1000.00<', '>500.00<')
		.replaceAll('>210.00<', '>105.00<')
		.replaceAll('>1210.00<', '>605.00<')
		.replace('<cbc:CreditedQuantity unitCode="DAY">2<', '<cbc:CreditedQuantity unitCode="DAY">1<');
}

async function openPurchases(page: Page): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name: 'Purchase invoices' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Purchase invoices' })).toBeVisible();
}

/** The QR code as the screen shows it, decoded from its pixels. */
async function decodeQr(page: Page): Promise<string | undefined> {
	const qr = page.getByRole('img', { name: /QR code for your banking app/ });
	const png = PNG.sync.read(await qr.screenshot());
	return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

test('a received invoice shows up on both devices, its PDF opens, its QR pays it, a credit note lowers its balance, and "paid" syncs', async ({
	browser,
	recommand
}) => {
	// Two paired devices, a relay and a contract server share two cores with other suites.
	test.setTimeout(420_000);
	const a = await browser.newContext();
	const b = await browser.newContext();
	try {
		const [pageA, pageB] = await pairTwoDevices(a, b);
		await connectRecommand(pageA, recommand);
		await openPurchases(pageA);
		await expect(pageA.getByText('No purchase invoices yet.')).toBeVisible();
		await openPurchases(pageB);

		// The supplier sends; both devices show it without a reload.
		const { xml, pdf } = await invoiceWithPdf();
		recommand.receive({ sender: SUPPLIER_ID, xml });
		for (const page of [pageA, pageB]) {
			const row = page.getByTestId('purchase-row').filter({ hasText: '2025-0042' });
			await expect(row).toBeVisible({ timeout: 20_000 });
			await expect(row).toContainText('Jan Peeters');
			await expect(row).toContainText('€1,210.00');
			await expect(row).toContainText('New');
			await expect(row).toContainText('Peppol (recommand)');
		}
		await expect(pageA.getByTestId('purchase-summary')).toContainText('To pay €1,210.00');

		// Search narrows the list; a filter with no match says so.
		await pageA.getByLabel('Search supplier, number or VAT number').fill('BE0123456749');
		await expect(pageA.getByTestId('purchase-row')).toHaveCount(1);
		await pageA.getByLabel('Search supplier, number or VAT number').fill('nobody');
		await expect(pageA.getByText('No document matches these filters.')).toBeVisible();
		await pageA.getByLabel('Search supplier, number or VAT number').fill('');

		// The document: parties, totals as the document states them, the PDF in the browser.
		await pageA.getByRole('link', { name: '2025-0042' }).click();
		await expect(pageA.getByRole('heading', { level: 1, name: 'Invoice 2025-0042' })).toBeVisible();
		await expect(pageA.getByText('VAT number BE0123456749')).toBeVisible();
		await expect(pageA.getByTestId('purchase-payable')).toHaveText('€1,210.00');
		const opened = pageA.waitForEvent('popup');
		await pageA.getByRole('link', { name: 'Open 2025-0042.pdf' }).click();
		const viewer = await opened;
		expect(viewer.url()).toMatch(/^blob:/);
		const served = await pageA.evaluate(async (url) => {
			const response = await fetch(url);
			return {
				type: response.headers.get('content-type'),
				bytes: Array.from(new Uint8Array(await response.arrayBuffer()))
			};
		}, viewer.url());
		expect(served.type).toBe('application/pdf');
		expect(Buffer.from(served.bytes).equals(pdf)).toBe(true);
		await viewer.close();

		// Pay: the QR decodes to the EPC payload of this invoice (OGM as its 12 digits).
		const pay = pageA.getByRole('region', { name: 'Pay' });
		await expect(pay).toContainText('BE68539007547034');
		await expect(pay).toContainText('+++012/3456/78939+++');
		expect(await decodeQr(pageA)).toBe(
			[
				'BCD',
				'002',
				'1',
				'SCT',
				'',
				'Jan Peeters',
				'BE68539007547034',
				'EUR1210.00',
				'',
				'012345678939'
			].join('\n')
		);
		await expectAccessible(pageA, 'purchase invoice page');
		const phone = VIEWPORTS.find((viewport) => viewport.name === 'phone');
		if (phone) {
			await pageA.setViewportSize(phone);
			await expectFitsWidth(pageA, 'purchase invoice page (phone)');
			await pageA.setViewportSize({ width: 1280, height: 800 });
		}

		// The supplier credits half of it: the credit note arrives, is linked to the invoice it
		// corrects, and the invoice's balance and what is left to pay follow.
		recommand.receive({ sender: SUPPLIER_ID, xml: await partialCreditNote(), type: 'creditNote' });
		for (const page of [pageB, pageA]) {
			if (page === pageA) await openPurchases(pageA);
			const creditRow = page.getByTestId('purchase-row').filter({ hasText: 'CN-2025-0003' });
			await expect(creditRow).toBeVisible({ timeout: 20_000 });
			await expect(creditRow).toContainText('Credit note');
			await expect(creditRow).toContainText('605.00');
			await expect(page.getByTestId('purchase-summary')).toContainText('To pay €605.00');
		}
		await pageA.getByRole('link', { name: '2025-0042', exact: true }).click();
		await expect(pageA.getByRole('heading', { level: 1, name: 'Invoice 2025-0042' })).toBeVisible();
		await expect(pageA.getByTestId('purchase-payable')).toHaveText('€1,210.00');
		await expect(pageA.getByTestId('purchase-balance')).toHaveText('€605.00');
		await pageA.getByRole('link', { name: 'CN-2025-0003', exact: true }).click();
		await expect(
			pageA.getByRole('heading', { level: 1, name: 'Credit note CN-2025-0003' })
		).toBeVisible();
		await expect(pageA.getByTestId('purchase-payable')).toHaveText('€605.00');
		await pageA.getByRole('link', { name: '2025-0042', exact: true }).click();
		await expect(pageA.getByRole('heading', { level: 1, name: 'Invoice 2025-0042' })).toBeVisible();

		// Mark as paid on A: B's list, open all along, follows through sync.
		const status = pageA.getByRole('region', { name: 'Status' });
		await status.getByLabel('Paid on').fill('15/06/2025');
		await status.getByRole('button', { name: 'Mark as paid' }).click();
		await expect(pageA.getByTestId('purchase-status')).toContainText('Status: Paid');
		const rowOnB = pageB.getByTestId('purchase-row').filter({ hasText: '2025-0042' });
		await expect(rowOnB).toContainText('Paid', { timeout: 20_000 });
		await expect(pageB.getByTestId('purchase-summary')).toContainText('To pay €0.00');
		await expectAccessible(pageB, 'purchase list');
		// A reload starts from B's packed list: it has the status that came by sync, not an older copy.
		await pageB.reload();
		await expect(rowOnB).toContainText('Paid');
		await expect(pageB.getByTestId('purchase-summary')).toContainText('To pay €0.00');
	} finally {
		await a.close();
		await b.close();
	}
});
