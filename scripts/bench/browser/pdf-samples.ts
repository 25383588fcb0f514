/**
 * The PDF scenarios the bench times in Chromium: each call renders the realistic sample invoice
 * the way the app does. Timing is the caller's job. It lives in the bench bundle, not in
 * src/lib/pdf, because it reads the test fixtures (logo, terms of sale), which the app must not ship.
 */
import { fromBase64 } from '$lib/bytes';
import { renderInvoicePdf } from '$lib/pdf';
import { assemblePdf } from '$lib/pdf/pdf-parts';
import { sampleFooter, sampleHeader, sampleInvoiceDocument } from '$lib/pdf/sample-invoice';
import logo from '../../../tests/fixtures/pdf/logo.png?inline';
import terms from '../../../tests/fixtures/pdf/terms-of-sale.pdf?inline';

const termsPdf = fromBase64(terms.slice(terms.indexOf(',') + 1));

/** 1-page invoice with the logo header, footer, EPC QR code and embedded fonts. */
export async function renderSample1Page(): Promise<Uint8Array> {
	const document = sampleInvoiceDocument();
	return (await renderInvoicePdf(document, { header: sampleHeader(logo), footer: sampleFooter() }))
		.bytes;
}

/** 200 lines over several pages, column header repeated. */
export async function renderSample200Lines(): Promise<Uint8Array> {
	const document = sampleInvoiceDocument(200);
	return (await renderInvoicePdf(document, { header: sampleHeader(logo), footer: sampleFooter() }))
		.bytes;
}

/** The extra step when "add the terms to the PDF" is ticked: pdf-lib appends the 2-page terms. */
export async function mergeTerms(invoice: Uint8Array): Promise<Uint8Array> {
	return (
		await assemblePdf(invoice, { terms: termsPdf, createdAt: new Date('2026-03-16T00:00:00Z') })
	).bytes;
}
