/** Fixed identifiers and code values of Peppol BIS Billing 3.0 (domain-belgium.md §2). */

/** BT-24. */
export const BIS_CUSTOMIZATION_ID =
	'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
/** BT-23. */
export const BIS_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

export const NAMESPACES = {
	invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
	cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
	xmlns: 'http://www.w3.org/2000/xmlns/'
} as const;

/** The parts of the document that differ between an Invoice (380) and a CreditNote (381). */
export interface DocumentKind {
	root: 'Invoice' | 'CreditNote';
	namespace: string;
	/** BT-3 element and value. */
	typeCodeElement: 'InvoiceTypeCode' | 'CreditNoteTypeCode';
	typeCode: '380' | '381';
	lineElement: 'InvoiceLine' | 'CreditNoteLine';
	quantityElement: 'InvoicedQuantity' | 'CreditedQuantity';
}

export const INVOICE_KIND: DocumentKind = {
	root: 'Invoice',
	namespace: NAMESPACES.invoice,
	typeCodeElement: 'InvoiceTypeCode',
	typeCode: '380',
	lineElement: 'InvoiceLine',
	quantityElement: 'InvoicedQuantity'
};

export const CREDIT_NOTE_KIND: DocumentKind = {
	root: 'CreditNote',
	namespace: NAMESPACES.creditNote,
	typeCodeElement: 'CreditNoteTypeCode',
	typeCode: '381',
	lineElement: 'CreditNoteLine',
	quantityElement: 'CreditedQuantity'
};

/** BT-81 UNCL4461: 58 SEPA credit transfer, 30 any other credit transfer. */
export const SEPA_CREDIT_TRANSFER = '58';
export const CREDIT_TRANSFER = '30';

/**
 * Countries whose IBANs take part in SEPA (EPC list: EU/EEA, CH, GB, MC, SM, VA, AD, AL, ME, MD,
 * MK, RS); an IBAN from elsewhere gets code 30.
 */
const SEPA_IBAN_COUNTRIES = new Set(
	(
		'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE ' +
		'IS LI NO CH GB MC SM VA AD AL ME MD MK RS GI'
	).split(' ')
);

export function paymentMeansCodeFor(iban: string): string {
	return SEPA_IBAN_COUNTRIES.has(iban.slice(0, 2)) ? SEPA_CREDIT_TRANSFER : CREDIT_TRANSFER;
}

/** BT-140 UNCL5189 95 "Discount", for the percentage discount on a line. */
export const LINE_DISCOUNT_REASON_CODE = '95';

/** BT-32 is a PartyTaxScheme whose scheme is not VAT; BIS examples use "TAX". */
export const TAX_REGISTRATION_SCHEME = 'TAX';
export const VAT_SCHEME = 'VAT';

/** ISO 6523 ICD of the Belgian enterprise number (KBO/BCE), EAS and legal-entity scheme alike. */
export const BELGIAN_ENTERPRISE_SCHEME = '0208';

/**
 * Media types of common file extensions, the ones Peppol accepts (PEPPOL-EN16931-CL001) and
 * the everyday ones it refuses, to catch a file whose name contradicts its declared type.
 */
export const MIME_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	csv: 'text/csv',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	odt: 'application/vnd.oasis.opendocument.text',
	rtf: 'application/rtf',
	txt: 'text/plain',
	xls: 'application/vnd.ms-excel',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odp: 'application/vnd.oasis.opendocument.presentation',
	zip: 'application/zip',
	xml: 'application/xml',
	html: 'text/html',
	htm: 'text/html',
	json: 'application/json',
	gif: 'image/gif',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	bmp: 'image/bmp',
	webp: 'image/webp',
	heic: 'image/heic',
	svg: 'image/svg+xml',
	eml: 'message/rfc822',
	msg: 'application/vnd.ms-outlook'
};
