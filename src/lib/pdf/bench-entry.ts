/**
 * Entry points for the bench harness (`npm run bench`, in Chromium) and the Node measurement:
 * each call renders the realistic sample invoice the way the app does. Timing is the caller's
 * job; `measurePdf` is a convenience that times in-page.
 */
import { renderInvoicePdf } from './index';
import { assemblePdf } from './pdf-parts';
import { sampleFooter, sampleHeader, sampleInvoiceDocument } from './sample-invoice';

export interface BenchAssets {
	/** The header logo as a data: URL. */
	logoDataUrl: string;
	termsPdf: Uint8Array;
}

let assets: Promise<BenchAssets> | undefined;

function bytesOfDataUrl(dataUrl: string): Uint8Array {
	const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
	return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** The fixtures, inlined by Vite; Node callers pass them in with `useBenchAssets` instead. */
function benchAssets(): Promise<BenchAssets> {
	assets ??= Promise.all([
		import('../../../tests/fixtures/pdf/logo.png?inline'),
		import('../../../tests/fixtures/pdf/terms-of-sale.pdf?inline')
	]).then(([logo, terms]) => ({
		logoDataUrl: logo.default,
		termsPdf: bytesOfDataUrl(terms.default)
	}));
	return assets;
}

export function useBenchAssets(given: BenchAssets): void {
	assets = Promise.resolve(given);
}

/** 1-page invoice with the logo header, footer, EPC QR code and embedded fonts. */
export async function renderSample1Page(): Promise<Uint8Array> {
	const { logoDataUrl } = await benchAssets();
	const document = sampleInvoiceDocument();
	return (
		await renderInvoicePdf(document, { header: sampleHeader(logoDataUrl), footer: sampleFooter() })
	).bytes;
}

/** 200 lines over several pages, column header repeated. */
export async function renderSample200Lines(): Promise<Uint8Array> {
	const { logoDataUrl } = await benchAssets();
	const document = sampleInvoiceDocument(200);
	return (
		await renderInvoicePdf(document, { header: sampleHeader(logoDataUrl), footer: sampleFooter() })
	).bytes;
}

/** The extra step when "add the terms to the PDF" is ticked: pdf-lib appends the 2-page terms. */
export async function mergeTerms(invoice: Uint8Array): Promise<Uint8Array> {
	const { termsPdf } = await benchAssets();
	return (
		await assemblePdf(invoice, { terms: termsPdf, createdAt: new Date('2026-03-16T00:00:00Z') })
	).bytes;
}

export interface PdfMeasurement {
	onePageMedianMs: number;
	onePageBytes: number;
	twoHundredLinesMedianMs: number;
	twoHundredLinesPages: number;
	termsMergeMedianMs: number;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function timed<T>(
	runs: number,
	task: () => Promise<T>
): Promise<{ median: number; last: T }> {
	let last = await task();
	const times: number[] = [];
	for (let run = 0; run < runs; run += 1) {
		const start = performance.now();
		last = await task();
		times.push(performance.now() - start);
	}
	return { median: median(times), last };
}

/** Warm-up run, then `runs` timed runs of each scenario; medians in milliseconds. */
export async function measurePdf(runs = 15): Promise<PdfMeasurement> {
	const onePage = await timed(runs, renderSample1Page);
	const twoHundred = await timed(runs, renderSample200Lines);
	const merge = await timed(runs, () => mergeTerms(onePage.last));
	const { PDFDocument } = await import('pdf-lib');
	return {
		onePageMedianMs: onePage.median,
		onePageBytes: onePage.last.length,
		twoHundredLinesMedianMs: twoHundred.median,
		twoHundredLinesPages: (await PDFDocument.load(twoHundred.last)).getPageCount(),
		termsMergeMedianMs: merge.median
	};
}
