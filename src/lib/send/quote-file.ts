import type { EmbeddedImage, InvoiceDocument } from '$lib/document';
import { invoicePdfFileName, pdfWorker, type PdfWarning } from '$lib/pdf';

export interface QuoteFileOptions {
	/** Seller header and footer as tiptap JSON. */
	header?: unknown;
	footer?: unknown;
	/** Their images as the PDF embeds them (the seller profile's pdfImages). */
	images?: readonly EmbeddedImage[] | undefined;
	/** The seller's acceptance terms in the quote's language; the default text when absent. */
	acceptanceTerms?: string | undefined;
}

export interface QuoteFile {
	pdf: Uint8Array;
	/** "Offerte-Q-2026-0001.pdf", in the quote's language. */
	pdfFileName: string;
	warnings: PdfWarning[];
}

/** A quote is one file: its PDF. It is no tax document, so no UBL is ever made for it. */
export async function renderQuoteFile(
	document: InvoiceDocument,
	options: QuoteFileOptions = {}
): Promise<QuoteFile> {
	if (document.type !== 'quote') throw new Error(`${document.number} is not a quote`);
	// In the PDF worker, like every PDF of the app: the page holds no copy of jsPDF.
	const pdf = await (await pdfWorker()).renderFile(document, options);
	return {
		pdf: pdf.bytes,
		pdfFileName: invoicePdfFileName(document, pdf.language),
		warnings: pdf.warnings
	};
}
