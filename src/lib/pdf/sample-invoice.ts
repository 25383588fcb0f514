/**
 * A realistic invoice of a Flemish sole trader, used by the bench, the README picture and
 * the PDF tests. It is sample data and says so; nothing in the app prints it.
 */
// Values from modules without zod schemas only: the PDF worker's warm-up draws this invoice and
// must not load zod (pdf-request-check.ts says why).
import type { InvoiceDocument } from '$lib/document';
import {
	INVOICE_DOCUMENT_FORMAT,
	INVOICE_DOCUMENT_VERSION
} from '$lib/document/invoice-document-format';
import type { InvoiceLine } from '$lib/invoice';
import { defaultVatCodes, DEFAULT_VAT_CODE_IDS } from '$lib/vat/default-vat-codes';

const LINES: InvoiceLine[] = [
	{ type: 'text', text: 'Project: nieuwe website en huisstijl Brouwerij De Kroon' },
	{
		type: 'item',
		description:
			"Webdesign: ontwerp van de homepage en zes subpagina's, twee feedbackrondes inbegrepen",
		quantity: '18',
		unitCode: 'HUR',
		unitPrice: '75',
		vatCodeId: DEFAULT_VAT_CODE_IDS.standard21
	},
	{
		type: 'item',
		description: 'Fotoshoot in de brouwerij (halve dag), nabewerking van 40 beelden',
		quantity: '1',
		unitCode: 'C62',
		unitPrice: '450',
		vatCodeId: DEFAULT_VAT_CODE_IDS.standard21,
		discountPercent: '10'
	},
	{
		type: 'item',
		description: 'Hosting en onderhoud, januari–december 2026',
		quantity: '12',
		unitCode: 'MON',
		unitPrice: '19.95',
		vatCodeId: DEFAULT_VAT_CODE_IDS.standard21
	},
	{
		type: 'item',
		description: 'Boek „Brouwen in Vlaanderen” (cadeau voor het team)',
		quantity: '2',
		unitCode: 'C62',
		unitPrice: '29.5',
		vatCodeId: DEFAULT_VAT_CODE_IDS.reduced6
	},
	{ type: 'text', text: 'Levering en installatie op locatie, Marktplein 12, Antwerpen.' }
];

function manyLines(count: number): InvoiceLine[] {
	return Array.from({ length: count }, (_, index): InvoiceLine => {
		if (index % 25 === 0)
			return { type: 'text', text: `Week ${index / 25 + 1}: ontwikkeling en ondersteuning` };
		return {
			type: 'item',
			description:
				index % 9 === 0
					? `Ticket #${1000 + index}: aanpassing van het bestelformulier, validatie van btw-nummers en e-mailbevestiging voor de klant`
					: `Ticket #${1000 + index}: kleine wijziging`,
			quantity: ['1', '1.25', '1.5', '1.75'][index % 4] ?? '1',
			unitCode: 'HUR',
			unitPrice: '75',
			vatCodeId: DEFAULT_VAT_CODE_IDS.standard21
		};
	});
}

/** The sample invoice; `lineCount` replaces the lines with that many generated ones. */
export function sampleInvoiceDocument(lineCount?: number): InvoiceDocument {
	const lines = lineCount === undefined ? LINES : manyLines(lineCount);
	const used = new Set(lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : [])));
	return {
		format: INVOICE_DOCUMENT_FORMAT,
		version: INVOICE_DOCUMENT_VERSION,
		type: 'invoice',
		number: '2026-0042',
		issueDate: '2026-03-16',
		dueDate: '2026-04-15',
		deliveryDate: '2026-03-13',
		language: 'nl',
		currency: 'EUR',
		seller: {
			name: 'Lotte Janssens',
			tradingName: 'Atelier Janssens',
			address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', countryCode: 'BE' },
			enterpriseNumber: '0123456749',
			vatNumber: 'BE0123456749',
			smallBusinessExemption: false,
			iban: 'BE68539007547034',
			bic: 'GKCCBEBB',
			email: 'hallo@atelierjanssens.be',
			phone: '+32 9 123 45 67'
		},
		buyer: {
			kind: 'business',
			name: 'Brouwerij De Kroon bv',
			contactName: 'Élodie Lefèvre',
			vatNumber: 'BE0417497106',
			address: {
				street: 'Marktplein 12',
				postalCode: '2000',
				city: 'Antwerpen',
				countryCode: 'BE'
			},
			language: 'nl'
		},
		buyerReference: 'PO-7781',
		lines,
		vatCodes: defaultVatCodes.filter((code) => used.has(code.id)),
		cashDiscount: { percent: '2', days: 14 },
		paymentReference: '000000004242',
		attachments: []
	};
}

/** The seller's header as the tiptap editor stores it: logo, name, tagline and a link. */
export function sampleHeader(logoDataUrl: string): unknown {
	return {
		type: 'doc',
		content: [
			{ type: 'image', attrs: { src: logoDataUrl, alt: 'Atelier Janssens', width: 180 } },
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'Webdesign, fotografie en huisstijl — ' },
					{
						type: 'text',
						marks: [{ type: 'link', attrs: { href: 'https://atelierjanssens.be' } }],
						text: 'atelierjanssens.be'
					}
				]
			}
		]
	};
}

export function sampleFooter(): unknown {
	return {
		type: 'doc',
		content: [
			{
				type: 'paragraph',
				attrs: { textAlign: 'center' },
				content: [
					{ type: 'text', marks: [{ type: 'bold' }], text: 'Atelier Janssens' },
					{
						type: 'text',
						text: ' · Kerkstraat 1, 9000 Gent · BTW BE 0123.456.749 · IBAN BE68 5390 0754 7034 · hallo@atelierjanssens.be'
					}
				]
			}
		]
	};
}
