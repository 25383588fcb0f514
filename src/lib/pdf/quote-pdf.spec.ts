import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Language } from '$lib/language';
import { buildInvoiceDocument } from '../../../tests/factories';
import { invoicePdfFileName, renderInvoicePdf } from './index';
import { invoicePdfView } from './invoice-view';
import { LABELS } from './labels';

async function text(bytes: Uint8Array): Promise<string> {
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
		mergePages: true
	});
	return text.replace(/\s+/g, ' ');
}

const quote = (language: Language = 'nl') =>
	buildInvoiceDocument({
		type: 'quote',
		number: 'Q-2026-0003',
		dueDate: '2026-06-16',
		paymentReference: undefined,
		language
	});

describe('the quote PDF', () => {
	it('is titled as a quote, says until when it is valid and asks for no payment', async () => {
		const pdf = await renderInvoicePdf(quote());
		const printed = await text(pdf.bytes);
		expect(printed).toContain('Offerte');
		expect(printed).toContain('Q-2026-0003');
		expect(printed).toContain('Offertedatum 17/05/2026 Geldig tot 16/06/2026');
		expect(printed).not.toContain('Factuur');
		expect(printed).not.toContain('Vervaldatum');
		expect(printed).not.toContain('Te betalen');
		expect(printed).toContain(LABELS.nl.acceptanceTerms.slice(0, 40));
		const { view } = invoicePdfView(quote());
		expect(view.payment).toBeUndefined();
		expect(invoicePdfFileName(quote(), 'nl')).toBe('Offerte-Q-2026-0003.pdf');
	});

	it.each([
		['nl', 'Offerte'],
		['fr', 'Devis'],
		['en', 'Quote'],
		['de', 'Angebot']
	] as const)('in %s is titled “%s”, with that language’s default terms', (language, title) => {
		const { view } = invoicePdfView(quote(language));
		expect(view.title).toBe(title);
		expect(view.mentions.at(-1)).toBe(LABELS[language].acceptanceTerms);
	});

	it('prints the seller’s own acceptance terms instead of the default', () => {
		const { view } = invoicePdfView(quote(), { acceptanceTerms: 'Akkoord binnen 14 dagen.' });
		expect(view.mentions.at(-1)).toBe('Akkoord binnen 14 dagen.');
		expect(view.mentions).not.toContain(LABELS.nl.acceptanceTerms);
	});

	it('keeps the invoice as it was, and names the quote an invoice came from', () => {
		const { view } = invoicePdfView(buildInvoiceDocument({ quoteReference: 'Q-2026-0003' }));
		expect(view.title).toBe('Factuur');
		expect(view.payment).toBeDefined();
		expect(view.metadata).toContainEqual({ label: 'Offerte', value: 'Q-2026-0003' });
		expect(view.mentions).not.toContain(LABELS.nl.acceptanceTerms);
	});
});
