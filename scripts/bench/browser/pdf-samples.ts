/**
 * The PDF scenarios the bench times in Chromium, each the way the app makes it: the page asks the
 * app's PDF worker (`pdfWorker()` from $lib/pdf, as the editor and an issued invoice do) and the
 * seller's logo arrives in its stored, prepared form (the profile's pdfImages). Timing is the
 * caller's job. It lives in the bench bundle, not in src/lib/pdf, because it reads the test
 * fixtures (logo, terms of sale), which the app must not ship.
 */
import { fromBase64 } from '$lib/bytes';
import type { EmbeddedImage } from '$lib/document';
import { pdfWorker, warmPdfWorker, type PdfRenderOptions } from '$lib/pdf';
import { sampleFooter, sampleHeader, sampleInvoiceDocument } from '$lib/pdf/sample-invoice';
import logo from '../../../tests/fixtures/pdf/logo.png?inline';
import terms from '../../../tests/fixtures/pdf/terms-of-sale.pdf?inline';

const termsPdf = fromBase64(terms.slice(terms.indexOf(',') + 1));

/**
 * The logo as the seller profile stores it (made once by the worker's `prepare-image` when the
 * logo is saved). A fresh page gets it as plain data, as it would read it from IndexedDB.
 */
export async function preparedLogo(): Promise<EmbeddedImage[]> {
	const image = await (await pdfWorker()).prepareImage(logo);
	if (typeof image === 'string') throw new Error(`the sample logo cannot be embedded: ${image}`);
	return [image];
}

let stored: Promise<EmbeddedImage[]> | undefined;

/** What the editor passes with every render: the profile's header, footer and stored images. */
function sellerOptions(images: readonly EmbeddedImage[]): PdfRenderOptions {
	return { header: sampleHeader(logo), footer: sampleFooter(), images };
}

/** An invoice of `lineCount` lines (the realistic sample when undefined), page → worker → page. */
export async function renderLines(lineCount?: number, withTerms = false): Promise<Uint8Array> {
	const images = await (stored ??= preparedLogo());
	const pdf = await (
		await pdfWorker()
	).renderFile(sampleInvoiceDocument(lineCount), {
		...sellerOptions(images),
		terms: withTerms ? termsPdf : undefined
	});
	return pdf.bytes;
}

/** 1-page invoice with the logo header, footer, EPC QR code and embedded fonts. */
export function renderSample1Page(): Promise<Uint8Array> {
	return renderLines();
}

/** 200 lines over several pages, column header repeated. */
export function renderSample200Lines(): Promise<Uint8Array> {
	return renderLines(200);
}

/** "Add the terms to the PDF" ticked: the worker appends the 2-page terms with pdf-lib. */
export function renderWithTerms(lineCount?: number): Promise<Uint8Array> {
	return renderLines(lineCount, true);
}

/**
 * The first PDF of a fresh page, in two honest forms. `warmedUp`: the page first does what the
 * editor and an issued invoice do when they open (`warmPdfWorker` with the seller's header,
 * footer and stored images), waits for it, then times the user's first PDF. Otherwise the clock
 * includes spawning the worker (its chunk loads and compiles) and everything cold.
 */
export async function firstPdf(
	images: EmbeddedImage[],
	warmedUp: boolean
): Promise<{ ms: number; warmUpMs: number }> {
	let warmUpMs = 0;
	if (warmedUp) {
		const started = performance.now();
		await warmPdfWorker(sellerOptions(images));
		warmUpMs = performance.now() - started;
	}
	stored = Promise.resolve(images);
	const started = performance.now();
	await renderSample1Page();
	return { ms: performance.now() - started, warmUpMs };
}

/**
 * The PDFs whose bytes must not change when only the build of the PDF code changes
 * (scripts/bench/pdf-hashes.ts): the bench's three, one with the UBL attached and one whose
 * text needs the extended and emoji fonts. Fixed dates and ids, so each is the same every time.
 */
export async function pdfSamples(): Promise<Record<string, Uint8Array>> {
	const images = await (stored ??= preparedLogo());
	const worker = await pdfWorker();
	const document = sampleInvoiceDocument();
	const withGlyphs = {
		...document,
		lines: document.lines.map((line) =>
			line.type === 'item'
				? { ...line, description: `${line.description} ☕ 🚀 Łódź Ωμέγα ✓` }
				: line
		)
	};
	return {
		'1-page': await renderSample1Page(),
		'200-lines': await renderSample200Lines(),
		terms: await renderWithTerms(),
		'ubl-attached': (
			await worker.renderFile(document, { ...sellerOptions(images), ubl: '<Invoice/>' })
		).bytes,
		'emoji-extended': (await worker.renderFile(withGlyphs, sellerOptions(images))).bytes
	};
}

/** The terms merge alone (pdf-lib), on the page: the component the worker runs for "add the terms". */
export async function mergeTerms(invoice: Uint8Array): Promise<Uint8Array> {
	const { assemblePdf } = await import('$lib/pdf/pdf-parts');
	return (
		await assemblePdf(invoice, { terms: termsPdf, createdAt: new Date('2026-03-16T00:00:00Z') })
	).bytes;
}
