import type { InvoiceDocument } from '$lib/document';
import { renderInvoicePdf } from '$lib/pdf';
import { invoiceSources } from './invoice-sources.svelte.js';

/**
 * The live PDF preview: renders the document a moment after the last change, so typing stays
 * smooth, and keeps the newest rendering as an object URL.
 */
export class InvoicePdfPreview {
	url = $state<string>();
	rendering = $state(false);
	failed = $state<string>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;

	constructor(private readonly delayMs = 400) {}

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
			const pdf = await renderInvoicePdf(document, {
				header: profile?.header,
				footer: profile?.footer,
				acceptanceTerms: profile?.quoteTerms?.[document.language]
			});
			if (generation !== this.#generation) return;
			const previous = this.url;
			this.url = URL.createObjectURL(new Blob([pdf.bytes.slice()], { type: 'application/pdf' }));
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
