/**
 * Invoice PDF made in the browser (or a worker, or Node). This module is light: jsPDF, pdf-lib,
 * the QR encoder and the fonts load with dynamic import() the first time a PDF is made.
 *
 * The app's page never makes a PDF itself: it asks the one PDF worker (`pdfWorker()`), so jsPDF
 * and pdf-lib ship once, in the worker. `renderInvoicePdf` and `checkTermsPdf` are the worker's
 * own work, and what Node (tests, `npm run render`) and the bench call directly.
 */
import type { Language } from '$lib/language';
import type { EmbeddedImage, InvoiceDocument } from '$lib/document';
import { computeTotals } from '$lib/invoice/totals';
import { pdfFileId } from './file-id';
import { documentTitle, invoicePdfView, type InvoiceViewOptions } from './invoice-view';
import { LABELS } from './labels';
import type { TermsPdfCheck } from './pdf-parts';
import { PdfWorkerClient, type MessagePortLike, type PdfWarmOptions } from './pdf-worker-client';
import type { RenderedPdf } from './render-invoice';
import type { InvoicePdfView } from './view-model';

export type { PdfWarning } from './draw-ops';
export {
	documentTitle,
	invoiceLabelLanguage,
	invoicePdfView,
	type InvoiceView,
	type InvoiceViewOptions
} from './invoice-view';
export { LABELS, type InvoiceLabels } from './labels';
export { PdfLayoutError } from './page-flow';
export type { TermsPdfCheck, TermsPdfError } from './pdf-parts';
export {
	PdfWorkerClient,
	PdfWorkerError,
	type MessagePortLike,
	type PdfRenderOptions,
	type PdfRenderRequest,
	type PdfRenderResponse,
	type PdfWorkerRequest,
	type PdfWarmOptions,
	type PdfWorkerResponse,
	type PreviewResult
} from './pdf-worker-client';
export type { RenderedPdf } from './render-invoice';
export type { ReminderStatement } from './reminder-statement-view';
export { richDocumentFromTiptap, RichTextError } from './rich-text';
export { REPLACEMENT_CHARACTER, type Replacement } from './text-fallback';
export { unprintableCharacters, unprintableFields, type UnprintableField } from './glyph-coverage';
export type * from './view-model';

export interface RenderInvoicePdfOptions extends InvoiceViewOptions {
	/** The seller profile's pdfImages: header and footer images in their embedded form. */
	images?: readonly EmbeddedImage[] | undefined;
	/** The seller's terms-of-sale PDF; pass it only when "add to the PDF" is ticked. */
	terms?: Uint8Array | undefined;
	/** The invoice's UBL XML, embedded as `<number>.xml` so the PDF alone carries the data. */
	ubl?: string | Uint8Array | undefined;
	/** PDF CreationDate; defaults to the issue date at 00:00 UTC so output is reproducible. */
	createdAt?: Date | undefined;
}

export interface RenderedInvoicePdf extends RenderedPdf {
	/** Language the labels were printed in. */
	language: Language;
}

function safeFileName(text: string): string {
	return text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'invoice';
}

/** "Factuur-2026-0042.pdf", in the label language. */
export function invoicePdfFileName(document: InvoiceDocument, language: Language): string {
	const title = documentTitle(document.type, LABELS[language]);
	return `${safeFileName(`${title}-${document.number}`)}.pdf`;
}

/** Draws a view model (for previews of things that are not invoice documents yet, and benches). */
export async function renderInvoiceViewPdf(
	view: InvoicePdfView,
	options: {
		createdAt: Date;
		fileId?: string;
		terms?: Uint8Array;
		ubl?: { xml: string | Uint8Array; fileName: string; description: string };
	}
): Promise<RenderedPdf> {
	const { renderViewPdf } = await import('./render-invoice');
	return renderViewPdf(view, { ...options, fileId: options.fileId ?? pdfFileId(view.info.title) });
}

/**
 * The invoice PDF: header and footer, parties, lines, VAT summary, totals, cash discount, legal
 * mentions, payment block with EPC QR code, and, when given, the terms of sale from page 2 and
 * the UBL as an embedded file. Characters outside the embedded font are drawn simplified and
 * reported in `warnings`, as are a terms file that fails `checkTermsPdf` and a QR code that
 * cannot be made; none of them stops the invoice.
 */
