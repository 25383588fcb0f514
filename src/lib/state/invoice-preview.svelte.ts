import type { InvoiceDocument } from '$lib/document';
import { pdfWorker, warmPdfWorker } from '$lib/pdf';
import { invoiceSources } from './invoice-sources.svelte.js';
import { pdfImagesFor, pdfImagesStored } from './seller-pdf-images';

/**
 * Gets the PDF worker ready with the seller's header and footer (code, fonts, the logo), so the
 * first preview or "Download PDF" is a warm one: called when the editor or an issued invoice opens.
 */
export function warmInvoicePdf(): void {
	const profile = invoiceSources.profile;
	void warmPdfWorker({
		header: $state.snapshot(profile?.header),
		footer: $state.snapshot(profile?.footer),
		images: $state.snapshot(profile?.pdfImages)
	});
	// A profile saved before logos were stored as the PDF embeds them gets them now, once.
	if (profile && !pdfImagesStored(profile)) void storePdfImages().catch(() => undefined);
}

async function storePdfImages(): Promise<void> {
	const { sellerStore } = await import('./seller.svelte.js');
	const current = await sellerStore.current();
	const pdfImages = await pdfImagesFor(current.header, current.footer, current.pdfImages);
	invoiceSources.profile = await sellerStore.update((profile) => ({ ...profile, pdfImages }));
}

/**
 * The live PDF preview: renders the document in the PDF worker a moment after the last change,
 * so typing stays smooth, and keeps the newest rendering as an object URL.
 */
export class InvoicePdfPreview {
	url = $state<string>();
	rendering = $state(false);
	failed = $state<string>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;

	constructor(private readonly delayMs = 400) {
		warmInvoicePdf();
	}

	update(document: InvoiceDocument | undefined): void {
		clearTimeout(this.#timer);
		if (!document) return;
		const generation = ++this.#generation;
		this.#timer = setTimeout(() => void this.#render(document, generation), this.delayMs);
	}

	async #render(document: InvoiceDocument, generation: number): Promise<void> {
		this.rendering = true;
		try {
			const profile = invoiceSources.profile;
			const result = await (
				await pdfWorker()
			).render($state.snapshot(document) as InvoiceDocument, {
				header: $state.snapshot(profile?.header),
				footer: $state.snapshot(profile?.footer),
				images: $state.snapshot(profile?.pdfImages),
				acceptanceTerms: profile?.quoteTerms?.[document.language]
			});
			if (generation !== this.#generation || result.status === 'superseded') return;
			if (result.status === 'failed') throw new Error(result.message);
			const previous = this.url;
			this.url = URL.createObjectURL(
				new Blob([result.pdf.bytes.slice()], { type: 'application/pdf' })
			);
			this.failed = undefined;
			if (previous) URL.revokeObjectURL(previous);
		} catch (error) {
			this.failed = (error as Error).message;
		} finally {
			if (generation === this.#generation) this.rendering = false;
		}
	}

	dispose(): void {
		clearTimeout(this.#timer);
		this.#generation++;
		if (this.url) URL.revokeObjectURL(this.url);
		this.url = undefined;
	}
}
