import type { EmbeddedImage, InvoiceDocument } from '$lib/document';
import { invoicePdfFileName, pdfWorker, type PdfWarning } from '$lib/pdf';
import type { UblWarning } from '$lib/ubl';

export interface InvoiceFileOptions {
	/** Seller header and footer as tiptap JSON (plain data: they are posted to the PDF worker). */
	header?: unknown;
	footer?: unknown;
	/** Their images as the PDF embeds them (the seller profile's pdfImages). */
	images?: readonly EmbeddedImage[] | undefined;
	/** Terms-of-sale PDF, appended from page 2 when the seller asked for it. */
	terms?: Uint8Array | undefined;
	/** Bytes of the attachments the UBL embeds, by attachment id. */
	attachmentContents?: ReadonlyMap<string, Uint8Array> | undefined;
}

export interface InvoiceFiles {
	pdf: Uint8Array;
	pdfFileName: string;
	pageCount: number;
	ubl: string;
	ublFileName: string;
	warnings: (PdfWarning | UblWarning)[];
}

function fileStem(document: InvoiceDocument): string {
	return document.number.replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'invoice';
}

/**
 * The two files an issued invoice is: the PDF (terms appended) and the Peppol UBL that embeds
 * that PDF and the attachments. Throws UblError listing every rule when the UBL cannot be valid.
 */
export async function renderInvoiceFiles(
	document: InvoiceDocument,
	options: InvoiceFileOptions = {}
): Promise<InvoiceFiles> {
	const pdf = await (
		await pdfWorker()
	).renderFile(document, {
		header: options.header,
		footer: options.footer,
		images: options.images,
		terms: options.terms
	});
	// The XML builder is heavy; it loads only when an invoice is really rendered.
	const { toUbl } = await import('$lib/ubl');
	const ubl = toUbl(document, {
		pdf: pdf.bytes,
		attachmentContents: options.attachmentContents
	});
	return {
		pdf: pdf.bytes,
		pdfFileName: invoicePdfFileName(document, pdf.language),
		pageCount: pdf.pageCount,
		ubl: ubl.xml,
		ublFileName: `${fileStem(document)}.xml`,
		warnings: [...pdf.warnings, ...ubl.warnings]
	};
}
