/**
 * What the bench drives inside Chromium: the app's own PDF and UBL code, bundled by Vite as the
 * app bundles it, plus the same invoice as HTML for the print-to-PDF anchor; the app's sync engine
 * and, as its anchor, a y-websocket client.
 */
import { computeTotals } from '$lib/invoice';
import { renderInvoicePdf } from '$lib/pdf';
import { mergeTerms, renderSample1Page, renderSample200Lines } from '$lib/pdf/bench-entry';
import { sampleFooter, sampleHeader, sampleInvoiceDocument } from '$lib/pdf/sample-invoice';
import { toUbl } from '$lib/ubl';
import { invoiceHtml } from '../html-invoice';
import { syncBench } from './sync-devices';
import { yWebsocketAnchor } from './y-websocket-anchor';
import logo from '../../../tests/fixtures/pdf/logo.png?inline';

async function renderLines(lineCount: number): Promise<Uint8Array> {
	const document = sampleInvoiceDocument(lineCount);
	return (await renderInvoicePdf(document, { header: sampleHeader(logo), footer: sampleFooter() }))
		.bytes;
}

const api = {
	sync: syncBench,
	yWebsocket: yWebsocketAnchor,
	renderSample1Page,
	renderSample200Lines,
	renderLines,
	mergeTerms,
	async pageCount(bytes: Uint8Array): Promise<number> {
		const { PDFDocument } = await import('pdf-lib');
		return (await PDFDocument.load(bytes)).getPageCount();
	},
	ubl(lineCount: number): number {
		return toUbl(sampleInvoiceDocument(lineCount)).xml.length;
	},
	html(lineCount: number): Promise<string> {
		const document = sampleInvoiceDocument(lineCount);
		return invoiceHtml(document, computeTotals(document), logo);
	}
};

declare global {
	interface Window {
		billfoldBench: typeof api;
	}
}

window.billfoldBench = api;
document.body.dataset.ready = 'true';
