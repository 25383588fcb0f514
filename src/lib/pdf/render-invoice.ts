import type { EmbeddedImage } from '$lib/document';
import type { FontStyle, PdfWarning } from './draw-ops';
import { loadEmbeddedFonts, type FontNeeds } from './fonts';
import { needsEmojiFont, needsExtendedFont } from './glyph-coverage';
import { layoutInvoice } from './layout';
import { drawLayout } from './render-pdf';
import { richFontStyles } from './rich-text';
import type { InvoicePdfView } from './view-model';

export interface ViewPdfOptions {
	/** Terms-of-sale PDF appended as page 2 onwards. */
	terms?: Uint8Array | undefined;
	/** UBL XML embedded as a file attachment. */
	ubl?: { xml: string | Uint8Array; fileName: string; description: string } | undefined;
	createdAt: Date;
	fileId: string;
	/** Images stored in their embedded form (the seller profile's pdfImages). */
	images?: readonly EmbeddedImage[] | undefined;
}

export interface RenderedPdf {
	bytes: Uint8Array;
	/** All pages, terms included. */
	pageCount: number;
	/** Pages of the invoice itself. */
	invoicePageCount: number;
	warnings: PdfWarning[];
}

/** The font styles a view needs: the fixed parts use regular and bold. */
function neededStyles(view: InvoicePdfView): FontStyle[] {
	return [
		...new Set<FontStyle>([
			'regular',
			'bold',
			...richFontStyles(view.header),
			...richFontStyles(view.footer)
		])
	];
}

/**
 * Whether any text of the view needs the extended or the emoji font, so a plain Dutch, French,
 * English or German invoice loads and embeds neither.
 */
function viewFontNeeds(view: InvoicePdfView): FontNeeds {
	const needs: FontNeeds = {};
	const visit = (value: unknown): void => {
		if (needs.extended && needs.emoji) return;
		if (typeof value === 'string') {
			needs.extended ||= needsExtendedFont(value);
			needs.emoji ||= needsEmojiFont(value);
		} else if (Array.isArray(value)) value.forEach(visit);
		else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value))
			Object.values(value).forEach(visit);
	};
	visit(view);
	return needs;
}

/** View model → PDF bytes: lays out, draws with jsPDF, then (only if needed) pdf-lib adds terms and UBL. */
export async function renderViewPdf(
	view: InvoicePdfView,
	options: ViewPdfOptions
): Promise<RenderedPdf> {
	const fonts = await loadEmbeddedFonts(neededStyles(view), viewFontNeeds(view));
	const layout = layoutInvoice(view, fonts);
	const invoice = drawLayout(
		layout,
		fonts,
		{ ...view.info, createdAt: options.createdAt, fileId: options.fileId },
		options.images
	);
	const rendered: RenderedPdf = {
		bytes: invoice,
		pageCount: layout.pages.length,
		invoicePageCount: layout.pages.length,
		warnings: layout.warnings
	};
	if (!options.terms && !options.ubl) return rendered;
	const { assemblePdf } = await import('./pdf-parts');
	const assembled = await assemblePdf(invoice, {
		terms: options.terms,
		ubl: options.ubl,
		createdAt: options.createdAt
	});
	return {
		...rendered,
		bytes: assembled.bytes,
		pageCount: assembled.pageCount,
		warnings: [...rendered.warnings, ...assembled.warnings]
	};
}
