/** Peppol BIS Billing 3.0 identifiers (Peppol Code Lists, document types and processes). */
export const PARTICIPANT_SCHEME = 'iso6523-actorid-upis';
export const DOCUMENT_SCHEME = 'busdox-docid-qns';
export const BILLING_PROCESS = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const AS4_TRANSPORT_PROFILE = 'peppol-transport-as4-v2_0';

export const DOCUMENT_TYPE_IDS = {
	invoice:
		'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1',
	'credit-note':
		'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1'
} as const;

export type PeppolDocumentType = keyof typeof DOCUMENT_TYPE_IDS;