export async function renderInvoicePdf(
	document: InvoiceDocument,
	options: RenderInvoicePdfOptions = {}
): Promise<RenderedInvoicePdf> {
	const totals =
		options.totals ??
		computeTotals({
			lines: document.lines,
			vatCodes: document.vatCodes,
			cashDiscount: document.cashDiscount,
			issueDate: document.issueDate,
			prepaidCents: document.prepaidCents
		});
	const { view, language, warnings } = invoicePdfView(document, { ...options, totals });
	const { renderViewPdf } = await import('./render-invoice');
	const rendered = await renderViewPdf(view, {
		createdAt: options.createdAt ?? new Date(`${document.issueDate}T00:00:00Z`),
		fileId: pdfFileId(`${document.seller.enterpriseNumber}/${document.type}/${document.number}`),
		terms: options.terms,
		images: options.images,
		ubl:
			options.ubl === undefined
				? undefined
				: {
						xml: options.ubl,
						fileName: `${safeFileName(document.number)}.xml`,
						description: `UBL ${document.type === 'invoice' ? 'Invoice' : 'CreditNote'} ${document.number} (Peppol BIS Billing 3.0)`
					}
	});
	return { ...rendered, language, warnings: [...warnings, ...rendered.warnings] };
}

/**
 * Checks an uploaded terms-of-sale file before it is stored: `{ ok: true, pageCount }` or a typed
 * error ('not-a-pdf' | 'corrupt' | 'encrypted' | 'empty') with a message for the user.
 */
export async function checkTermsPdf(bytes: Uint8Array): Promise<TermsPdfCheck> {
	const { checkTermsPdf: check } = await import('./pdf-parts');
	return check(bytes);
}

/**
 * Starts a PDF worker and returns its client. Vite bundles the worker with jsPDF, pdf-lib and the
 * fonts, so none of them touch the page's main thread. Under Node (the tests) there is no module
 * worker: the same protocol is served in-process over a MessageChannel; that branch is dropped
 * from the browser build.
 */
export async function createPdfWorkerClient(onUnavailable?: () => void): Promise<PdfWorkerClient> {
	if (import.meta.env.SSR) {
		const { servePdfRequests } = await import('./pdf-worker-server');
		const channel = new MessageChannel();
		servePdfRequests(channel.port2 as unknown as MessagePortLike);
		// The ports must not keep Node's event loop (a test run) alive.
		for (const port of [channel.port1, channel.port2])
			(port as unknown as { unref?: () => void }).unref?.();
		return new PdfWorkerClient(channel.port1 as unknown as MessagePortLike);
	}
	// Spawned straight from its URL: no wrapper chunk to fetch before the worker's own script.
	const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
	// A worker whose server failed to load refuses everything: it is ended when that shows, and
	// the caller told, if the caller can start a new one; else it keeps answering with the refusal.
	const unavailable = onUnavailable
		? () => {
				worker.terminate();
				onUnavailable();
			}
		: undefined;
	return new PdfWorkerClient(worker as unknown as MessagePortLike, unavailable);
}

let shared: Promise<PdfWorkerClient> | undefined;

/**
 * The page's one PDF worker, started on first use and kept for the session; a new one is started
 * by the request after the current one could not be created or refused for good (its server's
 * script failed to arrive, e.g. offline), instead of every request failing until a reload.
 */
export function pdfWorker(): Promise<PdfWorkerClient> {
	if (shared) return shared;
	const forget = () => {
		if (shared === created) shared = undefined;
	};
	const created = createPdfWorkerClient(forget);
	created.catch(forget);
	shared = created;
	return created;
}

/**
 * Starts the PDF worker and gets it ready (code, fonts, the logo): the editor and an issued
 * invoice call it when they open, without waiting, so the first PDF is a warm one. Never rejects
 * (the bench awaits it to time the first PDF after the page's own warm-up).
 */
export function warmPdfWorker(options: PdfWarmOptions = {}): Promise<void> {
	return (
		pdfWorker()
			.then((worker) => worker.warm(options))
			// A warm-up that fails costs nothing: the real render reports its own error.
			.catch(() => undefined)
	);
}
