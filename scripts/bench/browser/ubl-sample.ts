/**
 * The invoice the rules bench validates: realistic, of any number of lines, turned into Peppol BIS
 * UBL as the app does before sending. Bench-only, so it lives in the bench bundle.
 */
import {
	INVOICE_DOCUMENT_FORMAT,
	INVOICE_DOCUMENT_VERSION,
	type InvoiceDocument
} from '$lib/document';
import type { InvoiceLine } from '$lib/invoice';
import { DEFAULT_VAT_CODE_IDS as ID, defaultVatCodes } from '$lib/vat';

const LINE_KINDS = [
	{
		description: 'Front-end ontwikkeling',
		unitCode: 'HUR',
		unitPrice: '82.5',
		vatCodeId: ID.standard21
	},
	{
		description: 'Kabel XVB 3G2,5 (per meter)',
		unitCode: 'MTR',
		unitPrice: '0.9375',
		vatCodeId: ID.standard21
	},
	{
		description: 'Renovatiewerken woning > 10 jaar',
		unitCode: 'HUR',
		unitPrice: '48',
		vatCodeId: ID.reduced6
	},
	{
		description: 'Walking dinner, per persoon',
		unitCode: 'C62',
		unitPrice: '38.5',
		vatCodeId: ID.reduced12
	}
] as const;

/** A Belgian B2B invoice with mixed rates, line discounts, a heading every 25 lines and a cash discount. */
export function sampleUblDocument(itemCount: number): InvoiceDocument {
	const lines: InvoiceLine[] = [];
	for (let index = 0; index < itemCount; index++) {
		if (index % 25 === 0) lines.push({ type: 'text', text: `Lot ${index / 25 + 1}` });
		const kind = LINE_KINDS[index % LINE_KINDS.length] ?? LINE_KINDS[0];
		lines.push({
			type: 'item',
			...kind,
			description: `${kind.description} – pos. ${index + 1}`,
			quantity: String((index % 7) + 1.5),
			...(index % 5 === 0 ? { discountPercent: '5' } : {})
		});
	}
	const used = new Set<string>(LINE_KINDS.map((kind) => kind.vatCodeId));
	return {
		format: INVOICE_DOCUMENT_FORMAT,
		version: INVOICE_DOCUMENT_VERSION,
		type: 'invoice',
		number: `2026-${String(itemCount).padStart(4, '0')}`,
		issueDate: '2026-05-17',
		dueDate: '2026-06-16',
		language: 'nl',
		currency: 'EUR',
		seller: {
			name: 'Jan Peeters & Zonen',
			tradingName: 'Peeters Webdesign',
			legalForm: 'Eenmanszaak',
			address: { street: 'Kerkstraat 12', postalCode: '9000', city: 'Gent', countryCode: 'BE' },
			enterpriseNumber: '0123456749',
			vatNumber: 'BE0123456749',
			smallBusinessExemption: false,
			iban: 'BE68539007547034',
			bic: 'GEBABEBB',
			email: 'jan@peeters-webdesign.be',
			phone: '+32 9 234 56 78',
			peppolId: '0208:0123456749'
		},
		buyer: {
			kind: 'business',
			name: 'Acme Logistics NV',
			vatNumber: 'BE0417497106',
			enterpriseNumber: '0417497106',
			address: { street: 'Meir 10', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' },
			email: 'ap@acme-logistics.be',
			customerReference: 'PO-4711',
			peppolId: '0208:0417497106'
		},
		lines,
		vatCodes: defaultVatCodes.filter((code) => used.has(code.id)),
		cashDiscount: { percent: '2', days: 14 },
		paymentReference: '000000000101',
		paymentTerms: 'Te betalen binnen 30 dagen na factuurdatum.',
		attachments: []
	};
}
